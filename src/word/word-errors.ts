import { DomainError, invalid } from '../common/errors/domain-error';
import { vnNumberText } from '../common/vn-number';

/** What may be wrong with an uploaded Word file, each in words the person can act on. */
export const wordFileProblems = {
  notWord: () =>
    new DomainError('unsupported_media_type', {
      vi: 'Tệp tải lên không phải tài liệu Word (.docx). Hãy mở tệp bằng Word hoặc LibreOffice và lưu lại dưới dạng "Word Document (.docx)".',
      en: 'The file is not a Word document (.docx). Open it in Word or LibreOffice and save it as "Word Document (.docx)".',
    }),
  legacyDoc: () =>
    new DomainError('unsupported_media_type', {
      vi: 'Tệp là tài liệu Word đời cũ (.doc) hoặc đã đặt mật khẩu. Hãy bỏ mật khẩu và lưu lại dưới dạng .docx.',
      en: 'The file is an old Word document (.doc) or is password-protected. Remove the password and save it as .docx.',
    }),
  noDocumentPart: () =>
    new DomainError('unsupported_media_type', {
      vi: 'Tệp nén không phải tài liệu Word: không có phần nội dung word/document.xml.',
      en: 'The archive is not a Word document: it has no word/document.xml part.',
    }),
  macros: () =>
    new DomainError('unsupported_media_type', {
      vi: 'Tài liệu Word có macro (.docm) không được nhận vì lý do an toàn. Hãy lưu lại dưới dạng .docx (không macro).',
      en: 'Word documents with macros (.docm) are refused for safety. Save it as .docx (no macros).',
    }),
  damaged: (detail: { vi: string; en: string }) =>
    invalid({
      vi: `Tệp Word bị hỏng, không đọc được: ${detail.vi}. Hãy mở tệp bằng Word, lưu lại rồi gửi lại.`,
      en: `The Word file is damaged and cannot be read: ${detail.en}. Open it in Word, save it again and resend it.`,
    }),
  tooManyParts: (max: number) =>
    invalid({
      vi: `Tệp Word có quá nhiều thành phần (hơn ${vnNumberText(max)}).`,
      en: `The Word file has too many parts (over ${vnNumberText(max, 'en')}).`,
    }),
  unpacksTooLarge: (maxMb: number) =>
    invalid({
      vi: `Tệp Word khi giải nén vượt quá ${maxMb} MB (có thể là tệp nén độc hại); không xử lý.`,
      en: `The Word file unpacks to more than ${maxMb} MB (possibly a zip bomb); it was not processed.`,
    }),
  partTooLarge: (part: string, maxMb: number) =>
    invalid({
      vi: `Phần ${part} của tệp Word lớn hơn ${maxMb} MB; hãy tách văn bản thành nhiều tệp.`,
      en: `The ${part} part of the Word file is larger than ${maxMb} MB; split the document.`,
    }),
  noText: () => invalid({ vi: 'Tệp Word không có nội dung văn bản nào để nhập.', en: 'The Word file holds no text to import.' }),
  noTitle: () =>
    invalid({
      vi: 'title: tệp Word không có phần tiêu đề (ví dụ "ĐỀ ÁN" và tên đề án); hãy nhập tên đề án, kế hoạch.',
      en: 'title: the Word file has no title block (e.g. "ĐỀ ÁN" and the title); give the title.',
    }),
};
