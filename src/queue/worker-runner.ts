import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { Metrics } from '../observability/metrics';
import { withRequestId } from '../observability/request-context';
import { JobName, JobPayloads, QUEUE_JOBS, QueueName } from './queues';
import { connectionSetUp, redisOptions } from './redis-connection';

export type JobHandlers = { [N in JobName]?: (data: JobPayloads[N], job: Job<JobPayloads[N]>) => Promise<unknown> };

/** A thin processor: the handlers of one queue's jobs, each calling a service. */
export interface QueueProcessor {
  readonly queue: QueueName;
  readonly handlers: JobHandlers;
  /** Jobs at once in this process (default: WORKER_CONCURRENCY). */
  readonly concurrency?: number;
}

export const QUEUE_PROCESSORS = Symbol('QUEUE_PROCESSORS');

/**
 * Starts one BullMQ worker per queue in this process and stops them gracefully: on shutdown the
 * running jobs finish (or, past the lock time, go back to the queue for another worker).
 */
@Injectable()
export class WorkerRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Workers');
  private readonly workers: Worker[] = [];

  constructor(
    private readonly config: AppConfig,
    @Inject(QUEUE_PROCESSORS) private readonly processors: QueueProcessor[],
    private readonly metrics: Metrics,
  ) {}

  /** Every job of every queue needs a handler, else the worker does not start at all. */
  static check(processors: QueueProcessor[]): void {
    for (const [queue, jobs] of Object.entries(QUEUE_JOBS)) {
      const processor = processors.find((p) => p.queue === queue);
      const missing = jobs.filter((job) => !processor?.handlers[job]);
      if (missing.length) throw new Error(`Queue "${queue}" has no handler for ${missing.join(', ')}: refusing to start the workers`);
    }
  }

  onApplicationBootstrap(): void {
    WorkerRunner.check(this.processors);
    for (const processor of this.processors) {
      const worker = new Worker(
        processor.queue,
        async (job: Job) => {
          const handler = processor.handlers[job.name as JobName] as ((data: unknown, job: Job) => Promise<unknown>) | undefined;
          if (!handler) throw new Error(`No handler for job "${job.name}" on queue "${processor.queue}"`);
          const end = this.metrics.jobDuration.startTimer({ queue: processor.queue, job: job.name });
          // Logs of the job, and the jobs it adds, carry the id of the request that led to it.
          const requestId = (job.data as { requestId?: string }).requestId ?? `job:${processor.queue}:${job.id}`;
          try {
            const result = await withRequestId(requestId, () => handler(job.data, job));
            end({ outcome: 'completed' });
            return result;
          } catch (err) {
            end({ outcome: 'failed' });
            throw err;
          }
        },
        {
          connection: redisOptions(this.config.redisUrl),
          prefix: this.config.queuePrefix,
          concurrency: processor.concurrency ?? this.config.workerConcurrency,
          lockDuration: this.config.jobLockMs,
          stalledInterval: this.config.jobLockMs,
          maxStalledCount: 3,
        },
      );
      worker.on('failed', (job, err) => {
        const final = job && job.attemptsMade >= (job.opts.attempts ?? 1);
        const text = `${processor.queue}/${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`;
        if (final) this.logger.error(`${text}; kept as failed`);
        else this.logger.warn(text);
      });
      worker.on('error', (err) => this.logger.warn(`${processor.queue} worker: ${err.message}`));
      this.workers.push(worker);
    }
    this.logger.log(`Workers started for ${this.processors.map((p) => p.queue).join(', ')}`);
  }

  /**
   * Before the other modules' shutdown hooks: the running jobs finish while the database, the
   * queues and the browser they use are still open (those close in onApplicationShutdown).
   */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(
      this.workers.map(async (w) => {
        await connectionSetUp(w);
        await w.close();
      }),
    );
  }
}
