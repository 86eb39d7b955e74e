/**
 * The Vietnamese outline of an administrative document, as agencies type it by hand: "Phần I",
 * "Chương II", "Mục 1", "Điều 3.", "I.", then the lower levels "1.", "1.1.", "a)". A level's rank
 * is its place from the top (0 is "Phần"); the lower levels have no rank: they never start a section.
 */

const ROMAN = '[IVXLC]{1,7}';
const ORDINAL = 'thứ\\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)';

const LEVELS: { rank: number; marker: RegExp }[] = [
  { rank: 0, marker: new RegExp(`^phần\\s+(?:${ROMAN}|\\d{1,3}|${ORDINAL})(?=$|[\\s.:\\-–—])`, 'iu') },
  { rank: 1, marker: new RegExp(`^chương\\s+(?:${ROMAN}|\\d{1,3})(?=$|[\\s.:\\-–—])`, 'iu') },
  { rank: 2, marker: new RegExp(`^mục\\s+(?:${ROMAN}|\\d{1,3})(?=$|[\\s.:\\-–—])`, 'iu') },
  { rank: 3, marker: /^điều\s+\d{1,4}(?=$|[\s.:])/iu },
  // "I." but not "I-ốt": a capital Roman numeral, then a dot or a closing parenthesis.
  { rank: 4, marker: new RegExp(`^${ROMAN}\\s*[.)](?=$|\\s)`, 'u') },
];

/** "1.", "1.1.", "2)", "a)", "đ)", "-": the levels that stay in the body, as bold paragraphs. */
const LOWER = /^(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,3}\s*[.)]|[a-zđ]\s*\))(?=\s)/u;

export interface OutlineLine {
  rank: number;
  /** The marker alone ("Phần I"), nothing else on the line: its title is the next line. */
  bare: boolean;
}

export function outlineLevel(text: string): OutlineLine | null {
  const t = text.trim();
  if (t.length > 500) return null;
  for (const { rank, marker } of LEVELS) {
    const m = marker.exec(t);
    if (!m) continue;
    // "I. " starts a sentence far more rarely than a heading; a heading is short.
    if (rank === 4 && t.length > 300) return null;
    const after = t.slice(m[0].length);
    const rest = after.replace(/^[\s.:\-–—]+/, '');
    // "Phần I. SỰ CẦN THIẾT", "Điều 3: Phạm vi", "Chương II THỰC TRẠNG", not "Phần I là …".
    if (rank < 4 && rest && !/^\s*[.:\-–—]/.test(after) && !isCapitals(rest)) return null;
    return { rank, bare: rest.length === 0 };
  }
  return null;
}

export function isLowerOutline(text: string): boolean {
  const t = text.trim();
  return t.length <= 300 && LOWER.test(t);
}

/** Capitals: every letter that has a case is upper case, and there are letters. */
export function isCapitals(text: string): boolean {
  return /\p{L}/u.test(text) && text === text.toLocaleUpperCase('vi') && text !== text.toLocaleLowerCase('vi');
}

const KINDS = [
  'ĐỀ ÁN',
  'KẾ HOẠCH',
  'CHƯƠNG TRÌNH',
  'BÁO CÁO',
  'TỜ TRÌNH',
  'QUY ĐỊNH',
  'QUY CHẾ',
  'NGHỊ QUYẾT',
  'QUYẾT ĐỊNH',
  'CHIẾN LƯỢC',
  'QUY HOẠCH',
  'PHƯƠNG ÁN',
  'DỰ ÁN',
  'HƯỚNG DẪN',
  'CHỈ THỊ',
];
const KIND_LINE = new RegExp(`^(?:DỰ THẢO\\s+)?(${KINDS.join('|')})(?:\\s*\\((?:DỰ THẢO|Dự thảo)[^)]*\\))?$`, 'u');

/** "ĐỀ ÁN" → "Đề án": the kind of document a title block names, or null. */
export function documentKind(line: string): string | null {
  const m = KIND_LINE.exec(line.trim().normalize('NFC'));
  if (!m) return null;
  const lower = m[1].toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

/** Lines a title block holds besides the title: the motto, "Số:", the place and date, rules, notes in brackets. */
export function isTitleBlockLine(line: string): boolean {
  const t = line.trim();
  return (
    /^Độc lập\s*[-–—]\s*Tự do\s*[-–—]\s*Hạnh phúc$/iu.test(t) ||
    /^Số\s*:/iu.test(t) ||
    (t.length < 150 && /ngày\s+\S+\s+tháng\s+\S+\s+năm\s+\S+/iu.test(t)) ||
    /^[-–—_=.*\s]+$/u.test(t) ||
    /^\(.*\)$/su.test(t) ||
    /^(?:DỰ THẢO|Dự thảo)(?:\s+(?:lần\s+)?\S+)?$/u.test(t)
  );
}
