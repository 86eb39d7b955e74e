import { DECISIONS, Decision } from './disposition';

/**
 * The consultation's words, each defined once. The SQL that selects the same things is in
 * consultation-sql.ts beside this file; test/consultation-rules.e2e-spec.ts holds the two to the
 * same answers, row by row.
 */

/** A response counts until it is withdrawn; a withdrawn one is kept only for the record. */
export function isActiveResponse(response: { withdrawnAt: Date | null }): boolean {
  return response.withdrawnAt === null;
}

/** A comment is the secretariat's to read and decide once its agency's response sent it. */
export function isSubmittedComment(comment: { status: string }): boolean {
  return comment.status === 'submitted';
}

/** A submitted comment with no disposition yet: what keeps the consolidation report incomplete. */
export function isUndecidedComment(comment: { status: string; decision: Decision | null }): boolean {
  return isSubmittedComment(comment) && comment.decision === null;
}

/** An invited agency is pending while it has no active response (the one reminders go to). */
export function isPendingAgency(activeResponse: object | null): boolean {
  return activeResponse === null;
}

/** A response is late when it arrives after the deadline (to the second: at the deadline is on time). */
export function isLate(submittedAt: Date, deadline: Date): boolean {
  return submittedAt.getTime() > deadline.getTime();
}

/** Where a comment stands on the consolidation board: undecided, or its decision. */
export const BOARD_STATES = ['undecided', ...DECISIONS] as const;
export type BoardState = (typeof BOARD_STATES)[number];

export function boardState(comment: { decision: Decision | null }): BoardState {
  return comment.decision ?? 'undecided';
}
