import type { ApprovalView } from '../../approvals/approval.views';
import type { ApprovalsService } from '../../approvals/approvals.service';
import type { Actor } from '../../common/auth/actor';
import { DomainError } from '../../common/errors/domain-error';

/** The plan's approval in progress, or null when it was never sent up: a state of the plan, not an error of the page. */
export function currentApproval(approvals: ApprovalsService, actor: Actor, planId: string): Promise<ApprovalView | null> {
  return approvals.current(actor, planId).catch((err: unknown) => {
    if (err instanceof DomainError && err.code === 'not_found') return null;
    throw err;
  });
}
