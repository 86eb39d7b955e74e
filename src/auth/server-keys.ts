import { createHmac, createSecretKey, KeyObject } from 'node:crypto';

/**
 * The keys the server holds and nobody else: the token signing key (JWT_SECRET, or the one kept
 * in the database) and keys derived from it for each other use, so that no value signed for one
 * purpose (a device cookie, a request fingerprint) can pass for another.
 */
export class ServerKeys {
  /** HS256 key of access and CSRF tokens. */
  readonly jwt: KeyObject;
  /** Signs the `duthao_device` cookie. */
  readonly deviceCookie: Buffer;
  /** Keys the fingerprint of an idempotent request's body (which may hold a password). */
  readonly requestFingerprint: Buffer;
  /** Passphrase of the organisation's signing key kept in the database (PKCS#12), so the key is never stored in clear. */
  readonly signingKeyPassphrase: string;

  constructor(secret: string) {
    // A KeyObject, not the string: given a string, jsonwebtoken first tries to read it as a PEM
    // public key on every verify and falls back to an HMAC key after the exception (~0.5 ms a request).
    this.jwt = createSecretKey(Buffer.from(secret));
    this.deviceCookie = derive(secret, 'duthao device cookie v1');
    this.requestFingerprint = derive(secret, 'duthao idempotency fingerprint v1');
    this.signingKeyPassphrase = derive(secret, 'duthao signing key at rest v1').toString('base64url');
  }
}

function derive(secret: string, purpose: string): Buffer {
  return createHmac('sha256', secret).update(purpose).digest();
}
