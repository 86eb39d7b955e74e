import { agencyState, isLate } from './agency-state';

describe('agency state in a round', () => {
  it.each([
    [null, 'pending'],
    [{ noComments: false, late: false }, 'responded'],
    [{ noComments: true, late: false }, 'no_comments'],
    [{ noComments: false, late: true }, 'late'],
    [{ noComments: true, late: true }, 'late'],
  ] as const)('%j → %s', (response, state) => {
    expect(agencyState(response)).toBe(state);
  });

  it('is late only strictly after the deadline', () => {
    const deadline = new Date('2022-05-31T17:00:00+07:00');
    expect(isLate(new Date('2022-05-31T17:00:00+07:00'), deadline)).toBe(false);
    expect(isLate(new Date('2022-05-31T17:00:01+07:00'), deadline)).toBe(true);
    expect(isLate(new Date('2022-05-31T09:59:59Z'), deadline)).toBe(false);
  });
});
