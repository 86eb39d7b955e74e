/**
 * Large plans: the version diff and the documents at the contract's largest plan.
 *
 *   npm run bench -- large-plans
 *
 * (a) `GET /api/health` p50/p99 on an API process of its own (WORKERS=off, as in production), idle,
 *     then while clients ask for the worst diffs of the issue — 3 at once of 12 rewritten 35,000-
 *     character sections, then one rewritten 200,000-character section — each pair asked for the
 *     first time (computed in a diff thread), then the same pairs again (stored). Goal: health
 *     p99 < 100 ms throughout. Baseline: the diff library the diff used to be (`diffWordsWithSpace`,
 *     with the 2 s give-up it had per section) on the same texts, in this process.
 * (b) At the largest plan (5,000,000 characters, as 500 × 10,000 and as 25 × 200,000), a fifth of
 *     the sections edited: the time of freeze, GET version, the stored diff and a diff computed on
 *     request, and the plan and comparison PDFs (POST → done, through the queue and the worker),
 *     each beside a baseline measured in the same run: the raw SQL read of the version, the bare diff
 *     library on the same sections, a bare Chromium render of the same HTML.
 *
 * Builds on what `npm run bench` compiles (dist-bench/); needs PostgreSQL, Redis and Chromium like
 * the tests. Env: IDLE_S (5), VERSIONS (6: the versions of each (a) plan), SHAPES (both: "500x10000,25x200000").
 * A plan of 5,000,000 characters is more than one 5 MB request can carry, so its text is written
 * into the working draft with SQL; every measured step goes through the API.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { diffWordsWithSpace } from 'diff';
import { Client } from 'pg';
import type { Browser } from 'puppeteer';
import { estimatePages } from '../src/documents/domain/page-estimate';
import { renderHtml } from '../src/documents/render/document-templates';
import { edited, vnText } from '../test/support/vn-text';
import { freePort, Proc, waitFor } from '../test/support/processes';
import { floorRender, launch } from './pdf-render';
import { BENCH_ADMIN, BENCH_PASSWORD, BenchApp, http, must, startBenchApp, until } from './support/bench-app';
import { percentile } from './support/load-client';
import { runServer, stopServer } from './support/server-process';

const ROOT = join(__dirname, '..', '..');
const IDLE_MS = Number(process.env.IDLE_S ?? 5) * 1000;
const VERSIONS = Number(process.env.VERSIONS ?? 6);
const SHAPES = (process.env.SHAPES ?? '500x10000,25x200000').split(',').map((s) => s.split('x').map(Number) as [number, number]);
const RENDER_TIMEOUT_MS = 30_000;
const RENDER_TIMEOUT_PER_PAGE_MS = 100;

const ms = (x: number) => `${x.toFixed(0).padStart(7)} ms`;
const ratio = (x: number) => `${x.toFixed(2)}×`;

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const out = await fn();
  return [performance.now() - start, out];
}

/** GET /api/health one after another until stopped: the latency another user sees meanwhile. */
class HealthProbe {
  private samples: number[] = [];
  /** Answers other than 200 (a dependency check that timed out says 503): counted, and the probe goes on. */
  unhealthy = 0;
  private running = true;
  private readonly loop: Promise<void>;

  constructor(private readonly base: string) {
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    while (this.running) {
      const [t, res] = await timed(() => fetch(`${this.base}/api/health`));
      await res.arrayBuffer();
      if (res.status !== 200) this.unhealthy++;
      this.samples.push(t);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The samples since the last call (an unhealthy answer is a sample too, and counted in `unhealthy`). */
  take(): number[] {
    const out = this.samples;
    this.samples = [];
    return out;
  }

  /** How many answers were not 200 since the last call. */
  takeUnhealthy(): number {
    const n = this.unhealthy;
    this.unhealthy = 0;
    return n;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}

const unhealthy = (probe: HealthProbe) => {
  const n = probe.takeUnhealthy();
  return n ? `, ${n} not 200` : '';
};

interface Ctx {
  bench: BenchApp;
  /** The API process under test. */
  api: string;
  sec: string;
  db: Client;
}

type Sections = { key: string; heading: string; body: string }[];

async function putDraft(c: Ctx, planId: string, bodies: string[]): Promise<void> {
  const draft = await must(http(c.api, 'GET', `/api/plans/${planId}/draft`, c.sec), 200, 'draft');
  const sections = draft.sections.map((s: { key: string; heading: string }, i: number) => ({ ...s, body: bodies[i] }));
  const res = await fetch(`${c.api}/api/plans/${planId}/draft`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${c.sec}`, 'if-match': `"draft-${draft.revision}"` },
    body: JSON.stringify({ sections }),
  });
  if (res.status !== 200) throw new Error(`PUT draft: ${res.status} ${await res.text()}`);
}

const freeze = (c: Ctx, planId: string, note: string) => must(http(c.api, 'POST', `/api/plans/${planId}/versions`, c.sec, { note }), 201, 'freeze');

async function getDiff(c: Ctx, planId: string, to: number, from: number): Promise<number> {
  const [t, res] = await timed(async () => {
    const r = await fetch(`${c.api}/api/plans/${planId}/versions/${to}/diff?from=${from}`, { headers: { authorization: `Bearer ${c.sec}` } });
    await r.arrayBuffer();
    return r;
  });
  if (res.status !== 200) throw new Error(`diff ${from}→${to}: ${res.status}`);
  return t;
}

/**
 * Baselines that hold this process's thread for seconds: run at the end, once nothing else of the
 * benchmark (the probe, the in-process workers) is measuring.
 */
const baselines: (() => void)[] = [];

/** The old diff: diffWordsWithSpace per section, giving up after 2 s as it did. */
function bareDiff(from: string[], to: string[]): { ms: number; gaveUp: number } {
  let gaveUp = 0;
  const start = performance.now();
  for (let i = 0; i < from.length; i++) if (from[i] !== to[i] && !diffWordsWithSpace(from[i], to[i], { timeout: 2000 })) gaveUp++;
  return { ms: performance.now() - start, gaveUp };
}

/** A plan whose versions 1…n each rewrite every section; asks for every pair not yet stored, `clients` at once. */
async function worstDiffs(c: Ctx, probe: HealthProbe, idleP99: number, name: string, sections: number, chars: number, clients: number): Promise<void> {
  const texts = Array.from({ length: VERSIONS }, (_, v) => Array.from({ length: sections }, (_, i) => vnText(chars, 1000 * v + i)));
  const plan = await must(
    http(c.api, 'POST', '/api/plans', c.sec, { title: `Đề án ${name}`, sections: texts[0].map((body, i) => ({ heading: `Mục ${i + 1}`, body })) }),
    201,
    'plan',
  );
  await freeze(c, plan.id, 'Dự thảo lần 1');
  for (let v = 1; v < VERSIONS; v++) {
    await putDraft(c, plan.id, texts[v]);
    await freeze(c, plan.id, `Dự thảo lần ${v + 1}`);
  }
  const pairs: [number, number][] = [];
  for (let to = 1; to <= VERSIONS; to++) for (let from = 1; from <= VERSIONS; from++) if (from !== to && from !== to - 1) pairs.push([to, from]);
  const run = async (label: string) => {
    probe.take();
    probe.takeUnhealthy();
    const queue = [...pairs];
    const times: number[] = [];
    const [wall] = await timed(() =>
      Promise.all(
        Array.from({ length: clients }, async () => {
          for (let p = queue.shift(); p; p = queue.shift()) times.push(await getDiff(c, plan.id, p[0], p[1]));
        }),
      ),
    );
    const health = probe.take();
    const p99 = percentile(health, 0.99);
    console.log(
      `  ${label.padEnd(34)} ${String(times.length).padStart(3)} diffs in ${ms(wall)}, each p50 ${ms(percentile(times, 0.5))}; ` +
        `health p50 ${ms(percentile(health, 0.5))} p99 ${ms(p99)} (${ratio(p99 / idleP99)} idle; ${p99 < 100 ? 'goal met' : 'goal MISSED'}; ${health.length} probes${unhealthy(probe)})`,
    );
  };
  console.log(`\n${name}: ${sections} × ${chars.toLocaleString('en')} characters rewritten in each of ${VERSIONS} versions, ${clients} client(s)`);
  await run('first asked (computed in a thread)');
  await run('asked again (stored)');
  baselines.push(() => {
    const bare = bareDiff(texts[0], texts[2]);
    console.log(
      `  ${name}: the old diff (diffWordsWithSpace, 2 s give-up per section) on one pair, on the thread: ${ms(bare.ms)}, gave up on ${bare.gaveUp} of ${sections} sections`,
    );
  });
}

/** A plan at the cap, written into the working draft with SQL (no request may carry it), then frozen through the API. */
async function maximumPlan(c: Ctx, browser: Browser, probe: HealthProbe, sections: number, chars: number): Promise<void> {
  const name = `${sections} × ${chars.toLocaleString('en')}`;
  console.log(`\nlargest plan: ${name} characters (${((sections * chars) / 1e6).toFixed(1)} M), a fifth of the sections edited (3% of their words)`);
  const plan = await must(
    http(c.api, 'POST', '/api/plans', c.sec, {
      title: `Đề án cỡ lớn nhất (${name})`,
      sections: Array.from({ length: sections }, (_, i) => ({ heading: `Mục ${i + 1}`, body: '.' })),
    }),
    201,
    'plan',
  );
  const keys: string[] = (await must(http(c.api, 'GET', `/api/plans/${plan.id}/draft`, c.sec), 200, 'draft')).sections.map((s: { key: string }) => s.key);
  const v1 = keys.map((key, i) => ({ key, heading: `Mục ${i + 1}`, body: vnText(chars, 7000 + i) }));
  const v2 = v1.map((s, i) => (i % 5 === 0 ? { ...s, body: edited(s.body, 0.03, i) } : s));
  const write = (draft: Sections) =>
    c.db.query('UPDATE plans SET draft = $2::jsonb, draft_revision = draft_revision + 1 WHERE id = $1', [plan.id, JSON.stringify(draft)]);
  probe.take();
  probe.takeUnhealthy();
  await write(v1);
  const [freeze1] = await timed(() => freeze(c, plan.id, 'Dự thảo lần 1'));
  await write(v2);
  const [freeze2] = await timed(() => freeze(c, plan.id, 'Dự thảo lần 2'));
  const [getVersion] = await timed(async () =>
    (await fetch(`${c.api}/api/plans/${plan.id}/versions/2`, { headers: { authorization: `Bearer ${c.sec}` } })).arrayBuffer(),
  );
  const [rawRead] = await timed(() => c.db.query('SELECT sections FROM plan_versions WHERE plan_id = $1 AND number = 2', [plan.id]));
  const stored = await getDiff(c, plan.id, 2, 1);
  const computed = await getDiff(c, plan.id, 1, 2);
  baselines.push(() => {
    const bare = bareDiff(
      v1.map((s) => s.body),
      v2.map((s) => s.body),
    );
    console.log(
      `  ${name}: the old diff on the same sections ${ms(bare.ms)} (gave up on ${bare.gaveUp}); ${ratio(bare.ms / computed)} the diff computed on request`,
    );
  });
  const health = probe.take();
  console.log(`  freeze version 1                  ${ms(freeze1)}`);
  console.log(`  freeze version 2 (+ its diff)     ${ms(freeze2)}`);
  console.log(`  GET version 2                     ${ms(getVersion)}   baseline: raw SQL read ${ms(rawRead)} (${ratio(getVersion / rawRead)})`);
  console.log(`  GET diff 2 from 1 (stored)        ${ms(stored)}   ${stored < 1000 ? 'goal < 1 s met' : 'goal < 1 s MISSED'}`);
  console.log(`  GET diff 1 from 2 (computed)      ${ms(computed)}   (baseline at the end)`);
  console.log(`  meanwhile health p50 ${ms(percentile(health, 0.5))} p99 ${ms(percentile(health, 0.99))} (${health.length} probes${unhealthy(probe)})`);

  for (const body of [
    { kind: 'plan', planId: plan.id, versionNumber: 2 },
    { kind: 'comparison', planId: plan.id, from: 1, to: 2 },
  ]) {
    const [t, doc] = await timed(async () => {
      const requested = await must(http(c.bench.base, 'POST', '/api/documents', c.sec, body), 202, `POST ${body.kind}`);
      let last: { status: string; pages: number; error: string | null } = requested;
      await until(
        async () => {
          last = await must(http(c.bench.base, 'GET', `/api/documents/${requested.id}`, c.sec), 200, 'document');
          return last.status === 'done' || last.status === 'failed';
        },
        3_600_000,
        `${body.kind} document`,
        500,
      );
      return { ...last, id: requested.id as string };
    });
    const { kind, model } = (await c.db.query('SELECT kind, model FROM documents WHERE id = $1', [doc.id])).rows[0];
    const estimate = estimatePages(model);
    const limit = RENDER_TIMEOUT_MS + estimate * RENDER_TIMEOUT_PER_PAGE_MS;
    const html = renderHtml(kind, model);
    const floor = await floorRender(browser, html);
    console.log(
      `  ${`${body.kind} PDF (POST → ${doc.status})`.padEnd(33)} ${ms(t)}   ${doc.pages ?? '–'} pages (estimated ${estimate}; limit ${ms(limit)}), ` +
        `baseline: bare Chromium render ${ms(floor)} (${ratio(t / floor)})${doc.error ? `; error: ${doc.error}` : ''}`,
    );
  }
}

export async function main(): Promise<void> {
  let bench: BenchApp | null = null;
  let proc: Proc | null = null;
  let browser: Browser | null = null;
  let db: Client | null = null;
  let probe: HealthProbe | null = null;
  try {
    // The in-process app renders the documents (its workers); the API process under test has none.
    bench = await startBenchApp({
      RENDER_CONCURRENCY: '2',
      RENDER_TIMEOUT_MS: String(RENDER_TIMEOUT_MS),
      RENDER_TIMEOUT_PER_PAGE_MS: String(RENDER_TIMEOUT_PER_PAGE_MS),
    });
    const admin = await bench.login(BENCH_ADMIN.email, BENCH_ADMIN.password);
    await must(
      http(bench.base, 'POST', '/api/users', admin, { email: 'bientap@bench.vn', fullName: 'Trần Thị Thu Hà', password: BENCH_PASSWORD, role: 'secretariat' }),
      201,
      'secretary',
    );
    const port = await freePort();
    proc = runServer(ROOT, 'src/main.js', { ...bench.env, WORKERS: 'off', PORT: String(port), WRITE_RATE_LIMIT: '1000000' });
    const api = `http://127.0.0.1:${port}`;
    await waitFor(`${api}/api/health`, proc);
    db = new Client({ connectionString: bench.env.DATABASE_URL });
    await db.connect();
    const c: Ctx = { bench, api, sec: await bench.login('bientap@bench.vn', BENCH_PASSWORD), db };

    probe = new HealthProbe(api);
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const idle = probe.take();
    const idleP99 = percentile(idle, 0.99);
    console.log(`GET /api/health idle: p50 ${ms(percentile(idle, 0.5))} p99 ${ms(idleP99)} (${idle.length} probes)`);
    await worstDiffs(c, probe, idleP99, '12 × 35,000', 12, 35_000, 3);
    await worstDiffs(c, probe, idleP99, 'one section of 200,000', 1, 200_000, 1);

    browser = await launch();
    for (const [sections, chars] of SHAPES) await maximumPlan(c, browser, probe, sections, chars);
    await probe.stop();
    console.log('\nbaselines: the diff as it was, on one thread');
    for (const b of baselines) b();
  } finally {
    await probe?.stop().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await db?.end().catch(() => undefined);
    await stopServer(proc);
    await bench?.close();
  }
}
