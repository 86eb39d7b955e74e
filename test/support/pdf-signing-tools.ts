import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What a leader's own signing tool does, with tools nobody here wrote: OpenSSL makes a key and a
 * self-signed certificate, NSS (certutil, pk12util) holds them, poppler's pdfsig signs and checks.
 */
export class OutsideSigner {
  readonly dir = mkdtempSync(join(tmpdir(), 'duthao-sign-'));
  readonly nssdb = `sql:${join(this.dir, 'nss')}`;
  /** The PKCS#12 (password "mk") holding the key, its certificate and the issuer's. */
  readonly p12File = join(this.dir, 'id.p12');
  readonly certificatePemFile = join(this.dir, 'cert.pem');
  private n = 0;

  /** A self-signed certificate, or one issued by `ca`. */
  constructor(
    readonly nick: string,
    readonly subject: string,
    ca?: TestCa,
  ) {
    execFileSync('mkdir', ['-p', join(this.dir, 'nss')]);
    execFileSync('certutil', ['-N', '-d', this.nssdb, '--empty-password']);
    const key = join(this.dir, 'key.pem');
    const cert = this.certificatePemFile;
    if (ca) {
      const csr = join(this.dir, 'req.csr');
      const ext = join(this.dir, 'ext.cnf');
      writeFileSync(ext, 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n');
      execFileSync('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-utf8', '-subj', subject, '-keyout', key, '-out', csr], { stdio: 'pipe' });
      execFileSync(
        'openssl',
        ['x509', '-req', '-in', csr, '-CA', ca.certFile, '-CAkey', ca.keyFile, '-CAcreateserial', '-days', '30', '-sha256', '-extfile', ext, '-out', cert],
        { stdio: 'pipe' },
      );
      execFileSync('openssl', [
        'pkcs12',
        '-export',
        '-inkey',
        key,
        '-in',
        cert,
        '-certfile',
        ca.certFile,
        '-name',
        nick,
        '-passout',
        'pass:mk',
        '-out',
        this.p12File,
      ]);
    } else {
      execFileSync(
        'openssl',
        ['req', '-x509', '-newkey', 'rsa:2048', '-sha256', '-days', '30', '-nodes', '-utf8', '-subj', subject, '-keyout', key, '-out', cert],
        { stdio: 'pipe' },
      );
      execFileSync('openssl', ['pkcs12', '-export', '-inkey', key, '-in', cert, '-name', nick, '-passout', 'pass:mk', '-out', this.p12File]);
    }
    execFileSync('pk12util', ['-i', this.p12File, '-d', this.nssdb, '-W', 'mk'], { stdio: 'pipe' });
  }

  /** Makes NSS trust a CA, as a verifier that knows the issuing authority does. */
  trust(ca: TestCa): void {
    execFileSync('certutil', ['-A', '-d', this.nssdb, '-n', 'test-ca', '-t', 'CT,C,C', '-i', ca.certFile]);
  }

  private file(content: Buffer): string {
    const f = join(this.dir, `in-${this.n++}.pdf`);
    writeFileSync(f, content);
    return f;
  }

  /** pdfsig -add-signature: an incremental update with this signer's signature. */
  sign(pdf: Buffer): Buffer {
    const input = this.file(pdf);
    const output = join(this.dir, `out-${this.n++}.pdf`);
    const r = spawnSync('pdfsig', ['-add-signature', '-nssdir', this.nssdb, '-nick', this.nick, '-reason', 'Ký ban hành', input, output], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`pdfsig -add-signature: ${r.status} ${r.stderr}`);
    return readFileSync(output);
  }

  /** pdfsig's report of every signature of a file. */
  check(pdf: Buffer): string {
    const r = spawnSync('pdfsig', ['-nssdir', this.nssdb, this.file(pdf)], { encoding: 'utf8' });
    return `${r.stdout}${r.stderr}`;
  }
}

/** A certification authority of the tests' own (OpenSSL), standing for a national CA. */
export class TestCa {
  readonly dir = mkdtempSync(join(tmpdir(), 'duthao-ca-'));
  readonly keyFile = join(this.dir, 'ca.key');
  readonly certFile = join(this.dir, 'ca.pem');

  constructor(subject: string) {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-sha256',
        '-days',
        '60',
        '-nodes',
        '-utf8',
        '-subj',
        subject,
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
        '-keyout',
        this.keyFile,
        '-out',
        this.certFile,
      ],
      { stdio: 'pipe' },
    );
  }
}

/** The report of one signature (#n, 1-based) in pdfsig's output. */
export function pdfsigSignature(report: string, n: number): string {
  return report.split(/^Signature #/m)[n] ?? '';
}

/** A copy with one byte changed inside the first content stream after `from`. */
export function flipByteInStream(pdf: Buffer, from = 0): Buffer {
  const at = pdf.indexOf('stream', Math.max(from, pdf.indexOf('/Length'))) + 40;
  const copy = Buffer.from(pdf);
  copy[at] ^= 0x01;
  return copy;
}
