import { dispositionProblems } from './disposition';

const ctx = { roundVersion: 1, latestVersion: 3 };

describe('disposition rules', () => {
  it('needs no reason to accept', () => {
    expect(dispositionProblems({ decision: 'accepted' }, ctx)).toEqual([]);
  });

  it.each(['partially_accepted', 'explained', 'not_accepted'] as const)('needs a reason for %s', (decision) => {
    expect(dispositionProblems({ decision }, ctx)).toHaveLength(1);
    expect(dispositionProblems({ decision, reason: '   ' }, ctx)[0].en).toMatch(/^reason:/);
    expect(dispositionProblems({ decision, reason: 'Đã giải trình.' }, ctx)).toEqual([]);
  });

  it('takes the comment in only in an existing version newer than the one commented on', () => {
    expect(dispositionProblems({ decision: 'accepted', addressedInVersion: 2 }, ctx)).toEqual([]);
    expect(dispositionProblems({ decision: 'accepted', addressedInVersion: 3 }, ctx)).toEqual([]);
    expect(dispositionProblems({ decision: 'accepted', addressedInVersion: 1 }, ctx)[0].en).toMatch(/newer than version 1/);
    expect(dispositionProblems({ decision: 'accepted', addressedInVersion: 4 }, ctx)[0].en).toMatch(/does not exist/);
    expect(dispositionProblems({ decision: 'accepted', addressedInVersion: null }, ctx)).toEqual([]);
  });
});
