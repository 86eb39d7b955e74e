import { Module } from '@nestjs/common';
import { DocumentsProcessor } from '../documents/documents.processor';
import { DocumentsWorkerModule } from '../documents/documents-worker.module';
import { NotificationsProcessor, RemindersProcessor } from '../notifications/notifications.processor';
import { NotificationsWorkerModule } from '../notifications/notifications-worker.module';
import { QUEUE_PROCESSORS, WorkerRunner } from './worker-runner';

/**
 * The queue consumers and the outbox relay: in the API process when WORKERS=on (the default), and
 * in every `node dist/worker.js`.
 */
@Module({
  imports: [NotificationsWorkerModule, DocumentsWorkerModule],
  providers: [
    {
      provide: QUEUE_PROCESSORS,
      inject: [NotificationsProcessor, RemindersProcessor, DocumentsProcessor],
      useFactory: (...processors: [NotificationsProcessor, RemindersProcessor, DocumentsProcessor]) => processors,
    },
    WorkerRunner,
  ],
})
export class JobsModule {}
