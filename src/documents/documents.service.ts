import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { canonicalJson } from '../common/canonical-json';
import { conflict } from '../common/errors/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { DocumentInput, DocumentInputs, documentNotFound } from './document-inputs';
import { DOCX_VERSION } from './docx/docx-renderer';
import { DocumentFormat, DocumentView, RequestDocumentDto, StoredDocumentKind } from './dto/document.dto';
import { TEMPLATE_VERSION } from './render/document-templates';
import { DocumentStorage } from './storage/document-storage';

interface Row {
  id: string;
  kind: StoredDocumentKind;
  format: DocumentFormat;
  subject: Record<string, unknown>;
  status: DocumentView['status'];
  pages: number | null;
  bytes: number | null;
  sha256: string | null;
  error: string | null;
  created_at: Date;
  rendered_at: Date | null;
}

const view = (r: Row): DocumentView => ({
  id: r.id,
  kind: r.kind,
  format: r.format,
  status: r.status,
  pages: r.pages,
  bytes: r.bytes,
  sha256: r.sha256,
  error: r.error,
  subject: r.subject,
  createdAt: r.created_at.toISOString(),
  renderedAt: r.rendered_at?.toISOString() ?? null,
});

const COLUMNS = 'id, kind, format, subject, status, pages, bytes, sha256, error, created_at, rendered_at';

/**
 * What names a document: the version of its format's renderer, the format, and the input (the
 * subject too: who may read a document is part of what it is). A PDF's key leaves the format out,
 * as it did before there were two formats, so PDFs asked for then are still found.
 */
export function inputHash(format: DocumentFormat, input: Pick<DocumentInput, 'kind' | 'subject' | 'model'>): string {
  const content = { kind: input.kind, subject: input.subject, model: input.model };
  const [version, keyed] = format === 'pdf' ? [TEMPLATE_VERSION, content] : [DOCX_VERSION, { format, ...content }];
  return createHash('sha256').update(version).update('\n').update(canonicalJson(keyed)).digest('hex');
}

/**
 * How many times readers may put a failed document back in the queue. Each time costs the worker
 * every attempt of the job; a document that fails that often fails for a reason that asking again
 * will not fix (an administrator can still, once the cause is dealt with).
 */
export const MAX_REQUEUES = 2;

/**
 * Asks for a document and reads it back. The request freezes the model (what the document will
 * show); its hash with the format and the version of that format's renderer names the document,
 * so the same input in the same format again is the same document, rendered once. Rendering
 * happens in a worker.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectDataSource() private readonly db: DataSource,
    private readonly inputs: DocumentInputs,
    private readonly storage: DocumentStorage,
  ) {}

  async request(actor: Actor, dto: RequestDocumentDto): Promise<DocumentView> {
    const input = await this.inputs.load(actor, dto);
    const format = dto.format ?? 'pdf';
    const hash = inputHash(format, input);
    return this.uow.run(actor, async (tx) => {
      const [created] = await tx.query<Row>(
        `INSERT INTO documents (kind, format, subject, plan_id, input_hash, model, status, requested_by, created_at, updated_at)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6::jsonb, 'queued', $7, $8, $8)
         ON CONFLICT (input_hash, format) DO NOTHING RETURNING ${COLUMNS}`,
        [input.kind, format, JSON.stringify(input.subject), input.planId, hash, JSON.stringify(input.model), actor.id, tx.now],
      );
      if (created) {
        tx.audit('document.requested', 'document', created.id, { kind: input.kind, format, ...input.subject });
        tx.emit({ type: 'document.requested', payload: { documentId: created.id } });
        return view(created);
      }
      // Asked before: the same document. One that failed is given another try, a few times.
      const [existing] = await tx.query<Row & { requeues: number }>(
        `SELECT ${COLUMNS}, requeues FROM documents WHERE input_hash = $1 AND format = $2 FOR UPDATE`,
        [hash, format],
      );
      if (existing.status === 'failed' && (existing.requeues < MAX_REQUEUES || actor.role === 'admin')) {
        await tx.query(`UPDATE documents SET status = 'queued', error = NULL, requeues = requeues + 1, updated_at = $2 WHERE id = $1`, [existing.id, tx.now]);
        tx.audit('document.requeued', 'document', existing.id, { previousError: existing.error, requeues: existing.requeues + 1 });
        tx.emit({ type: 'document.requested', payload: { documentId: existing.id, retry: tx.now.toISOString() } });
        return view({ ...existing, status: 'queued', error: null });
      }
      return view(existing);
    });
  }

  async get(actor: Actor, id: string): Promise<DocumentView> {
    const [row]: Row[] = await this.db.query(`SELECT ${COLUMNS} FROM documents WHERE id = $1`, [id]);
    if (!row) throw documentNotFound();
    await this.inputs.assertReadable(actor, row.kind, row.subject).catch(() => {
      throw documentNotFound();
    });
    return view(row);
  }

  /** The latest documents of a plan, for staff who read every document of the plans they see. */
  async latestOfPlan(planId: string, limit: number): Promise<DocumentView[]> {
    const rows: Row[] = await this.db.query(`SELECT ${COLUMNS} FROM documents WHERE plan_id = $1 ORDER BY created_at DESC, id LIMIT $2`, [planId, limit]);
    return rows.map(view);
  }

  async file(actor: Actor, id: string): Promise<{ document: DocumentView; content: Buffer }> {
    const document = await this.get(actor, id);
    if (document.status !== 'done') {
      throw conflict(
        'document_not_ready',
        {
          vi: `Văn bản chưa sẵn sàng (trạng thái "${document.status}"); vui lòng thử lại sau.`,
          en: `The document is not ready (status "${document.status}"); try again shortly.`,
        },
        { documentStatus: document.status },
      );
    }
    const content = await this.storage.get(id);
    if (!content) throw documentNotFound();
    return { document, content };
  }
}
