import { boardState, BOARD_STATES, isActiveResponse, isLate, isPendingAgency, isSubmittedComment, isUndecidedComment } from './consultation-rules';
import { likePattern, undecidedCommentSql } from './consultation-sql';

describe('consultation rules', () => {
  it('a response is active until withdrawn', () => {
    expect(isActiveResponse({ withdrawnAt: null })).toBe(true);
    expect(isActiveResponse({ withdrawnAt: new Date() })).toBe(false);
  });

  it('an agency is pending while it has no active response', () => {
    expect(isPendingAgency(null)).toBe(true);
    expect(isPendingAgency({ noComments: true })).toBe(false);
  });

  it.each([
    ['draft', null, false, false],
    ['submitted', null, true, true],
    ['submitted', 'accepted', true, false],
    ['submitted', 'not_accepted', true, false],
  ] as const)('a %s comment decided %s: submitted %s, undecided %s', (status, decision, submitted, undecided) => {
    expect(isSubmittedComment({ status })).toBe(submitted);
    expect(isUndecidedComment({ status, decision })).toBe(undecided);
  });

  it('is late only strictly after the deadline', () => {
    const deadline = new Date('2022-05-31T17:00:00+07:00');
    expect(isLate(new Date('2022-05-31T10:00:00Z'), deadline)).toBe(false);
    expect(isLate(new Date('2022-05-31T10:00:00.001Z'), deadline)).toBe(true);
  });

  it('names a board state for every comment: undecided or its decision', () => {
    expect(BOARD_STATES).toEqual(['undecided', 'accepted', 'partially_accepted', 'explained', 'not_accepted']);
    expect(boardState({ decision: null })).toBe('undecided');
    expect(boardState({ decision: 'explained' })).toBe('explained');
  });
});

describe('consultation SQL', () => {
  it('writes "undecided" as the partial index predicate, so the planner can use the index', () => {
    expect(undecidedCommentSql('c')).toBe("(c.status = 'submitted' AND c.decision IS NULL)");
  });

  it('takes LIKE wildcards and its escape character as text', () => {
    expect(likePattern('100%_a\\b')).toBe('100\\%\\_a\\\\b');
    expect(likePattern('hợp tác xã')).toBe('hợp tác xã');
  });
});
