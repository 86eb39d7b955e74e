import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { currentRequestId } from '../observability/request-context';
import { JobName, jobId, QUEUES } from '../queue/queues';
import type { Message } from './domain/messages';
import { renderEmail } from './email/email-renderer';
import type { Recipient } from './recipients';

/** E-mail rows per `send-emails` job: a job and two statements for 50 e-mails, not for each. */
export const EMAIL_BATCH = 50;

interface Row {
  r: Recipient;
  m: Message;
}

interface JobSpec {
  name: JobName;
  data: object;
  opts: { jobId: string };
}

/** The job that sends one batch of an event's e-mails; its id from the event key and the number. */
const emailsJob = (eventKey: string, batch: number, requestId: string | undefined): JobSpec => ({
  name: 'send-emails',
  data: { eventKey, batch, requestId },
  opts: { jobId: jobId.emails(eventKey, batch) },
});

/**
 * Delivers one message to its recipients: an in-app notification and an e-mail row each, keyed by
 * (event, recipient) so that doing it twice adds nothing; then a send job per batch of e-mails still
 * pending.
 */
@Injectable()
export class Deliveries {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * The first batch of e-mails, its send job, then every in-app notice, then each further batch and
   * its job: the relay has the first 50 while the rest are written, and the notices are readable a
   * moment later whatever happens to the later batches. Each of these writes is one statement, which
   * commits alone. A delivery cut halfway (a killed worker, Redis or the database gone) is finished
   * by its job's next attempt, which adds only the rows still missing and sends what an earlier
   * attempt left pending.
   */
  async deliver(eventKey: string, recipients: Recipient[], message: (r: Recipient) => Message): Promise<void> {
    const rows = this.rows(recipients, message);
    const enqueued = new Set<number>();
    for (let i = 0; i < rows.length; i += EMAIL_BATCH) {
      const batch = await this.insertEmails(this.db.manager, eventKey, rows.slice(i, i + EMAIL_BATCH));
      if (batch !== null) {
        const job = emailsJob(eventKey, batch, currentRequestId());
        await this.queue.add(job.name, job.data, job.opts);
        enqueued.add(batch);
      }
      if (i === 0) await this.insertNotifications(this.db.manager, eventKey, rows);
    }
    await this.sendPending(eventKey, enqueued);
  }

  /** The rows of a delivery, in the caller's transaction (a digest writes them as it closes). */
  async write(em: EntityManager, eventKey: string, recipients: Recipient[], message: (r: Recipient) => Message): Promise<void> {
    const rows = this.rows(recipients, message);
    if (rows.length === 0) return;
    await this.insertNotifications(em, eventKey, rows);
    await this.insertEmails(em, eventKey, rows);
  }

  /**
   * A send job for every batch of this event with an e-mail still pending, new or left by an earlier
   * attempt, but those this attempt has just added; a row written before the batches (no batch) has
   * its own job, as it had.
   */
  async sendPending(eventKey: string, enqueued: ReadonlySet<number> = new Set()): Promise<void> {
    const pending: { batch: number | null; ids: string[] }[] = await this.db.query(
      `SELECT batch, CASE WHEN batch IS NULL THEN array_agg(id) END AS ids FROM emails WHERE event_key = $1 AND status = 'pending' GROUP BY batch`,
      [eventKey],
    );
    const requestId = currentRequestId();
    const jobs = pending.flatMap<JobSpec>(({ batch, ids }) =>
      batch === null
        ? ids.map((emailId) => ({ name: 'send-email', data: { emailId, requestId }, opts: { jobId: jobId.email(emailId) } }))
        : enqueued.has(batch)
          ? []
          : [emailsJob(eventKey, batch, requestId)],
    );
    if (jobs.length) await this.queue.addBulk(jobs);
  }

  private rows(recipients: Recipient[], message: (r: Recipient) => Message): Row[] {
    return [...new Map(recipients.map((r) => [r.id, r])).values()].map((r) => ({ r, m: message(r) }));
  }

  private async insertNotifications(em: EntityManager, eventKey: string, rows: Row[]): Promise<void> {
    const url = this.config.publicUrl;
    await em.query(
      `INSERT INTO notifications (event_key, user_id, kind, title, body, link, subject_type, subject_id, items, created_at)
       SELECT $1, x.user_id, x.kind, x.title, x.body, x.link, x.subject_type, x.subject_id, x.items, $2
       FROM jsonb_to_recordset($3::jsonb) AS x(user_id uuid, kind text, title text, body text, link text, subject_type text, subject_id uuid, items jsonb)
       ON CONFLICT (event_key, user_id) DO NOTHING`,
      [
        eventKey,
        this.clock.now(),
        JSON.stringify(
          rows.map(({ r, m }) => ({
            user_id: r.id,
            kind: m.kind,
            title: m.title,
            body: m.body,
            link: `${url}${m.path}`,
            subject_type: m.subject.type,
            subject_id: m.subject.id,
            items: m.items?.map((i) => ({ text: i.text, link: `${url}${i.path}` })) ?? null,
          })),
        ),
      ],
    );
  }

  /**
   * The e-mail rows not yet written, EMAIL_BATCH to a batch, numbered after any of this key's earlier
   * ones (a retried delivery that finds a new recipient): a number is never given twice, so its job id
   * never names a batch already sent. Returns the first batch given, or null when every row was there.
   */
  private async insertEmails(em: EntityManager, eventKey: string, rows: Row[]): Promise<number | null> {
    const url = this.config.publicUrl;
    const emails = rows.map(({ r, m }, i) => ({ user_id: r.id, to_address: r.email, batch: Math.floor(i / EMAIL_BATCH), ...renderEmail(m, r.fullName, url) }));
    const written: { batch: number }[] = await em.query(
      `INSERT INTO emails (event_key, user_id, to_address, subject, text_body, html_body, status, created_at, batch)
       SELECT $1, x.user_id, x.to_address, x.subject, x.text, x.html, 'pending', $2, b.next + x.batch
       FROM jsonb_to_recordset($3::jsonb) AS x(user_id uuid, to_address text, subject text, text text, html text, batch integer),
            (SELECT coalesce(max(batch) + 1, 0) AS next FROM emails WHERE event_key = $1) b
       ON CONFLICT (event_key, user_id) DO NOTHING
       RETURNING batch`,
      [eventKey, this.clock.now(), JSON.stringify(emails)],
    );
    return written.length ? Math.min(...written.map((w) => w.batch)) : null;
  }
}
