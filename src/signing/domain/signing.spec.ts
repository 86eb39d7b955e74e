import { PDFDocument, StandardFonts } from 'pdf-lib';
import { certificatesFromPem } from './cms-check';
import { makeOrganisationCertificate, NOT_OFFICIAL, openP12 } from './organisation-certificate';
import { readPageTexts } from '../page-texts';
import { firstDifferingPage } from './page-text';
import { sealPdf } from './pdf-seal';
import { looksLikePdf, readPdfSignatures } from './pdf-signatures';
import { verifyPdf } from './verify-pdf';

async function twoPagePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of ['Trang mot', 'Trang hai']) doc.addPage([595, 842]).drawText(text, { x: 50, y: 700, font, size: 14 });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

describe('sealing and checking a PDF', () => {
  const made = makeOrganisationCertificate('UBND tỉnh Quảng Ninh', 'mat-khau');
  const identity = openP12(made.p12, 'mat-khau');
  const trusted = certificatesFromPem(made.certificatePem);
  let original: Buffer;
  let sealed: Buffer;
  const signingTime = new Date('2026-06-08T03:00:00Z');

  beforeAll(async () => {
    original = await twoPagePdf();
    sealed = await sealPdf(original, identity, { reason: `Phê duyệt (${NOT_OFFICIAL})`, name: 'duthao', location: 'Quảng Ninh', signingTime });
  });

  it('keeps the unsigned bytes first and intact (an incremental update) and covers the whole file', async () => {
    expect(sealed.subarray(0, original.length).equals(original)).toBe(true);
    // The reason as a PDF text string: UTF-16BE with its byte order mark, not UTF-8 of it.
    for (const text of ['\ufeffPhê duyệt ', NOT_OFFICIAL]) expect(sealed.includes(Buffer.from(text, 'utf16le').swap16())).toBe(true);
    const [sig] = readPdfSignatures(sealed);
    expect(sig.byteRange[0]).toBe(0);
    expect(sig.coversWholeDocument).toBe(true);
    const verdict = await verifyPdf(sealed, trusted);
    expect(verdict).toMatchObject({ signed: true, valid: true, coversWholeDocument: true });
    expect(verdict.signatures).toEqual([
      expect.objectContaining({
        valid: true,
        trusted: true,
        certificateSha256: made.certificateSha256,
        signedAt: signingTime.toISOString(),
        signer: expect.stringContaining(NOT_OFFICIAL),
      }),
    ]);
    expect((await verifyPdf(sealed, [])).signatures[0].trusted).toBe(false);
  });

  it('says invalid when one signed byte changes, or one byte of the signature', async () => {
    const [sig] = readPdfSignatures(sealed);
    const inText = Buffer.from(sealed);
    inText[Math.floor(original.length / 2)] ^= 0x01;
    expect((await verifyPdf(inText, trusted)).valid).toBe(false);
    const inCms = Buffer.from(sealed);
    // A hex digit of the RSA signature value, the last thing in the CMS.
    const at = sig.byteRange[1] + 1 + sig.cms.length * 2 - 10;
    inCms[at] = inCms[at] === 0x30 ? 0x31 : 0x30;
    const verdict = await verifyPdf(inCms, trusted);
    expect(verdict.signed).toBe(true);
    expect(verdict.valid).toBe(false);
  });

  it('sees bytes appended after the signature', async () => {
    const appended = Buffer.concat([sealed, Buffer.from('\n% them\n')]);
    const verdict = await verifyPdf(appended, trusted);
    expect(verdict.signatures[0].problem).toBeNull();
    expect(verdict.valid).toBe(true);
    expect(verdict.coversWholeDocument).toBe(false);
  });

  it('reads an unsigned PDF as unsigned and tells a PDF from something else', async () => {
    expect(await verifyPdf(original, trusted)).toEqual({ signed: false, valid: false, coversWholeDocument: false, signatures: [] });
    expect(looksLikePdf(original)).toBe(true);
    expect(looksLikePdf(Buffer.from('PK\u0003\u0004 not a pdf at all'))).toBe(false);
  });

  it('reads the text page by page, the same before and after sealing', async () => {
    const before = await readPageTexts(original);
    expect(before).toEqual(['Trang mot', 'Trang hai']);
    expect(firstDifferingPage(before, await readPageTexts(sealed))).toBe(0);
    expect(firstDifferingPage(before, ['Trang mot'])).toBe(2);
  });
});
