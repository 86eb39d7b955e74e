/**
 * How a text is cut for the diff, coarse to fine. Each cut keeps every character: the pieces
 * joined give the text back exactly, whitespace included.
 */

/** Lines, each with its newline: a Markdown paragraph, list item or table row. */
export function lines(text: string): string[] {
  return text.split(/(?<=\n)/).filter(Boolean);
}

/** Sentences (and clauses ending in ";"), each with the spaces after it. */
export function sentences(text: string): string[] {
  return text.split(/(?<=[.!?…;:][^\S\n]+)(?=\S)|(?<=\n)/u).filter(Boolean);
}

const WORD = /[\p{L}\p{M}\p{N}_]+|[^\S\n]+|\n|[^]/gu;

/**
 * Words, runs of spaces, newlines and single marks. In NFC a Vietnamese syllable with its
 * diacritics is all letters, so it is one word and never split.
 */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

export const isSpace = (token: string): boolean => /^\s+$/.test(token);
