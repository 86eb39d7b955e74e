/**
 * The consolidation board's page at the size of a real round (bench/support/consolidation-seed.ts:
 * 20 agencies, 1,800 submitted comments on a 200-section version, beside closed rounds of 2,000),
 * as the secretariat's browser asks for it, one request at a time, against the same reads and
 * writes served as JSON by the API in the same run:
 *
 *   1. the board page, first page (GET /rounds/:id/board): time and HTML size, goals < 300 ms and
 *      < 400 KB; JSON: GET /api/rounds/:id/board and GET /api/rounds/:id/comments?limit=50 at once;
 *   2. a filtered page (one agency, undecided, a text): GET /rounds/:id/board?agencyId=&state=&q=
 *      against GET /api/rounds/:id/comments with the same filters;
 *   3. one decision through the page, goal < 150 ms: the plain form (POST /comments/:id/disposition,
 *      answered by a redirect to the next undecided comment) and the page's script (POST
 *      …/disposition/card, answered by the card and counts); JSON: PUT /api/comments/:id/disposition.
 *
 *   npm run bench -- board-page
 *     BENCH_RUNS=20          measured runs of each case per side (page and JSON alternate; medians)
 *     BENCH_OTHER_ROUNDS=49  closed rounds of 2,000 comments beside the measured one
 *
 * Needs PostgreSQL and Redis like the tests (TEST_DATABASE_URL, REDIS_URL).
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { SESSION_COOKIE } from '../src/auth/session-cookie';
import { BenchApp, median, startBenchApp } from './support/bench-app';
import { ConsolidationSeed, seedConsolidationRound } from './support/consolidation-seed';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const OTHER_ROUNDS = Number(process.env.BENCH_OTHER_ROUNDS ?? 49);
const GOAL_PAGE_MS = 300;
const GOAL_PAGE_KB = 400;
const GOAL_DECISION_MS = 150;

const ms = (x: number) => `${x.toFixed(1).padStart(7)} ms`;

interface Answer {
  ms: number;
  bytes: number;
}

interface Case {
  name: string;
  goal?: number;
  page: (i: number) => Promise<Answer>;
  json: (i: number) => Promise<Answer>;
}

export async function main(): Promise<void> {
  let bench: BenchApp | null = null;
  try {
    bench = await startBenchApp({ WORKERS: 'off', WRITE_RATE_LIMIT: '1000000' });
    const t0 = performance.now();
    const seed = await seedConsolidationRound(bench, { otherRounds: OTHER_ROUNDS });
    const [{ n: inTable }] = await bench.db.query('SELECT count(*)::int AS n FROM comments');
    console.log(
      `board-page: round of ${seed.commentIds.length} comments from ${seed.agencyIds.length} agencies on ${seed.keys.length} sections; ${inTable} comments in the table (seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    const cookie = `${SESSION_COOKIE}=${seed.secretariatToken}`;
    const first = await send(bench.base, 'GET', `/rounds/${seed.roundId}/board`, { cookie });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(first.text)?.[1];
    if (!csrf) throw new Error('no CSRF token on the board page');
    const cases = buildCases(bench.base, seed, cookie, csrf);

    for (const c of cases) {
      await c.page(-1);
      await c.json(-1);
    }
    console.log(`\n${RUNS} runs of each, one request at a time, page and JSON alternating; medians\n`);
    console.log(`${'case'.padEnd(52)} ${'page'.padStart(10)} ${'JSON'.padStart(10)}   ratio   page size / JSON size`);
    for (const c of cases) {
      const page: Answer[] = [];
      const json: Answer[] = [];
      for (let i = 0; i < RUNS; i++) {
        page.push(await c.page(i));
        json.push(await c.json(i));
      }
      const [p, j] = [median(page.map((a) => a.ms)), median(json.map((a) => a.ms))];
      const [pb, jb] = [page[page.length - 1].bytes, json[json.length - 1].bytes];
      const goal = c.goal ? `   (goal < ${c.goal} ms: ${p < c.goal ? 'met' : 'MISSED'})` : '';
      console.log(`${c.name.padEnd(52)} ${ms(p)} ${ms(j)}   ${(p / j).toFixed(2)}×   ${kib(pb)} / ${kib(jb)}${goal}`);
    }
    const html = (await send(bench.base, 'GET', `/rounds/${seed.roundId}/board`, { cookie })).text;
    const kb = Buffer.byteLength(html) / 1000;
    console.log(
      `\nthe board page: ${kb.toFixed(0)} KB of HTML (goal < ${GOAL_PAGE_KB} KB: ${kb < GOAL_PAGE_KB ? 'met' : 'MISSED'}), ${(html.match(/<[a-z]/g) ?? []).length} elements, ${(html.match(/class="card board-row"/g) ?? []).length} comment cards`,
    );
    const part = (from: string, to: string) => {
      const at = html.indexOf(from);
      return at < 0 ? 0 : Buffer.byteLength(html.slice(at, html.indexOf(to, at) + to.length)) / 1000;
    };
    const cards =
      [...html.matchAll(/<div class="card board-row"[\s\S]*?<\/form>\s*<\/div>\s*<\/div>/g)].reduce((n, m) => n + Buffer.byteLength(m[0]), 0) / 1000;
    console.log(
      `  of which: comment cards ${cards.toFixed(0)} KB, counts by section ${part('<section class="card board-sections"', '</section>').toFixed(0)} KB, filter form ${part('<form method="get"', '</form>').toFixed(0)} KB, bulk form ${part('id="board-bulk"', '</form>').toFixed(0)} KB`,
    );
    console.log(
      `machine: load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} at the end (other work on the machine skews the figures)`,
    );
  } finally {
    await bench?.close();
  }
}

function buildCases(base: string, seed: ConsolidationSeed, cookie: string, csrf: string): Case[] {
  const round = seed.roundId;
  const api = { authorization: `Bearer ${seed.secretariatToken}` };
  const filterQs = `agencyId=${seed.agencyIds[3]}&state=undecided&q=${encodeURIComponent('kinh phi')}`;
  // Each decision takes another comment: the plain form, the script's form and the API never share one.
  const nth = (side: number, i: number) => seed.commentIds[(3 * (i + 1) + side) % seed.commentIds.length];
  const decision = (i: number) =>
    i % 2 ? { decision: 'explained', reason: 'Nội dung này đã được quy định tại Luật Hợp tác xã năm 2023.' } : { decision: 'accepted', reason: '' };
  const form = (i: number) => new URLSearchParams({ _csrf: csrf, ...decision(i), addressedInVersion: '', offset: '0', no: '1' }).toString();
  const formHeaders = { cookie, 'content-type': 'application/x-www-form-urlencoded' };
  const both = async (...requests: Promise<Answer>[]) => {
    const t0 = performance.now();
    const answers = await Promise.all(requests);
    return { ms: performance.now() - t0, bytes: answers.reduce((n, a) => n + a.bytes, 0) };
  };
  return [
    {
      name: 'board page, first page (JSON: board + 50 comments)',
      goal: GOAL_PAGE_MS,
      page: () => timed('GET', base, `/rounds/${round}/board`, { cookie }, 200),
      json: () => both(timed('GET', base, `/api/rounds/${round}/board`, api, 200), timed('GET', base, `/api/rounds/${round}/comments?limit=50`, api, 200)),
    },
    {
      name: 'filtered page (one agency, undecided, text)',
      goal: GOAL_PAGE_MS,
      page: () => timed('GET', base, `/rounds/${round}/board?${filterQs}`, { cookie }, 200),
      json: () => timed('GET', base, `/api/rounds/${round}/comments?${filterQs}`, api, 200),
    },
    {
      name: 'one decision, plain form (303 to the next undecided)',
      goal: GOAL_DECISION_MS,
      page: (i) => timed('POST', base, `/comments/${nth(0, i)}/disposition`, formHeaders, 303, form(i)),
      json: (i) =>
        timed(
          'PUT',
          base,
          `/api/comments/${nth(2, i)}/disposition`,
          { ...api, 'content-type': 'application/json' },
          200,
          JSON.stringify({ ...decision(i), reason: decision(i).reason || null }),
        ),
    },
    {
      name: 'one decision, in place (the card and counts)',
      goal: GOAL_DECISION_MS,
      page: (i) => timed('POST', base, `/comments/${nth(1, i)}/disposition/card`, formHeaders, 200, form(i)),
      json: (i) =>
        timed(
          'PUT',
          base,
          `/api/comments/${nth(2, i + RUNS + 1)}/disposition`,
          { ...api, 'content-type': 'application/json' },
          200,
          JSON.stringify({ ...decision(i), reason: decision(i).reason || null }),
        ),
    },
  ];
}

const kib = (bytes: number) => `${(bytes / 1000).toFixed(0)} KB`;

async function send(base: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${base}${path}`, { method, headers, body, redirect: 'manual' });
  return { status: res.status, text: await res.text() };
}

async function timed(method: string, base: string, path: string, headers: Record<string, string>, status: number, body?: string): Promise<Answer> {
  const t0 = performance.now();
  const res = await send(base, method, path, headers, body);
  const took = performance.now() - t0;
  if (res.status !== status) throw new Error(`${method} ${path}: ${res.status} (expected ${status}) ${res.text.slice(0, 300)}`);
  return { ms: took, bytes: Buffer.byteLength(res.text) };
}
