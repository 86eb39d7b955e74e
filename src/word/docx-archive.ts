import * as yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { DomainError } from '../common/errors/domain-error';
import { wordFileProblems as problems } from './word-errors';

const MB = 1024 * 1024;

/** The bounds of an uploaded Word file (docs/word-files.md). */
export const WORD_LIMITS = {
  /** The upload itself (413 above). */
  fileBytes: 20 * MB,
  /** Every part unpacked, in all and each: past this the archive is a zip bomb. */
  unpackedBytes: 200 * MB,
  entryBytes: 200 * MB,
  entries: 2_000,
  /** An XML part that is parsed (document, comments): bounds the parser's memory and time. */
  xmlPartBytes: 50 * MB,
} as const;

export const DOCUMENT_PART = 'word/document.xml';
export const COMMENTS_PART = 'word/comments.xml';
const CONTENT_TYPES_PART = '[Content_Types].xml';

/** The parts that were asked for (text), once the whole archive is known to be a safe .docx. */
export interface DocxParts {
  get(name: string): string | null;
}

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const isMacroPart = (name: string) => /(^|\/)vbaproject\.bin$|(^|\/)vbadata\.xml$/i.test(name);

function openZip(buffer: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true }, (err, zip) =>
      err ? reject(problems.damaged({ vi: 'không phải tệp nén hợp lệ', en: `not a valid archive (${err.message})` })) : resolve(zip),
    ),
  );
}

/**
 * Reads a .docx from memory with every part inflated under the limits, counted as the bytes come
 * out (a declared size is a claim, not a fact); keeps the text of the parts in `keep`. Refuses a
 * file that is not a zip, an old .doc, a macro document, a zip bomb and a damaged archive, each
 * with its own message. Once it returns, any other reader of the same bytes (mammoth) inflates
 * no more than was counted here.
 */
export async function readDocx(buffer: Buffer, keep: readonly string[]): Promise<DocxParts> {
  if (buffer.subarray(0, 8).equals(OLE2)) throw problems.legacyDoc();
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) throw problems.notWord();
  const zip = await openZip(buffer);
  try {
    if (zip.entryCount > WORD_LIMITS.entries) throw problems.tooManyParts(WORD_LIMITS.entries);
    const kept = await inflateAll(zip, new Set([...keep, CONTENT_TYPES_PART]));
    if (!kept.has(DOCUMENT_PART)) throw problems.noDocumentPart();
    if (/macroEnabled/i.test(kept.get(CONTENT_TYPES_PART) ?? '')) throw problems.macros();
    return { get: (name) => kept.get(name) ?? null };
  } finally {
    zip.close();
  }
}

function inflateAll(zip: ZipFile, keep: ReadonlySet<string>): Promise<Map<string, string>> {
  const kept = new Map<string, string>();
  let total = 0;
  let declared = 0;
  return new Promise((resolve, reject) => {
    let done = false;
    const fail = (err: unknown) => {
      if (done) return;
      done = true;
      reject(
        err instanceof DomainError
          ? err
          : problems.damaged({ vi: 'dữ liệu nén bị lỗi', en: `corrupt data (${err instanceof Error ? err.message : String(err)})` }),
      );
    };
    zip.on('error', fail);
    zip.on('end', () => {
      if (done) return;
      done = true;
      resolve(kept);
    });
    zip.on('entry', (entry: Entry) => {
      if (done) return;
      const name = entry.fileName;
      if (isMacroPart(name)) return fail(problems.macros());
      if (name.endsWith('/')) return zip.readEntry();
      declared += entry.uncompressedSize;
      if (entry.uncompressedSize > WORD_LIMITS.entryBytes || declared > WORD_LIMITS.unpackedBytes)
        return fail(problems.unpacksTooLarge(WORD_LIMITS.unpackedBytes / MB));
      const keepIt = keep.has(name);
      if (keepIt && entry.uncompressedSize > WORD_LIMITS.xmlPartBytes) return fail(problems.partTooLarge(name, WORD_LIMITS.xmlPartBytes / MB));
      zip.openReadStream(entry, (err, stream) => {
        if (err) return fail(err);
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          total += chunk.length;
          if (size > WORD_LIMITS.entryBytes || total > WORD_LIMITS.unpackedBytes) {
            stream.destroy();
            return fail(problems.unpacksTooLarge(WORD_LIMITS.unpackedBytes / MB));
          }
          if (keepIt && size > WORD_LIMITS.xmlPartBytes) {
            stream.destroy();
            return fail(problems.partTooLarge(name, WORD_LIMITS.xmlPartBytes / MB));
          }
          if (keepIt) chunks.push(chunk);
        });
        stream.on('error', fail);
        stream.on('end', () => {
          if (done) return;
          if (keepIt) kept.set(name, Buffer.concat(chunks).toString('utf8'));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}
