/**
 * The consolidation board's back end at the size of a real round: 20 agencies, 1,800 submitted
 * comments on a 200-section version, beside 49 earlier rounds of 2,000 comments (100,000 comments in
 * the table). Measured through the HTTP API of the app booted in this process, one request at a time,
 * against a bare baseline in the same run: the very same statements (src/consultation/board-queries.ts,
 * the disposition's transaction) sent with `pg` alone, no HTTP, no framework.
 *
 *   1. the board's first page with its counts: GET /api/rounds/:id/board and
 *      GET /api/rounds/:id/comments (50), at once as a page asks for them (goal < 300 ms at the page later);
 *   2. a filtered page: one agency's undecided comments containing a text;
 *   3. one decision with its "next undecided": PUT /api/comments/:id/disposition;
 *   4. a bulk disposition of 200: PUT /api/rounds/:id/dispositions.
 * And for reference, what the board page does today: the whole report of the round.
 *
 *   npm run bench -- consolidation
 *     BENCH_RUNS=20          measured runs of each case per side (app and bare alternate; medians)
 *     BENCH_OTHER_ROUNDS=49  closed rounds of 2,000 comments beside the measured one
 *     BENCH_VERBOSE=1        print the whole plan of each statement
 *
 * Needs PostgreSQL and Redis like the tests (TEST_DATABASE_URL, REDIS_URL).
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Pool, PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import { appendAudit } from '../src/audit/audit-writer';
import {
  countQuery,
  nextUndecidedQuery,
  pageQuery,
  progressQuery,
  Query,
  summaryQuery,
  undecidedCountsQuery,
  CommentFilter,
} from '../src/consultation/board-queries';
import { appendOutbox } from '../src/database/outbox-writer';
import { BenchApp, median, startBenchApp } from './support/bench-app';
import { ConsolidationSeed, seedConsolidationRound } from './support/consolidation-seed';

export { seedConsolidationRound } from './support/consolidation-seed';
export type { ConsolidationSeed } from './support/consolidation-seed';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const OTHER_ROUNDS = Number(process.env.BENCH_OTHER_ROUNDS ?? 49);
const VERBOSE = process.env.BENCH_VERBOSE === '1';
const BULK = 200;
const GOAL_FIRST_PAGE_MS = 300;

const ms = (x: number) => `${x.toFixed(1).padStart(7)} ms`;

interface Case {
  name: string;
  app: (i: number) => Promise<number>;
  bare: (i: number) => Promise<number>;
}

export async function main(): Promise<void> {
  let bench: BenchApp | null = null;
  let pool: Pool | null = null;
  try {
    bench = await startBenchApp({ WORKERS: 'off', WRITE_RATE_LIMIT: '1000000' });
    const t0 = performance.now();
    const seed = await seedConsolidationRound(bench, { otherRounds: OTHER_ROUNDS });
    const [{ n: inTable }] = await bench.db.query('SELECT count(*)::int AS n FROM comments');
    console.log(
      `consolidation: round of ${seed.commentIds.length} comments from ${seed.agencyIds.length} agencies on ${seed.keys.length} sections; ${inTable} comments in the table (seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    pool = new Pool({ connectionString: bench.env.DATABASE_URL, max: 5 });
    // Before any decision: the undecided comments are all there for the plans to find.
    await explain(pool, seed);
    const cases = buildCases(bench, pool, seed);

    // Warm both sides (plans cached, the version's sections read once), then alternate.
    for (const c of cases) {
      await c.app(-1);
      await c.bare(-1);
    }
    const pageBytes =
      (await okFetch(bench.base, 'GET', `/api/rounds/${seed.roundId}/board`, seed.secretariatToken)) +
      (await okFetch(bench.base, 'GET', `/api/rounds/${seed.roundId}/comments?limit=50`, seed.secretariatToken));
    console.log(`\nfirst page with counts: ${(pageBytes / 1024).toFixed(0)} KiB of JSON`);
    console.log(`\n${RUNS} runs of each, one request at a time, app and bare alternating; medians\n`);
    console.log(`${'case'.padEnd(46)} ${'app'.padStart(10)} ${'bare'.padStart(10)}   ratio`);
    for (const c of cases) {
      const app: number[] = [];
      const bare: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        app.push(await c.app(i));
        bare.push(await c.bare(i));
      }
      const [a, b] = [median(app), median(bare)];
      const goal = c.name.startsWith('first page') ? `   (goal < ${GOAL_FIRST_PAGE_MS} ms: ${a < GOAL_FIRST_PAGE_MS ? 'met' : 'MISSED'})` : '';
      console.log(`${c.name.padEnd(46)} ${ms(a)} ${ms(b)}   ${(a / b).toFixed(2)}×${goal}`);
    }
    const report: number[] = [];
    let reportBytes = 0;
    for (let i = 0; i < 5; i++) {
      const r = await timedFetch(bench.base, 'GET', `/api/rounds/${seed.roundId}/report`, seed.secretariatToken);
      report.push(r.ms);
      reportBytes = r.bytes;
    }
    console.log(`${"reference: the whole report (today's board)".padEnd(46)} ${ms(median(report))}   ${(reportBytes / 1024).toFixed(0)} KiB`);
    console.log(
      `\nmachine: load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} at the end (other work on the machine skews the figures)`,
    );
  } finally {
    await pool?.end().catch(() => undefined);
    await bench?.close();
  }
}

function buildCases(bench: BenchApp, pool: Pool, seed: ConsolidationSeed): Case[] {
  const { base } = bench;
  const sec = seed.secretariatToken;
  const round = seed.roundId;
  const filter: CommentFilter = { agencyId: seed.agencyIds[3], state: 'undecided', q: 'kinh phi' };
  const filterQs = `agencyId=${filter.agencyId}&state=undecided&q=${encodeURIComponent('kinh phi')}`;
  // Each decision takes another comment, each bulk another 200 (then round again).
  const single = (i: number) => seed.commentIds[(i + 1 + RUNS) % seed.commentIds.length];
  const bulk = (i: number) => Array.from({ length: BULK }, (_, k) => seed.commentIds[((i + 1) * BULK + k) % seed.commentIds.length]);
  const decision = (i: number) =>
    i % 2 ? { decision: 'explained', reason: 'Nội dung này đã được quy định tại Luật Hợp tác xã năm 2023.' } : { decision: 'accepted', reason: null };
  const read = (qs: Query[]) => async () =>
    timed(async () =>
      JSON.stringify(
        await Promise.all(
          [pool.query('SELECT * FROM rounds WHERE id = $1', [round]), ...qs.map((q) => pool.query(q.sql, q.params))].map(async (p) => (await p).rows),
        ),
      ),
    );
  return [
    {
      name: 'first page with counts (board + 50 comments)',
      app: () =>
        timed(() =>
          Promise.all([okFetch(base, 'GET', `/api/rounds/${round}/board`, sec), okFetch(base, 'GET', `/api/rounds/${round}/comments?limit=50`, sec)]),
        ),
      bare: read([
        summaryQuery(round),
        nextUndecidedQuery(round, null),
        pageQuery(round, { kind: 'staff' }, {}, { limit: 50, offset: 0 }),
        countQuery(round, { kind: 'staff' }, {}),
      ]),
    },
    {
      name: 'filtered page (agency, undecided, text)',
      app: () => timed(() => okFetch(base, 'GET', `/api/rounds/${round}/comments?${filterQs}`, sec)),
      bare: read([pageQuery(round, { kind: 'staff' }, filter, { limit: 50, offset: 0 }), countQuery(round, { kind: 'staff' }, filter)]),
    },
    {
      name: 'one decision with its next undecided',
      app: (i) => timed(() => okFetch(base, 'PUT', `/api/comments/${single(i)}/disposition`, sec, decision(i))),
      bare: (i) => timed(() => bareDecision(pool, round, [single(i + RUNS)], decision(i))),
    },
    {
      name: `bulk disposition of ${BULK}`,
      app: (i) => timed(() => okFetch(base, 'PUT', `/api/rounds/${round}/dispositions`, sec, { commentIds: bulk(i), ...decision(i) })),
      bare: (i) => timed(() => bareDecision(pool, round, bulk(i + 3), decision(i))),
    },
  ];
}

/** The statements of DispositionsService for `ids`, in one transaction, with pg alone. */
async function bareDecision(pool: Pool, roundId: string, ids: string[], d: { decision: string; reason: string | null }): Promise<void> {
  const client: PoolClient = await pool.connect();
  const em = { query: async (sql: string, params: unknown[]) => (await client.query(sql, params)).rows } as unknown as EntityManager;
  try {
    await client.query('BEGIN');
    const now = new Date();
    const [round] = (await client.query('SELECT * FROM rounds WHERE id = $1', [roundId])).rows;
    const [plan] = (await client.query('SELECT id, status, latest_version FROM plans WHERE id = $1 FOR SHARE', [round.plan_id])).rows;
    const comments = (await client.query('SELECT * FROM comments WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [ids])).rows;
    const [user] = (await client.query(`SELECT id FROM users WHERE role = 'secretariat' LIMIT 1`)).rows;
    await client.query(
      'UPDATE comments SET decision = $2, reason = $3, addressed_in_version = $4, decided_by = $5, decided_at = $6 WHERE id = ANY($1::uuid[])',
      [ids, d.decision, d.reason, null, user.id, now],
    );
    const page = pageQuery(roundId, { kind: 'staff' }, { ids }, { limit: ids.length, offset: 0 });
    await client.query(page.sql, page.params);
    const last = comments[comments.length - 1];
    for (const q of [progressQuery(roundId, last.section_key, last.agency_id), nextUndecidedQuery(roundId, last.id)]) await client.query(q.sql, q.params);
    await appendOutbox(
      em,
      comments.map((c) => ({ type: 'disposition.recorded', payload: { commentId: c.id, roundId, agencyId: c.agency_id, planId: plan.id } })),
      now,
    );
    await appendAudit(
      em,
      comments.map((c) => ({
        action: 'disposition.recorded',
        entityType: 'comment',
        entityId: c.id,
        data: { roundId, decision: d.decision, reason: d.reason, addressedInVersion: null, previous: null },
      })),
      user.id,
      now,
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** How PostgreSQL runs the board's statements at this size: the scans and indexes each uses, and its time. */
async function explain(pool: Pool, seed: ConsolidationSeed): Promise<void> {
  const roundIds = (await pool.query('SELECT id FROM rounds WHERE plan_id = $1', [seed.planId])).rows.map((r) => r.id);
  const queries: [string, Query][] = [
    ['first page', pageQuery(seed.roundId, { kind: 'staff' }, {}, { limit: 50, offset: 0 })],
    ['filtered page', pageQuery(seed.roundId, { kind: 'staff' }, { agencyId: seed.agencyIds[3], state: 'undecided', q: 'kinh phi' }, { limit: 50, offset: 0 })],
    ['board counts', summaryQuery(seed.roundId)],
    ['next undecided', nextUndecidedQuery(seed.roundId, seed.commentIds[900])],
    [`undecided of ${roundIds.length} rounds`, undecidedCountsQuery(roundIds)],
  ];
  console.log('\nplans (EXPLAIN ANALYZE, before any decision): the scans used and the execution time');
  for (const [name, q] of queries) {
    const lines: string[] = (await pool.query(`EXPLAIN (ANALYZE, COSTS OFF) ${q.sql}`, q.params)).rows.map((r) => r['QUERY PLAN'] as string);
    const scans = [
      ...new Set(
        lines
          .filter((l) => /Scan/.test(l))
          .map((l) =>
            l
              .trim()
              .replace(/^->\s*/, '')
              .replace(/\s*\(actual.*$/, ''),
          ),
      ),
    ];
    const time = lines.find((l) => l.startsWith('Execution Time'));
    if (VERBOSE) console.log(lines.map((l) => `      ${l}`).join('\n'));
    console.log(`  ${name.padEnd(26)} ${time?.replace('Execution Time: ', '').padStart(10)}   ${scans.join('; ')}`);
  }
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

async function timedFetch(base: string, method: string, path: string, token: string, body?: unknown): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  const bytes = await okFetch(base, method, path, token, body);
  return { ms: performance.now() - t0, bytes };
}

async function okFetch(base: string, method: string, path: string, token: string, body?: unknown): Promise<number> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const buf = await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${Buffer.from(buf).toString().slice(0, 300)}`);
  return buf.byteLength;
}
