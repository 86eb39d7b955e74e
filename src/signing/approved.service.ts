import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { STATUS_LABELS } from '../plans/domain/plan-labels';
import { PlanAccess } from '../plans/plan-access';
import { DocumentStorage } from '../documents/storage/document-storage';
import type { SealRecord } from './organisation-seal';
import { ApprovedPlanView, SignatureVerdictView, SignedCopyView } from './dto/signing.views';

interface CopyRow {
  id: string;
  sha256: string;
  bytes: number;
  pages: number;
  signatures: SignatureVerdictView[];
  filed_by: string;
  full_name: string;
  filed_at: Date;
}

export const copyView = (r: CopyRow): SignedCopyView => {
  const last = r.signatures[r.signatures.length - 1];
  return {
    id: r.id,
    signer: last?.signer ?? null,
    signedAt: last?.signedAt ?? null,
    certificateSha256: last?.certificateSha256 ?? null,
    sha256: r.sha256,
    bytes: r.bytes,
    pages: r.pages,
    signatures: r.signatures,
    filedBy: r.filed_by,
    filedByName: r.full_name,
    filedAt: r.filed_at.toISOString(),
  };
};

/** The approved plan, its signed PDF and the copies leaders signed with their own tokens. */
@Injectable()
export class ApprovedService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly plans: PlanAccess,
    private readonly storage: DocumentStorage,
  ) {}

  /** 404 when the plan is not the reader's to see; 409 naming the status when it is not approved. */
  async approved(actor: Actor, planId: string): Promise<ApprovedPlanView> {
    const plan = await this.plans.readable(actor, planId);
    const [approval]: { id: string; version_number: number; decided_at: Date }[] =
      plan.status === 'approved'
        ? await this.db.query(
            `SELECT id, version_number, decided_at FROM approvals WHERE plan_id = $1 AND status = 'approved' ORDER BY decided_at DESC, id LIMIT 1`,
            [planId],
          )
        : [];
    if (!approval) {
      throw new DomainError(
        'not_approved',
        {
          vi: `Kế hoạch chưa được phê duyệt: đang ở trạng thái "${plan.status}" (${STATUS_LABELS[plan.status].vi}).`,
          en: `The plan is not approved: its status is "${plan.status}" (${STATUS_LABELS[plan.status].en}).`,
        },
        { currentStatus: plan.status },
      );
    }
    const steps: { approver_id: string; full_name: string; position: number; decided_at: Date | null; note: string | null }[] = await this.db.query(
      `SELECT s.approver_id, u.full_name, s.position, s.decided_at, s.note FROM approval_steps s JOIN users u ON u.id = s.approver_id WHERE s.approval_id = $1 ORDER BY s.position`,
      [approval.id],
    );
    const [doc]: { id: string; status: string; sha256: string | null; pages: number | null; signature: SealRecord | null }[] = await this.db.query(
      `SELECT d.id, d.status, d.sha256, d.pages, d.signature FROM approved_documents a JOIN documents d ON d.id = a.document_id WHERE a.approval_id = $1`,
      [approval.id],
    );
    const copies: CopyRow[] = await this.db.query(
      `SELECT c.id, c.sha256, c.bytes, c.pages, c.signatures, c.filed_by, u.full_name, c.filed_at
       FROM signed_copies c JOIN users u ON u.id = c.filed_by WHERE c.approval_id = $1 ORDER BY c.filed_at, c.id`,
      [approval.id],
    );
    const signed = doc?.status === 'done' && doc.signature;
    return {
      planId,
      approvalId: approval.id,
      versionNumber: approval.version_number,
      approvedAt: approval.decided_at.toISOString(),
      approvers: steps.map((s) => ({
        id: s.approver_id,
        fullName: s.full_name,
        position: s.position,
        decidedAt: s.decided_at?.toISOString() ?? null,
        note: s.note,
      })),
      signingStatus: signed ? 'signed' : doc?.status === 'failed' ? 'failed' : 'pending',
      document: doc ? { id: doc.id, sha256: signed ? doc.sha256 : null, pages: signed ? doc.pages : null, status: doc.status } : null,
      signature: signed ? doc.signature : null,
      signedCopies: copies.map(copyView),
    };
  }

  /** The signed PDF; 409 while it is being made. */
  async file(actor: Actor, planId: string): Promise<{ view: ApprovedPlanView; content: Buffer }> {
    const view = await this.approved(actor, planId);
    const content = view.signingStatus === 'signed' ? await this.storage.get(view.document!.id) : null;
    if (!content) {
      throw new DomainError(
        'signing_not_ready',
        view.signingStatus === 'failed'
          ? {
              vi: 'Không tạo được bản PDF có chữ ký số của kế hoạch đã phê duyệt; quản trị viên cần xem lỗi của văn bản.',
              en: "The signed PDF of the approved plan could not be made; an administrator must look at the document's error.",
            }
          : { vi: 'Bản PDF có chữ ký số đang được tạo; vui lòng thử lại sau giây lát.', en: 'The signed PDF is being made; try again shortly.' },
        { signingStatus: view.signingStatus },
      );
    }
    return { view, content };
  }
}
