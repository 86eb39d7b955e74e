import { PDFParse } from 'pdf-parse';

/** One page's text with every run of white space made one space, in Unicode NFC. */
export const normalisePageText = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/** The text of each page of a PDF, normalised; throws when the file cannot be read as a PDF. */
export async function pageTexts(pdf: Buffer): Promise<string[]> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const result = await parser.getText();
    return result.pages.map((p) => normalisePageText(p.text));
  } finally {
    await parser.destroy();
  }
}

/** The first page (1-based) whose text differs, 0 when the pages match; a missing page counts as differing. */
export function firstDifferingPage(expected: string[], actual: string[]): number {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) if (expected[i] !== actual[i]) return i + 1;
  return 0;
}
