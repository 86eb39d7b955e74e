import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import signpdf from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import forge from 'node-forge';
import type { SigningIdentity } from './organisation-certificate';

/** Bytes kept for the CMS in the signature's /Contents: the chain of a real CA with room to spare. */
const SIGNATURE_BYTES = 16_384;

/**
 * A detached CMS (PKCS#7) signer, SHA-256, with signing time. @signpdf/signer-p12 does the same
 * with node-forge but writes the signer's issuer name twice UTF-8 encoded when it is not ASCII
 * (every Vietnamese organisation's name), so no verifier finds the signer's certificate: here the
 * issuer is given as text, which forge encodes once.
 */
export class IdentitySigner extends Signer {
  constructor(private readonly identity: SigningIdentity) {
    super();
  }

  override async sign(pdf: Buffer, signingTime?: Date): Promise<Buffer> {
    const [certificate, ...rest] = this.identity.chain;
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdf.toString('binary'));
    for (const cert of [certificate, ...rest]) p7.addCertificate(cert);
    p7.addSigner({
      key: this.identity.key,
      certificate,
      digestAlgorithm: forge.pki.oids.sha256,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
        { type: forge.pki.oids.signingTime, value: (signingTime ?? new Date()) as unknown as string },
        { type: forge.pki.oids.messageDigest },
      ],
    });
    const signer = (p7 as unknown as { signers: { issuer: forge.pki.CertificateField[] }[] }).signers[0];
    signer.issuer = certificate.issuer.attributes.map((a) =>
      (a.valueTagClass as unknown) === forge.asn1.Type.UTF8 ? { ...a, value: utf8Text(String(a.value)) } : a,
    );
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
  }
}

function utf8Text(bytes: string): string {
  try {
    return forge.util.decodeUtf8(bytes);
  } catch {
    return bytes;
  }
}

export interface SealOptions {
  reason: string;
  name: string;
  location: string;
  contactInfo?: string;
  signingTime: Date;
}

/**
 * Seals a PDF: an incremental update (the original bytes stay as they are, first in the file)
 * adds a signature field whose /Contents holds a detached CMS over the whole file but that hole
 * (/ByteRange), i.e. a PAdES-style adbe.pkcs7.detached signature.
 */
export async function sealPdf(pdf: Buffer, identity: SigningIdentity, options: SealOptions): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: options.reason,
    contactInfo: options.contactInfo ?? '',
    name: options.name,
    location: options.location,
    signingTime: options.signingTime,
    signatureLength: SIGNATURE_BYTES,
    appName: 'duthao',
  });
  return signpdf.sign(textStringsAsBytes(withPlaceholder, pdf.length), new IdentitySigner(identity), options.signingTime);
}

/**
 * @signpdf writes a text string that is not ASCII (UTF-16BE, as PDF wants) through a UTF-8 encoder,
 * so each byte above 0x7F becomes two and a reader shows "Ã¾Ã¿ P h Ãª". Puts the intended bytes
 * back in the update it appended (after `from`), padded with spaces to the same length so that no
 * offset in the cross-reference table moves.
 */
export function textStringsAsBytes(pdf: Buffer, from: number): Buffer {
  const out = Buffer.from(pdf);
  for (const key of ['/Reason (', '/Name (', '/Location (', '/ContactInfo (']) {
    const open = out.indexOf(key, from);
    if (open === -1) continue;
    const start = open + key.length;
    let end = start;
    for (let escaped = false; end < out.length; end++) {
      if (escaped) escaped = false;
      else if (out[end] === 0x5c) escaped = true;
      else if (out[end] === 0x29) break;
    }
    const bytes = Buffer.from(out.subarray(start, end).toString('utf8'), 'latin1');
    bytes.copy(out, start);
    out[start + bytes.length] = 0x29;
    out.fill(0x20, start + bytes.length + 1, end + 1);
  }
  return out;
}
