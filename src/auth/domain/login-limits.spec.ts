import { decideLogin, deviceKey, FailureCount, keysToRead, LoginLimits } from './login-limits';

const LIMITS: LoginLimits = { perAccount: 5, perAddress: 300, accountWindowMs: 900_000, addressWindowMs: 3_600_000 };
const NOW = new Date('2026-03-02T08:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const untrusted = { address: '10.0.0.1', email: 'admin@tinh.vn', deviceNonce: null };
const trusted = { ...untrusted, deviceNonce: 'nonce-of-the-owner' };
const count = (key: string, failures: number, startedMsAgo = 60_000): FailureCount => ({ key, failures, windowStart: ago(startedMsAgo) });

describe('login limits', () => {
  it('reads the address, the account and the device in one go', () => {
    expect(keysToRead(untrusted)).toEqual(['address:10.0.0.1', 'account:admin@tinh.vn']);
    expect(keysToRead(trusted)).toEqual(['address:10.0.0.1', 'account:admin@tinh.vn', 'device:nonce-of-the-owner']);
  });

  it('counts an unknown client per address and per account, and lets it try below the limits', () => {
    const d = decideLogin(LIMITS, untrusted, [count('account:admin@tinh.vn', 4), count('address:10.0.0.1', 299)], NOW);
    expect(d).toEqual({
      trusted: false,
      retryAfterSeconds: null,
      keys: [
        { key: 'address:10.0.0.1', max: 300, windowMs: 3_600_000 },
        { key: 'account:admin@tinh.vn', max: 5, windowMs: 900_000 },
      ],
    });
  });

  it('refuses an unknown client once the account has 5 failures, until the window ends', () => {
    const d = decideLogin(LIMITS, untrusted, [count('account:admin@tinh.vn', 5, 60_000)], NOW);
    expect(d.retryAfterSeconds).toBe(840);
    expect(decideLogin(LIMITS, untrusted, [count('account:admin@tinh.vn', 5, 900_000)], NOW).retryAfterSeconds).toBeNull();
  });

  it('refuses an unknown client once its address has reached its limit, and waits for the later of two blocks', () => {
    expect(decideLogin(LIMITS, untrusted, [count('address:10.0.0.1', 300, 600_000)], NOW).retryAfterSeconds).toBe(3000);
    const both = decideLogin(LIMITS, untrusted, [count('address:10.0.0.1', 300, 3_500_000), count('account:admin@tinh.vn', 5, 60_000)], NOW);
    expect(both.retryAfterSeconds).toBe(840);
  });

  it('lets the owner’s device in while the account and the address are blocked, counting it on its own', () => {
    const blocked = [count('account:admin@tinh.vn', 50), count('address:10.0.0.1', 1000), count(deviceKey('nonce-of-the-owner'), 4)];
    expect(decideLogin(LIMITS, trusted, blocked, NOW)).toEqual({
      trusted: true,
      retryAfterSeconds: null,
      keys: [{ key: 'device:nonce-of-the-owner', max: 5, windowMs: 900_000 }],
    });
  });

  it('stops trusting a device cookie that keeps failing: it is then judged like any other client', () => {
    const failing = count(deviceKey('nonce-of-the-owner'), 5);
    const open = decideLogin(LIMITS, trusted, [failing], NOW);
    expect(open).toMatchObject({ trusted: false, retryAfterSeconds: null });
    expect(open.keys.map((k) => k.key)).toEqual(['address:10.0.0.1', 'account:admin@tinh.vn']);
    expect(decideLogin(LIMITS, trusted, [failing, count('account:admin@tinh.vn', 5)], NOW)).toMatchObject({ trusted: false, retryAfterSeconds: 840 });
    // Its own window over, it is trusted again.
    expect(decideLogin(LIMITS, trusted, [count(deviceKey('nonce-of-the-owner'), 5, 900_000)], NOW).trusted).toBe(true);
  });

  it('never answers a Retry-After of 0', () => {
    expect(decideLogin(LIMITS, untrusted, [count('account:admin@tinh.vn', 5, 900_000 - 10)], NOW).retryAfterSeconds).toBe(1);
  });
});
