import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { QUEUES } from '../queue/queues';
import { JobHandlers, QueueProcessor } from '../queue/worker-runner';
import { SealApprovedJob } from '../signing/seal-approved.job';
import { RenderJob } from './render-job';

@Injectable()
export class DocumentsProcessor implements QueueProcessor {
  readonly queue = QUEUES.documents;
  readonly handlers: JobHandlers;
  readonly concurrency: number;

  constructor(render: RenderJob, seal: SealApprovedJob, config: AppConfig) {
    this.concurrency = config.renderConcurrency;
    this.handlers = { 'render-document': (data, job) => render.run(data.documentId, job), 'seal-approved': (data, job) => seal.run(data.approvalId, job) };
  }
}
