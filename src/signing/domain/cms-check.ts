import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'] });

const SIGNED_DATA = '1.2.840.113549.1.7.2';
const SIGNING_TIME = '1.2.840.113549.1.9.5';
const COMMON_NAME = '2.5.4.3';

export interface CmsCheck {
  /** The digest of the signed bytes matches the signature's, and the signature verifies with the signer's key. */
  valid: boolean;
  signer: string | null;
  certificateSha256: string | null;
  /** The signing time the CMS states (signed attribute), when it states one. */
  signedAt: Date | null;
  /** Why it is not valid, in English (for logs and tests). */
  problem: string | null;
  signerCertificate: pkijs.Certificate | null;
  certificates: pkijs.Certificate[];
}

export const sha256Hex = (data: Uint8Array | ArrayBuffer) => createHash('sha256').update(new Uint8Array(data)).digest('hex');

export function certificateDerSha256(cert: pkijs.Certificate): string {
  return sha256Hex(cert.toSchema().toBER(false));
}

export function commonName(cert: pkijs.Certificate): string {
  const tv = cert.subject.typesAndValues;
  const cn = tv.find((t) => t.type === COMMON_NAME) ?? tv[tv.length - 1];
  return cn ? String((cn.value as asn1js.Utf8String).valueBlock.value) : '';
}

const arrayBuffer = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** Checks one detached CMS signature (adbe.pkcs7.detached, ETSI.CAdES.detached) over `signed`. */
export async function checkCms(cms: Buffer, signed: Buffer): Promise<CmsCheck> {
  const none: CmsCheck = { valid: false, signer: null, certificateSha256: null, signedAt: null, problem: null, signerCertificate: null, certificates: [] };
  let signedData: pkijs.SignedData;
  try {
    const asn = asn1js.fromBER(arrayBuffer(cms));
    if (asn.offset === -1) return { ...none, problem: 'the signature is not DER' };
    const info = new pkijs.ContentInfo({ schema: asn.result });
    if (info.contentType !== SIGNED_DATA) return { ...none, problem: 'the signature is not a CMS SignedData' };
    signedData = new pkijs.SignedData({ schema: info.content });
  } catch (err) {
    return { ...none, problem: `the signature cannot be read: ${(err as Error).message}` };
  }
  const certificates = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const signerInfo = signedData.signerInfos[0];
  const timeAttr = signerInfo?.signedAttrs?.attributes.find((a) => a.type === SIGNING_TIME)?.values[0] as asn1js.UTCTime | asn1js.GeneralizedTime | undefined;
  const signedAt = timeAttr && typeof timeAttr.toDate === 'function' ? timeAttr.toDate() : null;
  let result: pkijs.SignedDataVerifyResult;
  try {
    result = await signedData.verify({ signer: 0, data: arrayBuffer(signed), extendedMode: true, checkChain: false }, engine);
  } catch (err) {
    result = err as pkijs.SignedDataVerifyResult;
  }
  const cert = result?.signerCertificate ?? null;
  return {
    valid: result?.signatureVerified === true,
    signer: cert ? commonName(cert) : null,
    certificateSha256: cert ? certificateDerSha256(cert) : null,
    signedAt,
    problem: result?.signatureVerified === true ? null : (result?.message ?? 'the signature does not verify'),
    signerCertificate: cert,
    certificates,
  };
}

/**
 * Whether the signer's certificate is one we trust, or is issued (through the certificates the
 * signature carries) by one: each link's issuer name matches and its signature verifies.
 */
export async function chainsToTrusted(cert: pkijs.Certificate, carried: pkijs.Certificate[], trusted: pkijs.Certificate[]): Promise<boolean> {
  const trustedShas = new Set(trusted.map(certificateDerSha256));
  let current = cert;
  for (let depth = 0; depth < 8; depth++) {
    if (trustedShas.has(certificateDerSha256(current))) return true;
    for (const root of trusted) {
      if (root.subject.isEqual(current.issuer) && (await current.verify(root, engine).catch(() => false))) return true;
    }
    const next = carried.find((c) => c !== current && c.subject.isEqual(current.issuer) && !c.subject.isEqual(current.subject));
    if (!next || !(await current.verify(next, engine).catch(() => false))) return false;
    current = next;
  }
  return false;
}

/** Reads PEM certificates (one file may hold several). */
export function certificatesFromPem(pem: string): pkijs.Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => {
    const der = Buffer.from(b.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, ''), 'base64');
    return pkijs.Certificate.fromBER(arrayBuffer(der));
  });
}
