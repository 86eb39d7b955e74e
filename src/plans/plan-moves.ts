import { DomainError } from '../common/errors/domain-error';
import { ACTION_LABELS, STATUS_LABELS } from './domain/plan-labels';
import { decide, GuardFacts, PlanAction, PlanStatus } from './domain/plan-lifecycle';

/**
 * Asks the lifecycle whether `action` may happen now and returns the status it leads to; a refusal
 * becomes a 409 that names the current status and what is allowed from it.
 */
export function assertMove(status: PlanStatus, action: PlanAction, facts: GuardFacts = {}): PlanStatus {
  const verdict = decide(status, action, facts);
  if (verdict.ok) return verdict.to;
  if (verdict.kind === 'undecided_comments') {
    const n = verdict.undecidedCommentIds.length;
    throw new DomainError(
      'undecided_comments',
      {
        vi: `Chưa thể trình phê duyệt: còn ${n} ý kiến góp ý chưa được giải trình, tiếp thu. Báo cáo tổng hợp phải đầy đủ trước khi trình.`,
        en: `Cannot submit for approval: ${n} submitted comment(s) have no disposition yet. The consolidation report must be complete.`,
      },
      { currentStatus: status, undecidedCommentIds: verdict.undecidedCommentIds },
    );
  }
  const allowed = verdict.allowed;
  const allowedVi = allowed.length ? allowed.map((a) => ACTION_LABELS[a].vi).join(', ') : 'không thao tác nào (kế hoạch đã khóa)';
  const allowedEn = allowed.length ? allowed.map((a) => ACTION_LABELS[a].en).join(', ') : 'nothing (the plan is locked)';
  throw new DomainError(
    'illegal_transition',
    {
      vi: `Không thể ${ACTION_LABELS[action].vi}: kế hoạch đang ở trạng thái "${status}" (${STATUS_LABELS[status].vi}). Được phép: ${allowedVi}.`,
      en: `Cannot ${ACTION_LABELS[action].en}: the plan's status is "${status}" (${STATUS_LABELS[status].en}). Allowed from it: ${allowedEn}.`,
    },
    { currentStatus: status, action, allowedActions: allowed },
  );
}
