/**
 * Load and fault test (issue 7), against real processes on this machine:
 *
 *   npm run build && npm run bench -- load-and-faults        (DURATION_S=60 by default)
 *
 * It creates a migrated PostgreSQL database of its own (TEST_DATABASE_URL's server, default
 * postgres://postgres@127.0.0.1:5432/postgres) and a Redis of its own (redis-server on a free port,
 * AOF on), starts two API processes (`node dist/main.js`, WORKERS=off) and one worker
 * (`node dist/worker.js`), all on the same database, Redis and queue prefix, and an SMTP server in
 * this process that counts what it accepts. It seeds through the API, then runs 50 clients for
 * DURATION_S seconds spread over both API processes:
 *   - agency users POSTing comments, each body unique so it can be found again;
 *   - the secretariat GETting the round's report, one of them also asking for a reminder to the
 *     agencies still pending every 10 s (round.reminder_requested: e-mails to many users);
 *   - agencies that comment, submit their response and withdraw it again, in cycles
 *     (response.submitted: the secretariat is notified each time).
 * Faults, as fractions of the run (15 s, 30 s, 45 s of 60): SIGKILL the worker and start a new one;
 * SIGKILL Redis and start it again (REDIS_DOWN_MS later, 2000 by default); SIGTERM API 1, which is
 * NOT restarted: each client moves to API 2 when API 1 refuses it a connection (until then it goes on
 * using the connections it keeps alive, as browsers and load balancers do).
 *
 * Then it lets the system settle and checks, each printed PASS or FAIL (exit code 1 if any fails):
 * comments, notifications and e-mails (exactly once), 5xx and connection errors, graceful stop of
 * the SIGTERMed API, memory (RSS of every process and its children every 5 s; "flat": over each
 * stretch in which a process's load is the same, the mean of the last third is at most 10% above
 * the middle third's), the report and the audit chain. It prints requests per second per endpoint,
 * latency and errors per phase, notification delivery times and the recovery after each fault.
 * Every request is written to requests.json, with the process logs, in a folder under /tmp.
 * The clients start WARMUP_S (30) seconds before the measured run; the faults are timed from its start.
 * Other env: CLIENTS (50), SEED_COMMENTS (100 per seeded agency), SETTLE_S (120), API_LOG_LEVEL (warn).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, migrate } from '../src/database/data-source';
import { reminderTimes } from '../src/notifications/domain/reminder-times';
import { QUEUES } from '../src/queue/queues';
import { redisOptions } from '../src/queue/redis-connection';
import { freePort, Proc, runNode, waitFor } from '../test/support/processes';
import { TestRedis } from '../test/support/redis-server';
import { databaseUrl, withAdmin } from '../test/setup/test-databases';
import { CountingSmtp, HttpTarget, neverSent, Outcome, percentile, REPO, rssOfTree } from './support/load-client';

const DURATION_MS = Number(process.env.DURATION_S ?? 60) * 1000;
/**
 * The same load for this long before the measured run starts: a Node process's heap grows for its
 * first tens of seconds under load whatever it does, which says nothing about a leak. Everything
 * sent during the warm-up is checked like the rest; the figures and the memory judgement are of the
 * measured run. WARMUP_S=0 to measure from the processes' start.
 */
const WARMUP_MS = Number(process.env.WARMUP_S ?? 30) * 1000;
const CLIENTS = Number(process.env.CLIENTS ?? 50);
const SEED_COMMENTS = Number(process.env.SEED_COMMENTS ?? 100);
const SETTLE_MS = Number(process.env.SETTLE_S ?? 120) * 1000;
const REDIS_DOWN_MS = Number(process.env.REDIS_DOWN_MS ?? 2000);
const API_LOG_LEVEL = process.env.API_LOG_LEVEL ?? 'warn';
const REMIND_EVERY_MS = 10_000;
const MEMORY_EVERY_MS = 5000;
/** "Flat": the mean RSS of the last third of a steady-load stretch is at most this much above the middle third's. */
const FLAT_TOLERANCE = 0.1;
const PASSWORD = 'load-password-123';
const ADMIN = { email: 'admin@load.duthao', password: 'load-admin-password' };
const SECTIONS = [
  {
    heading: 'Phần I. SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN',
    body: 'Kinh tế tập thể, hợp tác xã là thành phần kinh tế quan trọng của tỉnh, góp phần giảm nghèo và phát triển nông thôn.',
  },
  { heading: 'Phần II. THỰC TRẠNG', body: 'Toàn tỉnh có 633 hợp tác xã, trong đó có 25 hợp tác xã thành lập mới từ đầu năm 2022.' },
  { heading: 'Phần III. MỤC TIÊU', body: 'Thành lập mới ít nhất 30 hợp tác xã; hoàn thành 5 hợp tác xã điểm trong tháng 6 năm 2022.' },
  { heading: 'Phần IV. NHIỆM VỤ VÀ GIẢI PHÁP', body: 'Rà soát vướng mắc, hỗ trợ tiếp cận vốn, đất đai và chuyển đổi số cho hợp tác xã.' },
  { heading: 'Phần V. TỔ CHỨC THỰC HIỆN', body: 'Sở Kế hoạch và Đầu tư chủ trì, phối hợp Liên minh Hợp tác xã tỉnh triển khai.' },
];
const PHRASES = [
  'Đề nghị bổ sung số liệu về hợp tác xã nông nghiệp',
  'Cần làm rõ nguồn kinh phí thực hiện',
  'Đề nghị điều chỉnh lộ trình cho phù hợp với kế hoạch của tỉnh',
  'Bổ sung vai trò của Ủy ban nhân dân cấp huyện',
  'Đề nghị thống nhất cách dùng thuật ngữ "kinh tế tập thể"',
  'Cân nhắc chỉ tiêu thành lập mới trong năm 2023',
];

type Endpoint = 'POST comment' | 'GET report' | 'POST response' | 'POST withdraw' | 'POST remind';
const ENDPOINTS: Endpoint[] = ['POST comment', 'GET report', 'POST response', 'POST withdraw', 'POST remind'];

/** One HTTP request as a client made it. */
interface Rec {
  client: number;
  ep: Endpoint;
  api: number;
  start: number;
  end: number;
  status: number;
  error: string | null;
  reused: boolean;
  socket: number;
}

interface ApiProc {
  n: number;
  port: number;
  proc: Proc;
  target: HttpTarget;
  /** /api/health every second on a new connection each time, like a load balancer's or Kubernetes' probe. */
  probe: HttpTarget;
  /** The clients it refused a connection: they use the other API from then on. */
  refused: Set<number>;
  termAt: number | null;
  exitAt: number | null;
  exitCode: number | null | undefined;
}

interface WorkerProc {
  n: number;
  proc: Proc;
  startAt: number;
  readyAt: number | null;
  killAt: number | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const within = <T>(ms: number, p: Promise<T>) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
const is2xx = (s: number) => s >= 200 && s < 300;
const fmt = (ms: number) => (Number.isNaN(ms) ? '—' : `${ms.toFixed(0)} ms`);
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function pool<T, R>(items: T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

function table(rows: (string | number)[][], indent = '  '): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows.map((r) => indent + r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  ')).join('\n');
}

export async function main(): Promise<void> {
  for (const entry of ['main.js', 'worker.js']) {
    if (!existsSync(join(REPO, 'dist', entry))) throw new Error(`dist/${entry} is missing: run \`npm run build\` first`);
  }
  const tag = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const dbName = `duthao_load_${tag}`;
  const dbUrl = databaseUrl(dbName);
  const prefix = `duthao-load-${tag}`;
  const artifacts = mkdtempSync(join(tmpdir(), 'duthao-load-'));
  const checks: { name: string; pass: boolean; detail: string[] }[] = [];
  const check = (name: string, pass: boolean, detail: string[] = []) => checks.push({ name, pass, detail });

  /** Undone last first, whatever happens. */
  const cleanups: { what: string; fn: () => Promise<unknown> }[] = [];
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    while (cleanups.length) {
      const c = cleanups.pop()!;
      await within(20_000, c.fn()).catch((err) => console.error(`cleanup (${c.what}) failed: ${(err as Error).message}`));
    }
  };
  const onSignal = () => {
    console.error('\ninterrupted: cleaning up');
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const procs: Proc[] = [];
  let stoppingAll = false;
  const stopProc = async (p: Proc) => {
    stoppingAll = true;
    if (p.child.exitCode !== null || p.child.signalCode !== null) return;
    p.child.kill('SIGKILL');
    await p.exited;
  };

  try {
    console.log(
      `load-and-faults: ${CLIENTS} clients for ${DURATION_MS / 1000} s on 2 API processes and 1 worker (${cpus().length} cores, load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' / ')} at the start)`,
    );

    // ---------------------------------------------------------------- infrastructure
    await withAdmin((c) => c.query(`CREATE DATABASE ${dbName}`));
    cleanups.push({ what: 'database', fn: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)) });
    const ds = await new DataSource(dataSourceOptions(dbUrl)).initialize();
    try {
      if ((await migrate(ds)).length === 0) throw new Error('no migration found');
    } finally {
      await ds.destroy();
    }
    const redis = await TestRedis.start();
    cleanups.push({ what: 'redis', fn: () => redis.stop() });
    const sink = await CountingSmtp.start();
    cleanups.push({ what: 'smtp sink', fn: () => sink.close() });
    const db = new Client({ connectionString: dbUrl });
    await db.connect();
    cleanups.push({ what: 'pg client', fn: () => db.end() });
    const queueConnection = { ...redisOptions(redis.url), enableOfflineQueue: false, maxRetriesPerRequest: 1 };
    const queues = Object.fromEntries(Object.values(QUEUES).map((name) => [name, new Queue(name, { connection: queueConnection, prefix })])) as Record<
      string,
      Queue
    >;
    for (const q of Object.values(queues)) q.on('error', () => undefined);
    cleanups.push({ what: 'queues', fn: () => Promise.all(Object.values(queues).map((q) => q.close().catch(() => undefined))) });
    // Everything of ours stops before the database and Redis go.
    cleanups.push({ what: 'processes', fn: () => Promise.all(procs.map(stopProc)) });

    const common: Record<string, string> = {
      NODE_ENV: 'production',
      DATABASE_URL: dbUrl,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      JWT_SECRET: `load-and-faults-secret-${tag}-0123456789abcdef`,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      PUBLIC_URL: 'https://duthao.load.test',
      SMTP_URL: sink.url,
      MAIL_FROM: 'duthao <no-reply@duthao.load.test>',
      WRITE_RATE_LIMIT: '1000000',
      JOB_LOCK_MS: '5000',
      JOB_BACKOFF_MS: '500',
      OUTBOX_POLL_MS: '500',
      SHUTDOWN_TIMEOUT_MS: '15000',
      // Every event's messages at once, so that each event is checked for exactly its messages, once
      // (below). Digests under worker kills and Redis restarts: test/notifications-faults.e2e-spec.ts.
      NOTIFY_DIGEST_SECONDS: '0',
    };
    const workers: WorkerProc[] = [];
    const startWorker = (): WorkerProc => {
      const w: WorkerProc = {
        n: workers.length + 1,
        proc: runNode('worker.js', { ...common, LOG_LEVEL: 'info' }, [], REPO),
        startAt: Date.now(),
        readyAt: null,
        killAt: null,
      };
      procs.push(w.proc);
      workers.push(w);
      return w;
    };
    const workerReady = async (w: WorkerProc) => {
      const deadline = Date.now() + 60_000;
      while (!w.proc.output().includes('duthao worker is running')) {
        if (w.proc.child.exitCode !== null || w.proc.child.signalCode !== null)
          throw new Error(`worker ${w.n} exited before it was ready:\n${w.proc.output()}`);
        if (Date.now() > deadline) throw new Error(`worker ${w.n} not ready in 60 s:\n${w.proc.output()}`);
        await sleep(50);
      }
      w.readyAt ??= Date.now();
    };
    const apis: ApiProc[] = [];
    for (const n of [1, 2]) {
      const port = await freePort();
      const proc = runNode('main.js', { ...common, PORT: String(port), WORKERS: 'off', LOG_LEVEL: API_LOG_LEVEL }, [], REPO);
      procs.push(proc);
      const api: ApiProc = {
        n,
        port,
        proc,
        target: new HttpTarget(`API ${n}`, port),
        probe: new HttpTarget(`API ${n} probe`, port, false),
        refused: new Set(),
        termAt: null,
        exitAt: null,
        exitCode: undefined,
      };
      void proc.exited.then((code) => {
        api.exitAt = Date.now();
        api.exitCode = code;
        if (api.termAt === null && !stoppingAll)
          console.error(`API ${n} exited by itself (code ${code}, signal ${proc.child.signalCode}):\n${proc.output().slice(-3000)}`);
      });
      cleanups.push({ what: `API ${n} agents`, fn: async () => (api.target.close(), api.probe.close()) });
      apis.push(api);
    }
    const firstWorker = startWorker();
    await Promise.all([...apis.map((a) => waitFor(`http://127.0.0.1:${a.port}/api/health`, a.proc, 200, 60_000)), workerReady(firstWorker)]);
    console.log(
      `  processes: API 1 pid ${apis[0].proc.child.pid} :${apis[0].port}, API 2 pid ${apis[1].proc.child.pid} :${apis[1].port}, worker 1 pid ${firstWorker.proc.child.pid}; Redis :${redis.port}; database ${dbName}; queue prefix ${prefix}`,
    );

    // ---------------------------------------------------------------- seed, through the API
    const seedApi = apis[1].target;
    const must = async (o: Promise<Outcome>, status: number, what: string) => {
      const r = await o;
      if (r.status !== status) throw new Error(`${what}: ${r.status || r.error} ${r.text.slice(0, 300)}`);
      return r.text ? JSON.parse(r.text) : null;
    };
    const login = async (email: string) =>
      (await must(seedApi.call('POST', '/api/auth/login', null, { email, password: email === ADMIN.email ? ADMIN.password : PASSWORD }), 200, `login ${email}`))
        .accessToken as string;
    const adminToken = await login(ADMIN.email);
    const agency = async (code: string, name: string) =>
      (await must(seedApi.call('POST', '/api/agencies', adminToken, { code, name }), 201, `agency ${code}`)).id as string;
    interface Person {
      id: string;
      email: string;
      token: string;
      agencyId: string | null;
    }
    const person = async (email: string, fullName: string, role: string, agencyId: string | null): Promise<Person> => {
      const u = await must(
        seedApi.call('POST', '/api/users', adminToken, { email, fullName, password: PASSWORD, role, ...(agencyId ? { agencyId } : {}) }),
        201,
        `user ${email}`,
      );
      return { id: u.id, email, token: await login(email), agencyId };
    };
    const code = (kind: string, i: number) => `LT${tag}${kind}${String(i + 1).padStart(2, '0')}`.toUpperCase();

    const nReaders = Math.max(1, Math.round(CLIENTS * 0.12));
    const nCyclers = Math.max(1, Math.round(CLIENTS * 0.08));
    const nCommenters = CLIENTS - nReaders - nCyclers;
    const commentAgencyCount = Math.ceil(nCommenters / 2);

    const office = await agency(`LT${tag}VP`.toUpperCase(), 'Văn phòng Ủy ban nhân dân tỉnh (thử tải)');
    const secretaries = await pool([1, 2], 2, (i) => person(`bientap${i}-${tag}@load.vn`, `Biên tập viên ${i}`, 'secretariat', office));
    const commentAgencies = await pool([...Array(commentAgencyCount).keys()], 4, (i) => agency(code('C', i), `Sở góp ý số ${i + 1}`));
    const cyclerAgencies = await pool([...Array(nCyclers).keys()], 4, (i) => agency(code('R', i), `Sở gửi và rút văn bản số ${i + 1}`));
    const historyAgencies = await pool([...Array(4).keys()], 4, (i) => agency(code('H', i), `Sở đã trả lời số ${i + 1}`));
    const commenters = await pool([...Array(nCommenters).keys()], 4, (i) =>
      person(`gopy${i + 1}-${tag}@load.vn`, `Chuyên viên góp ý ${i + 1}`, 'agency', commentAgencies[i % commentAgencyCount]),
    );
    const cyclers = await pool(cyclerAgencies, 4, (a, i) => person(`vanban${i + 1}-${tag}@load.vn`, `Chuyên viên văn bản ${i + 1}`, 'agency', a));
    const historians = await pool(historyAgencies, 4, (a, i) => person(`datraloi${i + 1}-${tag}@load.vn`, `Chuyên viên đã trả lời ${i + 1}`, 'agency', a));
    const agencyUsers = [...commenters, ...cyclers, ...historians];
    const [secretary] = secretaries;
    const plan = await must(
      seedApi.call('POST', '/api/plans', secretary.token, {
        title: `Đề án Phát triển kinh tế tập thể (thử tải ${tag})`,
        kind: 'Đề án',
        ownerAgencyId: office,
        sections: SECTIONS,
      }),
      201,
      'plan',
    );
    await must(seedApi.call('POST', `/api/plans/${plan.id}/versions`, secretary.token, { note: 'Dự thảo lần 1' }), 201, 'version');
    const version = await must(seedApi.call('GET', `/api/plans/${plan.id}/versions/1`, secretary.token), 200, 'version 1');
    const sectionKeys: string[] = version.sections.map((s: { key: string }) => s.key);
    const deadline = new Date(Date.now() + 7 * 86_400_000);
    const allAgencies = [...commentAgencies, ...cyclerAgencies, ...historyAgencies];
    const round = await must(
      seedApi.call('POST', `/api/plans/${plan.id}/rounds`, secretary.token, {
        title: 'Lấy ý kiến dự thảo lần 1 (thử tải)',
        versionNumber: 1,
        deadline: deadline.toISOString(),
        agencyIds: allAgencies,
      }),
      201,
      'round',
    );
    const roundId: string = round.id;

    // Comments of every client; each body is unique (tag, client, sequence number).
    interface Sent {
      body: string;
      client: number;
      api: number;
      start: number;
    }
    const acked = new Map<string, Sent & { id: string }>();
    const refused: (Sent & { status: number })[] = [];
    const unknown: (Sent & { error: string; end: number })[] = [];
    const submits: { responseId: string; agencyId: string; client: number; at: number }[] = [];
    const unknownSubmits: { client: number; agencyId: string; api: number; error: string; at: number }[] = [];
    let seq = 0;
    const commentBody = (client: number) => {
      const n = ++seq;
      const filler = Array.from({ length: 1 + (n % 4) }, () => pick(PHRASES)).join('; ');
      return `[${tag}-${client}-${n}] ${filler}.`;
    };

    // Agencies that answered before the load: their submitted comments fill the report.
    await pool(historians, 4, async (h, hi) => {
      await pool([...Array(SEED_COMMENTS).keys()], 4, async () => {
        const body = commentBody(-1 - hi);
        const c = await must(
          seedApi.call('POST', `/api/rounds/${roundId}/comments`, h.token, { sectionKey: pick([null, ...sectionKeys]), body }),
          201,
          'seed comment',
        );
        acked.set(c.id, { id: c.id, body, client: -1 - hi, api: 2, start: Date.now() });
      });
      const r = await must(seedApi.call('POST', `/api/rounds/${roundId}/responses`, h.token, { reference: `${hi + 1}/${tag}-SEED` }), 201, 'seed response');
      submits.push({ responseId: r.id, agencyId: h.agencyId!, client: -1 - hi, at: Date.now() });
    });
    console.log(
      `  seeded: ${allAgencies.length} agencies invited (${commentAgencyCount} commenting, ${nCyclers} submit-and-withdraw, ${historyAgencies.length} answered with ${SEED_COMMENTS} comments each), ` +
        `${agencyUsers.length} agency users, ${secretaries.length} secretariat users; plan ${plan.id}, round ${roundId}`,
    );
    // Let the seeding's notifications go out, so the load starts from a quiet system.
    const quiet = async () => {
      const [row] = (
        await db.query(
          `SELECT (SELECT count(*) FROM outbox_events WHERE relayed_at IS NULL)::int AS unrelayed, (SELECT count(*) FROM emails WHERE status = 'pending')::int AS pending`,
        )
      ).rows;
      if (row.unrelayed || row.pending) return false;
      const c = await within(2000, queues.notifications.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'paused', 'waiting-children'));
      const r = await within(2000, queues.reminders.getJobCounts('waiting', 'active', 'prioritized'));
      const d = await within(2000, queues.documents.getJobCounts('waiting', 'active', 'delayed', 'prioritized'));
      return [...Object.values(c), ...Object.values(r), ...Object.values(d)].every((n) => n === 0);
    };
    for (const deadlineAt = Date.now() + 60_000; !(await quiet().catch(() => false)); await sleep(200)) {
      if (Date.now() > deadlineAt) throw new Error('the seeding did not settle in 60 s');
    }

    // ---------------------------------------------------------------- the run
    console.log(
      `  clients: ${nCommenters} agency users POSTing comments, ${nReaders} secretariat GETting the report (one also asks for a reminder every ${REMIND_EVERY_MS / 1000} s), ` +
        `${nCyclers} agencies commenting, submitting and withdrawing their response in cycles; even clients on API 1, odd on API 2. ` +
        `Warm-up ${WARMUP_MS / 1000} s, then the measured run of ${DURATION_MS / 1000} s; faults at ${(DURATION_MS * 0.25) / 1000} s (SIGKILL worker, start another), ${(DURATION_MS * 0.5) / 1000} s (SIGKILL Redis, start it ${REDIS_DOWN_MS / 1000} s later), ${(DURATION_MS * 0.75) / 1000} s (SIGTERM API 1, not restarted)`,
    );
    const records: Rec[] = [];
    const tw = Date.now();
    const t0 = tw + WARMUP_MS;
    const endAt = t0 + DURATION_MS;
    const rel = (t: number) => (t - t0) / 1000;
    const timeline: { at: number; what: string }[] = [];
    const note = (what: string, at = Date.now()) => timeline.push({ at, what });

    const route = (client: number): ApiProc | null => {
      const first = apis[client % 2];
      if (!first.refused.has(client)) return first;
      const other = apis[(client + 1) % 2];
      return other.refused.has(client) ? null : other;
    };
    const movedAt: Record<number, number[]> = { 1: [], 2: [] };
    /** Sends a request to the client's API, or to the other one if its API refuses connections. */
    const send = async (
      client: number,
      ep: Endpoint,
      method: string,
      path: string,
      token: string,
      body?: unknown,
      keepText = true,
    ): Promise<{ o: Outcome; api: ApiProc } | null> => {
      for (;;) {
        const api = route(client);
        if (!api) return null;
        const o = await api.target.call(method, path, token, body, { keepText });
        records.push({ client, ep, api: api.n, start: o.start, end: o.end, status: o.status, error: o.error, reused: o.reused, socket: o.socket });
        if (neverSent(o)) {
          if (!api.refused.size) note(`API ${api.n} refuses a first connection: that client moves to API ${(api.n % 2) + 1}`, o.end);
          api.refused.add(client);
          movedAt[api.n].push(o.end);
          continue;
        }
        return { o, api };
      }
    };

    const postComment = async (client: number, token: string): Promise<'ok' | 'no'> => {
      const body = commentBody(client);
      const sectionKey = pick([null, ...sectionKeys]);
      const r = await send(client, 'POST comment', 'POST', `/api/rounds/${roundId}/comments`, token, { sectionKey, body });
      if (!r) return 'no';
      const s: Sent = { body, client, api: r.api.n, start: r.o.start };
      if (is2xx(r.o.status)) acked.set(JSON.parse(r.o.text).id, { ...s, id: JSON.parse(r.o.text).id });
      else if (r.o.status > 0) refused.push({ ...s, status: r.o.status });
      else unknown.push({ ...s, error: r.o.error!, end: r.o.end });
      return is2xx(r.o.status) ? 'ok' : 'no';
    };

    const commenter = async (client: number, user: Person) => {
      while (Date.now() < endAt) if ((await postComment(client, user.token)) === 'no' && !route(client)) return;
    };

    const reader = async (client: number, user: Person, reminds: boolean) => {
      let nextRemind = tw + REMIND_EVERY_MS / 2;
      while (Date.now() < endAt) {
        if (reminds && Date.now() >= nextRemind) {
          nextRemind += REMIND_EVERY_MS;
          if (!(await send(client, 'POST remind', 'POST', `/api/rounds/${roundId}/remind`, user.token))) return;
        } else if (!(await send(client, 'GET report', 'GET', `/api/rounds/${roundId}/report`, user.token, undefined, false))) return;
      }
    };

    const cycler = async (client: number, user: Person) => {
      let n = 0;
      while (Date.now() < endAt) {
        for (let k = 1 + (n % 2); k > 0 && Date.now() < endAt; k--) await postComment(client, user.token);
        if (Date.now() >= endAt) return;
        const sub = await send(client, 'POST response', 'POST', `/api/rounds/${roundId}/responses`, user.token, { reference: `${++n}/${tag}-${client}` });
        if (!sub) return;
        if (is2xx(sub.o.status)) submits.push({ responseId: JSON.parse(sub.o.text).id, agencyId: user.agencyId!, client, at: sub.o.end });
        else if (sub.o.status === 0) unknownSubmits.push({ client, agencyId: user.agencyId!, api: sub.api.n, error: sub.o.error!, at: sub.o.end });
        // The response is official for a while; then the agency takes it back to add to it.
        await sleep(800 + Math.random() * 1200);
        if (Date.now() >= endAt) return;
        if (!(await send(client, 'POST withdraw', 'POST', `/api/rounds/${roundId}/responses/withdraw`, user.token))) return;
        await sleep(200 + Math.random() * 400);
      }
    };

    // Samples: the pipeline every second, memory every 5 s, until the end of the settling.
    interface Sample {
      at: number;
      unrelayed: number;
      pendingEmails: number;
      queued: number | null;
      health: (number | string)[];
      load: number;
    }
    const samples: Sample[] = [];
    const memory: { at: number; kb: Record<string, number | null> }[] = [];
    const memoryOf = (): Record<string, { pid: number; alive: () => boolean }> => {
      const out: Record<string, { pid: number; alive: () => boolean }> = {};
      for (const a of apis) out[`API ${a.n}`] = { pid: a.proc.child.pid!, alive: () => a.exitAt === null };
      for (const w of workers)
        out[`worker ${w.n}`] = { pid: w.proc.child.pid!, alive: () => w.proc.child.exitCode === null && w.proc.child.signalCode === null };
      return out;
    };
    const childKb: Record<string, number> = {};
    let sampling = true;
    const sampleMemory = () => {
      const kb: Record<string, number | null> = {};
      for (const [name, p] of Object.entries(memoryOf())) {
        const r = p.alive() ? rssOfTree(p.pid) : null;
        kb[name] = r ? r.self + r.children : null;
        if (r && r.childCount) childKb[name] = Math.max(childKb[name] ?? 0, r.children);
      }
      memory.push({ at: Date.now(), kb });
    };
    const sampler = (async () => {
      let nextMemory = tw;
      while (sampling) {
        const at = Date.now();
        if (at >= nextMemory) {
          sampleMemory();
          nextMemory += MEMORY_EVERY_MS;
        }
        const [row] = (
          await db.query(
            `SELECT (SELECT count(*) FROM outbox_events WHERE relayed_at IS NULL)::int AS unrelayed, (SELECT count(*) FROM emails WHERE status = 'pending')::int AS pending`,
          )
        ).rows;
        const queued = await within(500, queues.notifications.getJobCounts('waiting', 'active', 'delayed', 'prioritized'))
          .then((c) => Object.values(c).reduce((a, b) => a + b, 0))
          .catch(() => null);
        const health = await Promise.all(
          apis.map(async (a) => {
            if (a.exitAt !== null) return 'exited';
            const o = await a.probe.call('GET', '/api/health', null, undefined, { timeoutMs: 3000 });
            return o.status || o.error || 'error';
          }),
        );
        samples.push({ at, unrelayed: row.unrelayed, pendingEmails: row.pending, queued, health, load: loadavg()[0] });
        await sleep(1000 - (Date.now() - at));
      }
    })();

    const faults = (async () => {
      await sleep(t0 + DURATION_MS * 0.25 - Date.now());
      const w1 = workers[0];
      w1.killAt = Date.now();
      note('SIGKILL worker 1', w1.killAt);
      w1.proc.child.kill('SIGKILL');
      await w1.proc.exited;
      const w2 = startWorker();
      note('worker 2 started');
      await workerReady(w2);
      note('worker 2 ready', w2.readyAt!);

      await sleep(t0 + DURATION_MS * 0.5 - Date.now());
      note('Redis killed (SIGKILL)');
      await redis.down();
      await sleep(REDIS_DOWN_MS);
      await redis.up();
      note('Redis up again (AOF reloaded)');

      await sleep(t0 + DURATION_MS * 0.75 - Date.now());
      const a1 = apis[0];
      a1.termAt = Date.now();
      note('SIGTERM API 1', a1.termAt);
      a1.proc.child.kill('SIGTERM');
      await a1.proc.exited;
      note(`API 1 exited (code ${a1.exitCode})`, a1.exitAt!);
    })();
    const faultsDone = faults.catch((err) => {
      note(`fault injection failed: ${(err as Error).message}`);
      throw err;
    });

    const clients: Promise<void>[] = [];
    let id = 0;
    for (let i = 0; i < nCommenters; i++) clients.push(commenter(id++, commenters[i]));
    for (let i = 0; i < nReaders; i++) clients.push(reader(id++, secretaries[i % secretaries.length], i === 0));
    for (let i = 0; i < nCyclers; i++) clients.push(cycler(id++, cyclers[i]));
    const clientsDone = Promise.all(clients);
    await clientsDone;
    const loadEnd = Date.now();
    note('load over');
    await faultsDone;

    // ---------------------------------------------------------------- settle
    let settledAt: number | null = null;
    for (const limit = Date.now() + SETTLE_MS; Date.now() < limit; await sleep(250)) {
      if (await quiet().catch(() => false)) {
        settledAt = Date.now();
        break;
      }
    }
    note(settledAt ? 'settled: outbox relayed, no e-mail pending, queues empty' : `NOT settled after ${SETTLE_MS / 1000} s`, settledAt ?? Date.now());
    if (Date.now() - memory[memory.length - 1].at > 1000) sampleMemory();
    sampling = false;
    await sampler;
    const loadAtEnd = loadavg();

    // ---------------------------------------------------------------- checks
    const tKill = workers[0].killAt!;
    const w2Ready = workers[1].readyAt!;
    const redisDown = timeline.find((e) => e.what.startsWith('Redis killed'))!.at;
    const redisUp = timeline.find((e) => e.what.startsWith('Redis up'))!.at;
    const tTerm = apis[0].termAt!;
    const tExit = apis[0].exitAt ?? Date.now();
    const onKilledApi = (r: { api: number; start: number }) => r.api === 1 && r.start >= tTerm;

    check('the system settled after the load (outbox relayed, no e-mail pending, notification queue empty)', settledAt !== null, [
      settledAt ? `settled ${sec(settledAt - loadEnd)} after the load ended` : `still busy ${SETTLE_MS / 1000} s after the load`,
    ]);

    // 1. Comments: every 2xx in the database exactly once; nothing else unless its outcome is unknown on the killed process.
    {
      const rows: { id: string; body: string; status: string }[] = (await db.query('SELECT id, body, status FROM comments WHERE round_id = $1', [roundId]))
        .rows;
      const byId = new Map(rows.map((r) => [r.id, r]));
      const bodyCount = new Map<string, number>();
      for (const r of rows) bodyCount.set(r.body, (bodyCount.get(r.body) ?? 0) + 1);
      const missing = [...acked.values()].filter((a) => byId.get(a.id)?.body !== a.body);
      const doubled = [...acked.values()].filter((a) => bodyCount.get(a.body) !== 1);
      const ackedIds = new Set(acked.keys());
      const unknownBodies = new Map(unknown.map((u) => [u.body, u]));
      const refusedBodies = new Map(refused.map((r) => [r.body, r]));
      const extra = rows.filter((r) => !ackedIds.has(r.id));
      const extraUnknownOnKilled = extra.filter((r) => unknownBodies.has(r.body) && onKilledApi(unknownBodies.get(r.body)!));
      const extraBad = extra.filter((r) => !extraUnknownOnKilled.includes(r));
      const detail = [
        `${acked.size} comments acknowledged with 2xx (${acked.size - historians.length * SEED_COMMENTS} during the load, ${historians.length * SEED_COMMENTS} seeded); ${rows.length} in the database for the round`,
        `missing or changed: ${missing.length}; body found other than exactly once: ${doubled.length}`,
        `in the database but never acknowledged: ${extra.length} (${extraUnknownOnKilled.length} whose request was cut on the SIGTERMed API's own connection, ${extraBad.length} otherwise)`,
        `refused with a status (4xx/5xx) yet stored: ${extra.filter((r) => refusedBodies.has(r.body)).length}`,
        `unknown outcome (connection cut, no status): ${unknown.length} — ${unknown.filter((u) => bodyCount.has(u.body)).length} stored, ${unknown.filter((u) => !bodyCount.has(u.body)).length} not stored`,
        ...unknown.map(
          (u) =>
            `    client ${u.client} on API ${u.api} at ${rel(u.start).toFixed(2)} s: ${u.error} → ${bodyCount.has(u.body) ? 'stored' : 'not stored'}${onKilledApi(u) ? ' (SIGTERMed API)' : ' (NOT on a killed process)'}`,
        ),
        ...missing.slice(0, 5).map((m) => `    missing: ${m.id} ${m.body}`),
        ...extraBad.slice(0, 5).map((m) => `    unexpected: ${m.id} ${m.body}`),
      ];
      check(
        'every comment that got a 2xx is in the database exactly once (by id and by body), and no other comment exists',
        missing.length === 0 && doubled.length === 0 && extraBad.length === 0,
        detail,
      );
    }

    // 2. Notifications: for every outbox event, exactly the expected in-app notifications and e-mails, each once; every e-mail arrived once.
    {
      const events: { id: string; type: string; payload: Record<string, unknown>; created_at: Date; relayed_at: Date | null }[] = (
        await db.query('SELECT id::text, type, payload, created_at, relayed_at FROM outbox_events ORDER BY id')
      ).rows;
      const notes: { event_key: string; user_id: string; kind: string; n: number; at: Date }[] = (
        await db.query('SELECT event_key, user_id, kind, count(*)::int AS n, min(created_at) AS at FROM notifications GROUP BY event_key, user_id, kind')
      ).rows;
      const emails: { id: string; event_key: string; user_id: string; to_address: string; status: string; sent_at: Date | null }[] = (
        await db.query('SELECT id, event_key, user_id, to_address, status, sent_at FROM emails')
      ).rows;
      const responses: { id: string; agency_id: string; submitted_at: Date; withdrawn_at: Date | null }[] = (
        await db.query('SELECT id, agency_id, submitted_at, withdrawn_at FROM responses WHERE round_id = $1', [roundId])
      ).rows;
      const usersOf = new Map<string, string[]>();
      for (const u of agencyUsers) usersOf.set(u.agencyId!, [...(usersOf.get(u.agencyId!) ?? []), u.id]);
      const secretariatIds = secretaries.map((s) => s.id);
      const emailOf = new Map([...agencyUsers, ...secretaries].map((u) => [u.id, u.email.toLowerCase()]));
      /** Whether the agency had an active response at `t`: its pending state as the dispatcher saw it. */
      const answeredAt = (agencyId: string, t: number) =>
        responses.some((r) => r.agency_id === agencyId && r.submitted_at.getTime() <= t && (r.withdrawn_at === null || r.withdrawn_at.getTime() > t));
      const problems: string[] = [];
      let expectedTotal = 0;
      let ambiguous = 0;
      const kinds: Record<string, string> = {
        'round.opened': 'round_opened',
        'response.submitted': 'response_received',
        'round.reminder_requested': 'round_reminder',
      };
      const notesByKey = new Map<string, typeof notes>();
      for (const n of notes) notesByKey.set(n.event_key, [...(notesByKey.get(n.event_key) ?? []), n]);
      const emailsByKey = new Map<string, typeof emails>();
      for (const e of emails) emailsByKey.set(e.event_key, [...(emailsByKey.get(e.event_key) ?? []), e]);
      const typeCount: Record<string, number> = {};
      for (const ev of events) {
        typeCount[ev.type] = (typeCount[ev.type] ?? 0) + 1;
        const key = `event-${ev.id}`;
        const got = notesByKey.get(key) ?? [];
        const mails = emailsByKey.get(key) ?? [];
        if (!ev.relayed_at) problems.push(`event ${ev.id} (${ev.type}) never relayed`);
        let must: string[];
        const may: string[] = [];
        if (ev.type === 'round.opened') must = allAgencies.flatMap((a) => usersOf.get(a) ?? []);
        else if (ev.type === 'response.submitted') must = secretariatIds;
        else if (ev.type === 'round.reminder_requested') {
          // Those still pending when the reminder is delivered: agencies that never answered surely;
          // an agency that submitted or withdrew within 2 s before the delivery may go either way.
          const t = got.length ? Math.min(...got.map((g) => g.at.getTime())) : Date.now();
          must = [];
          for (const a of ev.payload.agencyIds as string[]) {
            const before = answeredAt(a, t - 2000);
            const same = responses.every(
              (r) =>
                r.agency_id !== a ||
                ((r.submitted_at.getTime() < t - 2000 || r.submitted_at.getTime() > t) &&
                  (r.withdrawn_at === null || r.withdrawn_at.getTime() < t - 2000 || r.withdrawn_at.getTime() > t)),
            );
            if (!same) {
              may.push(...(usersOf.get(a) ?? []));
              ambiguous++;
            } else if (!before) must.push(...(usersOf.get(a) ?? []));
          }
        } else {
          problems.push(`event ${ev.id}: unexpected type ${ev.type}`);
          continue;
        }
        const allowed = new Set([...must, ...may]);
        const notified = new Map<string, number>();
        for (const g of got) {
          notified.set(g.user_id, (notified.get(g.user_id) ?? 0) + g.n);
          if (g.kind !== kinds[ev.type]) problems.push(`event ${ev.id}: notification of kind ${g.kind}, expected ${kinds[ev.type]}`);
        }
        const mailed = new Map<string, number>();
        for (const m of mails) mailed.set(m.user_id, (mailed.get(m.user_id) ?? 0) + 1);
        for (const u of must) {
          if (notified.get(u) !== 1)
            problems.push(`event ${ev.id} (${ev.type}): user ${emailOf.get(u)} has ${notified.get(u) ?? 0} in-app notifications, expected 1`);
          if (mailed.get(u) !== 1) problems.push(`event ${ev.id} (${ev.type}): user ${emailOf.get(u)} has ${mailed.get(u) ?? 0} e-mails, expected 1`);
        }
        for (const [u, n] of notified) {
          if (!allowed.has(u)) problems.push(`event ${ev.id} (${ev.type}): unexpected notification to ${emailOf.get(u) ?? u}`);
          else if (n !== 1) problems.push(`event ${ev.id}: ${n} notifications to ${emailOf.get(u)}`);
          if (mailed.get(u) !== 1) problems.push(`event ${ev.id}: notified ${emailOf.get(u)} in the app but ${mailed.get(u) ?? 0} e-mails`);
        }
        for (const [u] of mailed) if (!notified.has(u)) problems.push(`event ${ev.id}: e-mail to ${emailOf.get(u) ?? u} without an in-app notification`);
        for (const m of mails) {
          if (m.status !== 'sent') problems.push(`e-mail ${m.id} (event ${ev.id}) is ${m.status}`);
          if (m.to_address.toLowerCase() !== emailOf.get(m.user_id)) problems.push(`e-mail ${m.id} addressed to ${m.to_address}, not to its user`);
        }
        expectedTotal += notified.size;
      }
      const eventKeys = new Set(events.map((e) => `event-${e.id}`));
      const stray = [...notesByKey.keys(), ...emailsByKey.keys()].filter((k) => !eventKeys.has(k));
      if (stray.length) problems.push(`notifications or e-mails of no outbox event: ${[...new Set(stray)].join(', ')}`);
      // Responses: every one that was acknowledged exists and produced exactly one event.
      const eventsPerResponse = new Map<string, number>();
      for (const ev of events)
        if (ev.type === 'response.submitted')
          eventsPerResponse.set(ev.payload.responseId as string, (eventsPerResponse.get(ev.payload.responseId as string) ?? 0) + 1);
      const responseIds = new Set(responses.map((r) => r.id));
      for (const s of submits) if (!responseIds.has(s.responseId)) problems.push(`acknowledged response ${s.responseId} is not in the database`);
      for (const r of responses)
        if (eventsPerResponse.get(r.id) !== 1) problems.push(`response ${r.id} has ${eventsPerResponse.get(r.id) ?? 0} response.submitted events`);
      const unackedResponses = responses.filter((r) => !submits.some((s) => s.responseId === r.id));
      if (unackedResponses.length > unknownSubmits.filter(onKilledApiSubmit).length)
        problems.push(`${unackedResponses.length} responses never acknowledged (unknown outcomes on the SIGTERMed API: ${unknownSubmits.length})`);
      function onKilledApiSubmit(u: { api: number; at: number }) {
        return u.api === 1 && u.at >= tTerm;
      }
      // At the SMTP server: each e-mail row exactly once.
      const arrivals = new Map<string, typeof sink.arrivals>();
      for (const a of sink.arrivals) arrivals.set(a.emailId, [...(arrivals.get(a.emailId) ?? []), a]);
      const emailIds = new Set(emails.map((e) => e.id));
      const neverArrived = emails.filter((e) => !arrivals.has(e.id));
      const twice = [...arrivals.entries()].filter(([, a]) => a.length > 1);
      const strangers = [...arrivals.keys()].filter((k) => !emailIds.has(k));
      // A second copy is SMTP's at-least-once: the worker was SIGKILLed after the server accepted the
      // message and before the row was marked sent. Only that is told apart (first copy before the kill).
      const killTimes = workers.filter((w) => w.killAt).map((w) => w.killAt!);
      const killDoubles = twice.filter(([, a]) => a.length === 2 && killTimes.some((k) => a[0].at <= k && a[1].at > k));
      const otherDoubles = twice.filter((t) => !killDoubles.includes(t));
      for (const e of emails) {
        const a = arrivals.get(e.id);
        if (a && a.some((x) => x.to.join(',') !== e.to_address.toLowerCase()))
          problems.push(`e-mail ${e.id} arrived for ${a[0].to.join(',')}, row says ${e.to_address}`);
      }
      if (neverArrived.length) problems.push(`${neverArrived.length} e-mail rows never arrived at the SMTP server`);
      if (otherDoubles.length)
        problems.push(
          `${otherDoubles.length} e-mails arrived more than once: ${otherDoubles
            .slice(0, 5)
            .map(([k, a]) => `${k}×${a.length}`)
            .join(', ')}`,
        );
      if (strangers.length) problems.push(`${strangers.length} messages at the SMTP server match no e-mail row`);
      const failedJobs = await within(5000, queues.notifications.getJobCounts('failed')).catch(() => ({ failed: -1 }));
      if (failedJobs.failed !== 0) problems.push(`${failedJobs.failed} notification jobs failed for good`);
      // The round's reminders were scheduled exactly once each, whatever the redeliveries.
      const delayed = await within(5000, queues.reminders.getDelayed()).catch(() => []);
      const expectedReminders = reminderTimes(deadline, [3 * 86_400_000, 86_400_000], new Date()).length;
      const reminderIds = delayed.map((j) => j.id!).filter((x) => x.startsWith(`round-${roundId}-`));
      if (reminderIds.length !== expectedReminders || new Set(reminderIds).size !== reminderIds.length)
        problems.push(`reminder jobs for the round: ${reminderIds.length}, expected ${expectedReminders}`);
      check(
        'every notification due was delivered exactly once: in-app and e-mail per recipient of every outbox event; every e-mail accepted once by SMTP',
        problems.length === 0,
        [
          `${events.length} outbox events (${Object.entries(typeCount)
            .map(([k, v]) => `${k} ${v}`)
            .join(
              ', ',
            )}); ${expectedTotal} deliveries checked; ${notes.length} in-app notifications, ${emails.length} e-mail rows (${emails.filter((e) => e.status === 'sent').length} sent)`,
          `${responses.length} responses (${submits.length} acknowledged, ${unknownSubmits.length} unknown outcomes), each with exactly one response.submitted event`,
          `reminder deliveries where an agency answered or withdrew within 2 s before delivery (either outcome accepted): ${ambiguous}`,
          `SMTP server: ${sink.arrivals.length} messages accepted; ${emails.length - neverArrived.length} of ${emails.length} rows arrived; twice: ${twice.length} (${killDoubles.length} across a worker SIGKILL, reported, ${otherDoubles.length} otherwise)`,
          `reminder jobs scheduled for the round: ${reminderIds.length} (expected ${expectedReminders}); notification jobs failed for good: ${failedJobs.failed}`,
          ...problems.slice(0, 15).map((p) => `    ${p}`),
          ...(problems.length > 15 ? [`    … and ${problems.length - 15} more`] : []),
        ],
      );
    }

    // 3. No 5xx; connection errors only on the SIGTERMed API's own connections, none on requests it had in flight.
    //    Except the 503s of writes while Redis was away: the write rate limit fails closed (until each
    //    API's Redis client has reconnected, a few seconds after Redis is back). A write sent just before
    //    the kill and still on its way to the limit's check when Redis went is refused too: it is judged
    //    by its answer, which came after the kill.
    {
      const whileRedisAway = (r: Rec) => r.status === 503 && r.ep.startsWith('POST') && r.end >= redisDown && r.start <= redisUp + 5000;
      const refusedWhileAway = records.filter(whileRedisAway);
      const fivexx = records.filter((r) => r.status >= 500 && !whileRedisAway(r));
      const connErrors = records.filter((r) => r.error);
      const expected = connErrors.filter(onKilledApi);
      const unexpected = connErrors.filter((r) => !onKilledApi(r));
      const inFlight = records.filter((r) => r.api === 1 && r.start < tTerm && r.end >= tTerm);
      const inFlightBad = inFlight.filter((r) => r.error || r.status >= 500);
      // Stop accepting means also on the connections clients keep alive: once the signal has been
      // handled (1 s of grace), each of them may carry one more request, whose answer closes it.
      const lateOnApi1 = records.filter((r) => r.api === 1 && r.start >= tTerm + 1000 && r.status > 0);
      const perSocket = new Map<number, number>();
      for (const r of lateOnApi1) perSocket.set(r.socket, (perSocket.get(r.socket) ?? 0) + 1);
      const mostPerSocket = Math.max(0, ...perSocket.values());
      const byCode = (rs: Rec[]) =>
        Object.entries(rs.reduce<Record<string, number>>((m, r) => ({ ...m, [r.error!]: (m[r.error!] ?? 0) + 1 }), {}))
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || 'none';
      check(
        'no request got a 5xx; connection errors only on the SIGTERMed API after its SIGTERM; its in-flight requests completed; it took no more work on kept-alive connections; it exited 0',
        fivexx.length === 0 && unexpected.length === 0 && inFlightBad.length === 0 && mostPerSocket <= 1 && apis[0].exitCode === 0,
        [
          `writes refused with 503 while Redis was away (expected): ${refusedWhileAway.length}`,
          `${records.length} requests; 5xx: ${fivexx.length}${
            fivexx.length
              ? ` (${fivexx
                  .slice(0, 5)
                  .map((r) => `${r.ep} ${r.status} on API ${r.api} at ${rel(r.start).toFixed(2)} s`)
                  .join('; ')})`
              : ''
          }`,
          `requests in flight on API 1 at its SIGTERM: ${inFlight.length}, completed with ${
            Object.entries(inFlight.reduce<Record<string, number>>((m, r) => ({ ...m, [r.error ?? r.status]: (m[r.error ?? r.status] ?? 0) + 1 }), {}))
              .map(([k, v]) => `${k}×${v}`)
              .join(', ') || '—'
          }`,
          `expected connection errors on API 1 after SIGTERM: ${byCode(expected)} (ECONNREFUSED: never reached it, sent to API 2 instead; others: cut, outcome unknown; on a reused keep-alive socket: ${expected.filter((r) => r.reused && r.error !== 'ECONNREFUSED').length})`,
          `unexpected connection errors: ${byCode(unexpected)}${
            unexpected.length
              ? ` (${unexpected
                  .slice(0, 5)
                  .map((r) => `${r.ep} API ${r.api} at ${rel(r.start).toFixed(2)} s`)
                  .join('; ')})`
              : ''
          }`,
          `requests API 1 answered that started more than 1 s after its SIGTERM: ${lateOnApi1.length}, on ${perSocket.size} kept-alive connections, at most ${mostPerSocket} per connection (allowed: 1); the last started ${lateOnApi1.length ? sec(Math.max(...lateOnApi1.map((r) => r.start)) - tTerm) : '—'} after SIGTERM`,
          `API 1 exit code ${apis[0].exitCode}, ${sec(tExit - tTerm)} after SIGTERM`,
        ],
      );
    }

    // 4. Memory. A process is judged over each stretch of the measured run in which its load is the
    // same: API 2 serves twice the requests once API 1 has stopped, which raises its memory without
    // any leak, so the stretches before and after that are judged apart (each needs 6 samples, 30 s).
    {
      const names = Object.keys(memoryOf());
      const detail: string[] = [];
      let flat = true;
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;
      for (const name of names) {
        const survivor = name === `API ${apis.find((a) => a !== apis[0])!.n}`;
        const stretches = survivor
          ? [
              { label: 'before API 1 stopped', from: t0 - 500, to: tTerm },
              { label: 'serving all clients after API 1 stopped', from: tTerm, to: endAt + 1000 },
            ]
          : [{ label: 'measured run', from: t0 - 500, to: endAt + 1000 }];
        let previous: number[] | null = null;
        for (const st of stretches) {
          const series = memory.filter((m) => m.at >= st.from && m.at < st.to && m.kb[name] != null).map((m) => m.kb[name]!);
          const where = `${name}, ${st.label}`;
          if (series.length < 6) {
            const vsBefore = previous?.length
              ? ` (mean ${mb(mean(series))}, ${((mean(series) / mean(previous) - 1) * 100).toFixed(1)}% over the stretch before; peak ${mb(Math.max(...series))} vs ${mb(Math.max(...previous))} before)`
              : '';
            detail.push(
              `${where}: ${series.length} samples (${sec(series.length * MEMORY_EVERY_MS)}) — too short to judge, shown only${series.length ? vsBefore : ''}`,
            );
            previous = series;
            continue;
          }
          const third = Math.floor(series.length / 3);
          const middle = mean(series.slice(third, series.length - third));
          const last = mean(series.slice(series.length - third));
          const growth = last / middle - 1;
          const ok = growth <= FLAT_TOLERANCE;
          flat &&= ok;
          detail.push(
            `${where}: middle third ${mb(middle)}, last third ${mb(last)}: ${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}% ${ok ? '(flat)' : '(GROWING)'}; first ${mb(series[0])}, peak ${mb(Math.max(...series))}${childKb[name] ? `, children up to ${mb(childKb[name])}` : ', no child processes'}`,
          );
          previous = series;
        }
      }
      check(
        `memory of each process is flat (mean RSS of the last third of each steady-load stretch of the measured run ≤ ${FLAT_TOLERANCE * 100}% above the middle third's)`,
        flat,
        detail,
      );
    }

    // Extra: the report agrees with the database; the audit chain is intact after concurrent writers.
    {
      const live = apis.find((a) => a.exitAt === null);
      try {
        if (!live) throw new Error('no API process is running');
        const report = await must(live.target.call('GET', `/api/rounds/${roundId}/report`, secretary.token), 200, 'report');
        const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM comments WHERE round_id = $1 AND status = 'submitted'`, [roundId])).rows;
        // The sealer lives in the worker, SIGKILLed mid-run: the new worker's sealer must take over
        // without a gap or a duplicate (waiting up to 60 s for the last entries).
        const sealed = async () =>
          (
            await db.query(
              `SELECT count(*)::int AS entries, count(seq)::int AS sealed, count(DISTINCT seq)::int AS distinct_seqs,
                      coalesce(max(seq) + 1, 0)::int AS next_seq FROM audit_log`,
            )
          ).rows[0] as { entries: number; sealed: number; distinct_seqs: number; next_seq: number };
        let log = await sealed();
        for (const until = Date.now() + 60_000; log.sealed < log.entries && Date.now() < until; log = await sealed()) await sleep(500);
        const verify = await must(live.target.call('GET', '/api/audit/verify', adminToken, undefined, { timeoutMs: 120_000 }), 200, 'audit verify');
        const logOk = log.sealed === log.entries && log.distinct_seqs === log.entries && log.next_seq === log.entries && verify.checked === log.entries;
        check(
          'after the run, the report lists every submitted comment; every audit entry is sealed once, with no gap, across the sealer killed with the worker; the log verifies',
          report.totals.comments === n && report.rows.length === n && verify.ok === true && logOk,
          [
            `report: ${report.rows.length} rows, totals.comments ${report.totals.comments}; submitted comments in the database: ${n}`,
            `audit log: ${log.entries} entries, ${log.sealed} sealed, ${log.distinct_seqs} distinct indexes, next index ${log.next_seq}; verify: ok=${verify.ok}, ${verify.checked} entries checked, ${verify.checkpoints} checkpoints`,
          ],
        );
      } catch (err) {
        check('after the run, the report lists every submitted comment and the audit log is sealed once and verifies', false, [(err as Error).message]);
      }
    }

    // ---------------------------------------------------------------- figures
    const phases = [
      ...(WARMUP_MS ? [{ name: `0 warm-up        ${rel(tw).toFixed(0)}–0 s`, from: tw, to: t0 }] : []),
      { name: `1 baseline       0–${rel(tKill).toFixed(0)} s`, from: t0, to: tKill },
      { name: `2 worker killed  ${rel(tKill).toFixed(0)}–${rel(redisDown).toFixed(0)} s`, from: tKill, to: redisDown },
      { name: `3 Redis restart  ${rel(redisDown).toFixed(0)}–${rel(tTerm).toFixed(0)} s`, from: redisDown, to: tTerm },
      { name: `4 API 1 SIGTERM  ${rel(tTerm).toFixed(0)}–${rel(endAt).toFixed(0)} s`, from: tTerm, to: Infinity },
    ];
    const out: string[] = [];
    const print = (s = '') => out.push(s);
    print(`\nTimeline (seconds from the start of the measured run; the clients started ${WARMUP_MS / 1000} s before)`);
    for (const e of [...timeline].sort((a, b) => a.at - b.at)) print(`  ${rel(e.at).toFixed(2).padStart(7)}  ${e.what}`);

    const seconds = (loadEnd - t0) / 1000;
    const measured = records.filter((r) => r.start >= t0);
    print(
      `\nThroughput over the measured ${seconds.toFixed(1)} s (${measured.length} requests, ${(measured.length / seconds).toFixed(0)}/s; ${records.length - measured.length} more in the warm-up)`,
    );
    const tp: (string | number)[][] = [['endpoint', 'requests', '2xx', '2xx/s', 'on API 1', 'on API 2', 'p50', 'p99', 'max']];
    for (const ep of ENDPOINTS) {
      const rs = measured.filter((r) => r.ep === ep);
      if (!rs.length) continue;
      const lat = rs.filter((r) => r.status).map((r) => r.end - r.start);
      tp.push([
        ep,
        rs.length,
        rs.filter((r) => is2xx(r.status)).length,
        (rs.filter((r) => is2xx(r.status)).length / seconds).toFixed(1),
        rs.filter((r) => r.api === 1).length,
        rs.filter((r) => r.api === 2).length,
        fmt(percentile(lat, 0.5)),
        fmt(percentile(lat, 0.99)),
        fmt(Math.max(...lat)),
      ]);
    }
    print(table(tp));

    print('\nLatency and errors by phase (requests by start time; latency of answered requests)');
    const ph: (string | number)[][] = [
      ['phase', 'requests', 'req/s', 'p50', 'p99', 'comment p50', 'comment p99', 'report p50', 'report p99', '2xx', '4xx', '5xx', 'conn. errors'],
    ];
    for (const p of phases) {
      const rs = records.filter((r) => r.start >= p.from && r.start < p.to);
      const lat = (f: (r: Rec) => boolean) => rs.filter((r) => r.status && f(r)).map((r) => r.end - r.start);
      const span = (Math.min(p.to, loadEnd) - p.from) / 1000;
      const errs = rs.filter((r) => r.error);
      const codes = Object.entries(errs.reduce<Record<string, number>>((m, r) => ({ ...m, [r.error!]: (m[r.error!] ?? 0) + 1 }), {}))
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      ph.push([
        p.name,
        rs.length,
        (rs.length / span).toFixed(0),
        fmt(
          percentile(
            lat(() => true),
            0.5,
          ),
        ),
        fmt(
          percentile(
            lat(() => true),
            0.99,
          ),
        ),
        fmt(
          percentile(
            lat((r) => r.ep === 'POST comment'),
            0.5,
          ),
        ),
        fmt(
          percentile(
            lat((r) => r.ep === 'POST comment'),
            0.99,
          ),
        ),
        fmt(
          percentile(
            lat((r) => r.ep === 'GET report'),
            0.5,
          ),
        ),
        fmt(
          percentile(
            lat((r) => r.ep === 'GET report'),
            0.99,
          ),
        ),
        rs.filter((r) => is2xx(r.status)).length,
        rs.filter((r) => r.status >= 400 && r.status < 500).length,
        rs.filter((r) => r.status >= 500).length,
        errs.length ? `${errs.length} (${codes})` : 0,
      ]);
    }
    print(table(ph));
    const fourxx = records.filter((r) => r.status >= 400 && r.status < 500);
    if (fourxx.length) {
      const by = fourxx.reduce<Record<string, number>>((m, r) => ({ ...m, [`${r.ep} ${r.status}`]: (m[`${r.ep} ${r.status}`] ?? 0) + 1 }), {});
      print(
        `  4xx by endpoint: ${Object.entries(by)
          .map(([k, v]) => `${k} ×${v}`)
          .join(', ')}`,
      );
    }

    // Deliveries: when each event's last notification and e-mail were done.
    const lagRows: { id: string; type: string; created: number; done: number | null; relayed: number | null }[] = (
      await db.query(
        `SELECT o.id::text, o.type, extract(epoch from o.created_at) * 1000 AS created, extract(epoch from o.relayed_at) * 1000 AS relayed,
                extract(epoch from greatest((SELECT max(created_at) FROM notifications n WHERE n.event_key = 'event-' || o.id),
                                            (SELECT max(sent_at) FROM emails e WHERE e.event_key = 'event-' || o.id))) * 1000 AS done
         FROM outbox_events o WHERE o.created_at >= $1 ORDER BY o.id`,
        [new Date(t0)],
      )
    ).rows.map((r: { id: string; type: string; created: string; done: string | null; relayed: string | null }) => ({
      id: r.id,
      type: r.type,
      created: Number(r.created),
      done: r.done === null ? null : Number(r.done),
      relayed: r.relayed === null ? null : Number(r.relayed),
    }));
    const lagOf = (from: number, to: number) => lagRows.filter((r) => r.created >= from && r.created < to && r.done !== null).map((r) => r.done! - r.created);
    print('\nNotification delivery (outbox event written → last in-app notification and e-mail done), by time the event was written');
    const lg: (string | number)[][] = [['written at', 'events', 'p50', 'max']];
    for (let s = 0; s * 5000 < DURATION_MS; s++) {
      const l = lagOf(t0 + s * 5000, t0 + (s + 1) * 5000);
      lg.push([`${s * 5}–${s * 5 + 5} s`, l.length, fmt(percentile(l, 0.5)), fmt(l.length ? Math.max(...l) : NaN)]);
    }
    print(table(lg));

    print('\nRecovery after each fault');
    {
      // What BullMQ did with the jobs: taken over after the SIGKILL (stalled), retried after the Redis restart.
      const jobs = await within(10_000, queues.notifications.getJobs(['completed'], 0, -1)).catch(() => []);
      const stalled = jobs.filter((j) => j.stalledCounter > 0);
      const retried = jobs.filter((j) => j.attemptsMade > 1);
      print(
        `  notification jobs completed: ${jobs.length}; taken over from a dead worker (stalled): ${stalled.length}; retried after a failed attempt: ${retried.length}${retried.length ? ` (${[...new Set(retried.map((j) => (j.failedReason ?? '').slice(0, 80)))].join(' | ')})` : ''}`,
      );
    }
    const base = lagOf(t0, tKill);
    print(
      `  baseline: delivery p50 ${fmt(percentile(base, 0.5))}, max ${fmt(base.length ? Math.max(...base) : NaN)}; request p99 ${fmt(
        percentile(
          records.filter((r) => r.start < tKill && r.status).map((r) => r.end - r.start),
          0.99,
        ),
      )}`,
    );
    const caughtUp = (from: number, to: number) => {
      const rs = lagRows.filter((r) => r.created >= from && r.created <= to);
      if (!rs.length) return 'no event written in that window';
      if (rs.some((r) => r.done === null)) return `${rs.filter((r) => r.done === null).length} of ${rs.length} events never delivered`;
      return `${rs.length} events written in that window all delivered ${sec(Math.max(...rs.map((r) => r.done!)) - from)} after the fault`;
    };
    const p99After = (from: number) =>
      fmt(
        percentile(
          records.filter((r) => r.start >= from && r.start < from + 5000 && r.status).map((r) => r.end - r.start),
          0.99,
        ),
      );
    const healthAllOk = (after: number) => samples.find((s) => s.at >= after && s.health.every((h) => h === 200 || h === 'exited'))?.at;
    print(
      `  worker SIGKILL at ${rel(tKill).toFixed(1)} s: worker 2 ready after ${sec(w2Ready - tKill)} (${sec(w2Ready - workers[1].startAt)} to boot); first outbox event relayed after the kill: ${(() => {
        const after = lagRows.filter((r) => r.relayed !== null && r.relayed > tKill).map((r) => r.relayed!);
        return after.length ? `${sec(Math.min(...after) - tKill)} after it` : 'none';
      })()}; ${caughtUp(tKill - 2000, w2Ready)}; request p99 in the next 5 s ${p99After(tKill)}`,
    );
    const afterRedis = healthAllOk(redisUp);
    print(
      `  Redis down ${rel(redisDown).toFixed(1)}–${rel(redisUp).toFixed(1)} s: /api/health 200 again on every API ${afterRedis ? `${sec(afterRedis - redisUp)} after Redis was back` : 'never'}; ${caughtUp(redisDown - 2000, redisUp + 1000)}; request p99 in the next 5 s ${p99After(redisDown)}; HTTP errors in that phase: ${records.filter((r) => r.start >= redisDown && r.start < tTerm && (r.error || r.status >= 500)).length}`,
    );
    const lastErr1 = records.filter((r) => r.start >= tTerm && r.error).map((r) => r.end);
    print(
      `  API 1 SIGTERM at ${rel(tTerm).toFixed(1)} s: exited ${sec(tExit - tTerm)} later with code ${apis[0].exitCode}; ${movedAt[1].length} clients refused a connection and moved to API 2, the first ${movedAt[1].length ? sec(Math.min(...movedAt[1]) - tTerm) : '—'} and the last ${movedAt[1].length ? sec(Math.max(...movedAt[1]) - tTerm) : '—'} after SIGTERM; last connection error ${lastErr1.length ? `${sec(Math.max(...lastErr1) - tTerm)}` : '—'} after SIGTERM; request p99 in the next 5 s ${p99After(tTerm)}; ${caughtUp(tTerm - 2000, tExit)}`,
    );

    print('\nPipeline and health, every 5 s (unrelayed outbox events, pending e-mails, notification jobs queued, /api/health of API 1 and 2, load average)');
    const pl: (string | number)[][] = [['t', 'unrelayed', 'pending e-mails', 'jobs queued', 'API 1 health', 'API 2 health', 'load avg']];
    for (const s of samples.filter((_, i) => i % 5 === 0))
      pl.push([`${rel(s.at).toFixed(0)} s`, s.unrelayed, s.pendingEmails, s.queued ?? 'Redis down', s.health[0], s.health[1], s.load.toFixed(2)]);
    print(table(pl));
    const downSamples = samples.filter((s) => s.health.some((h) => h !== 200 && h !== 'exited'));
    if (downSamples.length) print(`  health not 200 at: ${downSamples.map((s) => `${rel(s.at).toFixed(0)} s [${s.health.join('/')}]`).join(', ')}`);

    print(
      `\nMemory (RSS in MB, process and its children, every 5 s; negative times: warm-up; judged from 0 s to the end of the load at ${rel(loadEnd).toFixed(0)} s)`,
    );
    const names = Object.keys(memoryOf());
    const mem: (string | number)[][] = [['t', ...names]];
    for (const m of memory) mem.push([`${rel(m.at).toFixed(0)} s`, ...names.map((n) => (m.kb[n] == null ? '—' : (m.kb[n]! / 1024).toFixed(1)))]);
    print(table(mem));
    print(
      `\nMachine: ${cpus().length} cores shared with other work; load average (1/5/15 min) ${loadAtEnd.map((x) => x.toFixed(2)).join(' / ')} at the end; peak 1-min load during the run ${Math.max(...samples.map((s) => s.load)).toFixed(2)}`,
    );
    console.log(out.join('\n'));

    console.log('\nChecks');
    for (const c of checks) {
      console.log(`${c.pass ? 'PASS' : 'FAIL'}  ${c.name}`);
      for (const d of c.detail) console.log(`        ${d}`);
    }
    writeFileSync(join(artifacts, 'requests.json'), JSON.stringify(records.map((r) => ({ ...r, start: r.start - t0, end: r.end - t0 }))));
    console.log(`\nEvery request (time, process, status, latency, error) and the process logs: ${artifacts}`);
    const failed = checks.filter((c) => !c.pass);
    console.log(failed.length ? `\n${failed.length} of ${checks.length} checks FAILED` : `\nall ${checks.length} checks passed`);
    if (failed.length) process.exitCode = 1;
  } finally {
    for (const [i, p] of procs.entries()) writeFileSync(join(artifacts, `process-${i + 1}-${p.child.pid}.log`), p.output());
    await cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // Nothing of ours should keep the process alive; if something does, do not hang.
    setTimeout(() => process.exit(process.exitCode ?? 0), 5000).unref();
  }
}
