/**
 * The signatures of a PDF as the file holds them: each signature dictionary's /ByteRange (the
 * bytes it signs, around the hole of its /Contents) and the CMS in that hole. Pure reading of
 * bytes; the CMS is checked in cms-check.ts.
 */

export interface PdfSignature {
  /** [offset, length, offset, length] as the file states it. */
  byteRange: [number, number, number, number];
  /** The DER of the CMS (its hex in /Contents, trailing zero padding removed). */
  cms: Buffer;
  /** The bytes the signature covers: the two ranges joined. */
  signedBytes: Buffer;
  /** The range starts at 0, its hole is exactly the /Contents string, and it runs to the end of the file. */
  coversWholeDocument: boolean;
  /** Where the signed revision ends (the second range's end). */
  revisionEnd: number;
  /** /M of the signature dictionary, when it has one. */
  claimedTime: Date | null;
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

/** True when the bytes look like a PDF at all (a header near the start, an end marker). */
export function looksLikePdf(file: Buffer): boolean {
  return file.length > 16 && file.subarray(0, 1024).includes('%PDF-') && file.subarray(Math.max(0, file.length - 2048)).includes('%%EOF');
}

/** Every signature of the file, in the order the file holds them (the earliest revision first). */
export function readPdfSignatures(file: Buffer): PdfSignature[] {
  const text = file.toString('latin1');
  const seen = new Set<string>();
  const out: PdfSignature[] = [];
  for (const m of text.matchAll(BYTE_RANGE)) {
    const range = m.slice(1, 5).map(Number) as [number, number, number, number];
    const key = range.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    const [a, b, c, d] = range;
    const sane = a >= 0 && b > 0 && c > a + b && d >= 0 && c + d <= file.length;
    const hole = sane ? text.slice(a + b, c) : '';
    const hex = /^<([0-9A-Fa-f\s]*)>$/.exec(hole)?.[1]?.replace(/\s+/g, '') ?? '';
    out.push({
      byteRange: range,
      cms: firstDerElement(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex')),
      signedBytes: sane ? Buffer.concat([file.subarray(a, a + b), file.subarray(c, c + d)]) : Buffer.alloc(0),
      coversWholeDocument: sane && a === 0 && hex.length > 0 && c + d === file.length,
      revisionEnd: sane ? c + d : 0,
      claimedTime: claimedTime(text, m.index ?? 0),
    });
  }
  return out;
}

/** The /M (D:YYYYMMDDHHmmSS+HH'mm') of the dictionary around `at`. */
function claimedTime(text: string, at: number): Date | null {
  // The dictionary's /M may stand before its /Contents, tens of kilobytes of hex.
  const start = Math.max(text.lastIndexOf('obj', at), at - 200_000, 0);
  const endObj = text.indexOf('endobj', at);
  const window = text.slice(start, endObj === -1 ? at + 40_000 : Math.min(endObj, at + 40_000));
  const m = /\/M\s*\(D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?'?\)/.exec(window);
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = m;
  const offset = sign === '+' || sign === '-' ? `${sign}${oh}:${om}` : 'Z';
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The DER element at the start of `padded` (a /Contents hole is padded with zeros past it). */
function firstDerElement(padded: Buffer): Buffer {
  if (padded.length < 2 || padded[0] !== 0x30) return padded;
  const first = padded[1];
  if (first < 0x80) return padded.subarray(0, 2 + first);
  const n = first & 0x7f;
  if (n === 0 || n > 4 || padded.length < 2 + n) return padded;
  let length = 0;
  for (let i = 0; i < n; i++) length = length * 256 + padded[2 + i];
  return padded.subarray(0, Math.min(padded.length, 2 + n + length));
}
