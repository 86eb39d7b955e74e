import { allowedActions, decide, PLAN_ACTIONS, PLAN_STATUSES, PlanAction, PlanStatus } from './plan-lifecycle';

/**
 * The whole table, written out by hand from docs/lifecycle.md, "Statuses and moves": for every status and every
 * action, the status it leads to, or "—" when the move is refused with a 409.
 */
const EXPECTED: Record<PlanStatus, Record<PlanAction, PlanStatus | '—'>> = {
  drafting: {
    edit_draft: 'drafting',
    freeze_version: 'drafting',
    open_round: 'consultation',
    close_round: '—',
    decide_comment: 'drafting',
    submit_for_approval: 'awaiting_approval',
    approve_step: '—',
    approve_final: '—',
    return_for_revision: '—',
    manage_conference: 'drafting',
    carry_opinion: 'drafting',
  },
  consultation: {
    edit_draft: 'consultation',
    freeze_version: '—',
    open_round: '—',
    close_round: 'consolidating',
    decide_comment: 'consultation',
    submit_for_approval: '—',
    approve_step: '—',
    approve_final: '—',
    return_for_revision: '—',
    manage_conference: 'consultation',
    carry_opinion: 'consultation',
  },
  consolidating: {
    edit_draft: 'consolidating',
    freeze_version: 'drafting',
    open_round: '—',
    close_round: '—',
    decide_comment: 'consolidating',
    submit_for_approval: 'awaiting_approval',
    approve_step: '—',
    approve_final: '—',
    return_for_revision: '—',
    manage_conference: 'consolidating',
    carry_opinion: 'consolidating',
  },
  awaiting_approval: {
    edit_draft: '—',
    freeze_version: '—',
    open_round: '—',
    close_round: '—',
    decide_comment: '—',
    submit_for_approval: '—',
    approve_step: 'awaiting_approval',
    approve_final: 'approved',
    return_for_revision: 'drafting',
    manage_conference: 'awaiting_approval',
    carry_opinion: '—',
  },
  approved: {
    edit_draft: '—',
    freeze_version: '—',
    open_round: '—',
    close_round: '—',
    decide_comment: '—',
    submit_for_approval: '—',
    approve_step: '—',
    approve_final: '—',
    return_for_revision: '—',
    manage_conference: '—',
    carry_opinion: '—',
  },
};

describe('plan lifecycle', () => {
  const cases = PLAN_STATUSES.flatMap((status) => PLAN_ACTIONS.map((action) => [status, action, EXPECTED[status][action]] as const));

  it('covers every status × action', () => {
    expect(cases).toHaveLength(PLAN_STATUSES.length * PLAN_ACTIONS.length);
  });

  it.each(cases)('%s + %s → %s', (status, action, expected) => {
    const verdict = decide(status, action);
    if (expected === '—') {
      expect(verdict).toMatchObject({ ok: false, kind: 'illegal', from: status, action });
      if (!verdict.ok && verdict.kind === 'illegal') expect(verdict.allowed).toEqual(allowedActions(status));
    } else {
      expect(verdict).toEqual({ ok: true, from: status, to: expected });
    }
  });

  it('an approved plan allows nothing at all', () => {
    expect(allowedActions('approved')).toEqual([]);
  });

  it('refuses approval while a comment of a closed round has no disposition, naming the comments', () => {
    for (const from of ['drafting', 'consolidating'] as const) {
      expect(decide(from, 'submit_for_approval', { undecidedCommentIds: ['c1', 'c2'] })).toEqual({
        ok: false,
        kind: 'undecided_comments',
        from,
        action: 'submit_for_approval',
        undecidedCommentIds: ['c1', 'c2'],
      });
      expect(decide(from, 'submit_for_approval', { undecidedCommentIds: [] })).toEqual({ ok: true, from, to: 'awaiting_approval' });
    }
  });

  it('checks the status before the guard: an illegal move is illegal whatever the comments', () => {
    expect(decide('consultation', 'submit_for_approval', { undecidedCommentIds: ['c1'] })).toMatchObject({ kind: 'illegal' });
  });

  it('reaches approved only through awaiting approval', () => {
    const reaches = PLAN_STATUSES.filter((s) => PLAN_ACTIONS.some((a) => decide(s, a).ok && (decide(s, a) as { to: string }).to === 'approved'));
    expect(reaches).toEqual(['awaiting_approval']);
  });
});
