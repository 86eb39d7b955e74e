/**
 * Documents end to end (issue 5): from POST /api/documents to status "done" through the outbox, the
 * queue, the worker's warm browser and the store, for a ~100-page plan and a 2,000-comment report,
 * against, in the same run on the same HTML: (a) the floor, a bare page.pdf() on a browser already
 * open, and (b) launching a new browser per render. Goal: end to end ≤ 1.15× the floor.
 *
 *   npm run bench -- documents          (BENCH_RUNS=5 by default)
 *
 * Needs PostgreSQL and Redis like the tests (TEST_DATABASE_URL, REDIS_URL); creates and drops its
 * own database and Redis prefix.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Browser } from 'puppeteer';
import { renderHtml } from '../src/documents/render/document-templates';
import { largePlanInput } from '../test/pdf-support';
import { floorRender, launch, launchPerRender } from './pdf-render';
import { BENCH_ADMIN, BENCH_PASSWORD, BenchApp, http, median, must, startBenchApp, until } from './support/bench-app';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const COMMENTS = 2000;
const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;

interface Case {
  name: string;
  /** Makes the next input differ (a new version, a changed disposition) and returns the request body. */
  next: () => Promise<Record<string, unknown>>;
}

export async function main(): Promise<void> {
  let bench: BenchApp | null = null;
  let floorBrowser: Browser | null = null;
  try {
    bench = await startBenchApp({ RENDER_CONCURRENCY: '2' });
    const { base, db } = bench;
    const admin = await bench.login(BENCH_ADMIN.email, BENCH_ADMIN.password);
    await must(
      http(base, 'POST', '/api/users', admin, { email: 'bientap@bench.vn', fullName: 'Trần Thị Thu Hà', password: BENCH_PASSWORD, role: 'secretariat' }),
      201,
      'secretary',
    );
    const sec = await bench.login('bientap@bench.vn', BENCH_PASSWORD);

    // A plan of about 100 pages (the sections of the renderer's benchmark).
    const sections = largePlanInput(100).version.sections.map(({ heading, body }) => ({ heading, body }));
    const plan = await must(
      http(base, 'POST', '/api/plans', sec, { title: 'Đề án Phát triển kinh tế tập thể, hợp tác xã (đo hiệu năng)', kind: 'Đề án', sections }),
      201,
      'plan',
    );
    await must(http(base, 'POST', `/api/plans/${plan.id}/versions`, sec, { note: 'Dự thảo lần 1' }), 201, 'version');

    // A round with 2,000 submitted comments from 20 agencies (written straight to the tables).
    const agencyIds: string[] = (
      await db.query(`INSERT INTO agencies (code, name) SELECT 'SO' || i, 'Sở thử nghiệm số ' || i FROM generate_series(1, 20) i RETURNING id`)
    ).map((r: { id: string }) => r.id);
    const round = await must(
      http(base, 'POST', `/api/plans/${plan.id}/rounds`, sec, {
        title: 'Lấy ý kiến',
        versionNumber: 1,
        deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        agencyIds,
      }),
      201,
      'round',
    );
    const [{ id: authorId }] = await db.query(`SELECT id FROM users WHERE email = 'bientap@bench.vn'`);
    const v1 = await must(http(base, 'GET', `/api/plans/${plan.id}/versions/1`, sec), 200, 'version 1');
    await db.query(
      `INSERT INTO comments (round_id, agency_id, author_id, section_key, body, status, submitted_at, created_at, updated_at, decision, reason)
       SELECT $1, ($2::uuid[])[1 + i % 20], $3, ($4::text[])[1 + i % array_length($4::text[], 1)],
              'Ý kiến số ' || i || ': đề nghị bổ sung số liệu về hợp tác xã giải thể, ngừng hoạt động và nguồn kinh phí thực hiện.',
              'submitted', now(), now(), now(),
              (ARRAY['accepted','partially_accepted','explained','not_accepted'])[1 + i % 4], 'Đã tiếp thu, chỉnh sửa tại dự thảo lần sau.'
       FROM generate_series(1, $5::int) i`,
      [round.id, agencyIds, authorId, v1.sections.map((s: { key: string }) => s.key), COMMENTS],
    );
    // Closed, so that new versions can be frozen (the lifecycle allows no version during consultation).
    await must(http(base, 'POST', `/api/rounds/${round.id}/close`, sec), 200, 'close');

    let version = 1;
    let tweak = 0;
    const cases: Case[] = [
      {
        name: `plan (${sections.length} sections, ~100 pages)`,
        next: async () => {
          // A new version each run: the same input would be the same document, rendered once.
          const draft = await http(base, 'GET', `/api/plans/${plan.id}/draft`, sec);
          const changed = draft.body.sections.map((s: { key: string; heading: string; body: string }, i: number) =>
            i === 0 ? { ...s, body: `${s.body} (${++tweak})` } : s,
          );
          const etag = `"draft-${draft.body.revision}"`;
          const put = await fetch(`${base}/api/plans/${plan.id}/draft`, {
            method: 'PUT',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${sec}`, 'if-match': etag },
            body: JSON.stringify({ sections: changed }),
          });
          if (put.status !== 200) throw new Error(`draft: ${put.status}`);
          version = (await must(http(base, 'POST', `/api/plans/${plan.id}/versions`, sec, { note: `Dự thảo lần ${version + 1}` }), 201, 'freeze')).number;
          return { kind: 'plan', planId: plan.id, versionNumber: version };
        },
      },
      {
        name: `report (${COMMENTS} comments)`,
        next: async () => {
          await db.query(`UPDATE comments SET reason = $2 WHERE id = (SELECT id FROM comments WHERE round_id = $1 ORDER BY id LIMIT 1)`, [
            round.id,
            `Lý do đã sửa lần ${++tweak}.`,
          ]);
          return { kind: 'report', roundId: round.id };
        },
      },
    ];

    floorBrowser = await launch();
    console.log(`documents end to end: POST /api/documents → "done", ${RUNS} runs per case after one warm-up, medians`);
    for (const c of cases) {
      const endToEnd: number[] = [];
      const floor: number[] = [];
      const launched: number[] = [];
      const stages: { answered: number; started: number; total: number }[] = [];
      let pages = 0;
      for (let i = 0; i <= RUNS; i++) {
        const body = await c.next();
        const t0 = performance.now();
        const doc = await must(http(base, 'POST', '/api/documents', sec, body), 202, 'request');
        const answered = performance.now() - t0;
        let status = 'queued';
        let started = NaN;
        await until(
          async () => {
            [{ status, pages }] = await db.query('SELECT status, pages FROM documents WHERE id = $1', [doc.id]);
            if (status !== 'queued' && Number.isNaN(started)) started = performance.now() - t0;
            if (status === 'failed') throw new Error(`render failed: ${JSON.stringify(await db.query('SELECT error FROM documents WHERE id = $1', [doc.id]))}`);
            return status === 'done';
          },
          120_000,
          'the document',
          5,
        );
        const total = performance.now() - t0;
        stages.push({ answered, started, total });
        // The same HTML the worker rendered, rendered bare on a warm page, and with a fresh browser.
        const [{ kind, model }] = await db.query('SELECT kind, model FROM documents WHERE id = $1', [doc.id]);
        const html = renderHtml(kind, model);
        const bare = await floorRender(floorBrowser, html);
        if (i === 0) continue; // warm-up
        endToEnd.push(total);
        floor.push(bare);
        if (i <= 3) launched.push(await launchPerRender(html));
      }
      const [e, f, l] = [median(endToEnd), median(floor), median(launched)];
      console.log(`\n${c.name}: ${pages} pages`);
      console.log(`  end to end (POST → done)            ${ms(e)}   ${(e / f).toFixed(2)}× the floor (goal ≤ 1.15×: ${e / f <= 1.15 ? 'met' : 'MISSED'})`);
      console.log(`  (a) floor: bare page.pdf(), warm    ${ms(f)}`);
      console.log(`  (b) new browser per render         ${ms(l)}   ${(l / e).toFixed(2)}× end to end`);
      const st = stages.slice(1);
      console.log(
        `  stages (medians): POST answered ${ms(median(st.map((x) => x.answered)))}, rendering started ${ms(median(st.map((x) => x.started)))}, done ${ms(median(st.map((x) => x.total)))}`,
      );
    }
    console.log(`\nmachine: load average ${loadavg()[0].toFixed(2)} at the end (other work on the machine skews the figures)`);
  } finally {
    await floorBrowser?.close().catch(() => undefined);
    await bench?.close();
  }
}
