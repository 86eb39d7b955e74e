import { BullModule, InjectQueue } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, DynamicModule, Global, Injectable, Module } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { QUEUES } from './queues';
import { connectionSetUp, redisOptions } from './redis-connection';

/** @nestjs/bullmq closes the queues in onApplicationShutdown: their connections are set up by then. */
@Injectable()
class QueuesSetUpBeforeClose implements BeforeApplicationShutdown {
  private readonly queues: Queue[];

  constructor(
    @InjectQueue(QUEUES.notifications) notifications: Queue,
    @InjectQueue(QUEUES.reminders) reminders: Queue,
    @InjectQueue(QUEUES.documents) documents: Queue,
  ) {
    this.queues = [notifications, reminders, documents];
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((q) => connectionSetUp(q)));
  }
}

/** The queues (producers) on Redis, for every module; workers are started by WorkerRunner. */
@Global()
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig): DynamicModule {
    const bull = BullModule.forRoot({
      // Producers fail fast while Redis is away (the outbox keeps the events) instead of queueing in memory.
      connection: { ...redisOptions(config.redisUrl), enableOfflineQueue: false, maxRetriesPerRequest: 1 },
      prefix: config.queuePrefix,
      defaultJobOptions: {
        attempts: config.jobAttempts,
        backoff: { type: 'exponential', delay: config.jobBackoffMs },
        // Completed jobs are kept a day so that a redelivered id is recognised; failed ones are kept.
        removeOnComplete: { age: 86_400, count: 100_000 },
        removeOnFail: false,
      },
    });
    const queues = BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name })));
    return { module: QueueModule, imports: [bull, queues], providers: [QueuesSetUpBeforeClose], exports: [queues] };
  }
}
