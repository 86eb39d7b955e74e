/**
 * Notifications benchmark (issues 4 and 16): a round opened to 100 agencies × 5 users. Measures the
 * time from the POST that opens the round until all 500 in-app notifications are written and all 500
 * e-mails have been received by an SMTP server, against the baseline measured in the same run:
 * nodemailer's own pooled transport (5 connections, as the app's) sending the same 500 messages (the
 * rows the app wrote: same recipients, subjects and bodies) to the same SMTP server, with no queue and
 * no database, run right before or after each app run (in turn). Goal: ≤ 1.3× the baseline. 500 and
 * 1,000 bare BullMQ jobs (addBulk + a no-op Worker of the same concurrency) are printed for reference,
 * and the SQL statements and Redis commands the app sends for the delivery (counts move far less with
 * the machine's load than times do).
 *
 * Then a day of 400 decisions on one agency's comments (bench/support/decision-day.ts, time running
 * 60× faster, so NOTIFY_DIGEST_SECONDS=10 stands for the default 600 s): how many e-mails reach that
 * agency (goal: a handful per person, not 400).
 *
 *   npm run bench -- notifications          (BENCH_RUNS=7 by default; BENCH_AGENCIES, BENCH_USERS;
 *                                             BENCH_DAY=off to skip the day; BENCH_DAY_SITTINGS=4, BENCH_DAY_GAP_S=15, BENCH_DAY_BREAK_S=1200, BENCH_DAY_SCALE=60)
 *
 * It needs PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres, where it
 * creates and drops its own database) and Redis (REDIS_URL or TEST_REDIS_URL, default
 * redis://127.0.0.1:6379, under a prefix of its own that it deletes afterwards).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Queue, Worker } from 'bullmq';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { redisOptions } from '../src/queue/redis-connection';
import { freePort } from '../test/support/processes';
import { decisionDay } from './support/decision-day';
import { cpuSince, serverCpuMs } from './support/server-cpu';
import { WireCounts } from './support/wire-counts';
import { BENCH_ADMIN, BENCH_PASSWORD as PASSWORD, BenchApp, http, median, must, REDIS_URL, startBenchApp, until } from './support/bench-app';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const AGENCIES = Number(process.env.BENCH_AGENCIES ?? 100);
const USERS_PER_AGENCY = Number(process.env.BENCH_USERS ?? 5);
const RECIPIENTS = AGENCIES * USERS_PER_AGENCY;
const GOAL = 1.3;
/** Time runs this much faster in the day of decisions (BENCH_DAY_SCALE, a divisor of 600): at 60 the app's 10 s window stands for 600 s. */
const DAY_SCALE = Number(process.env.BENCH_DAY_SCALE ?? 60);
if (!Number.isInteger(600 / DAY_SCALE)) throw new Error('BENCH_DAY_SCALE must divide 600');
/** BENCH_DAY=off: only the round of 500 e-mails (A/B runs of the throughput), not the day of decisions. */
const SKIP_DAY = process.env.BENCH_DAY === 'off';
/** BENCH_PROFILE=file.cpuprofile: a CPU profile of the measured app runs only (open it in Chrome DevTools). */
const PROFILE = process.env.BENCH_PROFILE;

const ms = (x: number) => `${x.toFixed(0)} ms`;
/** The servers on the same cores whose CPU time a run's time includes (bench/support/server-cpu.ts). */
const SERVERS = ['postgres', 'redis-server'] as const;

/**
 * An SMTP server that only counts: recipients from the envelope, no MIME parsing, so that the
 * server (on the same event loop as the app) costs as little as a real relay would cost the app.
 */
class CountingSink {
  private server!: SMTPServer;
  port = 0;
  /** Messages per recipient since the last reset. */
  perRecipient = new Map<string, number>();
  received = 0;
  firstAt = 0;
  lastAt = 0;
  private target = Infinity;
  private done: (() => void) | null = null;

  async start(): Promise<void> {
    this.port = await freePort();
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        stream.on('data', () => undefined);
        stream.on('end', () => {
          for (const r of session.envelope.rcptTo) this.perRecipient.set(r.address, (this.perRecipient.get(r.address) ?? 0) + 1);
          this.received++;
          this.lastAt = performance.now();
          if (this.received === 1) this.firstAt = this.lastAt;
          if (this.received >= this.target) this.done?.();
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Resets the counters; resolves when `target` messages have arrived. */
  expect(target: number, timeoutMs: number): Promise<void> {
    this.perRecipient = new Map();
    this.received = 0;
    this.target = target;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${this.received}/${target} e-mails after ${timeoutMs} ms`)), timeoutMs);
      this.done = () => {
        clearTimeout(timer);
        this.done = null;
        resolve();
      };
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export async function main(): Promise<void> {
  const sink = new CountingSink();
  let bench: BenchApp | null = null;
  const bare: { queue?: Queue; worker?: Worker } = {};

  try {
    await sink.start();
    // The real application, as main.ts boots it, workers in the same process (the default).
    bench = await startBenchApp({ SMTP_URL: sink.url, NOTIFY_DIGEST_SECONDS: String(600 / DAY_SCALE), WRITE_RATE_LIMIT: '1000000' });
    const { base, db, login, prefix, config } = bench;

    // People: a secretary through the API; 100 agencies × 5 users straight into the tables (hashing
    // 500 passwords is not what is measured).
    const adminToken = await login(BENCH_ADMIN.email, BENCH_ADMIN.password);
    await must(
      http(base, 'POST', '/api/users', adminToken, { email: 'bientap@bench.vn', fullName: 'Trần Thị Thu Hà', password: PASSWORD, role: 'secretariat' }),
      201,
      'secretary',
    );
    const secretary = await login('bientap@bench.vn', PASSWORD);
    const agencyIds: string[] = (
      await db.query(`INSERT INTO agencies (code, name) SELECT 'BENCH' || i, 'Sở thử nghiệm số ' || i FROM generate_series(1, $1::int) i RETURNING id`, [
        AGENCIES,
      ])
    ).map((r: { id: string }) => r.id);
    await db.query(
      `INSERT INTO users (email, full_name, password_hash, role, agency_id)
       SELECT 'u' || u || '-' || a.code || '@bench.vn', 'Chuyên viên ' || u || ' ' || a.name, s.password_hash, 'agency', a.id
       FROM agencies a, generate_series(1, $1::int) u, (SELECT password_hash FROM users WHERE email = 'bientap@bench.vn') s`,
      [USERS_PER_AGENCY],
    );

    const settled = () =>
      until(
        async () => {
          const [row] = await db.query(
            `SELECT (SELECT count(*) FROM outbox_events WHERE relayed_at IS NULL)::int AS unrelayed, (SELECT count(*) FROM emails WHERE status = 'pending')::int AS pending`,
          );
          return row.unrelayed === 0 && row.pending === 0;
        },
        60_000,
        'the app to settle',
      );

    interface AppRun {
      total: number;
      post: number;
      relayed: number;
      dispatched: number;
      firstMail: number;
      lastMail: number;
      /** The event key of its e-mail rows. */
      key: string;
      /** All in-app notifications readable. */
      inApp: number;
      /** CPU time of this process (app, workers and sink) during the run, and of PostgreSQL and Redis. */
      cpu: number;
      pgCpu: number;
      redisCpu: number;
      /** SQL statements and Redis commands the app sent for it, from the POST until every e-mail is marked sent. */
      sql: number;
      redis: number;
    }
    const wire = new WireCounts();
    const profiler = new Session();
    const profiles: unknown[] = [];
    let profiling = false;
    let planNo = 0;
    const appRun = async (): Promise<AppRun> => {
      planNo++;
      const plan = await must(
        http(base, 'POST', '/api/plans', secretary, {
          title: `Đề án đo hiệu năng số ${planNo}`,
          kind: 'Đề án',
          sections: [{ heading: 'Phần I', body: 'Nội dung.' }],
        }),
        201,
        'plan',
      );
      await must(http(base, 'POST', `/api/plans/${plan.id}/versions`, secretary, { note: 'Dự thảo lần 1' }), 201, 'version');
      await settled();
      const arrived = sink.expect(RECIPIENTS, 120_000);
      if (profiling) await profiler.post('Profiler.start');
      const servers0 = serverCpuMs(SERVERS);
      const cpu0 = process.cpuUsage();
      const wall0 = Date.now();
      // The benchmark's own statements while counting (its polls), taken off the count.
      let own = 0;
      wire.start();
      const t0 = performance.now();
      const round = await must(
        http(base, 'POST', `/api/plans/${plan.id}/rounds`, secretary, {
          title: 'Lấy ý kiến',
          versionNumber: 1,
          deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
          agencyIds,
        }),
        201,
        'open round',
      );
      const post = performance.now() - t0;
      // When all 500 in-app notifications are readable (polled every 5 ms: a few cheap queries).
      let inApp = NaN;
      for (;;) {
        own++;
        const [{ n }] = await db.query(
          `SELECT count(*)::int AS n FROM notifications WHERE event_key = (SELECT 'event-' || id FROM outbox_events WHERE type = 'round.opened' AND payload->>'roundId' = $1)`,
          [round.id],
        );
        if (n >= RECIPIENTS) {
          inApp = performance.now() - t0;
          break;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      await arrived;
      const total = sink.lastAt - t0;
      const cpu = process.cpuUsage(cpu0);
      const servers = cpuSince(servers0);
      if (profiling) profiles.push((await profiler.post('Profiler.stop')).profile);
      // Check: every recipient once, 500 notifications of this event, 500 e-mails sent.
      own++;
      const [event] = await db.query(`SELECT id, relayed_at FROM outbox_events WHERE type = 'round.opened' AND payload->>'roundId' = $1`, [round.id]);
      const key = `event-${event.id}`;
      await until(
        async () => {
          own++;
          return (await db.query(`SELECT count(*)::int AS n FROM emails WHERE event_key = $1 AND status = 'sent'`, [key]))[0].n === RECIPIENTS;
        },
        30_000,
        'the e-mails to be marked sent',
      );
      const counted = wire.stop();
      const [n] = await db.query(`SELECT count(*)::int AS n, min(created_at) AS at FROM notifications WHERE event_key = $1`, [key]);
      if (n.n !== RECIPIENTS) throw new Error(`${n.n} notifications instead of ${RECIPIENTS}`);
      if (sink.perRecipient.size !== RECIPIENTS || [...sink.perRecipient.values()].some((c) => c !== 1)) throw new Error('an e-mail was lost or doubled');
      return {
        total,
        post,
        relayed: (event.relayed_at as Date).getTime() - wall0,
        dispatched: (n.at as Date).getTime() - wall0,
        inApp,
        firstMail: sink.firstAt - t0,
        lastMail: total,
        key,
        cpu: (cpu.user + cpu.system) / 1000,
        pgCpu: servers.postgres,
        redisCpu: servers['redis-server'],
        sql: counted.sql - own,
        redis: counted.redis,
      };
    };

    // The baseline: a Worker like the app's (same concurrency, lock, prefix style, job options) doing nothing.
    const bareName = 'bare';
    bare.queue = new Queue(bareName, {
      connection: redisOptions(REDIS_URL),
      prefix,
      defaultJobOptions: {
        attempts: config.jobAttempts,
        backoff: { type: 'exponential', delay: config.jobBackoffMs },
        removeOnComplete: { age: 86_400, count: 100_000 },
        removeOnFail: false,
      },
    });
    let completed = 0;
    let target = Infinity;
    let onDone: (() => void) | null = null;
    bare.worker = new Worker(bareName, async () => undefined, {
      connection: redisOptions(REDIS_URL),
      prefix,
      concurrency: config.workerConcurrency,
      lockDuration: config.jobLockMs,
      stalledInterval: config.jobLockMs,
      maxStalledCount: 3,
    });
    bare.worker.on('completed', () => {
      if (++completed >= target) onDone?.();
    });
    await bare.worker.waitUntilReady();
    let bareNo = 0;
    const bareRun = async (count: number): Promise<number> => {
      bareNo++;
      completed = 0;
      target = count;
      const done = new Promise<void>((resolve) => (onDone = resolve));
      const t0 = performance.now();
      await bare.queue!.addBulk(
        Array.from({ length: count }, (_, i) => ({ name: 'noop', data: { emailId: `${bareNo}-${i}` }, opts: { jobId: `bare-${bareNo}-${i}` } })),
      );
      await done;
      return performance.now() - t0;
    };

    // The baseline: the same e-mails (the rows an app run wrote) straight through nodemailer's pool of 5
    // connections to the same sink, no queue and no database: what SMTP alone costs.
    const transport = nodemailer.createTransport({ url: sink.url, pool: true, maxConnections: 5 }, { from: config.mailFrom });
    let sameMessages: { to_address: string; subject: string; text_body: string; html_body: string }[] = [];
    let smtpNo = 0;
    interface SmtpRun {
      total: number;
      firstMail: number;
      /** CPU time of this process (nodemailer and the sink) during the run. */
      cpu: number;
    }
    const smtpRun = async (): Promise<SmtpRun> => {
      smtpNo++;
      const arrived = sink.expect(sameMessages.length, 60_000);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await Promise.all(
        sameMessages.map((m, i) =>
          transport.sendMail({ to: m.to_address, subject: m.subject, text: m.text_body, html: m.html_body, messageId: `<smtp-${smtpNo}-${i}@duthao>` }),
        ),
      );
      await arrived;
      const cpu = process.cpuUsage(cpu0);
      return { total: sink.lastAt - t0, firstMail: sink.firstAt - t0, cpu: (cpu.user + cpu.system) / 1000 };
    };

    console.log(`notifications benchmark: a round opened to ${AGENCIES} agencies × ${USERS_PER_AGENCY} users = ${RECIPIENTS} recipients`);
    console.log(`  worker concurrency ${config.workerConcurrency}, SMTP pool of 5 connections, ${RUNS} runs after one warm-up, medians`);
    // Warm-up (JIT, connection pools, prepared statements), not counted.
    await bareRun(RECIPIENTS);
    const warm = await appRun();
    sameMessages = await db.query('SELECT to_address, subject, text_body, html_body FROM emails WHERE event_key = $1 ORDER BY to_address', [warm.key]);
    await smtpRun();

    if (PROFILE) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
      profiling = true;
    }
    const apps: AppRun[] = [];
    const bares: number[] = [];
    const bares2x: number[] = [];
    const smtps: SmtpRun[] = [];
    const load0 = loadavg()[0];
    for (let i = 0; i < RUNS; i++) {
      bares.push(await bareRun(RECIPIENTS));
      bares2x.push(await bareRun(2 * RECIPIENTS));
      // The app and its baseline back to back, in turn first, so that both meet the same moment of the
      // machine and neither always follows the other's garbage.
      if (i % 2 === 0) {
        apps.push(await appRun());
        smtps.push(await smtpRun());
      } else {
        smtps.push(await smtpRun());
        apps.push(await appRun());
      }
      console.log(
        `  run ${i + 1}: app ${ms(apps[i].total)} (CPU ${ms(apps[i].cpu)}, PostgreSQL ${ms(apps[i].pgCpu)}), bare ${RECIPIENTS} jobs ${ms(bares[i])}, bare ${2 * RECIPIENTS} jobs ${ms(bares2x[i])}, ${RECIPIENTS} e-mails by SMTP alone ${ms(smtps[i].total)} (CPU ${ms(smtps[i].cpu)})`,
      );
    }
    transport.close();
    const appMedian = median(apps.map((a) => a.total));
    const bareMedian = median(bares);
    const smtpMedian = median(smtps.map((r) => r.total));
    const ratio = appMedian / smtpMedian;
    const pairedRatio = median(apps.map((a, i) => a.total / smtps[i].total));
    console.log('');
    console.log(`  app: POST → ${RECIPIENTS} in-app notifications + ${RECIPIENTS} e-mails received   median ${ms(appMedian)}`);
    console.log(
      `      (POST answered +${ms(median(apps.map((a) => a.post)))}, event relayed +${ms(median(apps.map((a) => a.relayed)))}, ` +
        `dispatch started +${ms(median(apps.map((a) => a.dispatched)))}, all in-app notifications readable +${ms(median(apps.map((a) => a.inApp)))}, first e-mail +${ms(median(apps.map((a) => a.firstMail)))}, last e-mail +${ms(median(apps.map((a) => a.lastMail)))})`,
    );
    console.log(
      `      (CPU time of the process during the run: median ${ms(median(apps.map((a) => a.cpu)))}, app, workers and SMTP sink together; PostgreSQL ${ms(median(apps.map((a) => a.pgCpu)))}, Redis ${ms(median(apps.map((a) => a.redisCpu)))})`,
    );
    console.log(
      `      (the app's work for it, POST to the last e-mail marked sent: median ${median(apps.map((a) => a.sql)).toFixed(0)} SQL statements and ${median(apps.map((a) => a.redis)).toFixed(0)} Redis commands)`,
    );
    if (PROFILE) {
      writeFileSync(PROFILE, JSON.stringify(profiles[Math.floor(profiles.length / 2)]));
      console.log(`      (CPU profile of run ${Math.floor(profiles.length / 2) + 1} written to ${PROFILE})`);
      profiler.disconnect();
    }
    console.log(`  baseline: the same ${RECIPIENTS} e-mails through nodemailer's pool alone, no queue, no database   median ${ms(smtpMedian)}`);
    console.log(
      `      (first e-mail +${ms(median(smtps.map((r) => r.firstMail)))}; CPU time of the process during the baseline: median ${ms(median(smtps.map((r) => r.cpu)))}, nodemailer and the SMTP sink)`,
    );
    console.log(`  (for reference: ${RECIPIENTS} bare BullMQ jobs, addBulk + no-op Worker                 median ${ms(bareMedian)})`);
    console.log(`  (for reference: ${2 * RECIPIENTS} bare jobs, one per notification and per e-mail      median ${ms(median(bares2x))})`);
    console.log(`  ratio: ${ratio.toFixed(2)}× nodemailer's own pooled send; goal ≤ ${GOAL}×: ${ratio <= GOAL ? 'met' : 'MISSED'}`);
    console.log(
      `  (each run's app over the baseline run next to it: median ${pairedRatio.toFixed(2)}×, runs ${apps.map((a, i) => (a.total / smtps[i].total).toFixed(2)).join(', ')})`,
    );
    console.log(
      `  (in-app notifications alone: ${(median(apps.map((a) => a.inApp)) / smtpMedian).toFixed(2)}× the baseline; the app over the bare queue: ${(appMedian / bareMedian).toFixed(2)}×)`,
    );

    if (SKIP_DAY) {
      console.log(`  (the day of decisions skipped: BENCH_DAY=off; load average ${load0.toFixed(2)} at the start and ${loadavg()[0].toFixed(2)} at the end)`);
      return;
    }
    const day = {
      decisions: 400,
      sittings: Number(process.env.BENCH_DAY_SITTINGS ?? 4),
      gapS: Number(process.env.BENCH_DAY_GAP_S ?? 15),
      breakS: Number(process.env.BENCH_DAY_BREAK_S ?? 1200),
      scale: DAY_SCALE,
    };
    const dayResult = await decisionDay(bench, secretary, agencyIds[0], (addresses) => addresses.reduce((n, a) => n + (sink.perRecipient.get(a) ?? 0), 0), day);
    console.log('');
    console.log(
      `  a day of ${day.decisions} decisions on one agency's comments (${day.sittings} sittings, one every ${day.gapS} s, ${day.breakS} s apart; window 600 s, time ${DAY_SCALE}× faster, ${dayResult.wallS.toFixed(0)} s real):`,
    );
    console.log(
      `    ${dayResult.emails} e-mails to the agency's ${dayResult.people} people (${dayResult.emailsPerPerson.toFixed(1)} each; one per decision would be ${day.decisions} each), ${dayResult.notices} in-app notices`,
    );
    console.log(
      `  machine: ${cpus().length} cores, load average ${load0.toFixed(2)} at the start and ${loadavg()[0].toFixed(2)} at the end of the runs (other work on the machine skews the figures)`,
    );
  } finally {
    await bare.worker?.close().catch(() => undefined);
    await bare.queue?.obliterate({ force: true }).catch(() => undefined);
    await bare.queue?.close().catch(() => undefined);
    await bench?.close();
    await sink.close().catch(() => undefined);
  }
}
