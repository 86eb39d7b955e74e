import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { pendingAgencyIds } from '../consultation/pending-agencies';
import { AppConfig } from '../config/app-config';
import { JobPayloads, jobId, QUEUES } from '../queue/queues';
import { Deliveries } from './deliveries';
import { MESSAGES } from './domain/messages';
import { endOfDueDate, reminderTimes } from './domain/reminder-times';
import { usersOfAgencies } from './recipients';

/**
 * Reminders are delayed jobs, never timers: N processes send each one once. Each checks, when it
 * fires, that it still applies (round open, same deadline; directive open, same due date) and goes
 * only to those who have not answered by then.
 */
@Injectable()
export class RemindersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.reminders) private readonly queue: Queue,
    private readonly deliveries: Deliveries,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async scheduleRound(roundId: string, deadline: Date): Promise<void> {
    const now = this.clock.now();
    const jobs = reminderTimes(deadline, this.config.reminderOffsetsMs, now).map(({ offsetMs, at }) => {
      const data: JobPayloads['round-reminder'] = { roundId, offsetMs, deadline: deadline.toISOString() };
      return { name: 'round-reminder', data, opts: { jobId: jobId.roundReminder(data), delay: at.getTime() - now.getTime() } };
    });
    if (jobs.length) await this.queue.addBulk(jobs);
  }

  async cancelRound(roundId: string, deadline: Date): Promise<void> {
    for (const offsetMs of [...this.config.reminderOffsetsMs, 0]) {
      await this.queue.remove(jobId.roundReminder({ roundId, offsetMs, deadline: deadline.toISOString() }));
    }
  }

  async fireRound(p: JobPayloads['round-reminder']): Promise<void> {
    const [round]: { status: string; deadline: Date; plan_title: string }[] = await this.db.query(
      'SELECT r.status, r.deadline, p.title AS plan_title FROM rounds r JOIN plans p ON p.id = r.plan_id WHERE r.id = $1',
      [p.roundId],
    );
    if (!round || round.status !== 'open' || round.deadline.getTime() !== Date.parse(p.deadline)) return;
    const recipients = await usersOfAgencies(this.db, await pendingAgencyIds(this.db, p.roundId));
    const message = MESSAGES.roundReminder({ planTitle: round.plan_title, deadline: round.deadline, roundId: p.roundId, offsetMs: p.offsetMs });
    await this.deliveries.deliver(jobId.roundReminder(p), recipients, () => message);
  }

  async scheduleDirective(directiveId: string, dueDate: string): Promise<void> {
    const now = this.clock.now();
    const jobs = reminderTimes(endOfDueDate(dueDate), this.config.reminderOffsetsMs, now).map(({ offsetMs, at }) => {
      const data: JobPayloads['directive-reminder'] = { directiveId, offsetMs, dueDate };
      return { name: 'directive-reminder', data, opts: { jobId: jobId.directiveReminder(data), delay: at.getTime() - now.getTime() } };
    });
    if (jobs.length) await this.queue.addBulk(jobs);
  }

  async fireDirective(p: JobPayloads['directive-reminder']): Promise<void> {
    const [d]: { status: string; due_date: string; agency_id: string; task: string }[] = await this.db.query(
      `SELECT status, to_char(due_date, 'YYYY-MM-DD') AS due_date, agency_id, task FROM directives WHERE id = $1`,
      [p.directiveId],
    );
    if (!d || d.status !== 'open' || d.due_date !== p.dueDate) return;
    const message = MESSAGES.directiveReminder({ task: d.task, dueDate: d.due_date, directiveId: p.directiveId, offsetMs: p.offsetMs });
    await this.deliveries.deliver(jobId.directiveReminder(p), await usersOfAgencies(this.db, [d.agency_id]), () => message);
  }
}
