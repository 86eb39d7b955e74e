/** Work units a diff may still spend; shared by every comparison of one diff, so the whole is bounded. */
export interface DiffBudget {
  left: number;
}

/** A run of the edit script: `n` tokens kept (equal), removed from `a` (delete) or added from `b` (insert). */
export interface EditRun {
  op: 'equal' | 'delete' | 'insert';
  n: number;
}

/**
 * Myers' O((N+M)·D) shortest edit script between two token id arrays, stopped (null) once the edit
 * distance passes `maxD` or the work done passes the budget. The work counted is every diagonal
 * visited, every snake step and every copied trace cell, so the bound is deterministic: the same
 * texts always give the same result, on any machine, however loaded.
 */
export function boundedMyers(a: Int32Array, b: Int32Array, maxD: number, budget: DiffBudget): EditRun[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxD);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // After step d, v[k] for k in [-d, d] is kept at trace[d² + d + k]: what the walk back needs.
  const trace = traceOf((max + 1) * (max + 1));
  let work = 0;
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]);
      let x = down ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      const x0 = x;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      work += 1 + x - x0;
      v[offset + k] = x;
      if (x >= n && y >= m) {
        budget.left -= work;
        return walkBack(trace, n, m, d);
      }
    }
    trace.set(v.subarray(offset - d, offset + d + 1), d * d);
    work += 2 * d + 1;
    if (work > budget.left) break;
  }
  budget.left -= work;
  return null;
}

let shared = new Int32Array(0);

/** One buffer for every call (the diff is synchronous): no garbage per step, at most maxEdits² cells. */
function traceOf(cells: number): Int32Array {
  if (shared.length < cells) shared = new Int32Array(Math.max(cells, Math.min(shared.length * 2, 4_100_000)));
  return shared;
}

function walkBack(trace: Int32Array, n: number, m: number, d: number): EditRun[] {
  const reversed: EditRun[] = [];
  const push = (op: EditRun['op'], count: number) => {
    if (count <= 0) return;
    const last = reversed[reversed.length - 1];
    if (last?.op === op) last.n += count;
    else reversed.push({ op, n: count });
  };
  let x = n;
  let y = m;
  for (; d > 0; d--) {
    const base = (d - 1) * (d - 1) + d - 1;
    const at = (k: number) => trace[base + k];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    const startX = down ? prevX : prevX + 1;
    push('equal', x - startX);
    push(down ? 'insert' : 'delete', 1);
    x = prevX;
    y = prevY;
  }
  push('equal', x);
  return reversed.reverse();
}
