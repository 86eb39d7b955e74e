import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { Mailer } from './mailer';
import { SentMarks } from './sent-marks';

interface EmailRow {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
}

export interface SendOutcome {
  sent: number;
  kept: number;
}

type Attempt = Pick<Job, 'attemptsMade' | 'opts'>;

const COLUMNS = 'id, to_address, subject, text_body, html_body';

/**
 * Sends e-mail rows. Only a row still "pending" is sent, and it is marked "sent" within 10 ms of the
 * relay accepting it (SentMarks), so a redelivered job sends nothing twice. Without SMTP the e-mail is
 * "kept". The rows of a batch go to the mailer's pool together; one that the relay refuses keeps its
 * error and stays pending for the job's next attempt (which sends only what is still pending), or is
 * "failed" after the last.
 */
@Injectable()
export class EmailsService {
  private readonly marks: SentMarks;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {
    this.marks = new SentMarks(db);
  }

  /** The pending rows of one delivery's batch (`send-emails`). */
  async sendBatch(eventKey: string, batch: number, job?: Attempt): Promise<SendOutcome> {
    const rows: EmailRow[] = await this.db.query(`SELECT ${COLUMNS} FROM emails WHERE event_key = $1 AND batch = $2 AND status = 'pending' ORDER BY id`, [
      eventKey,
      batch,
    ]);
    return this.sendRows(rows, job);
  }

  /** One row (`send-email`: rows written before the batches). */
  async send(emailId: string, job?: Attempt): Promise<SendOutcome> {
    const rows: EmailRow[] = await this.db.query(`SELECT ${COLUMNS} FROM emails WHERE id = $1 AND status = 'pending'`, [emailId]);
    return this.sendRows(rows, job);
  }

  private async sendRows(rows: EmailRow[], job: Attempt | undefined): Promise<SendOutcome> {
    if (rows.length === 0) return { sent: 0, kept: 0 };
    const ids = rows.map((r) => r.id);
    if (!this.mailer.configured) {
      await this.db.query(`UPDATE emails SET status = 'kept', attempts = attempts + 1 WHERE id = ANY($1::uuid[]) AND status = 'pending'`, [ids]);
      return { sent: 0, kept: rows.length };
    }
    const refused: { id: string; error: Error }[] = [];
    const unmarked: Error[] = [];
    await Promise.all(
      rows.map(async (row) => {
        try {
          await this.mailer.send({ id: row.id, to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body });
        } catch (err) {
          refused.push({ id: row.id, error: err as Error });
          return;
        }
        // Accepted: the row is marked sent (with the next statement), or the job fails and sends it again.
        await this.marks.mark(row.id, this.clock.now()).catch((err: Error) => unmarked.push(err));
      }),
    );
    if (refused.length) {
      const final = job ? job.attemptsMade + 1 >= (job.opts.attempts ?? 1) : false;
      await this.db.query(
        `UPDATE emails e SET attempts = e.attempts + 1, last_error = x.error, status = CASE WHEN $3 THEN 'failed' ELSE e.status END
         FROM unnest($1::uuid[], $2::text[]) AS x(id, error) WHERE e.id = x.id`,
        [refused.map((r) => r.id), refused.map((r) => r.error.message.slice(0, 2000)), final],
      );
      throw new Error(`${refused.length} of ${rows.length} e-mails not accepted: ${refused[0].error.message}`);
    }
    if (unmarked.length) throw unmarked[0];
    return { sent: rows.length, kept: 0 };
  }
}
