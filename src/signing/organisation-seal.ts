import { readFileSync } from 'node:fs';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import forge from 'node-forge';
import type * as pkijs from 'pkijs';
import { DataSource } from 'typeorm';
import { ServerKeys } from '../auth/server-keys';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { certificatesFromPem } from './domain/cms-check';
import { certificateSha256, makeOrganisationCertificate, NOT_OFFICIAL, openP12, SigningIdentity, subjectName } from './domain/organisation-certificate';
import { sealPdf } from './domain/pdf-seal';

/** What a sealed document records of its seal. */
export interface SealRecord {
  signer: string;
  certificateSha256: string;
  signedAt: string;
  /** false for duthao's self-signed certificate. */
  official: boolean;
}

/**
 * The organisation's seal: the key and certificate that sign approved plans. From SIGNING_P12
 * when the operator gives one (official); otherwise one self-signed certificate made at first
 * start and kept in the database, its key in a PKCS#12 whose passphrase derives from the server
 * secret. Also the certificates a checked signature may be trusted through.
 */
@Injectable()
export class OrganisationSeal implements OnModuleInit {
  private readonly logger = new Logger(OrganisationSeal.name);
  private identity: SigningIdentity | null = null;
  private problem: string | null = null;
  private certificatePem = '';
  /** duthao's own certificate and the TRUSTED_CERTS ones. */
  trusted: pkijs.Certificate[] = [];
  certificateSha256 = '';
  signer = '';
  official = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly keys: ServerKeys,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.signingP12) {
      // The operator's own file: a wrong path or password stops the start, with the reason.
      const p12 = readFileSync(this.config.signingP12);
      this.use(openP12(p12, this.config.signingP12Password ?? ''), true);
    } else {
      await this.useStored();
    }
    this.trusted = [
      ...certificatesFromPem(this.certificatePem),
      ...this.config.trustedCerts.flatMap((file) => {
        const found = certificatesFromPem(readFileSync(file, 'utf8'));
        if (!found.length) throw new Error(`TRUSTED_CERTS: ${file} holds no PEM certificate`);
        return found;
      }),
    ];
  }

  private use(identity: SigningIdentity, official: boolean): void {
    this.identity = identity;
    this.official = official;
    this.certificateSha256 = certificateSha256(identity.chain[0]);
    this.signer = subjectName(identity.chain[0]);
    this.certificatePem = identity.chain.map((c) => forge.pki.certificateToPem(c)).join('\n');
  }

  /** One row for the whole installation: processes starting together insert, one wins, all read it. */
  private async useStored(): Promise<void> {
    const passphrase = this.keys.signingKeyPassphrase;
    let [row] = await this.db.query(`SELECT p12, certificate_pem, certificate_sha256 FROM signing_keys WHERE id = 'organisation'`);
    if (!row) {
      const made = makeOrganisationCertificate(this.config.issuingAuthority, passphrase, this.clock.now());
      await this.db.query(
        `INSERT INTO signing_keys (id, p12, certificate_pem, certificate_sha256, created_at) VALUES ('organisation', $1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`,
        [made.p12, made.certificatePem, made.certificateSha256, this.clock.now()],
      );
      [row] = await this.db.query(`SELECT p12, certificate_pem, certificate_sha256 FROM signing_keys WHERE id = 'organisation'`);
    }
    this.certificatePem = row.certificate_pem;
    this.certificateSha256 = row.certificate_sha256;
    try {
      this.use(openP12(row.p12, passphrase), false);
    } catch (err) {
      // Checking signatures still works; sealing says why it cannot.
      this.problem = `The stored signing key cannot be opened (was JWT_SECRET changed?): ${(err as Error).message}`;
      this.logger.error(this.problem);
    }
  }

  /** Seals an approved plan's PDF; the reason says, for a self-signed certificate, that it is not for official use. */
  async seal(pdf: Buffer, what: string): Promise<{ pdf: Buffer; seal: SealRecord }> {
    if (!this.identity) throw new Error(this.problem ?? 'No signing key');
    // Whole seconds: what the CMS signing time (UTCTime) and the PDF's /M can say.
    const signedAt = new Date(Math.floor(this.clock.now().getTime() / 1000) * 1000);
    const reason = this.official ? what : `${what} (chứng thư tự ký của duthao, ${NOT_OFFICIAL})`;
    const sealed = await sealPdf(pdf, this.identity, { reason, name: this.signer, location: this.config.placeName, signingTime: signedAt });
    return { pdf: sealed, seal: { signer: this.signer, certificateSha256: this.certificateSha256, signedAt: signedAt.toISOString(), official: this.official } };
  }
}
