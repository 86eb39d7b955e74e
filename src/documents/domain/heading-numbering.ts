import { toRoman } from './roman';

/** Level 1 is a part (Phần I, II…); levels 2 to 4 are numbered 1., 1.1., 1.1.1. */
export type HeadingLevel = 1 | 2 | 3 | 4;

export interface ParsedHeading {
  level: HeadingLevel;
  /** The heading without the numbering its author typed. */
  title: string;
}

export interface NumberedHeading extends ParsedHeading {
  /** "Phần II", "2.", "2.1." */
  label: string;
}

const SEPARATOR = String.raw`\s*[.:\-–—)]?\s*`;
// "Phần I.", "PHẦN 2 -", "Phần thứ nhất:"
const PART = new RegExp(String.raw`^\s*[Pp][Hh][Ầầ][Nn]\s+(?:[IVXLCDM]+|\d+|[Tt][Hh][Ứứ]\s+[^\s.:\-–—)]+)(?=[\s.:\-–—)]|$)${SEPARATOR}`, 'u');
const ROMAN_ONLY = /^\s*[IVXLCDM]+\s*[.:\-–—)]\s*/u;
// "1.2 Foo" first, else "1." "1)" "1.2." match too early; a lone number needs its mark, so a
// heading such as "5 hợp tác xã điểm" keeps its number.
const DOTTED = /^\s*(\d{1,3}(?:\.\d{1,3}){1,2})(?:\s+|$)/u;
const MARKED = /^\s*(\d{1,3}(?:\.\d{1,3}){0,2})[.):]\s*/u;

/**
 * Reads the level from the numbering an author may have typed ("Phần I.", "II.", "1.", "1.2.")
 * and strips it. A heading with no numbering is a part.
 */
export function parseHeading(heading: string): ParsedHeading {
  const text = heading.normalize('NFC').trim();
  const part = PART.exec(text) ?? ROMAN_ONLY.exec(text);
  if (part) return { level: 1, title: text.slice(part[0].length).trim() };
  const decimal = DOTTED.exec(text) ?? MARKED.exec(text);
  if (decimal) {
    const depth = decimal[1].split('.').length;
    return { level: (depth + 1) as HeadingLevel, title: text.slice(decimal[0].length).trim() };
  }
  return { level: 1, title: text };
}

/**
 * Numbers headings by their position, the official way: parts in Roman numerals, then 1., 1.1.,
 * 1.1.1. The numbers an author typed are replaced, never doubled, so they are always in sequence;
 * the level they showed is kept. Numbering below a part restarts at 1 in each part.
 */
export function numberHeadings(headings: readonly string[]): NumberedHeading[] {
  let part = 0;
  const counters = [0, 0, 0]; // levels 2, 3, 4
  return headings.map((heading) => {
    const parsed = parseHeading(heading);
    if (parsed.level === 1) {
      part += 1;
      counters.fill(0);
      return { ...parsed, label: `Phần ${toRoman(part)}` };
    }
    const depth = parsed.level - 2;
    for (let i = 0; i < depth; i++) if (counters[i] === 0) counters[i] = 1;
    counters[depth] += 1;
    counters.fill(0, depth + 1);
    return { ...parsed, label: `${counters.slice(0, depth + 1).join('.')}.` };
  });
}
