/**
 * The life of a plan (docs/lifecycle.md) as data and pure functions: no framework, no
 * database. Services ask `decide()` before every change of a plan and turn a refusal into a 409.
 */

export const PLAN_STATUSES = ['drafting', 'consultation', 'consolidating', 'awaiting_approval', 'approved'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_ACTIONS = [
  'edit_draft',
  'freeze_version',
  'open_round',
  'close_round',
  'decide_comment',
  'submit_for_approval',
  'approve_step',
  'approve_final',
  'return_for_revision',
  'manage_conference',
  'carry_opinion',
] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

/** For each action, the statuses it may start from and the status it leads to. */
export const MOVES: Record<PlanAction, Partial<Record<PlanStatus, PlanStatus>>> = {
  // Edits continue on the working draft while a round runs on a frozen version.
  edit_draft: { drafting: 'drafting', consultation: 'consultation', consolidating: 'consolidating' },
  freeze_version: { drafting: 'drafting', consolidating: 'drafting' },
  open_round: { drafting: 'consultation' },
  close_round: { consultation: 'consolidating' },
  // Dispositions may be recorded as responses arrive and until the plan goes up for approval.
  decide_comment: { drafting: 'drafting', consultation: 'consultation', consolidating: 'consolidating' },
  submit_for_approval: { drafting: 'awaiting_approval', consolidating: 'awaiting_approval' },
  approve_step: { awaiting_approval: 'awaiting_approval' },
  approve_final: { awaiting_approval: 'approved' },
  return_for_revision: { awaiting_approval: 'drafting' },
  // Conferences and their minutes belong to the plan's working life; an approved plan is closed.
  manage_conference: { drafting: 'drafting', consultation: 'consultation', consolidating: 'consolidating', awaiting_approval: 'awaiting_approval' },
  // A carried opinion is a new comment awaiting a decision: not once the report went up for approval.
  carry_opinion: { drafting: 'drafting', consultation: 'consultation', consolidating: 'consolidating' },
};

export interface GuardFacts {
  /** Submitted comments of closed rounds that have no disposition yet. */
  undecidedCommentIds?: readonly string[];
}

export type Verdict =
  | { ok: true; from: PlanStatus; to: PlanStatus }
  | { ok: false; kind: 'illegal'; from: PlanStatus; action: PlanAction; allowed: PlanAction[] }
  | { ok: false; kind: 'undecided_comments'; from: PlanStatus; action: PlanAction; undecidedCommentIds: string[] };

export function allowedActions(status: PlanStatus): PlanAction[] {
  return PLAN_ACTIONS.filter((action) => MOVES[action][status] !== undefined);
}

/** May `action` happen to a plan in `from`, given these facts? And if so, where does it lead? */
export function decide(from: PlanStatus, action: PlanAction, facts: GuardFacts = {}): Verdict {
  const to = MOVES[action][from];
  if (to === undefined) return { ok: false, kind: 'illegal', from, action, allowed: allowedActions(from) };
  if (action === 'submit_for_approval' && (facts.undecidedCommentIds?.length ?? 0) > 0) {
    return { ok: false, kind: 'undecided_comments', from, action, undecidedCommentIds: [...(facts.undecidedCommentIds ?? [])] };
  }
  return { ok: true, from, to };
}
