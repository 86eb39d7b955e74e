import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The device cookie of OWASP's "Slow down online guessing attacks with device cookies": after a
 * successful login the browser holds a value signed by the server and bound to that account, and
 * failed logins from it are counted for that device only, so that an attacker who locks an account
 * out for unknown clients does not lock out its owner.
 *
 * One cookie holds an entry per account signed in from the browser (a shared office computer),
 * newest first: `<user id>.<nonce>.<issued, unix seconds>.<signature>`, entries joined by `~`.
 */

export const MAX_ACCOUNTS_PER_DEVICE = 5;
/** Longer than any cookie should be; read no further (and sign nothing) for such junk. */
const MAX_COOKIE_LENGTH = 1024;
const ENTRY = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{16,64})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

export interface DeviceEntry {
  userId: string;
  /** Names the device in the failure counts. */
  nonce: string;
  issuedAt: Date;
}

function signature(key: Buffer, userId: string, nonce: string, issuedSeconds: number): string {
  return createHmac('sha256', key).update(`${userId}.${nonce}.${issuedSeconds}`).digest('base64url');
}

function parse(key: Buffer, raw: string, now: Date, maxAgeMs: number): DeviceEntry | null {
  const m = ENTRY.exec(raw);
  if (!m) return null;
  const [, userId, nonce, issued, sig] = m;
  const expected = Buffer.from(signature(key, userId, nonce, Number(issued)));
  if (!timingSafeEqual(expected, Buffer.from(sig))) return null;
  const issuedAt = new Date(Number(issued) * 1000);
  if (issuedAt.getTime() + maxAgeMs <= now.getTime()) return null;
  return { userId, nonce, issuedAt };
}

/** Every entry of the cookie that the server signed and that has not expired. */
export function deviceEntries(key: Buffer, cookie: unknown, now: Date, maxAgeMs: number): DeviceEntry[] {
  if (typeof cookie !== 'string' || cookie.length === 0 || cookie.length > MAX_COOKIE_LENGTH) return [];
  return cookie
    .split('~')
    .slice(0, MAX_ACCOUNTS_PER_DEVICE)
    .map((raw) => parse(key, raw, now, maxAgeMs))
    .filter((e): e is DeviceEntry => e !== null);
}

/** The cookie's entry for this account, when it holds a valid one. */
export function deviceEntryFor(key: Buffer, cookie: unknown, userId: string, now: Date, maxAgeMs: number): DeviceEntry | null {
  return deviceEntries(key, cookie, now, maxAgeMs).find((e) => e.userId === userId) ?? null;
}

/**
 * The cookie after a successful login to `userId`: a fresh entry for that account first (a new
 * nonce, so the device's count starts over), the other accounts' valid entries after it.
 */
export function withDeviceEntry(key: Buffer, cookie: unknown, userId: string, now: Date, maxAgeMs: number): string {
  const nonce = randomBytes(16).toString('base64url');
  const issued = Math.floor(now.getTime() / 1000);
  const fresh = `${userId}.${nonce}.${issued}.${signature(key, userId, nonce, issued)}`;
  const others = deviceEntries(key, cookie, now, maxAgeMs)
    .filter((e) => e.userId !== userId)
    .map((e) => {
      const seconds = Math.floor(e.issuedAt.getTime() / 1000);
      return `${e.userId}.${e.nonce}.${seconds}.${signature(key, e.userId, e.nonce, seconds)}`;
    });
  return [fresh, ...others].slice(0, MAX_ACCOUNTS_PER_DEVICE).join('~');
}
