import { boundedMyers, EditRun } from './myers';

const ids = (s: string) => Int32Array.from([...s].map((c) => c.charCodeAt(0)));

/** Length of the longest common subsequence, by dynamic programming: the truth Myers must reach. */
function lcs(a: string, b: string): number {
  const row = new Array(b.length + 1).fill(0);
  for (const ca of a) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = ca === b[j - 1] ? diag + 1 : Math.max(row[j], row[j - 1]);
      diag = up;
    }
  }
  return row[b.length];
}

function apply(a: string, b: string, script: EditRun[]): { from: string; to: string; edits: number } {
  let i = 0;
  let j = 0;
  let from = '';
  let to = '';
  let edits = 0;
  for (const r of script) {
    if (r.op === 'equal') {
      expect(a.slice(i, i + r.n)).toBe(b.slice(j, j + r.n));
      from += a.slice(i, i + r.n);
      to += b.slice(j, j + r.n);
      i += r.n;
      j += r.n;
    } else if (r.op === 'delete') {
      from += a.slice(i, i + r.n);
      i += r.n;
      edits += r.n;
    } else {
      to += b.slice(j, j + r.n);
      j += r.n;
      edits += r.n;
    }
  }
  return { from, to, edits };
}

describe('boundedMyers', () => {
  it('finds a shortest edit script', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const word = (n: number) => Array.from({ length: n }, () => 'abcd'[Math.floor(rnd() * 4)]).join('');
    for (let k = 0; k < 300; k++) {
      const a = word(Math.floor(rnd() * 30));
      const b = word(Math.floor(rnd() * 30));
      const budget = { left: 1e9 };
      const script = boundedMyers(ids(a), ids(b), 100, budget)!;
      const out = apply(a, b, script);
      expect(out.from).toBe(a);
      expect(out.to).toBe(b);
      expect(out.edits).toBe(a.length + b.length - 2 * lcs(a, b));
    }
  });

  it('gives up past the edit distance it may reach', () => {
    expect(boundedMyers(ids('abcdef'), ids('uvwxyz'), 11, { left: 1e9 })).toBeNull();
    expect(boundedMyers(ids('abcdef'), ids('uvwxyz'), 12, { left: 1e9 })).not.toBeNull();
  });

  it('spends the budget it is given, and stops when it runs out', () => {
    const a = ids('x'.repeat(3000));
    const b = ids('y'.repeat(3000));
    const budget = { left: 100_000 };
    expect(boundedMyers(a, b, 2000, budget)).toBeNull();
    // Stopped within one step (at most 2·maxEdits+1 diagonals) of the budget.
    expect(budget.left).toBeLessThanOrEqual(0);
    expect(budget.left).toBeGreaterThan(-4002);
    const small = { left: 1000 };
    boundedMyers(ids('abc'), ids('abd'), 10, small);
    expect(small.left).toBeLessThan(1000);
  });

  it('handles empty sides', () => {
    expect(boundedMyers(ids(''), ids(''), 10, { left: 100 })).toEqual([]);
    expect(boundedMyers(ids('ab'), ids(''), 10, { left: 100 })).toEqual([{ op: 'delete', n: 2 }]);
    expect(boundedMyers(ids(''), ids('ab'), 10, { left: 100 })).toEqual([{ op: 'insert', n: 2 }]);
  });
});
