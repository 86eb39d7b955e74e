import type { Text } from '../../common/errors/domain-error';
import type { AnchorState, Placement } from './anchor-placement';

/** What a reader is told of a placement: its state, or `uncertain` when the context could not pick one occurrence. */
export type ShownAnchorState = AnchorState | 'uncertain';

export const ANCHOR_LABELS: Record<ShownAnchorState, Text> = {
  same: { vi: 'Vẫn ở chỗ cũ', en: 'Where it was' },
  moved: { vi: 'Đã chuyển sang mục khác', en: 'Moved to another section' },
  changed: { vi: 'Đoạn trích đã được sửa', en: 'The passage was edited' },
  uncertain: { vi: 'Chưa xác định chắc vị trí', en: 'Place not certain' },
  removed: { vi: 'Đoạn trích không còn trong dự thảo', en: 'The passage is gone' },
  whole_plan: { vi: 'Góp ý chung', en: 'General comment' },
};

export function shownAnchorState(p: Pick<Placement, 'state' | 'candidates'>): ShownAnchorState {
  return p.candidates ? 'uncertain' : p.state;
}
