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

  async deliver(eventKey: string, recipients: Recipient[], message: (r: Recipient) => Message): Promise<void> {
    await this.db.transaction((em) => this.write(em, eventKey, recipients, message));
    await this.sendPending(eventKey);
  }

  /** The rows of a delivery, in the caller's transaction (a digest writes them as it closes). */
  async write(em: EntityManager, eventKey: string, recipients: Recipient[], message: (r: Recipient) => Message): Promise<void> {
    const unique = [...new Map(recipients.map((r) => [r.id, r])).values()];
    if (unique.length === 0) return;
    const now = this.clock.now();
    const url = this.config.publicUrl;
    const rows = unique.map((r) => ({ r, m: message(r) }));
    await em.query(
      `INSERT INTO notifications (event_key, user_id, kind, title, body, link, subject_type, subject_id, items, created_at)
       SELECT $1, x.user_id, x.kind, x.title, x.body, x.link, x.subject_type, x.subject_id, x.items, $2
       FROM jsonb_to_recordset($3::jsonb) AS x(user_id uuid, kind text, title text, body text, link text, subject_type text, subject_id uuid, items jsonb)
       ON CONFLICT (event_key, user_id) DO NOTHING`,
      [
        eventKey,
        now,
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
    // Batches numbered after any of this key's earlier ones (a retried delivery that finds a new
    // recipient): a number is never given twice, so its job id never names a batch already sent.
    const emails = rows.map(({ r, m }, i) => ({ user_id: r.id, to_address: r.email, batch: Math.floor(i / EMAIL_BATCH), ...renderEmail(m, r.fullName, url) }));
    await em.query(
      `INSERT INTO emails (event_key, user_id, to_address, subject, text_body, html_body, status, created_at, batch)
       SELECT $1, x.user_id, x.to_address, x.subject, x.text, x.html, 'pending', $2, b.next + x.batch
       FROM jsonb_to_recordset($3::jsonb) AS x(user_id uuid, to_address text, subject text, text text, html text, batch integer),
            (SELECT coalesce(max(batch) + 1, 0) AS next FROM emails WHERE event_key = $1) b
       ON CONFLICT (event_key, user_id) DO NOTHING`,
      [eventKey, now, JSON.stringify(emails)],
    );
  }

  /**
   * A send job for every batch of this event with an e-mail still pending, new or left by an earlier
   * attempt; a row written before the batches (no batch) has its own job, as it had.
   */
  async sendPending(eventKey: string): Promise<void> {
    const pending: { batch: number | null; ids: string[] }[] = await this.db.query(
      `SELECT batch, CASE WHEN batch IS NULL THEN array_agg(id) END AS ids FROM emails WHERE event_key = $1 AND status = 'pending' GROUP BY batch`,
      [eventKey],
    );
    if (pending.length === 0) return;
    const requestId = currentRequestId();
    const jobs = pending.flatMap<{ name: JobName; data: object; opts: { jobId: string } }>(({ batch, ids }) =>
      batch === null
        ? ids.map((emailId) => ({ name: 'send-email', data: { emailId, requestId }, opts: { jobId: jobId.email(emailId) } }))
        : [{ name: 'send-emails', data: { eventKey, batch, requestId }, opts: { jobId: jobId.emails(eventKey, batch) } }],
    );
    await this.queue.addBulk(jobs);
  }
}
