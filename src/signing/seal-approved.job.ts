import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { UnitOfWork } from '../database/unit-of-work';
import { DocumentInputs } from '../documents/document-inputs';
import { TEMPLATE_VERSION } from '../documents/render/document-templates';
import { RenderJob } from '../documents/render-job';

/** The input hash of an approval's signed document: one per approval, whatever else is asked. */
export const approvedDocumentHash = (approvalId: string) => createHash('sha256').update(`approved\n${approvalId}\n${TEMPLATE_VERSION}`).digest('hex');

/**
 * On approval: the approved version's PDF, rendered and sealed, kept as a document of the plan.
 * One job does both and may run again (BullMQ delivers at least once, a worker may die midway):
 * the document row is keyed by the approval, and the render step does nothing once it is done, so
 * a retried job ends with the one signed document.
 */
@Injectable()
export class SealApprovedJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly inputs: DocumentInputs,
    private readonly render: RenderJob,
  ) {}

  async run(approvalId: string, job?: Pick<Job, 'attemptsMade' | 'opts'>): Promise<'done' | 'skipped'> {
    const documentId = await this.documentOf(approvalId);
    if (!documentId) return 'skipped';
    return this.render.run(documentId, job);
  }

  /** The approval's signed document, asked for (as the leader who approved last) if it is not yet. */
  private async documentOf(approvalId: string): Promise<string | null> {
    const [known] = await this.db.query(`SELECT document_id FROM approved_documents WHERE approval_id = $1`, [approvalId]);
    if (known) return known.document_id;
    const [approval]: { plan_id: string; version_number: number; approver_id: string }[] = await this.db.query(
      `SELECT a.plan_id, a.version_number, s.approver_id FROM approvals a
       JOIN LATERAL (SELECT approver_id FROM approval_steps WHERE approval_id = a.id ORDER BY position DESC LIMIT 1) s ON true
       WHERE a.id = $1 AND a.status = 'approved'`,
      [approvalId],
    );
    if (!approval) return null;
    const [user] = await this.db.query(`SELECT id, role, agency_id, email, full_name FROM users WHERE id = $1`, [approval.approver_id]);
    const actor: Actor = { id: user.id, role: user.role, agencyId: user.agency_id, email: user.email, fullName: user.full_name };
    const input = await this.inputs.load(actor, { kind: 'plan', planId: approval.plan_id, versionNumber: approval.version_number });
    const subject = { planId: approval.plan_id, versionNumber: approval.version_number, approvalId };
    return this.uow.run(actor, async (tx) => {
      const [created] = await tx.query<{ id: string }>(
        `INSERT INTO documents (kind, format, subject, plan_id, input_hash, model, status, requested_by, created_at, updated_at)
         VALUES ('approved', 'pdf', $1::jsonb, $2, $3, $4::jsonb, 'queued', $5, $6, $6)
         ON CONFLICT (input_hash, format) DO NOTHING RETURNING id`,
        [JSON.stringify(subject), approval.plan_id, approvedDocumentHash(approvalId), JSON.stringify(input.model), actor.id, tx.now],
      );
      const id =
        created?.id ??
        (await tx.one<{ id: string }>(`SELECT id FROM documents WHERE input_hash = $1 AND format = 'pdf'`, [approvedDocumentHash(approvalId)]))!.id;
      await tx.query(
        `INSERT INTO approved_documents (approval_id, plan_id, version_number, document_id, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (approval_id) DO NOTHING`,
        [approvalId, approval.plan_id, approval.version_number, id, tx.now],
      );
      if (created) tx.audit('document.requested', 'document', id, { kind: 'approved', ...subject });
      return id;
    });
  }
}
