/**
 * autocannon for the API benchmark: each connection sends its own caller's request again and again,
 * and a run is measured with what the server spent on it: CPU time of its Node process and of its
 * PostgreSQL backends (from /proc), and what those backends were waiting on (pg_stat_activity).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { median } from './bench-app';

/** What one connection sends, again and again. */
export interface Caller {
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface Run {
  rps: number;
  p50: number;
  p975: number;
  p99: number;
  max: number;
  ok: number;
  errors: number;
  non2xx: number;
  statuses: string;
  waits: string;
  load: number;
  /** CPU time per 2xx request: the server's Node process, and its PostgreSQL backends. */
  cpuNode: number;
  cpuPg: number;
}

/** CPU time of a process so far, in ms (Linux /proc; 0 when gone). */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/** Samples what the database's backends of one application are doing, every 50 ms. */
export class Waits {
  private samples = new Map<string, number>();
  private n = 0;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  constructor(
    private readonly client: Client,
    private readonly dbName: string,
  ) {}

  start(app: string): void {
    this.samples = new Map();
    this.n = 0;
    this.timer = setInterval(() => {
      if (this.busy) return;
      this.busy = true;
      this.client
        .query(
          `SELECT CASE WHEN state = 'active' THEN coalesce(wait_event_type || ':' || wait_event, 'CPU') WHEN state = 'idle in transaction' THEN 'idle in tx (waiting for Node)' ELSE state END AS what, count(*)::int AS n
           FROM pg_stat_activity WHERE datname = $1 AND application_name = $2 AND pid <> pg_backend_pid() GROUP BY 1`,
          [this.dbName, app],
        )
        .then(({ rows }) => {
          this.n++;
          for (const r of rows) this.samples.set(r.what, (this.samples.get(r.what) ?? 0) + r.n);
        })
        .catch(() => undefined)
        .finally(() => (this.busy = false));
    }, 50);
  }

  /**
   * Waits (up to 15 s) until the previous run's pool connections have closed (pg closes idle ones
   * after 10 s), so that only the server measured holds connections: PostgreSQL's max_connections is
   * shared with the other sessions on this machine, and each run starts from the same state.
   */
  async settle(): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const { rows } = await this.client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [this.dbName]);
      if (rows[0].n <= 1) return;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  async backendCpu(app: string): Promise<Map<number, number>> {
    const { rows } = await this.client.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = $2`, [this.dbName, app]);
    return new Map(rows.map((r: { pid: number }) => [r.pid, cpuMs(r.pid)]));
  }

  /** Mean number of backends in each state, the busiest first (idle ones left out). */
  stop(): string {
    if (this.timer) clearInterval(this.timer);
    return [...this.samples.entries()]
      .filter(([what]) => what !== 'idle')
      .sort((a, b) => b[1] - a[1])
      .map(([what, n]) => `${what} ${(n / Math.max(this.n, 1)).toFixed(1)}`)
      .join(', ');
  }
}

const f0 = (x: number) => x.toFixed(0);

/** One run on one line. */
export const line = (r: Run) =>
  `${f0(r.rps).padStart(5)} req/s  p50 ${f0(r.p50).padStart(4)} ms  p97.5 ${f0(r.p975).padStart(5)} ms  p99 ${f0(r.p99).padStart(5)} ms  max ${f0(r.max).padStart(5)} ms  ` +
  `errors ${r.errors}, non-2xx ${r.non2xx}  CPU/request: Node ${r.cpuNode.toFixed(2)} ms, PostgreSQL ${r.cpuPg.toFixed(2)} ms  (load ${r.load.toFixed(2)})`;

/** The medians of several runs (max of max, sums of counts). */
export function summary(rs: Run[]): Omit<Run, 'statuses' | 'waits'> {
  const m = (k: keyof Run) => median(rs.map((r) => r[k] as number));
  return {
    cpuNode: m('cpuNode'),
    cpuPg: m('cpuPg'),
    rps: m('rps'),
    p50: m('p50'),
    p975: m('p975'),
    p99: m('p99'),
    max: Math.max(...rs.map((r) => r.max)),
    ok: rs.reduce((s, r) => s + r.ok, 0),
    errors: rs.reduce((s, r) => s + r.errors, 0),
    non2xx: rs.reduce((s, r) => s + r.non2xx, 0),
    load: m('load'),
  };
}

/** autocannon where connection i sends callers[i % n]'s path, headers and body, again and again. */
export async function cannon(
  origin: string,
  method: 'GET' | 'POST',
  callers: Caller[],
  opts: { connections: number; duration: number; timeoutS: number },
  waits?: { w: Waits; app: string; pid: number },
): Promise<Run> {
  await waits?.w.settle();
  const load0 = loadavg()[0];
  let next = 0;
  const node0 = waits ? cpuMs(waits.pid) : 0;
  const pg0 = waits ? await waits.w.backendCpu(waits.app) : new Map<number, number>();
  waits?.w.start(waits.app);
  const result = await autocannon({
    url: `${origin}${callers[0].path}`,
    method,
    connections: opts.connections,
    duration: opts.duration,
    timeout: opts.timeoutS,
    setupClient: (client) => {
      const c = callers[next++ % callers.length];
      client.setRequests([{ method, path: c.path, headers: c.headers, body: c.body }]);
    },
  });
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .map(([code, s]) => `${code}×${(s as { count: number }).count}`)
    .join(' ');
  const waitsText = waits?.w.stop() ?? '';
  const nodeCpu = waits ? cpuMs(waits.pid) - node0 : 0;
  let pgCpu = 0;
  if (waits) for (const [pid, end] of await waits.w.backendCpu(waits.app)) pgCpu += end - (pg0.get(pid) ?? 0);
  const ok = Math.max(result['2xx'], 1);
  return {
    cpuNode: nodeCpu / ok,
    cpuPg: pgCpu / ok,
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p975: result.latency.p97_5,
    p99: result.latency.p99,
    max: result.latency.max,
    ok: result['2xx'],
    errors: result.errors,
    non2xx: result.non2xx,
    statuses,
    waits: waitsText,
    load: load0,
  };
}
