import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ServerKeys } from '../auth/server-keys';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { CheckpointAlgorithm, checkpointText } from './domain/audit-entry';

/**
 * The key that signs the audit log's checkpoints. From AUDIT_SIGNING_KEY (an Ed25519 or P-256 PEM
 * key the operator keeps), else one Ed25519 key made at first start and kept like the organisation's
 * key: in signing_keys, encrypted with a passphrase derived from the server secret. (The
 * organisation's PKCS#12 key is RSA, which the checkpoint format does not take.)
 */
@Injectable()
export class CheckpointKey implements OnModuleInit {
  private key!: KeyObject;
  algorithm!: CheckpointAlgorithm;
  publicKeyPem!: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly keys: ServerKeys,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    this.use(this.config.auditSigningKey ? createPrivateKey(readFileSync(this.config.auditSigningKey)) : await this.stored());
  }

  /** The checkpoint's signature, base64. */
  sign(c: { treeSize: number; rootHash: string; at: string }): string {
    return sign(this.algorithm === 'ed25519' ? null : 'sha256', checkpointText(c), this.key).toString('base64');
  }

  private use(key: KeyObject): void {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (key.asymmetricKeyType === 'ed25519') this.algorithm = 'ed25519';
    else if (key.asymmetricKeyType === 'ec' && (curve === 'prime256v1' || curve === 'P-256')) this.algorithm = 'ecdsa-p256-sha256';
    else throw new Error(`AUDIT_SIGNING_KEY must be an Ed25519 or P-256 private key, not ${key.asymmetricKeyType} ${curve ?? ''}`.trim());
    this.key = key;
    this.publicKeyPem = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
  }

  /** One row: processes starting together insert, one wins, all read it. */
  private async stored(): Promise<KeyObject> {
    const passphrase = this.keys.signingKeyPassphrase;
    const read = async () => (await this.db.query(`SELECT p12 FROM signing_keys WHERE id = 'audit'`))[0] as { p12: Buffer } | undefined;
    let row = await read();
    if (!row) {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      const encrypted = privateKey.export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase });
      const spki = publicKey.export({ type: 'spki', format: 'der' });
      await this.db.query(
        `INSERT INTO signing_keys (id, p12, certificate_pem, certificate_sha256, created_at) VALUES ('audit', $1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`,
        [encrypted, publicKey.export({ type: 'spki', format: 'pem' }), createHash('sha256').update(spki).digest('hex'), this.clock.now()],
      );
      row = await read();
    }
    return createPrivateKey({ key: row!.p12, format: 'der', type: 'pkcs8', passphrase });
  }
}
