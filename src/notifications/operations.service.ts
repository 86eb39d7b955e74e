import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { conflict, notFound } from '../common/errors/domain-error';
import { Page } from '../common/pagination/list-query.dto';
import { QUEUES, QueueName } from '../queue/queues';
import { EmailList, FailedJobList } from './dto/notifications.dto';

/** What administrators see of delivery: e-mails (kept, sent, failed) and jobs that gave up. */
@Injectable()
export class OperationsService {
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.notifications) notifications: Queue,
    @InjectQueue(QUEUES.reminders) reminders: Queue,
    @InjectQueue(QUEUES.documents) documents: Queue,
  ) {
    this.queues = { notifications, reminders, documents };
  }

  async emails(status: string | undefined, page: Page): Promise<EmailList> {
    const [{ total }] = await this.db.query('SELECT count(*)::int AS total FROM emails WHERE $1::text IS NULL OR status = $1', [status ?? null]);
    const rows = await this.db.query(
      `SELECT id, event_key, user_id, to_address, subject, text_body, status, attempts, last_error, created_at, sent_at
       FROM emails WHERE $1::text IS NULL OR status = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [status ?? null, page.limit, page.offset],
    );
    return {
      items: rows.map((e: Record<string, never>) => ({
        id: e.id,
        eventKey: e.event_key,
        userId: e.user_id,
        to: e.to_address,
        subject: e.subject,
        text: e.text_body,
        status: e.status,
        attempts: e.attempts,
        lastError: e.last_error,
        createdAt: (e.created_at as Date).toISOString(),
        sentAt: (e.sent_at as Date | null)?.toISOString() ?? null,
      })),
      total,
    };
  }

  async failedJobs(page: Page): Promise<FailedJobList> {
    const all = [];
    for (const [name, queue] of Object.entries(this.queues)) {
      for (const job of await queue.getFailed(0, 1000)) {
        all.push({
          queue: name,
          id: String(job.id),
          name: job.name,
          data: job.data,
          attemptsMade: job.attemptsMade,
          failedReason: job.failedReason,
          finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
        });
      }
    }
    all.sort((a, b) => (b.finishedAt ?? '').localeCompare(a.finishedAt ?? ''));
    return { items: all.slice(page.offset, page.offset + page.limit), total: all.length };
  }

  /** Puts a failed job back in its queue; its failed e-mails become pending again. */
  async retry(queueName: string, id: string): Promise<void> {
    const queue = this.queues[queueName as QueueName];
    const job = queue ? await queue.getJob(id) : undefined;
    if (!job) throw notFound({ vi: 'công việc trong hàng đợi', en: 'job' });
    if (!(await job.isFailed())) throw conflict('job_not_failed', { vi: 'Công việc này không ở trạng thái thất bại.', en: 'This job has not failed.' });
    if (job.name === 'send-emails')
      await this.db.query(`UPDATE emails SET status = 'pending' WHERE event_key = $1 AND batch = $2 AND status = 'failed'`, [
        job.data.eventKey,
        job.data.batch,
      ]);
    if (job.name === 'send-email') await this.db.query(`UPDATE emails SET status = 'pending' WHERE id = $1 AND status = 'failed'`, [job.data.emailId]);
    await job.retry('failed');
  }
}
