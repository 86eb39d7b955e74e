import { sealingHorizon, widenXid } from './xid-horizon';

const E = 1n << 32n;

describe('widenXid', () => {
  it('keeps an id of the same epoch, below or above the reference', () => {
    expect(widenXid(1000n, 7n * E + 5000n)).toBe(7n * E + 1000n);
    expect(widenXid(9000n, 7n * E + 5000n)).toBe(7n * E + 9000n);
    expect(widenXid(5000n, 5000n)).toBe(5000n);
  });

  it('puts an id whose low bits exceed the reference just after a wrap in the previous epoch', () => {
    expect(widenXid(E - 10n, 7n * E + 3n)).toBe(6n * E + (E - 10n));
  });

  it('puts an id just past a wrap the reference has not reached in the next epoch (not 2^32 too low)', () => {
    expect(widenXid(3n, 7n * E + (E - 10n))).toBe(8n * E + 3n);
  });

  it('is exact up to 2^31 on either side', () => {
    const ref = 3n * E + 100n;
    for (const d of [-(1n << 31n), -1n, 0n, 1n, (1n << 31n) - 1n]) expect(widenXid((ref + d) % E, ref)).toBe(ref + d);
  });
});

describe('sealingHorizon', () => {
  it('is xmax when nothing runs, else the oldest running id', () => {
    expect(sealingHorizon(2n * E + 50n, [])).toBe(2n * E + 50n);
    expect(sealingHorizon(2n * E + 50n, [40n, 45n])).toBe(2n * E + 40n);
  });

  it('ignores ids at or above xmax (given out after the snapshot, or not yet ended when it was taken)', () => {
    expect(sealingHorizon(2n * E + 50n, [50n, 60n])).toBe(2n * E + 50n);
    expect(sealingHorizon(2n * E + (E - 5n), [2n])).toBe(2n * E + (E - 5n));
  });

  it('counts a running id of the previous epoch below an xmax just past the wrap', () => {
    expect(sealingHorizon(2n * E + 3n, [E - 7n, 1n + 2n])).toBe(E + (E - 7n));
  });
});
