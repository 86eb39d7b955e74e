import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { conflict, DomainError, forbidden, Text } from '../common/errors/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { ApprovedService, copyView } from './approved.service';
import { sha256Hex } from './domain/cms-check';
import { firstDifferingPage } from './domain/page-text';
import type { PdfVerdict } from './domain/verify-pdf';
import { SignedCopyView } from './dto/signing.views';
import { OrganisationSeal } from './organisation-seal';
import { PdfChecks } from './pdf-checks';

const refuse = (text: Text, details?: Record<string, unknown>) => new DomainError('unprocessable', text, details);

/** Why a signed copy's signatures do not do, or null when they do. */
function signatureProblem(verdict: PdfVerdict, ownCertificate: string): Text | null {
  if (!verdict.signed) return { vi: 'Tệp chưa có chữ ký số nào.', en: 'The file carries no signature.' };
  const bad = verdict.signatures.map((s, i) => ({ ...s, n: i + 1 })).filter((s) => !s.valid);
  if (bad.length) {
    const list = bad.map((s) => `#${s.n}${s.signer ? ` (${s.signer})` : ''}`).join(', ');
    return {
      vi: `Chữ ký số không hợp lệ: ${list}; tệp đã bị sửa sau khi ký hoặc chữ ký hỏng.`,
      en: `Invalid signature(s): ${list}; the file was changed after signing or the signature is damaged.`,
    };
  }
  if (!verdict.coversWholeDocument) {
    return {
      vi: 'Chữ ký số cuối cùng không bao trùm toàn bộ tệp: có nội dung được thêm vào sau khi ký.',
      en: 'The last signature does not cover the whole file: something was added after it.',
    };
  }
  if (verdict.signatures.every((s) => s.certificateSha256 === ownCertificate)) {
    return {
      vi: 'Tệp chỉ mang chữ ký của duthao; cần thêm chữ ký số của lãnh đạo.',
      en: "The file carries only duthao's own signature; a leader's signature is needed.",
    };
  }
  return null;
}

/** Why the pages are not the approved text page by page, or null when they are. */
function pagesProblem(approved: string[], copy: string[]): Text | null {
  if (approved.length !== copy.length) {
    return {
      vi: `Tệp có ${copy.length} trang, bản được phê duyệt có ${approved.length} trang.`,
      en: `The file has ${copy.length} page(s); the approved PDF has ${approved.length}.`,
    };
  }
  const page = firstDifferingPage(approved, copy);
  if (page) return { vi: `Nội dung trang ${page} khác với bản được phê duyệt.`, en: `Page ${page} differs from the approved PDF.` };
  return null;
}

/**
 * A copy of the approved PDF that a leader signed with their own token and tool (the official
 * signature duthao cannot make), filed back: accepted only when every signature is valid, the last
 * covers the whole file, and the pages carry the approved text page by page.
 */
@Injectable()
export class SignedCopiesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly approved: ApprovedService,
    private readonly checks: PdfChecks,
    private readonly seal: OrganisationSeal,
  ) {}

  async file(actor: Actor, planId: string, file: Buffer): Promise<SignedCopyView> {
    const approvers = (await this.approved.approved(actor, planId)).approvers;
    if (actor.role !== 'secretariat' && actor.id !== approvers[approvers.length - 1]?.id) {
      throw forbidden({
        vi: 'Chỉ lãnh đạo phê duyệt cuối cùng hoặc cơ quan chủ trì soạn thảo được nộp bản ký số.',
        en: 'Only the leader who approved last, or the secretariat, may file a signed copy.',
      });
    }
    const { view, content } = await this.approved.file(actor, planId);
    const { verdict, pages } = await this.checks.check(file);
    const problem = signatureProblem(verdict, this.seal.certificateSha256) ?? pagesProblem(await this.checks.pageTexts(content), pages);
    if (problem)
      throw refuse(
        { vi: `Không nhận bản ký số: ${problem.vi}`, en: `Signed copy refused: ${problem.en}` },
        { signatures: verdict.signatures.map(({ problem: _p, ...s }) => s) },
      );
    const signatures = verdict.signatures.map(({ problem: _p, ...s }) => s);
    const sha256 = sha256Hex(file);
    return this.uow.run(actor, async (tx) => {
      const [row] = await tx.query<{ id: string; filed_at: Date }>(
        `INSERT INTO signed_copies (approval_id, plan_id, sha256, bytes, pages, signatures, content, filed_by, filed_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9) ON CONFLICT (approval_id, sha256) DO NOTHING RETURNING id, filed_at`,
        [view.approvalId, planId, sha256, file.length, pages.length, JSON.stringify(signatures), file, actor.id, tx.now],
      );
      if (!row) throw conflict('signed_copy_filed', { vi: 'Bản ký số này đã được nộp.', en: 'This signed copy was already filed.' }, { sha256 });
      const last = signatures[signatures.length - 1];
      tx.audit('approval.signed_copy_filed', 'approval', view.approvalId, {
        planId,
        signedCopyId: row.id,
        sha256,
        signer: last.signer,
        certificateSha256: last.certificateSha256,
        signedAt: last.signedAt,
      });
      return copyView({
        id: row.id,
        sha256,
        bytes: file.length,
        pages: pages.length,
        signatures,
        filed_by: actor.id,
        full_name: actor.fullName,
        filed_at: row.filed_at,
      });
    });
  }
}
