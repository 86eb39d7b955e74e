import { normaliseForMatch } from './quote-anchor';

/** Characters of text kept on each side of a quote, to find it again in later versions. */
export const CONTEXT_CHARS = 32;

/**
 * A text as it is matched (Unicode NFC, every run of whitespace one character: "\n" when the run
 * holds a line break, else " "), with, for each character of that form, where it came from in the
 * stored text: `from[i]`..`to[i]`. `flat` is `text` with "\n" as " " (same length): a quote is
 * found in `flat`, since a browser's selection joins lines; the diff runs on `text`, which keeps
 * the lines.
 */
export interface MatchText {
  readonly text: string;
  readonly flat: string;
  readonly from: Int32Array;
  readonly to: Int32Array;
}

const isSpaceCode = (c: number): boolean =>
  c === 32 ||
  (c >= 9 && c <= 13) ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;

/** A base character with the combining marks after it (decomposed Vietnamese: "a" + U+0300 + …). */
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gsu;

export function matchText(source: string): MatchText {
  const pieces: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const push = (piece: string, start: number, end: number) => {
    const c = piece.charCodeAt(0);
    if (piece.length === 1 && isSpaceCode(c)) {
      const last = from.length - 1;
      if (last >= 0 && (pieces[last] === ' ' || pieces[last] === '\n') && to[last] === start) {
        to[last] = end;
        if (c === 10) pieces[last] = '\n';
        return;
      }
      pieces.push(c === 10 ? '\n' : ' ');
      from.push(start);
      to.push(end);
      return;
    }
    for (let k = 0; k < piece.length; k++) {
      pieces.push(piece[k]);
      from.push(start);
      to.push(end);
    }
  };
  if (source.normalize('NFC') === source) return matchNfc(source);
  for (const m of source.matchAll(CLUSTER)) push(m[0].normalize('NFC'), m.index, m.index + m[0].length);
  const text = pieces.join('');
  return { text, flat: newlineFree(text), from: Int32Array.from(from), to: Int32Array.from(to) };
}

/** matchText of a text already in NFC (most are): only the runs of whitespace change, in one pass. */
function matchNfc(source: string): MatchText {
  const from = new Int32Array(source.length);
  const to = new Int32Array(source.length);
  const out: string[] = [];
  let n = 0;
  let runStart = 0;
  for (let i = 0; i < source.length;) {
    const c = source.charCodeAt(i);
    if (!isSpaceCode(c)) {
      const start = i;
      while (i < source.length && !isSpaceCode(source.charCodeAt(i))) {
        from[n] = i;
        to[n++] = ++i;
      }
      out.push(source.slice(start, i));
      continue;
    }
    runStart = i;
    let newline = false;
    while (i < source.length && isSpaceCode(source.charCodeAt(i))) newline = source.charCodeAt(i++) === 10 || newline;
    out.push(newline ? '\n' : ' ');
    from[n] = runStart;
    to[n++] = i;
  }
  const text = out.join('');
  return { text, flat: newlineFree(text), from: from.subarray(0, n), to: to.subarray(0, n) };
}

const newlineFree = (text: string) => (text.includes('\n') ? text.replace(/\n/g, ' ') : text);

/** Where, in the stored text, the matched characters `start`..`end` (exclusive) came from. */
export function toSource(mt: MatchText, start: number, end: number): { start: number; end: number } {
  return { start: mt.from[start], end: mt.to[end - 1] };
}

/** The matched index of the character that starts at `offset` of the stored text, or -1 when none does. */
export function fromSource(mt: MatchText, offset: number): number {
  let lo = 0;
  let hi = mt.from.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (mt.from[mid] < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return lo < mt.from.length && mt.from[lo] === offset && (lo === 0 || mt.from[lo - 1] !== offset) ? lo : -1;
}

/** Every start of `needle` in `flat` (overlapping ones too), at most `limit`. */
export function occurrences(flat: string, needle: string, limit = Number.MAX_SAFE_INTEGER): number[] {
  const out: number[] = [];
  if (!needle) return out;
  for (let i = flat.indexOf(needle); i >= 0 && out.length < limit; i = flat.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/**
 * Where, in the stored `body`, the `nth` (from 0) occurrence of `quote` starts: a page shows the
 * section's Markdown rendered, so it can tell which occurrence a reader selected but not the offset
 * in the stored text. Null when the body has no such occurrence.
 */
export function nthQuoteStart(body: string, quote: string, nth: number): number | null {
  const mt = matchText(body);
  const at = occurrences(mt.flat, normaliseForMatch(quote), nth + 1)[nth];
  return at === undefined ? null : mt.from[at];
}

export interface QuoteAnchor {
  start: number;
  end: number;
  before: string;
  after: string;
  occurrences: number;
}

export type AnchorProblem = { kind: 'absent' } | { kind: 'not_at_start'; occurrences: number };

/**
 * Where a quote stands in a section's body, at `quoteStart` when given (a character offset of the
 * stored body, UTF-16 code units as a browser counts them; spaces the quote begins with may sit
 * before it), else at its first occurrence.
 */
export function anchorQuote(body: string, quote: string, quoteStart: number | null): { anchor: QuoteAnchor } | { anchor: null; problem: AnchorProblem } {
  const needle = normaliseForMatch(quote);
  const mt = matchText(body);
  const all = occurrences(mt.flat, needle);
  if (!needle || !all.length) return { anchor: null, problem: { kind: 'absent' } };
  let at = all[0];
  if (quoteStart !== null) {
    let offset = quoteStart;
    while (offset < body.length && isSpaceCode(body.charCodeAt(offset))) offset++;
    at = fromSource(mt, offset);
    if (at < 0 || !all.includes(at)) return { anchor: null, problem: { kind: 'not_at_start', occurrences: all.length } };
  }
  const { start, end } = toSource(mt, at, at + needle.length);
  return {
    anchor: {
      start,
      end,
      before: body.slice(Math.max(0, start - CONTEXT_CHARS), start),
      after: body.slice(end, end + CONTEXT_CHARS),
      occurrences: all.length,
    },
  };
}
