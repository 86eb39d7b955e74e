import { AGENCY_STATES } from '../consultation/domain/agency-state';
import { ANCHOR_LABELS } from '../consultation/domain/anchor-labels';
import { DECISION_LABELS } from '../consultation/domain/disposition';
import { STATUS_LABELS } from '../plans/domain/plan-labels';
import type { Text } from './lang';

/**
 * One vocabulary of status colours for every page and every role: a tone says what a status means
 * to the reader (waiting on someone, done, needs attention, informational, over), whatever it is
 * the status of. So "giải trình" looks the same to an agency and to the secretariat.
 */
export type Tone = 'info' | 'waiting' | 'done' | 'alert' | 'muted';

interface Badge extends Text {
  tone: Tone;
}

const badges = (tones: Record<string, Tone>, labels: Record<string, Text>): Record<string, Badge> =>
  Object.fromEntries(Object.entries(tones).map(([k, tone]) => [k, { ...labels[k], tone }]));

export const BADGES: Record<string, Record<string, Badge>> = {
  plan: badges({ drafting: 'info', consultation: 'waiting', consolidating: 'waiting', awaiting_approval: 'waiting', approved: 'done' }, STATUS_LABELS),
  decision: {
    ...badges({ accepted: 'done', partially_accepted: 'done', explained: 'info', not_accepted: 'muted' }, DECISION_LABELS),
    none: { vi: 'Chưa xử lý', en: 'Undecided', tone: 'alert' },
  },
  agency: badges(
    Object.fromEntries(AGENCY_STATES.map((s) => [s, ({ pending: 'waiting', responded: 'done', no_comments: 'info', late: 'alert' } as const)[s]])),
    {
      pending: { vi: 'Chưa trả lời', en: 'Pending' },
      responded: { vi: 'Đã góp ý', en: 'Responded' },
      no_comments: { vi: 'Thống nhất', en: 'No comments' },
      late: { vi: 'Trả lời muộn', en: 'Late' },
    },
  ),
  anchor: badges({ same: 'done', moved: 'info', changed: 'waiting', uncertain: 'alert', removed: 'muted', whole_plan: 'muted' }, ANCHOR_LABELS),
  round: { open: { vi: 'Đang mở', en: 'Open', tone: 'waiting' }, closed: { vi: 'Đã kết thúc', en: 'Closed', tone: 'muted' } },
  comment: {
    draft: { vi: 'Nháp', en: 'Draft', tone: 'waiting' },
    submitted: { vi: 'Đã gửi', en: 'Sent', tone: 'done' },
    late: { vi: 'Gửi muộn', en: 'Late', tone: 'alert' },
  },
  directive: {
    open: { vi: 'Đang thực hiện', en: 'Open', tone: 'waiting' },
    done: { vi: 'Đã hoàn thành', en: 'Done', tone: 'done' },
    overdue: { vi: 'Quá hạn', en: 'Overdue', tone: 'alert' },
  },
  document: {
    queued: { vi: 'Đang chờ', en: 'Queued', tone: 'waiting' },
    rendering: { vi: 'Đang tạo', en: 'Rendering', tone: 'waiting' },
    done: { vi: 'Đã xong', en: 'Done', tone: 'done' },
    failed: { vi: 'Lỗi', en: 'Failed', tone: 'alert' },
  },
  approval: {
    pending: { vi: 'Đang trình', en: 'Pending', tone: 'waiting' },
    approved: { vi: 'Đã phê duyệt', en: 'Approved', tone: 'done' },
    returned: { vi: 'Đã trả lại để chỉnh sửa', en: 'Returned for revision', tone: 'alert' },
  },
  step: {
    waiting: { vi: 'Chờ đến lượt', en: 'Waiting', tone: 'muted' },
    current: { vi: 'Đang chờ ký duyệt', en: 'Their turn', tone: 'waiting' },
    approved: { vi: 'Đã phê duyệt', en: 'Approved', tone: 'done' },
    returned: { vi: 'Trả lại', en: 'Returned', tone: 'alert' },
  },
  minutes: {
    none: { vi: 'Chưa có biên bản', en: 'No minutes yet', tone: 'muted' },
    draft: { vi: 'Biên bản đang ghi', en: 'Minutes in progress', tone: 'waiting' },
    final: { vi: 'Biên bản đã chốt', en: 'Minutes final', tone: 'done' },
  },
};
