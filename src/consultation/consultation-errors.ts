import { conflict, DomainError, invalid, notFound } from '../common/errors/domain-error';

/**
 * What the consultation refuses, and how it says so in Vietnamese and English: one catalogue for
 * rounds, comments, responses and decisions, so that the same refusal reads the same wherever it
 * is thrown. A message that starts with "field: " is shown beside that field on a form.
 */
export const consultationErrors = {
  roundNotFound: () => notFound({ vi: 'đợt lấy ý kiến', en: 'round' }),
  commentNotFound: () => notFound({ vi: 'ý kiến góp ý', en: 'comment' }),
  commentsNotFound: (ids: string[]) =>
    new DomainError(
      'not_found',
      { vi: `Không tìm thấy ${ids.length} ý kiến trong đợt lấy ý kiến này.`, en: `${ids.length} comment(s) not found in this round.` },
      { missingCommentIds: ids },
    ),
  reasonNotFound: () => notFound({ vi: 'lý do mẫu', en: 'reason template' }),

  /** An agency's write in a closed round. */
  roundClosed: () =>
    conflict(
      'round_closed',
      {
        vi: 'Đợt lấy ý kiến đã kết thúc (trạng thái "closed"); không thể thay đổi ý kiến hay văn bản góp ý.',
        en: 'The round is closed (status "closed"); comments and responses can no longer change.',
      },
      { roundStatus: 'closed' },
    ),
  roundAlreadyClosed: (roundStatus: string, planStatus: string) =>
    conflict(
      'round_closed',
      {
        vi: `Đợt lấy ý kiến này đã kết thúc từ trước (trạng thái "${roundStatus}"); kế hoạch đang ở trạng thái "${planStatus}".`,
        en: `This round is already closed (status "${roundStatus}"); the plan's status is "${planStatus}".`,
      },
      { roundStatus, currentStatus: planStatus },
    ),
  roundClosedForEdits: (roundStatus: string) =>
    conflict(
      'round_closed',
      {
        vi: `Đợt lấy ý kiến đã kết thúc (trạng thái "${roundStatus}"); không sửa được nữa.`,
        en: `The round is closed (status "${roundStatus}"); it can no longer change.`,
      },
      { roundStatus },
    ),
  roundClosedForReminders: (roundStatus: string) =>
    conflict(
      'round_closed',
      {
        vi: `Đợt lấy ý kiến đã kết thúc (trạng thái "${roundStatus}"); không cần nhắc.`,
        en: `The round is closed (status "${roundStatus}"); there is no one to remind.`,
      },
      { roundStatus },
    ),
  noSuchVersion: (asked: number, latest: number) =>
    invalid({
      vi: `versionNumber: kế hoạch chưa có dự thảo lần ${asked}${latest ? ` (mới nhất là lần ${latest})` : '; hãy chốt dự thảo trước'}`,
      en: `versionNumber: the plan has no version ${asked}${latest ? ` (latest is ${latest})` : '; freeze a version first'}`,
    }),
  deadlinePassed: () => invalid({ vi: 'deadline: hạn góp ý phải ở sau thời điểm hiện tại', en: 'deadline: must be in the future' }),
  nothingToChangeInRound: () => invalid({ vi: 'Không có gì để sửa.', en: 'Nothing to change.' }),

  nothingToChangeInComment: () =>
    invalid({
      vi: 'Không có gì để sửa: gửi ít nhất một trong body, sectionKey, quote, quoteStart.',
      en: 'Nothing to change: send body, sectionKey, quote or quoteStart.',
    }),
  commentSubmitted: () =>
    conflict(
      'comment_submitted',
      {
        vi: 'Ý kiến đã được gửi chính thức nên không thể sửa hay xóa; muốn thay đổi, hãy rút lại văn bản góp ý khi đợt còn mở.',
        en: 'The comment was submitted and can no longer change; withdraw the response while the round is open to change it.',
      },
      { commentStatus: 'submitted' },
    ),
  quoteWithoutSection: () =>
    invalid({ vi: 'sectionKey: cần chỉ rõ mục chứa đoạn trích (quote)', en: 'sectionKey: required with a quote, naming the section it is in' }),
  noSuchSection: (versionNumber: number, sectionKey: string) =>
    invalid({
      vi: `sectionKey: dự thảo lần ${versionNumber} không có mục "${sectionKey}"`,
      en: `sectionKey: version ${versionNumber} has no section "${sectionKey}"`,
    }),
  quoteStartWithoutQuote: () => invalid({ vi: 'quoteStart: chỉ dùng cùng một đoạn trích (quote)', en: 'quoteStart: only with a quote' }),
  quoteStartPastEnd: (heading: string, length: number) =>
    invalid({
      vi: `quoteStart: vượt quá độ dài nội dung mục "${heading}" (${length} ký tự)`,
      en: `quoteStart: past the end of section "${heading}" (${length} characters)`,
    }),
  quoteInHeading: () =>
    invalid({
      vi: 'quoteStart: đoạn trích nằm ở tiêu đề mục, không ở nội dung; hãy bỏ quoteStart',
      en: 'quoteStart: the quote is in the heading, not the body; leave quoteStart out',
    }),
  quoteNotAt: (quoteStart: number, heading: string, occurrences: number) =>
    invalid({
      vi: `quoteStart: đoạn trích không bắt đầu ở vị trí ${quoteStart} của mục "${heading}" (trong mục có ${occurrences} chỗ như vậy)`,
      en: `quoteStart: the quote does not start at offset ${quoteStart} of section "${heading}" (it occurs ${occurrences} time(s) there)`,
    }),
  suggestionWithoutQuote: () => invalid({ vi: 'suggestion: cần có đoạn trích (quote) mà đề nghị sửa', en: 'suggestion: needs the quote it changes' }),
  emptySuggestion: () => invalid({ vi: 'suggestion: cần có đoạn bỏ (delete) hoặc đoạn thêm (insert)', en: 'suggestion: give the text to delete or to insert' }),
  generalWithSection: () =>
    invalid({
      vi: 'general: không dùng cùng sectionKey (ý kiến chung không thuộc mục nào)',
      en: 'general: cannot be combined with sectionKey (a general comment has no section)',
    }),
  quoteNotInSection: (versionNumber: number, heading: string) =>
    invalid({
      vi: `quote: đoạn trích không có trong mục "${heading}" của dự thảo lần ${versionNumber}`,
      en: `quote: the quoted text does not occur in section "${heading}" of version ${versionNumber}`,
    }),

  /** A comment added while the agency's response stands. */
  responseStandsForComments: () =>
    conflict('response_submitted', {
      vi: 'Đơn vị đã gửi văn bản góp ý cho đợt này. Muốn bổ sung ý kiến, hãy rút lại văn bản, sửa rồi gửi lại khi đợt còn mở.',
      en: 'Your agency has already submitted its response to this round. Withdraw it, add comments and submit again while the round is open.',
    }),
  responseStands: () =>
    conflict('response_submitted', {
      vi: 'Đơn vị đã gửi văn bản góp ý cho đợt này. Muốn gửi lại, hãy rút văn bản đã gửi trước.',
      en: 'Your agency has already responded to this round; withdraw that response to send another.',
    }),
  draftsWithNoComments: (drafts: number) =>
    invalid({
      vi: `noComments: đơn vị còn ${drafts} ý kiến nháp; xóa chúng hoặc gửi văn bản kèm các ý kiến đó`,
      en: `noComments: your agency has ${drafts} draft comment(s); delete them or submit them`,
    }),
  nothingToRespond: () =>
    invalid({
      vi: 'Đơn vị chưa có ý kiến nào. Hãy thêm ý kiến, hoặc gửi noComments: true nếu thống nhất với dự thảo.',
      en: 'Your agency has no comments. Add some, or send noComments: true to agree with the draft.',
    }),
  noResponse: () =>
    conflict('no_response', {
      vi: 'Đơn vị chưa gửi văn bản góp ý nào trong đợt này để rút lại.',
      en: 'Your agency has no response in this round to withdraw.',
    }),
  commentsDecided: (ids: string[]) =>
    conflict(
      'comments_decided',
      {
        vi: `Không thể rút lại: cơ quan chủ trì đã giải trình, tiếp thu ${ids.length} ý kiến trong văn bản này.`,
        en: `Cannot withdraw: the secretariat has already decided on ${ids.length} comment(s) of this response.`,
      },
      { decidedCommentIds: ids },
    ),

  commentDraft: (ids: string[]) =>
    conflict(
      'comment_draft',
      ids.length === 1
        ? {
            vi: 'Ý kiến này còn là bản nháp của đơn vị, chưa được gửi chính thức; chưa thể giải trình, tiếp thu.',
            en: 'This comment is still a draft of its agency; it cannot take a disposition until submitted.',
          }
        : {
            vi: `${ids.length} ý kiến còn là bản nháp của đơn vị, chưa được gửi chính thức; chưa thể giải trình, tiếp thu.`,
            en: `${ids.length} comment(s) are still drafts of their agency; they cannot take a disposition until submitted.`,
          },
      { commentStatus: 'draft', draftCommentIds: ids },
    ),
  reasonTemplatesFull: (max: number) =>
    conflict('reason_templates_full', {
      vi: `Danh sách lý do mẫu đã đủ ${max} mục; hãy xóa bớt lý do không còn dùng.`,
      en: `The list already holds ${max} reason templates; delete some that are no longer used.`,
    }),
  reasonTemplateTaken: () =>
    conflict('reason_template_taken', { vi: 'text: lý do mẫu này đã có trong danh sách', en: 'text: this reason template is already in the list' }),
};
