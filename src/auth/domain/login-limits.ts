/**
 * Which failure counts a login attempt is judged by, and whether it may go ahead. Failures slow
 * down the attacker, not the owner:
 * - a client holding a device cookie of the account (see device-cookie.ts) is counted on its own,
 *   under its own key: another client's failures never stop it, and neither does its address;
 * - every other client is counted per account and per address, and after the account's limit all
 *   of them are refused for the rest of the window;
 * - a device cookie whose own count reaches the limit is no longer trusted: it is judged like any
 *   other client from then on.
 * Counts are fixed windows that start at their first failure.
 */

export interface LoginLimits {
  perAccount: number;
  perAddress: number;
  accountWindowMs: number;
  addressWindowMs: number;
}

export interface LoginClient {
  address: string;
  /** The e-mail tried, lower case: unknown addresses are counted too, so that they answer alike. */
  email: string;
  /** The nonce of the device cookie entry bound to the account tried, when the client has one. */
  deviceNonce: string | null;
}

export interface FailureCount {
  key: string;
  windowStart: Date;
  failures: number;
}

export interface CountedKey {
  key: string;
  max: number;
  windowMs: number;
}

export interface LoginDecision {
  trusted: boolean;
  /** The counts a failure of this attempt adds to (and a success clears). */
  keys: CountedKey[];
  /** Set when the attempt is refused: seconds until the blocking window ends. */
  retryAfterSeconds: number | null;
}

export function deviceKey(nonce: string): string {
  return `device:${nonce}`;
}

/** The keys whose counts `decideLogin` needs, to read them all in one query. */
export function keysToRead(client: LoginClient): string[] {
  return [`address:${client.address}`, `account:${client.email}`, ...(client.deviceNonce ? [deviceKey(client.deviceNonce)] : [])];
}

function failuresIn(counts: FailureCount[], key: CountedKey, now: number): { failures: number; endsAt: number } {
  const row = counts.find((c) => c.key === key.key);
  const endsAt = row ? row.windowStart.getTime() + key.windowMs : now;
  return row && endsAt > now ? { failures: row.failures, endsAt } : { failures: 0, endsAt: now };
}

export function decideLogin(limits: LoginLimits, client: LoginClient, counts: FailureCount[], now: Date): LoginDecision {
  const at = now.getTime();
  if (client.deviceNonce) {
    const device = { key: deviceKey(client.deviceNonce), max: limits.perAccount, windowMs: limits.accountWindowMs };
    if (failuresIn(counts, device, at).failures < device.max) return { trusted: true, keys: [device], retryAfterSeconds: null };
  }
  const keys = [
    { key: `address:${client.address}`, max: limits.perAddress, windowMs: limits.addressWindowMs },
    { key: `account:${client.email}`, max: limits.perAccount, windowMs: limits.accountWindowMs },
  ];
  let blockedUntil = 0;
  for (const key of keys) {
    const { failures, endsAt } = failuresIn(counts, key, at);
    if (failures >= key.max) blockedUntil = Math.max(blockedUntil, endsAt);
  }
  const retryAfterSeconds = blockedUntil > at ? Math.max(1, Math.ceil((blockedUntil - at) / 1000)) : null;
  return { trusted: false, keys, retryAfterSeconds };
}
