export const STEP_STATES = ['waiting', 'current', 'approved', 'returned'] as const;
export type StepState = (typeof STEP_STATES)[number];

export interface StepView {
  position: number;
  approverId: string;
  state: StepState;
}

/** The leaders sign in order: the first one is current, the others wait. */
export function initialSteps(approverIds: readonly string[]): StepView[] {
  return approverIds.map((approverId, position) => ({ position, approverId, state: position === 0 ? 'current' : 'waiting' }));
}

export type StepOutcome =
  | { ok: true; result: 'advanced' | 'approved' | 'returned'; decided: StepView; next: StepView | null }
  | { ok: false; reason: 'not_current_approver' | 'no_current_step' };

/**
 * Only the approver of the current step decides. Approving moves to the next step or, on the
 * last, approves the whole; returning ends the process.
 */
export function decideStep(steps: readonly StepView[], actorId: string, decision: 'approve' | 'return'): StepOutcome {
  const current = steps.find((s) => s.state === 'current');
  if (!current) return { ok: false, reason: 'no_current_step' };
  if (current.approverId !== actorId) return { ok: false, reason: 'not_current_approver' };
  if (decision === 'return') return { ok: true, result: 'returned', decided: { ...current, state: 'returned' }, next: null };
  const following = steps.find((s) => s.position === current.position + 1) ?? null;
  return {
    ok: true,
    result: following ? 'advanced' : 'approved',
    decided: { ...current, state: 'approved' },
    next: following ? { ...following, state: 'current' } : null,
  };
}
