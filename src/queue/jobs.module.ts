import { Module } from '@nestjs/common';
import { AuditWorkerModule } from '../audit/audit-worker.module';
import { DocumentsProcessor } from '../documents/documents.processor';
import { DocumentsWorkerModule } from '../documents/documents-worker.module';
import { NotificationsProcessor, RemindersProcessor } from '../notifications/notifications.processor';
import { NotificationsWorkerModule } from '../notifications/notifications-worker.module';
import { QUEUE_PROCESSORS, WorkerRunner } from './worker-runner';

/**
 * The queue consumers, the outbox relay and the audit sealer: in the API process when WORKERS=on (the default), and
 * in every `node dist/worker.js`.
 */
@Module({
  imports: [NotificationsWorkerModule, DocumentsWorkerModule, AuditWorkerModule],
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
