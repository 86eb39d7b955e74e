import type * as pkijs from 'pkijs';
import { chainsToTrusted, checkCms } from './cms-check';
import { readPdfSignatures } from './pdf-signatures';

export interface SignatureVerdict {
  signer: string | null;
  signedAt: string | null;
  certificateSha256: string | null;
  /** The digest matches the signed bytes and the CMS signature verifies with the signer's key. */
  valid: boolean;
  /** The signer's certificate is trusted, or chains to a trusted certificate. */
  trusted: boolean;
  /** This signature's range starts at 0 and runs to the end of the file, leaving out only its own /Contents. */
  coversWholeDocument: boolean;
  /** Why it is not valid (English), or null. */
  problem: string | null;
}

export interface PdfVerdict {
  signed: boolean;
  /** Signed, and every signature valid. */
  valid: boolean;
  /** Signed, and the last signature covers the whole file: nothing was added after it. */
  coversWholeDocument: boolean;
  signatures: SignatureVerdict[];
}

/** Every signature of a PDF, checked; `trusted` are the certificates a signature may chain to. */
export async function verifyPdf(file: Buffer, trusted: pkijs.Certificate[]): Promise<PdfVerdict> {
  const signatures: SignatureVerdict[] = [];
  for (const sig of readPdfSignatures(file)) {
    const check = sig.signedBytes.length ? await checkCms(sig.cms, sig.signedBytes) : null;
    const valid = !!check?.valid;
    signatures.push({
      signer: check?.signer ?? null,
      signedAt: (check?.signedAt ?? sig.claimedTime)?.toISOString() ?? null,
      certificateSha256: check?.certificateSha256 ?? null,
      valid,
      trusted: valid && !!check?.signerCertificate && (await chainsToTrusted(check.signerCertificate, check.certificates, trusted)),
      coversWholeDocument: sig.coversWholeDocument,
      problem: check ? check.problem : 'the byte range does not fit the file',
    });
  }
  const signed = signatures.length > 0;
  return {
    signed,
    valid: signed && signatures.every((s) => s.valid),
    coversWholeDocument: signed && signatures.some((s) => s.coversWholeDocument),
    signatures,
  };
}
