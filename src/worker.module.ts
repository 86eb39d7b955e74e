import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ObservabilityModule } from './observability/observability.module';
import { JobsModule } from './queue/jobs.module';
import { QueueModule } from './queue/queue.module';

/** The worker process: the same database and queues as the API, the consumers, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.databaseUrl) throw new Error('WorkerModule needs a database URL; call openDatabase() first');
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule.forRoot(config, { http: false }),
        DatabaseModule.forRoot(config.databaseUrl),
        QueueModule.forRoot(config),
        JobsModule,
      ],
    };
  }
}
