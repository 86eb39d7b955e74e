import type { PlanAction, PlanStatus } from './plan-lifecycle';

type Label = { vi: string; en: string };

export const STATUS_LABELS: Record<PlanStatus, Label> = {
  drafting: { vi: 'Đang soạn thảo', en: 'drafting' },
  consultation: { vi: 'Đang lấy ý kiến', en: 'in consultation' },
  consolidating: { vi: 'Đang tổng hợp, tiếp thu', en: 'consolidating comments' },
  awaiting_approval: { vi: 'Đang trình phê duyệt', en: 'awaiting approval' },
  approved: { vi: 'Đã phê duyệt', en: 'approved' },
};

export const ACTION_LABELS: Record<PlanAction, Label> = {
  edit_draft: { vi: 'sửa bản đang soạn', en: 'edit the working draft' },
  freeze_version: { vi: 'chốt dự thảo mới', en: 'freeze a new version' },
  open_round: { vi: 'mở đợt lấy ý kiến', en: 'open a comment round' },
  close_round: { vi: 'kết thúc đợt lấy ý kiến', en: 'close the comment round' },
  decide_comment: { vi: 'giải trình, tiếp thu ý kiến', en: 'record a disposition' },
  submit_for_approval: { vi: 'trình phê duyệt', en: 'submit for approval' },
  approve_step: { vi: 'phê duyệt một bước', en: 'approve a step' },
  approve_final: { vi: 'phê duyệt', en: 'approve' },
  return_for_revision: { vi: 'trả lại để chỉnh sửa', en: 'return for revision' },
  manage_conference: { vi: 'tổ chức hội nghị, ghi biên bản', en: 'manage conferences and minutes' },
  carry_opinion: { vi: 'đưa ý kiến tại hội nghị vào tổng hợp', en: 'carry a conference opinion into a round' },
};
