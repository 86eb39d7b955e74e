import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { PutDraftDto } from './dto/create-plan.dto';
import { PlanAccess, planNotFound } from './plan-access';
import { assertMove } from './plan-moves';
import { DraftView } from './plan.views';
import { keyedSections } from './plans.service';

export const draftEtag = (revision: number) => `"draft-${revision}"`;

function revisionFromIfMatch(ifMatch: string | undefined): number | null {
  if (ifMatch === undefined || ifMatch.trim() === '') {
    throw new DomainError('precondition_required', {
      vi: 'Cần gửi tiêu đề If-Match với ETag của bản đang soạn (lấy từ GET .../draft) để không ghi đè thay đổi của người khác.',
      en: 'If-Match with the draft ETag (from GET .../draft) is required, so that no one overwrites another editor.',
    });
  }
  const match = /^"draft-(\d{1,9})"$/.exec(ifMatch.trim());
  return match ? Number(match[1]) : null;
}

const stale = (current: number) =>
  new DomainError(
    'precondition_failed',
    {
      vi: 'Bản đang soạn đã được người khác lưu sau khi bạn mở. Hãy tải lại bản mới nhất, đối chiếu và lưu lại.',
      en: 'Someone saved the draft after you opened it. Reload the latest, compare and save again.',
    },
    { currentEtag: draftEtag(current) },
  );

/** The working draft: read with its ETag, replaced only by a writer who saw the latest revision. */
@Injectable()
export class DraftService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: PlanAccess,
  ) {}

  async get(actor: Actor, planId: string): Promise<DraftView> {
    const plan = await this.access.readable(actor, planId);
    return { sections: plan.draft, revision: plan.draftRevision };
  }

  async put(actor: Actor, planId: string, ifMatch: string | undefined, dto: PutDraftDto): Promise<DraftView> {
    const expected = revisionFromIfMatch(ifMatch);
    return this.uow.run(actor, async (tx) => {
      const plan = await this.access.readable(actor, planId, tx.em);
      assertMove(plan.status, 'edit_draft');
      if (expected !== plan.draftRevision) throw stale(plan.draftRevision);
      const versionKeys: { key: string }[] = await tx.query(
        `SELECT DISTINCT s->>'key' AS key FROM plan_versions v, jsonb_array_elements(v.sections) s WHERE v.plan_id = $1`,
        [planId],
      );
      const known = new Set([...plan.draft.map((s) => s.key), ...versionKeys.map((r) => r.key)]);
      const sections = keyedSections(dto.sections, known);
      // The revision check sits in the UPDATE itself: of two writers holding the same ETag, one wins.
      const updated = await tx.query<{ draft_revision: number }>(
        `UPDATE plans SET draft = $3::jsonb, draft_revision = draft_revision + 1, updated_at = $4
         WHERE id = $1 AND draft_revision = $2 AND status IN ('drafting', 'consultation', 'consolidating')
         RETURNING draft_revision`,
        [planId, expected, JSON.stringify(sections), tx.now],
      );
      if (updated.length === 0) {
        const now = await tx.one<{ draft_revision: number; status: string }>('SELECT draft_revision, status FROM plans WHERE id = $1', [planId]);
        if (!now) throw planNotFound();
        throw stale(now.draft_revision);
      }
      const revision = updated[0].draft_revision;
      const before = new Map(plan.draft.map((s) => [s.key, s]));
      const after = new Set(sections.map((s) => s.key));
      tx.audit('draft.saved', 'plan', planId, {
        revision,
        sections: sections.length,
        added: sections.filter((s) => !before.has(s.key)).map((s) => s.key),
        removed: plan.draft.filter((s) => !after.has(s.key)).map((s) => s.key),
        changed: sections
          .filter((s) => before.has(s.key) && (before.get(s.key)!.heading !== s.heading || before.get(s.key)!.body !== s.body))
          .map((s) => s.key),
      });
      return { sections, revision };
    });
  }
}
