import { Injectable } from '@nestjs/common';
import { DomainError, invalid } from '../common/errors/domain-error';
import { looksLikePdf } from './domain/pdf-signatures';
import { PdfVerdict, verifyPdf } from './domain/verify-pdf';
import { OrganisationSeal } from './organisation-seal';
import { readPageTexts, UnreadablePdfError } from './page-texts';

/** At most this large a PDF is checked (413 above). */
export const MAX_PDF_BYTES = 20 * 1024 * 1024;

export interface CheckedPdf {
  verdict: PdfVerdict;
  /** Each page's text, white space normalised. */
  pages: string[];
}

/** An uploaded file that must be a readable PDF: 415 when it is not a PDF, 400 when it is damaged; else its pages' text. */
export async function readUploadedPdf(file: Buffer): Promise<string[]> {
  if (!looksLikePdf(file)) {
    throw new DomainError('unsupported_media_type', { vi: 'Tệp gửi lên không phải là tệp PDF.', en: 'The file is not a PDF.' });
  }
  return pdfPageTexts(file);
}

async function pdfPageTexts(file: Buffer): Promise<string[]> {
  try {
    return await readPageTexts(file);
  } catch (err) {
    if (!(err instanceof UnreadablePdfError)) throw err;
    throw invalid({ vi: `Tệp PDF bị hỏng, không đọc được (${err.message}).`, en: `The PDF is damaged and cannot be read (${err.message}).` });
  }
}

/** An uploaded file read as a PDF: 415 when it is not one, 400 when it is damaged, else its signatures checked. */
@Injectable()
export class PdfChecks {
  constructor(private readonly seal: OrganisationSeal) {}

  async check(file: Buffer): Promise<CheckedPdf> {
    const pages = await readUploadedPdf(file);
    return { verdict: await verifyPdf(file, this.seal.trusted), pages };
  }

  pageTexts(file: Buffer): Promise<string[]> {
    return pdfPageTexts(file);
  }
}
