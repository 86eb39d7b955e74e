import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { Mailer } from './mailer';

interface EmailRow {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
}

/**
 * Sends one e-mail row. Only a row still "pending" is sent, and it is marked "sent" right after the
 * relay accepts it, so a redelivered job sends nothing twice. Without SMTP the e-mail is "kept".
 */
@Injectable()
export class EmailsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {}

  async send(emailId: string, job?: Pick<Job, 'attemptsMade' | 'opts'>): Promise<'sent' | 'kept' | 'skipped'> {
    const [row]: EmailRow[] = await this.db.query(`SELECT id, to_address, subject, text_body, html_body FROM emails WHERE id = $1 AND status = 'pending'`, [
      emailId,
    ]);
    if (!row) return 'skipped';
    if (!this.mailer.configured) {
      await this.db.query(`UPDATE emails SET status = 'kept', attempts = attempts + 1 WHERE id = $1 AND status = 'pending'`, [emailId]);
      return 'kept';
    }
    try {
      await this.mailer.send({ id: row.id, to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body });
    } catch (err) {
      const final = job ? job.attemptsMade + 1 >= (job.opts.attempts ?? 1) : false;
      await this.db.query(`UPDATE emails SET attempts = attempts + 1, last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END WHERE id = $1`, [
        emailId,
        (err as Error).message.slice(0, 2000),
        final,
      ]);
      throw err;
    }
    await this.db.query(`UPDATE emails SET status = 'sent', attempts = attempts + 1, sent_at = $2, last_error = NULL WHERE id = $1`, [
      emailId,
      this.clock.now(),
    ]);
    return 'sent';
  }
}
