/** One page's text with every run of white space made one space, in Unicode NFC. */
export const normalisePageText = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/** The first page (1-based) whose text differs, 0 when the pages match; a missing page counts as differing. */
export function firstDifferingPage(expected: string[], actual: string[]): number {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) if (expected[i] !== actual[i]) return i + 1;
  return 0;
}
