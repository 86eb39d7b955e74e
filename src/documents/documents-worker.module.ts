import { Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AppConfig } from '../config/app-config';
import { SealApprovedJob } from '../signing/seal-approved.job';
import { SigningKeysModule } from '../signing/signing-keys.module';
import { DocumentsModule } from './documents.module';
import { DocumentsProcessor } from './documents.processor';
import { PdfRenderer } from './render/pdf-renderer';
import { RenderJob } from './render-job';
import { DocumentStorage, PostgresDocumentStorage } from './storage/document-storage';

/** Closes this process's browser when the worker stops. */
@Injectable()
class RendererShutdown implements OnApplicationShutdown {
  constructor(private readonly renderer: PdfRenderer) {}

  async onApplicationShutdown(): Promise<void> {
    await this.renderer.close();
  }
}

/** The working side of documents: one warm browser per worker process, rendering queued documents and sealing approved plans. */
@Module({
  imports: [DocumentsModule, SigningKeysModule, AuditModule],
  providers: [
    {
      provide: PdfRenderer,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new PdfRenderer({
          executablePath: config.puppeteerExecutablePath,
          concurrency: config.renderConcurrency,
          recycleAfter: config.renderRecycleAfter,
          timeoutMs: config.renderTimeoutMs,
          timeoutPerPageMs: config.renderTimeoutPerPageMs,
          budgetPages: config.renderBudgetPages,
        }),
    },
    RendererShutdown,
    RenderJob,
    SealApprovedJob,
    DocumentsProcessor,
    { provide: DocumentStorage, useClass: PostgresDocumentStorage },
  ],
  exports: [DocumentsProcessor, SealApprovedJob],
})
export class DocumentsWorkerModule {}
