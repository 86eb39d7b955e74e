import { isLate, isPendingAgency } from './consultation-rules';

export const AGENCY_STATES = ['pending', 'responded', 'no_comments', 'late'] as const;
export type AgencyState = (typeof AGENCY_STATES)[number];

/**
 * Where an invited agency stands in a round, from its active response (if any):
 * no response yet is `pending`; an answer after the deadline is `late` whatever it says;
 * otherwise `no_comments` (thống nhất) or `responded`.
 */
export function agencyState(response: { noComments: boolean; late: boolean } | null): AgencyState {
  if (response === null || isPendingAgency(response)) return 'pending';
  if (response.late) return 'late';
  return response.noComments ? 'no_comments' : 'responded';
}

export { isLate };
