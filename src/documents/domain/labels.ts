import type { AgencyState } from '../../consultation/domain/agency-state';
import { DECISION_LABELS, Decision } from '../../consultation/domain/disposition';

/** "Tiếp thu", "Tiếp thu một phần", "Giải trình", "Không tiếp thu"; "Chưa xử lý" while undecided. */
export function decisionLabel(decision: Decision | null | undefined): string {
  return decision ? DECISION_LABELS[decision].vi : 'Chưa xử lý';
}

/** Where an invited agency stands, as the consolidation report says it. */
export function agencyStateLabel(state: AgencyState, noComments: boolean, overdue: boolean): string {
  switch (state) {
    case 'pending':
      return overdue ? 'Chưa trả lời (quá hạn)' : 'Chưa trả lời';
    case 'no_comments':
      return 'Thống nhất, không có ý kiến';
    case 'responded':
      return 'Có ý kiến góp ý';
    case 'late':
      return noComments ? 'Trả lời muộn; thống nhất, không có ý kiến' : 'Trả lời muộn; có ý kiến góp ý';
  }
}

export type SectionChangeKind = 'added' | 'removed' | 'changed' | 'same';

const CHANGE_LABELS: Record<SectionChangeKind, string> = { added: 'Bổ sung mục mới', removed: 'Bỏ mục', changed: 'Sửa đổi', same: 'Giữ nguyên' };

export function sectionChangeLabel(change: SectionChangeKind | string): string {
  return Object.hasOwn(CHANGE_LABELS, change) ? CHANGE_LABELS[change as SectionChangeKind] : 'Sửa đổi';
}
