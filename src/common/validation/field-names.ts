import type { Lang } from '../http/lang';
import type { Text } from '../errors/domain-error';

/**
 * The one dictionary of field names a person reads: the API's field keys (bodies, queries, path
 * parameters), in Vietnamese and English. A refusal "reason: must not be blank" is shown as
 * "Lý do: không được để trống"; the API's Vietnamese body keeps the key beside the name.
 */
export const FIELD_NAMES: Record<string, Text> = {
  id: { vi: 'Mã định danh', en: 'Id' },
  n: { vi: 'Số dự thảo', en: 'Version number' },
  limit: { vi: 'Số dòng mỗi trang', en: 'Page size' },
  offset: { vi: 'Vị trí bắt đầu', en: 'Offset' },
  q: { vi: 'Từ khóa tìm kiếm', en: 'Search words' },
  email: { vi: 'Địa chỉ e-mail', en: 'E-mail address' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  role: { vi: 'Vai trò', en: 'Role' },
  position: { vi: 'Chức vụ', en: 'Position' },
  code: { vi: 'Mã đơn vị', en: 'Agency code' },
  name: { vi: 'Tên', en: 'Name' },
  agencyId: { vi: 'Đơn vị', en: 'Agency' },
  agencyIds: { vi: 'Các đơn vị', en: 'Agencies' },
  ownerAgencyId: { vi: 'Cơ quan chủ trì', en: 'Lead agency' },
  approverIds: { vi: 'Người phê duyệt', en: 'Approvers' },
  title: { vi: 'Tiêu đề', en: 'Title' },
  description: { vi: 'Mô tả', en: 'Description' },
  sections: { vi: 'Các mục', en: 'Sections' },
  'sections.key': { vi: 'Khóa của mục', en: 'Section key' },
  'sections.heading': { vi: 'Tiêu đề mục', en: 'Section heading' },
  'sections.body': { vi: 'Nội dung mục', en: 'Section text' },
  key: { vi: 'Khóa', en: 'Key' },
  heading: { vi: 'Tiêu đề mục', en: 'Heading' },
  body: { vi: 'Nội dung', en: 'Text' },
  planId: { vi: 'Kế hoạch', en: 'Plan' },
  roundId: { vi: 'Đợt lấy ý kiến', en: 'Comment round' },
  conferenceId: { vi: 'Hội nghị', en: 'Conference' },
  versionNumber: { vi: 'Số dự thảo', en: 'Version number' },
  from: { vi: 'Từ dự thảo lần', en: 'From version' },
  to: { vi: 'Đến dự thảo lần', en: 'To version' },
  note: { vi: 'Ghi chú, ý kiến', en: 'Note' },
  deadline: { vi: 'Hạn góp ý', en: 'Deadline' },
  message: { vi: 'Lời nhắn', en: 'Message' },
  sectionKey: { vi: 'Mục', en: 'Section' },
  general: { vi: 'Ý kiến chung', en: 'General comment' },
  quote: { vi: 'Đoạn trích', en: 'Quoted passage' },
  quoteStart: { vi: 'Vị trí đoạn trích', en: 'Position of the quote' },
  content: { vi: 'Nội dung', en: 'Content' },
  suggestion: { vi: 'Đề xuất sửa', en: 'Suggested wording' },
  'suggestion.delete': { vi: 'Đoạn đề nghị bỏ', en: 'Text to delete' },
  'suggestion.insert': { vi: 'Đoạn đề nghị thêm', en: 'Text to insert' },
  delete: { vi: 'Đoạn đề nghị bỏ', en: 'Text to delete' },
  insert: { vi: 'Đoạn đề nghị thêm', en: 'Text to insert' },
  reference: { vi: 'Số, ký hiệu văn bản', en: 'Reference number' },
  noComments: { vi: 'Thống nhất, không có ý kiến', en: 'No comments' },
  commentIds: { vi: 'Các ý kiến', en: 'Comments' },
  decision: { vi: 'Quyết định', en: 'Decision' },
  reason: { vi: 'Lý do', en: 'Reason' },
  text: { vi: 'Nội dung', en: 'Text' },
  addressedInVersion: { vi: 'Tiếp thu ở dự thảo lần', en: 'Taken in at version' },
  state: { vi: 'Tình trạng xử lý', en: 'State' },
  status: { vi: 'Trạng thái', en: 'Status' },
  index: { vi: 'Số thứ tự trong nhật ký', en: 'Log index' },
  size: { vi: 'Kích thước cây nhật ký', en: 'Tree size' },
  subjectType: { vi: 'Loại đối tượng', en: 'Subject type' },
  subjectId: { vi: 'Đối tượng', en: 'Subject' },
  search: { vi: 'Tìm kiếm', en: 'Search' },
  disabled: { vi: 'Khóa tài khoản', en: 'Disabled' },
  heldAt: { vi: 'Thời gian họp', en: 'Held at' },
  endedAt: { vi: 'Thời gian kết thúc', en: 'Ended at' },
  location: { vi: 'Địa điểm', en: 'Location' },
  chair: { vi: 'Người chủ trì', en: 'Chair' },
  secretary: { vi: 'Thư ký', en: 'Secretary' },
  attendees: { vi: 'Thành phần tham dự', en: 'Attendees' },
  summary: { vi: 'Tóm tắt', en: 'Summary' },
  minutes: { vi: 'Biên bản', en: 'Minutes' },
  opinions: { vi: 'Ý kiến phát biểu', en: 'Opinions' },
  'opinions.speaker': { vi: 'Người phát biểu', en: 'Speaker' },
  'opinions.content': { vi: 'Nội dung phát biểu', en: 'What was said' },
  speaker: { vi: 'Người phát biểu', en: 'Speaker' },
  conclusions: { vi: 'Kết luận', en: 'Conclusions' },
  directives: { vi: 'Nhiệm vụ được giao', en: 'Directives' },
  task: { vi: 'Nhiệm vụ', en: 'Task' },
  dueDate: { vi: 'Thời hạn', en: 'Due date' },
  target: { vi: 'Chỉ tiêu', en: 'Target' },
  value: { vi: 'Kết quả đạt được', en: 'Value' },
  progress: { vi: 'Báo cáo tiến độ', en: 'Progress report' },
  kind: { vi: 'Loại', en: 'Kind' },
  format: { vi: 'Định dạng', en: 'Format' },
  unread: { vi: 'Chưa đọc', en: 'Unread' },
  queue: { vi: 'Hàng đợi', en: 'Queue' },
  entityType: { vi: 'Loại đối tượng', en: 'Entity type' },
  entityId: { vi: 'Đối tượng', en: 'Entity' },
  file: { vi: 'Tệp', en: 'File' },
  commentId: { vi: 'Ý kiến', en: 'Comment' },
  reasonTemplateId: { vi: 'Lý do mẫu', en: 'Reason template' },
  confirmed: { vi: 'Xác nhận', en: 'Confirmation' },
  form: { vi: 'Biểu mẫu', en: 'Form' },
  query: { vi: 'Tham số của địa chỉ', en: 'Query' },
  path: { vi: 'Đường dẫn', en: 'Path' },
};

/** A name kept for `key` itself, never one an object inherits ("__proto__", "constructor" are keys a client can send). */
const own = (names: Record<string, Text>, key: string): Text | undefined => (Object.hasOwn(names, key) ? names[key] : undefined);

const row = (lang: Lang, n: number) => (lang === 'en' ? `row ${n}` : `dòng ${n}`);

/**
 * A field's name from its path ("sections[1].heading" → "Tiêu đề mục (dòng 2)"): the page's own
 * labels first (`names`, for the path without indexes or its list), then the dictionary for the
 * path or its last part; a key no DTO has (an unknown field) is quoted as sent.
 */
export function fieldName(path: string, lang: Lang, names: Record<string, Text> = {}): string {
  const bare = path.replace(/\[\d+\]/g, '');
  const last = bare.split('.').pop() ?? bare;
  const found = own(names, bare) ?? own(names, bare.split('.')[0]) ?? own(FIELD_NAMES, bare) ?? own(FIELD_NAMES, last);
  const rows = [...path.matchAll(/\[(\d+)\]/g)].map((m) => row(lang, Number(m[1]) + 1));
  if (!found) return lang === 'en' ? `field "${path}"` : `trường "${path}"`;
  return rows.length ? `${found[lang]} (${rows.join(', ')})` : found[lang];
}

/** "path: text" as the person reads it: the field's name first (`withKey`: and the key, for the API). */
export function namedMessage(message: string, lang: Lang, withKey = false): string {
  const m = /^([A-Za-z_$][\w$]*(?:\[[^\]\s]*\]|\.[A-Za-z_$][\w$]*)*): ([\s\S]+)$/.exec(message);
  if (!m) return message;
  const bare = m[1].replace(/\[\d+\]/g, '');
  const known = own(FIELD_NAMES, bare) ?? own(FIELD_NAMES, bare.split('.').pop() ?? '');
  if (!known) return `${fieldName(m[1], lang)}: ${m[2]}`;
  // With the key, its index says the row: "Tiêu đề mục (sections[0].heading)".
  return withKey ? `${fieldName(m[1].replace(/\[\d+\]/g, ''), lang)} (${m[1]}): ${m[2]}` : `${fieldName(m[1], lang)}: ${m[2]}`;
}
