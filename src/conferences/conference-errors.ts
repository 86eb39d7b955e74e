import { conflict, forbidden, invalid, notFound } from '../common/errors/domain-error';
import { provinceDateTimeText } from '../common/time/province-time';

/**
 * What conferences, their minutes, opinions and directives refuse, in Vietnamese and English: one
 * catalogue for the feature. A message that starts with "field: " is shown beside that field on a form.
 */
export const conferenceErrors = {
  conferenceNotFound: () => notFound({ vi: 'hội nghị', en: 'conference' }),
  directiveNotFound: () => notFound({ vi: 'nhiệm vụ', en: 'directive' }),
  opinionNotFound: (no: number) => notFound({ vi: `ý kiến số ${no} trong biên bản`, en: `opinion ${no} in the minutes` }),

  nothingToChange: () => invalid({ vi: 'Không có gì để sửa.', en: 'Nothing to change.' }),
  heldAfterEnd: () => invalid({ vi: 'heldAt: phải trước thời gian kết thúc ghi trong biên bản', en: 'heldAt: must be before the end time in the minutes' }),
  endsBeforeStart: () => invalid({ vi: 'endedAt: hội nghị không thể kết thúc trước khi bắt đầu', en: 'endedAt: the conference cannot end before it starts' }),
  minutesMissing: () =>
    conflict('minutes_missing', { vi: 'Hội nghị chưa có biên bản để chốt.', en: 'The conference has no minutes to finalise yet.' }, { minutesStatus: 'none' }),
  /** Minutes are the record of a meeting that took place: not final before it did. */
  notHeldYet: (heldAt: Date) =>
    conflict(
      'conference_not_held',
      {
        vi: `Hội nghị chưa diễn ra (dự kiến ${provinceDateTimeText(heldAt)}); chỉ chốt được biên bản sau khi hội nghị đã họp.`,
        en: `The conference has not taken place yet (planned for ${heldAt.toISOString()}); its minutes can be finalised only after it met.`,
      },
      { heldAt: heldAt.toISOString() },
    ),
  minutesFinalized: () =>
    conflict(
      'minutes_finalized',
      { vi: 'Biên bản hội nghị đã được chốt nên không thể sửa.', en: 'The minutes are finalised and can no longer change.' },
      { minutesStatus: 'finalized' },
    ),

  opinionNumber: () =>
    invalid({ vi: 'n: số thứ tự ý kiến phải là số nguyên dương (từ 1)', en: 'n: the opinion number must be a positive whole number (from 1)' }),
  opinionNumberRange: () => invalid({ vi: 'n: số thứ tự ý kiến phải từ 1 đến 500', en: 'n: the opinion number must be 1 to 500' }),
  minutesNotFinalized: (minutesStatus: 'draft' | 'none') =>
    conflict(
      'minutes_not_finalized',
      {
        vi: 'Chỉ đưa được ý kiến vào tổng hợp sau khi biên bản hội nghị đã chốt.',
        en: 'Opinions can be carried into a round only once the minutes are finalised.',
      },
      { minutesStatus },
    ),
  opinionWithoutAgency: (no: number, speaker: string) =>
    invalid({
      vi: `Ý kiến số ${no} (${speaker}) không gắn với đơn vị nào; hãy ghi đơn vị của người phát biểu trong biên bản.`,
      en: `Opinion ${no} (${speaker}) names no agency; record the speaker's agency in the minutes.`,
    }),
  roundOfAnotherPlan: () =>
    invalid({ vi: 'roundId: không phải đợt lấy ý kiến của kế hoạch có hội nghị này', en: "roundId: not a round of this conference's plan" }),
  opinionCarried: (no: number, commentId: string) =>
    conflict('opinion_carried', { vi: `Ý kiến số ${no} đã được đưa vào đợt lấy ý kiến này.`, en: `Opinion ${no} is already in this round.` }, { commentId }),

  notYourDirective: () => forbidden({ vi: 'Đơn vị chỉ xem được nhiệm vụ giao cho đơn vị mình.', en: 'An agency sees only the directives assigned to it.' }),
  mayNotUpdateDirective: () =>
    forbidden({
      vi: 'Chỉ đơn vị được giao và cơ quan chủ trì cập nhật được nhiệm vụ.',
      en: 'Only the assignee agency and the secretariat update a directive.',
    }),
  nothingToUpdate: () => invalid({ vi: 'Không có gì để cập nhật: gửi status, progress hoặc value.', en: 'Nothing to update: send status, progress or value.' }),
};
