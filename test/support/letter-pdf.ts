import { randomBytes } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A one-page PDF standing for an agency's signed letter. */
export async function letterPdf(text = 'Cong van so 1234/SKHDT-KTN', padTo = 0): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText(text, { x: 72, y: 760, size: 14, font: await doc.embedFont(StandardFonts.TimesRoman) });
  // Random text does not compress: the file grows by at least `padTo` bytes.
  if (padTo) doc.setSubject(randomBytes(padTo).toString('base64'));
  return Buffer.from(await doc.save());
}
