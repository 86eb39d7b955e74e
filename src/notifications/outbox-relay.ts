import { InjectQueue } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { rowsOf } from '../database/rows';
import type { OutboxEvent } from '../queue/outbox-events';
import { jobForEvent, QueueName, QUEUES } from '../queue/queues';
import { Digests } from './digests';

const BATCH = 200;
const CLAIM_SECONDS = 30;

/**
 * Moves outbox events (written in the same transaction as the change) to BullMQ. Woken by
 * PostgreSQL NOTIFY, with a slower poll as a safety net; any number of relays may run, each claims
 * different rows (FOR UPDATE SKIP LOCKED). While Redis is away the events wait in PostgreSQL; the
 * relay keeps trying and catches up by itself.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private listener: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private failing = false;

  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.notifications) notifications: Queue,
    @InjectQueue(QUEUES.reminders) reminders: Queue,
    @InjectQueue(QUEUES.documents) documents: Queue,
    private readonly config: AppConfig,
    private readonly digests: Digests,
  ) {
    this.queues = { notifications, reminders, documents };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    this.timer = setInterval(() => this.wake(), this.config.outboxPollMs);
    this.wake();
  }

  /** Before the queues and the pool close (onApplicationShutdown), so a drain in progress completes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.listener?.end().catch(() => undefined);
  }

  /** Runs a drain now, or once more right after the one in progress. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((err) => this.onError(err))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Relays until no unclaimed event is left; returns how many were relayed. */
  async drain(): Promise<number> {
    let total = 0;
    while (!this.stopped) {
      const claimed = rowsOf<OutboxEvent & { id: string; request_id: string | null }>(
        await this.db.query(
          `UPDATE outbox_events SET claimed_until = now() + interval '${CLAIM_SECONDS} seconds'
           WHERE id IN (SELECT id FROM outbox_events
                        WHERE relayed_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
                        ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
           RETURNING id, type, payload, request_id`,
        ),
      );
      if (claimed.length === 0) {
        // Digests past due whose flush job Redis may have lost (a restart without its data).
        await this.digests.sweep();
        break;
      }
      const ids = claimed.map((c) => String(c.id));
      try {
        const jobs = claimed.map((c) => jobForEvent({ ...c, id: String(c.id), requestId: c.request_id }));
        for (const name of new Set(jobs.map((j) => j.queue))) {
          await this.queues[name].addBulk(jobs.filter((j) => j.queue === name).map((j) => ({ name: j.name, data: j.data, opts: { jobId: j.jobId } })));
        }
      } catch (err) {
        // Let another attempt (ours or another relay's) take them at once rather than after the claim lapses.
        await this.db.query('UPDATE outbox_events SET claimed_until = NULL WHERE id = ANY($1::bigint[])', [ids]);
        throw err;
      }
      await this.db.query('UPDATE outbox_events SET relayed_at = now(), claimed_until = NULL WHERE id = ANY($1::bigint[])', [ids]);
      total += ids.length;
      if (this.failing) {
        this.failing = false;
        this.logger.log('Relaying outbox events again');
      }
    }
    return total;
  }

  private onError(err: unknown): void {
    if (!this.failing) this.logger.warn(`Outbox relay paused (${(err as Error).message}); events wait in PostgreSQL and will be relayed`);
    this.failing = true;
  }

  private async listen(): Promise<void> {
    const options = this.db.options as { url?: string };
    const client = new Client({ connectionString: options.url });
    client.on('notification', () => this.wake());
    client.on('error', (err) => {
      this.logger.warn(`Outbox listener lost (${err.message}); polling until it is back`);
      this.listener = null;
      if (!this.stopped) setTimeout(() => void this.listen().catch(() => undefined), 1000);
    });
    try {
      await client.connect();
      await client.query('LISTEN duthao_outbox');
      this.listener = client;
    } catch (err) {
      this.logger.warn(`Outbox listener not started (${(err as Error).message}); polling`);
      await client.end().catch(() => undefined);
      if (!this.stopped) setTimeout(() => void this.listen().catch(() => undefined), 2000);
    }
  }
}
