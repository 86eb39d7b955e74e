import { quoteOccursIn } from '../../consultation/domain/quote-anchor';
import type { Section } from '../../plans/domain/sections';
import { foldSpaces, plainText } from './markdown-text';
import type { ReplyMarks } from './reply-marks';
import { vnNumberText } from '../../common/vn-number';

/** A draft comment to make from a mark of the reply. */
export interface PlacedComment {
  sectionKey: string | null;
  quote: string | null;
  body: string;
  suggestion: { delete: string; insert: string } | null;
}

export type UnplacedCode = 'not_found' | 'ambiguous' | 'empty' | 'too_long' | 'not_attached';

export interface Unplaced {
  text: string;
  reason: string;
  code: UnplacedCode;
}

/** The comment rules (consultation/dto/comment.dto.ts): a quote and a body of at most 20,000 characters. */
export const COMMENT_CHARS = 20_000;

interface Indexed {
  section: Section;
  /** What a reader sees of the body, spaces folded, lower case; `at` gives each character's index in the body. */
  folded: string;
  at: number[];
  heading: string;
}

const fold = (text: string) => foldSpaces(text.normalize('NFC')).text.toLocaleLowerCase('vi');

function index(section: Section): Indexed {
  const body = section.body.normalize('NFC');
  const plain = plainText(body);
  const spaced = foldSpaces(plain.text);
  // Lower case keeps the length of Vietnamese letters (checked: at is only used where lengths agree).
  const lower = spaced.text.toLocaleLowerCase('vi');
  const folded = lower.length === spaced.text.length ? lower : spaced.text;
  return { section: { ...section, body }, folded, at: spaced.at.map((i) => plain.at[i]), heading: fold(section.heading) };
}

function occurrences(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0 && n < 2; i = haystack.indexOf(needle, i + 1)) n++;
  return n;
}

/** Runs of unescaped "*" in a body (an opening or closing emphasis marker each), as [start, end). */
function markerRuns(body: string): [number, number][] {
  const runs: [number, number][] = [];
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') i++;
    else if (body[i] === '*') {
      const start = i;
      while (body[i + 1] === '*') i++;
      runs.push([start, i + 1]);
    }
  }
  return runs;
}

/**
 * The body's own text for a passage found in what a reader sees. A quote that would cut an
 * emphasis in two takes the whole of it ("*giảm nghèo* ở nông thôn", not "nghèo* ở nông thôn").
 */
function quoteIn(ix: Indexed, needle: string): string | null {
  const k = ix.folded.indexOf(needle);
  if (k < 0) return null;
  const body = ix.section.body;
  let start = ix.at[k];
  let end = ix.at[k + needle.length - 1] + 1;
  const runs = markerRuns(body);
  const inside = runs.filter(([a, b]) => a >= start && b <= end).length;
  if (inside % 2 === 1) {
    const before = runs.filter(([, b]) => b <= start);
    if (before.length % 2 === 1) start = before.at(-1)![0];
    else end = runs.find(([a]) => a >= end)?.[1] ?? end;
  }
  const quote = body.slice(start, end);
  return quoteOccursIn(quote, ix.section) ? quote : null;
}

const quoted = (s: string) => `“${s.length > 200 ? `${s.slice(0, 200)}…` : s}”`;

/**
 * Places a reply's comments and tracked changes on the round's version: a passage goes to the
 * section holding it, the section under whose heading it stood in the file first; a passage found
 * nowhere, or in several sections and not under its own heading, is returned as unplaced.
 */
export function placeReply(marks: ReplyMarks, sections: readonly Section[], versionNumber: number): { placed: PlacedComment[]; unplaced: Unplaced[] } {
  const indexed = sections.map(index);
  const headingAt: { offset: number; ix: Indexed }[] = [];
  const byHeading = new Map(indexed.map((s) => [s.heading, s]));
  // A heading split over two lines ("Phần I" / "SỰ CẦN THIẾT") or numbered again is looked for on short lines only.
  const loose = marks.paragraphs.length <= 20_000;
  for (const p of marks.paragraphs) {
    if (p.end - p.start < 3 || p.end - p.start > 600) continue;
    const line = fold(marks.text.slice(p.start, p.end));
    const ix = byHeading.get(line) ?? (loose && line.length >= 6 ? indexed.find((s) => s.heading.endsWith(line) || line.endsWith(s.heading)) : undefined);
    if (ix) headingAt.push({ offset: p.start, ix });
  }
  // The last heading at or before `offset` (headingAt is in document order).
  const contextAt = (offset: number): Indexed | null => {
    let lo = 0;
    let hi = headingAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (headingAt[mid].offset <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? headingAt[lo - 1].ix : null;
  };

  const placed: PlacedComment[] = [];
  const unplaced: Unplaced[] = [];
  const miss = (text: string, code: UnplacedCode, reason: string) => unplaced.push({ text, code, reason });

  const locate = (start: number, end: number): { ix: Indexed; needle: string } | 'ambiguous' | null => {
    const needle = fold(marks.text.slice(start, end));
    if (!needle) return null;
    const context = contextAt(start);
    if (context && (context.folded.includes(needle) || context.heading.includes(needle))) return { ix: context, needle };
    const found = indexed.filter((s) => s.folded.includes(needle) || s.heading.includes(needle));
    if (found.length === 1) return { ix: found[0], needle };
    return found.length > 1 ? 'ambiguous' : null;
  };
  const quoteOf = (ix: Indexed, needle: string) => quoteIn(ix, needle) ?? (ix.heading.includes(needle) ? ix.section.heading : null);

  for (const c of marks.comments) {
    if (!c.body) {
      miss('', 'empty', 'Ý kiến trong tệp Word không có nội dung.');
      continue;
    }
    if (c.body.length > COMMENT_CHARS) {
      miss(c.body.slice(0, 200), 'too_long', `Ý kiến dài hơn ${vnNumberText(COMMENT_CHARS)} ký tự.`);
      continue;
    }
    if (c.start < 0) {
      miss(c.body, 'not_attached', 'Ý kiến không gắn với đoạn văn nào trong tệp.');
      continue;
    }
    if (c.start === c.end) {
      const context = contextAt(c.start);
      if (context) placed.push({ sectionKey: context.section.key, quote: null, body: c.body, suggestion: null });
      else miss(c.body, 'not_found', `Không xác định được ý kiến thuộc mục nào của dự thảo lần ${versionNumber}.`);
      continue;
    }
    const passage = marks.text.slice(c.start, c.end).replace(/\s+/g, ' ').trim();
    const where = locate(c.start, c.end);
    if (where === 'ambiguous')
      miss(c.body, 'ambiguous', `Đoạn ${quoted(passage)} có ở nhiều mục của dự thảo lần ${versionNumber}; hãy chọn mục khi nhập lại ý kiến này.`);
    else if (!where) miss(c.body, 'not_found', `Không tìm thấy đoạn ${quoted(passage)} trong dự thảo lần ${versionNumber}.`);
    else {
      const quote = quoteOf(where.ix, where.needle);
      if (!quote || quote.length > COMMENT_CHARS)
        miss(
          c.body,
          quote ? 'too_long' : 'not_found',
          quote ? `Đoạn trích dài hơn ${vnNumberText(COMMENT_CHARS)} ký tự.` : `Không tìm thấy đoạn ${quoted(passage)} trong dự thảo lần ${versionNumber}.`,
        );
      else placed.push({ sectionKey: where.ix.section.key, quote, body: c.body, suggestion: null });
    }
  }

  for (const ch of marks.changes) {
    const body = suggestionText(ch.delete.trim(), ch.insert.trim());
    if (ch.delete.length > COMMENT_CHARS || ch.insert.length > COMMENT_CHARS || body.length > COMMENT_CHARS) {
      miss(body.slice(0, 200), 'too_long', `Đoạn sửa dài hơn ${vnNumberText(COMMENT_CHARS)} ký tự.`);
      continue;
    }
    const range = passageOf(marks, ch.start, ch.end);
    const where = range ? locate(range.start, range.end) : null;
    if (!range || where === 'ambiguous' || !where) {
      const passage = range ? marks.text.slice(range.start, range.end) : ch.delete;
      miss(
        body,
        where === 'ambiguous' ? 'ambiguous' : 'not_found',
        `Không xác định được vị trí của đoạn sửa ${quoted(passage)} trong dự thảo lần ${versionNumber}.`,
      );
      continue;
    }
    const unique = widen(marks, range, where.ix);
    const quote = quoteOf(where.ix, fold(marks.text.slice(unique.start, unique.end)));
    if (!quote) miss(body, 'not_found', `Không tìm thấy đoạn ${quoted(marks.text.slice(unique.start, unique.end))} trong dự thảo lần ${versionNumber}.`);
    else placed.push({ sectionKey: where.ix.section.key, quote, body, suggestion: { delete: ch.delete.trim(), insert: ch.insert.trim() } });
  }
  return { placed, unplaced };
}

export function suggestionText(del: string, ins: string): string {
  if (del && ins) return `Đề nghị sửa “${del}” thành “${ins}”.`;
  if (del) return `Đề nghị bỏ “${del}”.`;
  return `Đề nghị bổ sung “${ins}”.`;
}

/** The paragraph holding `offset` (paragraphs are in document order and do not overlap). */
function paragraphOf(marks: ReplyMarks, offset: number) {
  const ps = marks.paragraphs;
  let lo = 0;
  let hi = ps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ps[mid].start <= offset) lo = mid + 1;
    else hi = mid;
  }
  const p = ps[lo - 1];
  return p && offset <= p.end ? p : { start: offset, end: offset };
}

/** The deleted text; for an insertion, the words before it in its paragraph (or after it, at the paragraph's start). */
function passageOf(marks: ReplyMarks, start: number, end: number): { start: number; end: number } | null {
  if (marks.text.slice(start, end).trim()) return { start, end };
  const p = paragraphOf(marks, start);
  const before = marks.text.slice(p.start, start);
  const words = before.match(/\S+\s*$/u);
  if (words) {
    const from = before.replace(/(?:\S+\s*){1,4}$/u, '').length;
    return { start: p.start + from, end: start };
  }
  const after = marks.text.slice(end, p.end).match(/^\s*(?:\S+\s*){1,4}/u);
  return after && after[0].trim() ? { start: end, end: end + after[0].trimEnd().length } : null;
}

/** A tracked change's quote is at least a few words, so that a reader sees where it stands. */
const MIN_QUOTE_CHARS = 12;

/** A passage widened a word at a time (within its paragraph) until it occurs once in the section and reads as a phrase. */
function widen(marks: ReplyMarks, range: { start: number; end: number }, ix: Indexed): { start: number; end: number } {
  const p = paragraphOf(marks, range.start);
  let { start, end } = range;
  const enough = () => occurrences(ix.folded, fold(marks.text.slice(start, end))) === 1 && end - start >= MIN_QUOTE_CHARS;
  for (let i = 0; i < 40 && !enough(); i++) {
    const left = marks.text.slice(p.start, start).match(/\S+\s*$/u);
    const right = marks.text.slice(end, p.end).match(/^\s*\S+/u);
    if (!left && !right) break;
    if (left) start -= left[0].length;
    if (right) end += right[0].length;
  }
  return { start, end };
}
