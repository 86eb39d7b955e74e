import { randomBytes } from 'node:crypto';
import { deviceEntries, deviceEntryFor, MAX_ACCOUNTS_PER_DEVICE, withDeviceEntry } from './device-cookie';

const KEY = randomBytes(32);
const YEAR = 365 * 86_400_000;
const NOW = new Date('2026-03-02T08:00:00Z');
const uid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('device cookie', () => {
  it('after a login, holds an entry for that account, and only for it', () => {
    const cookie = withDeviceEntry(KEY, undefined, uid(1), NOW, YEAR);
    const entry = deviceEntryFor(KEY, cookie, uid(1), NOW, YEAR);
    expect(entry).toMatchObject({ userId: uid(1), issuedAt: new Date(Math.floor(NOW.getTime() / 1000) * 1000) });
    expect(entry!.nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(deviceEntryFor(KEY, cookie, uid(2), NOW, YEAR)).toBeNull();
  });

  it('gives no trust to a cookie signed with another key, edited, or of another account relabelled', () => {
    const cookie = withDeviceEntry(KEY, undefined, uid(1), NOW, YEAR);
    expect(deviceEntryFor(randomBytes(32), cookie, uid(1), NOW, YEAR)).toBeNull();
    const [id, nonce, issued, sig] = cookie.split('.');
    expect(deviceEntryFor(KEY, [uid(2), nonce, issued, sig].join('.'), uid(2), NOW, YEAR)).toBeNull();
    expect(deviceEntryFor(KEY, [id, `${nonce}x`, issued, sig].join('.'), uid(1), NOW, YEAR)).toBeNull();
    expect(deviceEntryFor(KEY, [id, nonce, String(Number(issued) + 1), sig].join('.'), uid(1), NOW, YEAR)).toBeNull();
    const flipped = sig[0] === 'A' ? `B${sig.slice(1)}` : `A${sig.slice(1)}`;
    expect(deviceEntryFor(KEY, [id, nonce, issued, flipped].join('.'), uid(1), NOW, YEAR)).toBeNull();
    for (const junk of [undefined, null, 42, '', 'x', '~~~', cookie.repeat(20), { value: cookie }])
      expect(deviceEntryFor(KEY, junk, uid(1), NOW, YEAR)).toBeNull();
  });

  it('expires after its lifetime, whatever the browser does with the cookie', () => {
    const cookie = withDeviceEntry(KEY, undefined, uid(1), NOW, YEAR);
    expect(deviceEntryFor(KEY, cookie, uid(1), new Date(NOW.getTime() + YEAR - 1000), YEAR)).not.toBeNull();
    expect(deviceEntryFor(KEY, cookie, uid(1), new Date(NOW.getTime() + YEAR), YEAR)).toBeNull();
  });

  it('keeps the other accounts of a shared browser, newest first, a new nonce for the account signing in, at most five', () => {
    let cookie = withDeviceEntry(KEY, undefined, uid(1), NOW, YEAR);
    const first = deviceEntryFor(KEY, cookie, uid(1), NOW, YEAR)!.nonce;
    cookie = withDeviceEntry(KEY, cookie, uid(2), NOW, YEAR);
    cookie = withDeviceEntry(KEY, cookie, uid(1), NOW, YEAR);
    expect(deviceEntries(KEY, cookie, NOW, YEAR).map((e) => e.userId)).toEqual([uid(1), uid(2)]);
    expect(deviceEntryFor(KEY, cookie, uid(1), NOW, YEAR)!.nonce).not.toBe(first);
    for (let i = 3; i <= 8; i++) cookie = withDeviceEntry(KEY, cookie, uid(i), NOW, YEAR);
    expect(deviceEntries(KEY, cookie, NOW, YEAR).map((e) => e.userId)).toEqual([uid(8), uid(7), uid(6), uid(5), uid(4)]);
    expect(deviceEntries(KEY, cookie, NOW, YEAR)).toHaveLength(MAX_ACCOUNTS_PER_DEVICE);
    expect(cookie.length).toBeLessThan(1024);
  });

  it('drops entries it cannot verify when it writes the cookie again', () => {
    const forged = withDeviceEntry(randomBytes(32), undefined, uid(9), NOW, YEAR);
    const cookie = withDeviceEntry(KEY, forged, uid(1), NOW, YEAR);
    expect(cookie).not.toContain(uid(9));
    expect(deviceEntries(KEY, cookie, NOW, YEAR).map((e) => e.userId)).toEqual([uid(1)]);
  });
});
