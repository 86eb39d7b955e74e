import { Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
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

/** The working side of documents: one warm browser per worker process, rendering queued documents. */
@Module({
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
    DocumentsProcessor,
    { provide: DocumentStorage, useClass: PostgresDocumentStorage },
  ],
  exports: [DocumentsProcessor],
})
export class DocumentsWorkerModule {}
