import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/** What duthao says of its own certificate wherever it shows it: the page, the API, the PDF. */
export const NOT_OFFICIAL = 'không dùng cho văn bản chính thức';

/** A key and its certificate chain (signer first), as a PKCS#12 holds them. */
export interface SigningIdentity {
  key: forge.pki.rsa.PrivateKey;
  chain: forge.pki.Certificate[];
}

export interface MadeCertificate {
  p12: Buffer;
  certificatePem: string;
  certificateSha256: string;
}

/** SHA-256 of a certificate's DER, lowercase hex: how duthao names a certificate. */
export function certificateSha256(cert: forge.pki.Certificate): string {
  return createHash('sha256')
    .update(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary'))
    .digest('hex');
}

/**
 * One self-signed organisation certificate (RSA 3072, SHA-256, ten years) for an installation
 * whose operator gave none. Its name says it is not for official use, so no reader mistakes a
 * document sealed with it for one signed with a Government Cipher Committee certificate.
 */
export function makeOrganisationCertificate(organisation: string, passphrase: string, now = new Date()): MadeCertificate {
  // Node's key generation (OpenSSL) takes a fraction of a second; node-forge's takes many.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  // Positive and unpredictable: a leading 0x01 keeps the sign bit clear.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + 10 * 365 * 24 * 3600 * 1000);
  const utf8 = forge.asn1.Type.UTF8;
  const name = [
    { name: 'countryName', value: 'VN' },
    { name: 'organizationName', value: organisation, valueTagClass: utf8 },
    { name: 'organizationalUnitName', value: 'duthao', valueTagClass: utf8 },
    { name: 'commonName', value: `${organisation} (duthao, chứng thư tự ký, ${NOT_OFFICIAL})`, valueTagClass: utf8 },
  ] as forge.pki.CertificateField[];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert], passphrase, { algorithm: 'aes256', friendlyName: 'duthao' });
  return {
    p12: Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'),
    certificatePem: forge.pki.certificateToPem(cert),
    certificateSha256: certificateSha256(cert),
  };
}

/** Opens a PKCS#12: its private key and the certificate of that key first, then the rest of the chain. */
export function openP12(p12: Buffer, passphrase: string): SigningIdentity {
  const parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary'))), false, passphrase);
  const keyBag = [
    ...(parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(parsed.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ].find((b) => b.key);
  if (!keyBag?.key) throw new Error('The PKCS#12 file holds no private key');
  const key = keyBag.key as forge.pki.rsa.PrivateKey;
  const certs = (parsed.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [])
    .map((b) => b.cert)
    .filter((c): c is forge.pki.Certificate => !!c);
  const own = certs.find((c) => (c.publicKey as forge.pki.rsa.PublicKey).n?.equals(key.n));
  if (!own) throw new Error('The PKCS#12 file holds no certificate for its private key (only RSA keys are supported)');
  return { key, chain: [own, ...certs.filter((c) => c !== own)] };
}

/** The certificate's common name (or its whole subject when it has none). */
export function subjectName(cert: forge.pki.Certificate): string {
  const cn = cert.subject.getField('CN') as { value: string } | null;
  const decode = (v: string) => {
    try {
      return forge.util.decodeUtf8(v);
    } catch {
      return v;
    }
  };
  if (cn) return decode(cn.value);
  return cert.subject.attributes.map((a) => `${a.shortName ?? a.name}=${decode(String(a.value))}`).join(', ');
}
