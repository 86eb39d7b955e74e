import type { Text } from './lang';

interface Skipped {
  what: string;
  where: string;
}

const WHAT: Record<string, Text> = {
  image: { vi: 'hình ảnh (bỏ qua)', en: 'image (left out)' },
  footnote: { vi: 'chú thích (giữ thành văn bản cuối mục)', en: 'footnote (kept as text at the end of the section)' },
  endnote: { vi: 'chú thích cuối (giữ thành văn bản cuối mục)', en: 'endnote (kept as text at the end of the section)' },
  text_box: { vi: 'hộp văn bản (giữ phần chữ)', en: 'text box (its text kept)' },
  field: { vi: 'trường tự động (giữ kết quả)', en: 'field (its result kept)' },
};

/** What a Word import read and what it could not keep as it was, in one message for the next page. */
export function skippedSummary(sections: string, skipped: readonly Skipped[]): Text {
  const shown = skipped.slice(0, 8);
  const more = skipped.length - shown.length;
  const list = (lang: 'vi' | 'en') =>
    shown.map((s) => `${(WHAT[s.what] ?? { vi: s.what, en: s.what })[lang]} — ${s.where}`).join('; ') +
    (more > 0 ? (lang === 'vi' ? `; và ${more} chỗ khác` : `; and ${more} more`) : '');
  return {
    vi: `Đã nhập ${sections} mục từ tệp Word.${skipped.length ? ` Những phần không giữ nguyên: ${list('vi')}.` : ''}`,
    en: `${sections} section(s) were read from the Word file.${skipped.length ? ` Not kept as they were: ${list('en')}.` : ''}`,
  };
}
