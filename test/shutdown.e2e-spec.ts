import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Client } from 'pg';
import { jobId } from '../src/queue/queues';
import { createEmptyDatabase } from './setup/test-databases';
import { freePort, printed, Proc, ROOT, runNode } from './support/processes';
import { eventually, SmtpSink } from './support/smtp-sink';
import { ADMIN, startTestApp, TestApp } from './support/test-app';
import { as, buildWorld, openRound, planWithVersion, World } from './support/world';

const LISTENING = 'duthao is listening on';
const WORKER_RUNNING = 'duthao worker is running';
const STOPPING = 'SIGTERM: finishing what is in flight';
const MIGRATION_COUNT = readdirSync(join(ROOT, 'migrations')).filter((f) => f.endsWith('.ts')).length;

/**
 * SIGTERM against the real compiled processes (`node dist/main.js` with and without workers,
 * `node dist/worker.js`): during start-up, idle, and with HTTP requests and jobs in flight. Every
 * stop exits 0 and loses nothing: requests in flight are answered, a running render finishes, the
 * queued ones wait in Redis for the next process, which does each once.
 */
describe('stopping the processes (SIGTERM)', () => {
  let t: TestApp;
  let w: World;
  const procs: Proc[] = [];
  const track = (p: Proc) => (procs.push(p), p);

  beforeAll(async () => {
    // Sets up the data through the API in this process; the processes under test share its
    // database, queue prefix and signing key.
    t = await startTestApp();
    w = await buildWorld(t, 1);
  });
  afterEach(async () => {
    for (const p of procs.splice(0)) {
      if (p.child.exitCode !== null || p.child.signalCode !== null) continue;
      p.child.kill('SIGKILL');
      await p.exited;
    }
  });
  afterAll(() => t.close());

  function env(databaseUrl: string, port: number | null, extra: Record<string, string> = {}): Record<string, string> {
    return {
      NODE_ENV: 'test',
      ...(port ? { PORT: String(port) } : {}),
      DATABASE_URL: databaseUrl,
      REDIS_URL: t.config.redisUrl,
      QUEUE_PREFIX: t.config.queuePrefix,
      JWT_SECRET: t.config.jwtSecret!,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'info',
      // Far above any render here even on a busy machine: these stops must end by themselves.
      SHUTDOWN_TIMEOUT_MS: '120000',
      ...extra,
    };
  }

  const query = async <T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };

  /** Sessions of this database waiting for a lock another session holds. */
  const lockWaiters = async (url: string) =>
    (await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`))[0].n;

  const refused = (url: string) =>
    fetch(url).then(
      () => false,
      () => true,
    );

  it('exits 0 when signalled during start-up, once the migrations it was applying are complete', async () => {
    const cases: [string, Record<string, string>][] = [
      ['main.js', { WORKERS: 'on' }],
      ['main.js', { WORKERS: 'off' }],
      ['worker.js', {}],
    ];
    await Promise.all(
      cases.map(async ([entry, extra]) => {
        const url = await createEmptyDatabase();
        // The test holds the migrations' lock: the process waits for it, in the middle of its start-up.
        const holder = new Client({ connectionString: url });
        await holder.connect();
        await holder.query('SELECT pg_advisory_lock(hashtext($1))', ['duthao:migrations']);
        const port = await freePort();
        const p = track(runNode(entry, env(url, port, extra)));
        await eventually(async () => (await lockWaiters(url)) > 0, 60_000, `${entry} to wait for the migrations' lock`);

        p.child.kill('SIGTERM');
        await printed(p, 'SIGTERM during start-up');
        await holder.end();
        expect(await exitOf(p)).toEqual({ code: 0 });
        expect(p.output()).not.toContain(LISTENING);
        expect(p.output()).not.toContain(WORKER_RUNNING);
        // Every migration applied, none half: each runs in its own transaction and was not cut.
        expect((await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM migrations'))[0].n).toBe(MIGRATION_COUNT);
        expect(await refused(`http://127.0.0.1:${port}/api/health/live`)).toBe(true);
      }),
    );
  }, 120_000);

  it('stops the embedded PostgreSQL it was starting when signalled during start-up', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'duthao-stop-embedded-'));
    try {
      const e = env('', await freePort(), { WORKERS: 'off', DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) });
      delete e.DATABASE_URL;
      const p = track(runNode('main.js', e));
      await printed(p, 'Creating a PostgreSQL cluster');
      p.child.kill('SIGTERM');
      expect(await exitOf(p)).toEqual({ code: 0 });
      // The server it started meanwhile is stopped (it removes its pid file on a clean shutdown).
      expect(p.output()).toContain('SIGTERM during start-up');
      expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
      expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
      expect(processesUsing(dataDir)).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('exits 0 when signalled the moment it is up (API with and without workers, worker)', async () => {
    const cases: [string, Record<string, string>, string][] = [
      ['main.js', { WORKERS: 'on' }, LISTENING],
      ['main.js', { WORKERS: 'off' }, LISTENING],
      ['worker.js', {}, WORKER_RUNNING],
    ];
    await Promise.all(
      cases.map(async ([entry, extra, ready]) => {
        const p = track(runNode(entry, env(t.databaseUrl, await freePort(), extra)));
        // No delay at all: the workers' Redis connections are still being set up.
        await printed(p, ready);
        p.child.kill('SIGTERM');
        expect(await exitOf(p)).toEqual({ code: 0 });
        expect(p.output()).toContain(STOPPING);
      }),
    );
  }, 120_000);

  /**
   * A request held in flight by a row lock of the test: the test's uncommitted agency with the
   * same code makes the API's INSERT wait. Resolves with the response once the lock is let go.
   */
  async function heldRequest(base: string): Promise<{ response: Promise<Response>; release: () => Promise<void>; code: string }> {
    const code = `STOP${randomBytes(3).toString('hex')}`.toUpperCase();
    const blocker = new Client({ connectionString: t.databaseUrl });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('INSERT INTO agencies (code, name) VALUES ($1, $2)', [code, 'Giữ khóa']);
    const response = fetch(`${base}/api/agencies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${w.admin.token}` },
      body: JSON.stringify({ code, name: 'Sở được tạo trong lúc dừng' }),
    });
    await eventually(async () => (await lockWaiters(t.databaseUrl)) > 0, 30_000, 'the request to wait for the lock');
    return {
      response,
      code,
      release: async () => {
        await blocker.query('ROLLBACK');
        await blocker.end();
      },
    };
  }

  async function expectAnswered(held: Awaited<ReturnType<typeof heldRequest>>): Promise<void> {
    await held.release();
    const res = await held.response;
    expect(res.status).toBe(201);
    // Its connection closes after it, instead of staying open for more requests.
    expect(res.headers.get('connection')).toBe('close');
    expect((await t.db.query('SELECT name FROM agencies WHERE code = $1', [held.code]))[0]).toEqual({ name: 'Sở được tạo trong lúc dừng' });
  }

  it('API without workers: answers the request in flight, refuses new connections, exits 0', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const api = track(runNode('main.js', env(t.databaseUrl, port, { WORKERS: 'off' })));
    await printed(api, LISTENING);
    const held = await heldRequest(base);

    api.child.kill('SIGTERM');
    await printed(api, STOPPING);
    expect(await refused(`${base}/api/health/live`)).toBe(true);
    await expectAnswered(held);
    expect(await exitOf(api)).toEqual({ code: 0 });
  });

  it('API with workers, then two workers: the request and the render in flight finish, each queued render is done once by the next process', async () => {
    const docs = t.app.get<Queue>(getQueueToken('documents'));
    // Plans long enough that a render takes a while (a table of 80 rows in each of two sections; the first render also launches Chromium).
    const rows = Array.from({ length: 80 }, (_, i) => `| ${i + 1} | Hợp tác xã nông nghiệp số ${i + 1} | Đầm Hà | 25 thành viên |`).join('\n');
    const sections = Array.from({ length: 2 }, (_, i) => ({
      heading: `Phần ${i + 1}. DANH SÁCH HỢP TÁC XÃ`,
      body: `| TT | Tên | Địa bàn | Quy mô |\n| --- | --- | --- | --- |\n${rows}`,
    }));
    const plans = await Promise.all([0, 1, 2].map(() => planWithVersion(w, sections)));
    const render = (id: string) => docs.getJob(jobId.render(id));
    const statusOf = async (id: string) => (await t.db.query('SELECT status FROM documents WHERE id = $1', [id]))[0].status as string;
    const untilStatus = (id: string, status: string, p: Proc) =>
      eventually(
        async () => {
          if (p.child.exitCode !== null) throw new Error(`the process exited:\n${p.output()}`);
          return (await statusOf(id)) === status;
        },
        60_000,
        `document ${id} to be ${status}`,
      );
    const rendered = (p: Proc, id: string) =>
      p
        .output()
        .split('\n')
        .filter((l) => l.includes(`Rendered plan document ${id}`)).length;
    const stoppedAfter = (p: Proc, id: string) => p.output().indexOf(STOPPING) < p.output().indexOf(`Rendered plan document ${id}`);

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const api = track(runNode('main.js', env(t.databaseUrl, port, { WORKERS: 'on', RENDER_CONCURRENCY: '1' })));
    await printed(api, LISTENING);
    const held = await heldRequest(base);
    const ids: string[] = [];
    for (const p of plans) {
      const res = await as(t, w.secretariat.token).post('/api/documents', { kind: 'plan', planId: p.planId, versionNumber: 1 });
      expect(res.status).toBe(202);
      ids.push(res.body.id);
    }
    const [a, b, c] = ids;
    await untilStatus(a, 'rendering', api);

    api.child.kill('SIGTERM');
    await printed(api, STOPPING);
    await expectAnswered(held);
    expect(await exitOf(api)).toEqual({ code: 0 });
    // The render in flight finished after the signal; the queued ones were not started.
    expect(stoppedAfter(api, a)).toBe(true);
    expect(await statusOf(a)).toBe('done');
    expect([await statusOf(b), await statusOf(c)]).toEqual(['queued', 'queued']);
    expect([await (await render(b))!.getState(), await (await render(c))!.getState()]).toEqual(['waiting', 'waiting']);

    // A worker takes the next one; stopped while rendering it, it finishes it and leaves the last.
    const first = track(runNode('worker.js', env(t.databaseUrl, null, { RENDER_CONCURRENCY: '1' })));
    await untilStatus(b, 'rendering', first);
    first.child.kill('SIGTERM');
    expect(await exitOf(first)).toEqual({ code: 0 });
    expect(stoppedAfter(first, b)).toBe(true);
    expect([await statusOf(b), await statusOf(c)]).toEqual(['done', 'queued']);

    const second = track(runNode('worker.js', env(t.databaseUrl, null, { RENDER_CONCURRENCY: '1' })));
    await untilStatus(c, 'done', second);
    second.child.kill('SIGTERM');
    expect(await exitOf(second)).toEqual({ code: 0 });

    for (const id of ids) {
      const job = (await render(id))!;
      expect(await job.getState()).toBe('completed');
      expect({ attemptsStarted: job.attemptsStarted, stalledCounter: job.stalledCounter }).toEqual({ attemptsStarted: 1, stalledCounter: 0 });
      expect([api, first, second].map((p) => rendered(p, id)).reduce((x, y) => x + y)).toBe(1);
    }
  }, 240_000);

  it('worker still busy at SHUTDOWN_TIMEOUT_MS: exits 1 naming what it was closing, and its job goes back to the queue for the next worker, which sends the e-mail once', async () => {
    const sink = await SmtpSink.start();
    try {
      // The e-mail is held at the SMTP server for as long as the test wants: the stop cannot finish.
      sink.hold();
      const extra = { SMTP_URL: sink.url, JOB_LOCK_MS: '2000' };
      const first = track(runNode('worker.js', env(t.databaseUrl, null, { ...extra, SHUTDOWN_TIMEOUT_MS: '1000' })));
      await printed(first, WORKER_RUNNING);
      const { planId } = await planWithVersion(w);
      await openRound(w, planId);
      await eventually(async () => sink.inFlight === 1, 60_000, 'the e-mail in flight at the sink');

      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(1);
      expect(first.output()).toContain('Still busy after 1000 ms (closing the workers): exiting anyway');
      sink.unhold();
      // The sender went away before the sink answered: not received, and the job is not done.
      await eventually(async () => sink.dropped.length === 1, 30_000, 'the held message to be dropped');

      const second = track(runNode('worker.js', env(t.databaseUrl, null, extra)));
      await eventually(async () => sink.received.length === 1, 60_000, 'the e-mail from the next worker');
      second.child.kill('SIGTERM');
      expect(await exitOf(second)).toEqual({ code: 0 });
      expect(sink.received.map((m) => m.to)).toEqual([[w.agencies[0].user.email]]);
      const [email] = await t.db.query(`SELECT event_key, batch, status FROM emails WHERE to_address = $1`, [w.agencies[0].user.email]);
      expect(email.status).toBe('sent');
      const job = (await t.app.get<Queue>(getQueueToken('notifications')).getJob(jobId.emails(email.event_key, email.batch)))!;
      expect(await job.getState()).toBe('completed');
      expect(job.stalledCounter).toBe(1);
    } finally {
      await sink.close();
    }
  }, 120_000);
});

/** The exit code, with the end of the output when it is not 0 (shown by the failed expectation). */
async function exitOf(p: Proc): Promise<{ code: number | null; output?: string }> {
  const code = await p.exited;
  return code === 0 ? { code } : { code, output: p.output().slice(-6000) };
}

/** Processes whose command line names the folder (a PostgreSQL server started on it). */
function processesUsing(dir: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir);
      } catch {
        return false;
      }
    })
    .map(Number);
}
