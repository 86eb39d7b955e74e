import { DOCUMENT_PART, readDocx } from '../../src/word/docx-archive';

/** The text of one part of a .docx (e.g. "word/document.xml"), or null when it has none: read by the app's one bounded reader. */
export async function readDocxPart(docx: Buffer, path: string): Promise<string | null> {
  return (await readDocx(docx, [DOCUMENT_PART, path])).get(path);
}
