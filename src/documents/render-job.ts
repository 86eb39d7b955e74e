import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { AuditProofs } from '../audit/audit-proofs.service';
import { checkpointLine } from '../audit/domain/audit-entry';
import { Clock } from '../common/clock';
import { rowsOf } from '../database/rows';
import { Metrics } from '../observability/metrics';
import { OrganisationSeal, SealRecord } from '../signing/organisation-seal';
import { estimatePages } from './domain/page-estimate';
import { renderDocx } from './docx/docx-renderer';
import type { PlanDocumentModel } from './domain/plan-document';
import type { DocumentFormat, DocumentKind, StoredDocumentKind } from './dto/document.dto';
import { renderHtml } from './render/document-templates';
import { PdfRenderer } from './render/pdf-renderer';
import { DocumentStorage } from './storage/document-storage';

/**
 * Renders one requested document (PDF or Word) in a worker: queued → rendering → done, or failed with the
 * reason once the job has used its last attempt. A redelivered job for a done document does nothing.
 */
@Injectable()
export class RenderJob {
  private readonly logger = new Logger(RenderJob.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly renderer: PdfRenderer,
    private readonly storage: DocumentStorage,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
    private readonly seal: OrganisationSeal,
    private readonly audit: AuditProofs,
  ) {}

  async run(documentId: string, job?: Pick<Job, 'attemptsMade' | 'opts'>): Promise<'done' | 'skipped'> {
    const [doc] = rowsOf<{ kind: StoredDocumentKind; format: DocumentFormat; model: object }>(
      await this.db.query(
        `UPDATE documents SET status = 'rendering', updated_at = $2 WHERE id = $1 AND status IN ('queued', 'rendering') RETURNING kind, format, model`,
        [documentId, this.clock.now()],
      ),
    );
    if (!doc) return 'skipped';
    try {
      const started = Date.now();
      const end = this.metrics.renderDuration.startTimer({ kind: doc.kind });
      // An approved plan is the plan document (stored as a PDF), sealed with the organisation's certificate.
      const rendered = await this.render(doc.kind === 'approved' ? 'plan' : doc.kind, doc.format, doc.model, await this.auditLine());
      end();
      const { pages } = rendered;
      let content = rendered.content;
      let seal: SealRecord | null = null;
      if (doc.kind === 'approved') ({ pdf: content, seal } = await this.seal.seal(content, sealReason(doc.model as PlanDocumentModel)));
      await this.storage.put(documentId, content);
      await this.db.query(
        `UPDATE documents SET status = 'done', pages = $2, bytes = $3, sha256 = $4, error = NULL, rendered_at = $5, updated_at = $5, signature = $6::jsonb WHERE id = $1`,
        [documentId, pages, content.length, createHash('sha256').update(content).digest('hex'), this.clock.now(), seal ? JSON.stringify(seal) : null],
      );
      this.logger.log(
        `Rendered ${doc.kind} document ${documentId} (${doc.format}): ${pages ?? '?'} page(s), ${content.length} bytes in ${Date.now() - started} ms`,
      );
      return 'done';
    } catch (err) {
      const final = job ? job.attemptsMade + 1 >= (job.opts.attempts ?? 1) : true;
      const reason = (err as Error).message.slice(0, 2000);
      await this.db.query(`UPDATE documents SET status = CASE WHEN $3 THEN 'failed' ELSE status END, error = $2, updated_at = $4 WHERE id = $1`, [
        documentId,
        reason,
        final,
        this.clock.now(),
      ]);
      throw err;
    }
  }

  /**
   * The audit checkpoint at the time of rendering, printed at the end of the document. It is not part
   * of the document's input hash: the log grows with every change (the request for this very document
   * among them), so a hash that held it would make every request of the same input a new document,
   * which the API promises it is not. The file is rendered once, so it keeps the checkpoint it was
   * issued under; that checkpoint is at or after the one holding the document's request whenever the
   * sealer (within a second) is ahead of the render queue.
   */
  private async auditLine(): Promise<string | null> {
    const checkpoint = await this.audit.latestOrNull();
    return checkpoint ? checkpointLine(checkpoint) : null;
  }

  /**
   * A PDF through Chromium, its estimated pages sizing its share of the renderer's budget and its
   * time limit; a Word file written here, from the same model, with no page count (Word lays it out).
   */
  private async render(
    kind: DocumentKind,
    format: DocumentFormat,
    model: object,
    auditLine: string | null,
  ): Promise<{ content: Buffer; pages: number | null }> {
    if (format === 'docx') return { content: await renderDocx(kind, model as never, auditLine), pages: null };
    const { pdf, pages } = await this.renderer.render(renderHtml(kind, model as never, auditLine), { pages: estimatePages(model) });
    return { content: pdf, pages };
  }
}

function sealReason(model: PlanDocumentModel): string {
  return `Phê duyệt: ${[model.docType, model.subject].filter(Boolean).join(' ')}`.slice(0, 300);
}
