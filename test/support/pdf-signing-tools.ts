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
  private n = 0;

  constructor(
    readonly nick: string,
    readonly subject: string,
  ) {
    execFileSync('mkdir', ['-p', join(this.dir, 'nss')]);
    execFileSync('certutil', ['-N', '-d', this.nssdb, '--empty-password']);
    const key = join(this.dir, 'key.pem');
    const cert = join(this.dir, 'cert.pem');
    const p12 = join(this.dir, 'id.p12');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-sha256', '-days', '30', '-nodes', '-utf8', '-subj', subject, '-keyout', key, '-out', cert], { stdio: 'pipe' });
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', key, '-in', cert, '-name', nick, '-passout', 'pass:mk', '-out', p12]);
    execFileSync('pk12util', ['-i', p12, '-d', this.nssdb, '-W', 'mk'], { stdio: 'pipe' });
  }

  get certificatePemFile(): string {
    return join(this.dir, 'cert.pem');
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
