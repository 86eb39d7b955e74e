import { decideStep, initialSteps, StepView } from './approval-steps';

describe('approval steps', () => {
  const steps = initialSteps(['pct', 'ct']);

  it('starts with the first leader current and the rest waiting', () => {
    expect(steps).toEqual([
      { position: 0, approverId: 'pct', state: 'current' },
      { position: 1, approverId: 'ct', state: 'waiting' },
    ]);
  });

  it('lets only the current approver decide', () => {
    expect(decideStep(steps, 'ct', 'approve')).toEqual({ ok: false, reason: 'not_current_approver' });
    expect(decideStep(steps, 'someone', 'return')).toEqual({ ok: false, reason: 'not_current_approver' });
  });

  it('moves to the next step on approval, and approves the whole on the last', () => {
    const first = decideStep(steps, 'pct', 'approve');
    expect(first).toMatchObject({ ok: true, result: 'advanced', decided: { position: 0, state: 'approved' }, next: { position: 1, state: 'current' } });
    const after: StepView[] = [
      { position: 0, approverId: 'pct', state: 'approved' },
      { position: 1, approverId: 'ct', state: 'current' },
    ];
    expect(decideStep(after, 'ct', 'approve')).toMatchObject({ ok: true, result: 'approved', next: null });
  });

  it('ends the process when any step returns', () => {
    expect(decideStep(steps, 'pct', 'return')).toMatchObject({ ok: true, result: 'returned', decided: { state: 'returned' }, next: null });
  });

  it('has nothing to decide once no step is current', () => {
    const done: StepView[] = [{ position: 0, approverId: 'pct', state: 'approved' }];
    expect(decideStep(done, 'pct', 'approve')).toEqual({ ok: false, reason: 'no_current_step' });
  });

  it('handles one leader signing alone', () => {
    expect(decideStep(initialSteps(['ct']), 'ct', 'approve')).toMatchObject({ ok: true, result: 'approved' });
  });
});
