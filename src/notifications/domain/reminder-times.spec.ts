import { endOfDueDate, reminderTimes } from './reminder-times';

const DAY = 86_400_000;

describe('reminder times', () => {
  const deadline = new Date('2022-05-31T10:00:00Z');

  it('fires the configured offsets before the deadline, then at it', () => {
    const times = reminderTimes(deadline, [3 * DAY, DAY], new Date('2022-05-20T00:00:00Z'));
    expect(times).toEqual([
      { offsetMs: 3 * DAY, at: new Date('2022-05-28T10:00:00Z') },
      { offsetMs: DAY, at: new Date('2022-05-30T10:00:00Z') },
      { offsetMs: 0, at: deadline },
    ]);
  });

  it('skips the ones already past', () => {
    expect(reminderTimes(deadline, [3 * DAY, DAY], new Date('2022-05-29T00:00:00Z')).map((t) => t.offsetMs)).toEqual([DAY, 0]);
    expect(reminderTimes(deadline, [3 * DAY, DAY], new Date('2022-06-01T00:00:00Z'))).toEqual([]);
  });

  it('ends a due date at midnight in Vietnam', () => {
    expect(endOfDueDate('2022-06-30').toISOString()).toBe('2022-06-30T17:00:00.000Z');
  });
});
