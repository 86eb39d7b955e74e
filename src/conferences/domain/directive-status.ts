import { provinceDate } from '../../common/time/province-time';

export const DIRECTIVE_STATUSES = ['open', 'done', 'overdue'] as const;
export type DirectiveStatus = (typeof DIRECTIVE_STATUSES)[number];

/**
 * Only "open" and "done" are stored; a directive is overdue when it is still open after its due
 * date has passed in the province (the whole due date counts), so the status is never stale.
 */
export function directiveStatus(stored: 'open' | 'done', dueDate: string, now: Date): DirectiveStatus {
  if (stored === 'done') return 'done';
  return provinceDate(now) > dueDate ? 'overdue' : 'open';
}
