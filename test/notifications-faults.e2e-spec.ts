import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { ConfigValues } from '../src/config/env.schema';
import { RoundsService } from '../src/consultation/rounds.service';
import { jobId } from '../src/queue/queues';
import { Proc, runNode } from './support/processes';
import { TestRedis } from './support/redis-server';
import { eventually, ReceivedMail, SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';
import { DAY } from './support/test-clock';
import { AgencyWithUser, as, buildWorld, login, PASSWORD, Person, SECTIONS, World } from './support/world';

/**
 * Issue 4, "never lost, never doubled", against real processes: a Redis of the test's own that is
 * stopped and started again, worker processes that are killed or told to stop, a real SMTP server
 * that holds, refuses or accepts messages. Nothing is mocked.
 */
describe('notifications under faults', () => {
  /** Undone after each test, last first (processes, apps, sinks, Redis), whatever the outcome. */
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
  });

  async function startRedis(): Promise<TestRedis> {
    const redis = await TestRedis.start();
    cleanups.push(() => redis.stop());
    return redis;
  }

  async function startSink(): Promise<SmtpSink> {
    const sink = await SmtpSink.start();
    cleanups.push(() => sink.close());
    return sink;
  }

  async function startApp(redis: TestRedis, sink: SmtpSink, overrides: Partial<ConfigValues>): Promise<TestApp> {
    // The default job lock (30 s): on a busy machine a short one lapses while a job runs, and the
    // job is run twice (at least once is what BullMQ promises), which these tests would count.
    const t = await startTestApp({ redisUrl: redis.url, smtpUrl: sink.url, outboxPollMs: 200, jobBackoffMs: 100, ...overrides });
    cleanups.push(() => t.close());
    return t;
  }

  /** The environment of a `node dist/worker.js` on the test app's database, Redis and queue prefix. */
  function workerEnv(t: TestApp, sink: SmtpSink, extra: Record<string, string> = {}): Record<string, string> {
    return {
      NODE_ENV: 'test',
      DATABASE_URL: t.databaseUrl,
      REDIS_URL: t.config.redisUrl,
      QUEUE_PREFIX: t.config.queuePrefix,
      SMTP_URL: sink.url,
      JWT_SECRET: t.config.jwtSecret!,
      PUBLIC_URL: t.config.publicUrl,
      JOB_BACKOFF_MS: '100',
      OUTBOX_POLL_MS: '200',
      NOTIFY_DIGEST_SECONDS: '1',
      ...extra,
    };
  }

  const running = (p: Proc) => p.child.exitCode === null && p.child.signalCode === null;

  /** Starts a worker process and waits until its consumers and relay run. */
  async function startWorker(env: Record<string, string>): Promise<Proc> {
    const proc = runNode('worker.js', env);
    cleanups.push(async () => {
      if (running(proc)) {
        proc.child.kill('SIGKILL');
        await proc.exited;
      }
    });
    await eventually(
      async () => {
        if (!running(proc)) throw new Error(`the worker exited before it was ready:\n${proc.output()}`);
        return proc.output().includes('duthao worker is running');
      },
      30_000,
      'the worker to start',
    );
    return proc;
  }

  const queueOf = (t: TestApp, name = 'notifications') => t.app.get<Queue>(getQueueToken(name));

  /** No outbox event, dispatch or e-mail left in flight. */
  const settled = (t: TestApp, timeoutMs = 30_000) =>
    eventually(
      async () => {
        const [row] = await t.db.query(
          `SELECT (SELECT count(*) FROM outbox_events WHERE relayed_at IS NULL)::int AS unrelayed,
                  (SELECT count(*) FROM emails WHERE status = 'pending')::int AS pending`,
        );
        if (row.unrelayed || row.pending) return false;
        const c = await queueOf(t).getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        return c.waiting + c.active + c.delayed + c.prioritized === 0;
      },
      timeoutMs,
      'deliveries to settle',
    );

  const tally = <T>(items: T[], key: (x: T) => string): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const x of items) out[key(x)] = (out[key(x)] ?? 0) + 1;
    return out;
  };
  const perAddress = (mails: ReceivedMail[]) =>
    tally(
      mails.flatMap((m) => m.to),
      (a) => a,
    );
  const ones = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, 1]));

  /** A user of the agency, beside the one buildWorld made. */
  async function addAgencyUser(w: World, agency: AgencyWithUser, n: number): Promise<Person> {
    const email = `nguoi${n}-${agency.code.toLowerCase()}@test.vn`;
    const res = await as(w.t, w.admin.token).post('/api/users', {
      email,
      fullName: `Cán bộ ${n} của ${agency.name}`,
      password: PASSWORD,
      role: 'agency',
      agencyId: agency.id,
    });
    if (res.status !== 201) throw new Error(`create user: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id, email, token: await login(w.t, email, PASSWORD) };
  }

  async function addSecretariat(w: World, n: number): Promise<Person> {
    const email = `bientap${n}-${w.agencies[0].code.toLowerCase()}@test.vn`;
    const res = await as(w.t, w.admin.token).post('/api/users', { email, fullName: `Biên tập viên ${n}`, password: PASSWORD, role: 'secretariat' });
    if (res.status !== 201) throw new Error(`create user: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id, email, token: await login(w.t, email, PASSWORD) };
  }

  /** A plan with version 1 frozen, drafted by `by`. */
  async function plan(t: TestApp, by: Person, title: string): Promise<string> {
    const s = as(t, by.token);
    const created = await s.post('/api/plans', { title, kind: 'Đề án', sections: SECTIONS });
    if (created.status !== 201) throw new Error(`create plan: ${created.status} ${JSON.stringify(created.body)}`);
    const frozen = await s.post(`/api/plans/${created.body.id}/versions`, { note: 'Dự thảo lần 1' });
    if (frozen.status !== 201) throw new Error(`freeze: ${frozen.status} ${JSON.stringify(frozen.body)}`);
    return created.body.id;
  }

  const openRound = (t: TestApp, by: Person, planId: string, agencies: AgencyWithUser[]) =>
    as(t, by.token).post(`/api/plans/${planId}/rounds`, {
      title: 'Lấy ý kiến dự thảo',
      versionNumber: 1,
      deadline: new Date(t.clock.now().getTime() + 7 * DAY).toISOString(),
      agencyIds: agencies.map((a) => a.id),
    });

  /** E-mail row ids by their Message-ID, as the mailer writes it. */
  const emailIdOf = (m: ReceivedMail) => /^<(.+)@duthao>$/.exec(m.messageId)?.[1] ?? m.messageId;

  /** The job that sends an e-mail row: its delivery's batch (`send-emails`). */
  const jobOf = async (t: TestApp, emailId: string): Promise<Job> => {
    const [e]: { event_key: string; batch: number }[] = await t.db.query('SELECT event_key, batch FROM emails WHERE id = $1', [emailId]);
    return (await queueOf(t).getJob(jobId.emails(e.event_key, e.batch)))!;
  };

  it('keeps the events while Redis is down: a change written meanwhile keeps its event, and after Redis returns every invited user hears once, in the app and by e-mail', async () => {
    const redis = await startRedis();
    const sink = await startSink();
    const t = await startApp(redis, sink, { workers: true });
    const w = await buildWorld(t, 3);
    const invited: Person[] = [];
    for (const a of w.agencies) invited.push(a.user, await addAgencyUser(w, a, 2), await addAgencyUser(w, a, 3));
    const planId = await plan(t, w.secretariat, 'Đề án Redis vắng mặt');
    expect((await t.http.get('/api/health')).body).toEqual({ status: 'ok', database: 'up', redis: 'up' });

    await redis.down();
    await eventually(
      async () => {
        const res = await t.http.get('/api/health');
        return res.status === 503 && res.body.redis === 'down' && res.body.database === 'up';
      },
      10_000,
      '/api/health to report Redis down',
    );

    // The API itself refuses changes while Redis is away (its write rate limit fails closed)...
    expect((await openRound(t, w.secretariat, planId, w.agencies)).status).toBe(503);
    // ...but a change that gets written meanwhile (a request accepted just before Redis went, the CLI)
    // writes its event in the same transaction; here through the service, as the API would.
    const me = (await as(t, w.secretariat.token).get('/api/me')).body;
    await t.app.get(RoundsService).open(me, planId, {
      title: 'Lấy ý kiến dự thảo',
      versionNumber: 1,
      deadline: new Date(t.clock.now().getTime() + 7 * DAY).toISOString(),
      agencyIds: w.agencies.map((a) => a.id),
    });
    // The relay tries (every 200 ms) and fails a few times; the event waits in PostgreSQL, nothing is delivered.
    await new Promise((r) => setTimeout(r, 800));
    const [waiting] = await t.db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE relayed_at IS NULL AND type = 'round.opened'`);
    expect(waiting.n).toBe(1);
    expect((await t.db.query('SELECT count(*)::int AS n FROM notifications'))[0].n).toBe(0);
    const down = await t.http.get('/api/health');
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: 'degraded', database: 'up', redis: 'down' });

    await redis.up();
    await eventually(async () => (await t.http.get('/api/health')).status === 200, 10_000, '/api/health to report Redis up');
    expect((await t.http.get('/api/health')).body).toEqual({ status: 'ok', database: 'up', redis: 'up' });

    await eventually(async () => sink.received.length >= invited.length, 30_000, 'the e-mails after Redis came back');
    await settled(t);
    const notified: { user_id: string; kind: string; n: number }[] = await t.db.query(
      `SELECT user_id, kind, count(*)::int AS n FROM notifications GROUP BY user_id, kind`,
    );
    expect(Object.fromEntries(notified.map((r) => [`${r.user_id} ${r.kind}`, r.n]))).toEqual(ones(invited.map((p) => `${p.id} round_opened`)));
    expect(perAddress(sink.received)).toEqual(ones(invited.map((p) => p.email)));
    expect(sink.received).toHaveLength(invited.length);
    expect(sink.dropped).toEqual([]);
    const [left] = await t.db.query(
      `SELECT count(*)::int AS unrelayed, (SELECT count(*)::int FROM emails WHERE status <> 'sent') AS unsent FROM outbox_events WHERE relayed_at IS NULL`,
    );
    expect(left).toEqual({ unrelayed: 0, unsent: 0 });
    expect(await queueOf(t).getJobCounts('failed', 'active')).toEqual({ failed: 0, active: 0 });
    // The dispatch ran to its end: the round's reminders (3 days, 1 day before and at the deadline) are scheduled.
    expect(await queueOf(t, 'reminders').getDelayedCount()).toBe(3);
  });

  it('finishes a delivery the database cut after its first batch: the notices are readable at once, the e-mails written are sent, and the next attempt adds only the rest, each once', async () => {
    const redis = await startRedis();
    const sink = await startSink();
    // A long first backoff, so the state between the cut and the retry can be read.
    const t = await startApp(redis, sink, { workers: true, jobBackoffMs: 5_000 });
    const w = await buildWorld(t, 1);
    const agency = w.agencies[0];
    // 120 people in one agency (three batches of e-mails), written straight into the table: 119
    // passwords hashed through the API are not what is tested.
    await t.db.query(
      `INSERT INTO users (email, full_name, password_hash, role, agency_id)
       SELECT 'can-bo-' || i || '@test.vn', 'Cán bộ ' || i, u.password_hash, 'agency', u.agency_id FROM generate_series(2, 120) i, users u WHERE u.id = $1`,
      [agency.user.id],
    );
    // In the order the dispatcher reads them (recipients.ts): the 76th is in the second batch.
    const people: { id: string; email: string }[] = await t.db.query('SELECT id, email FROM users WHERE agency_id = $1 ORDER BY id', [agency.id]);
    expect(people).toHaveLength(120);
    // The database refuses that person's e-mail row once (a failover, a full disk); a sequence counts
    // the refusals, as it is not rolled back with the statement.
    await t.db.query('CREATE SEQUENCE cut_once');
    await t.db.query(
      `CREATE FUNCTION cut_once() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW.user_id = '${people[75].id}' AND nextval('cut_once') = 1 THEN RAISE EXCEPTION 'injected fault'; END IF;
         RETURN NEW;
       END $$`,
    );
    await t.db.query('CREATE TRIGGER cut_once BEFORE INSERT ON emails FOR EACH ROW EXECUTE FUNCTION cut_once()');
    cleanups.push(() => t.db.query('DROP TRIGGER IF EXISTS cut_once ON emails; DROP FUNCTION IF EXISTS cut_once(); DROP SEQUENCE IF EXISTS cut_once'));

    const planId = await plan(t, w.secretariat, 'Đề án giao nhận bị cắt');
    expect((await openRound(t, w.secretariat, planId, [agency])).status).toBe(201);
    const [event]: { id: string }[] = await t.db.query(`SELECT id FROM outbox_events WHERE type = 'round.opened'`);
    const dispatch = () => queueOf(t).getJob(jobId.dispatch(event.id));
    await eventually(async () => (await dispatch())?.attemptsMade === 1, 20_000, 'the first attempt to fail');
    expect((await dispatch())!.failedReason).toContain('injected fault');
    // Cut: every notice is readable, the first batch's e-mails are written and on their way, nothing after it.
    expect((await t.db.query(`SELECT count(DISTINCT user_id)::int AS n FROM notifications WHERE kind = 'round_opened'`))[0].n).toBe(120);
    const written = await t.db.query('SELECT batch, count(*)::int AS n FROM emails GROUP BY batch');
    expect(written).toEqual([{ batch: 0, n: 50 }]);

    await eventually(async () => sink.received.length >= 120, 30_000, 'every e-mail after the retry');
    await settled(t);
    expect(await (await dispatch())!.getState()).toBe('completed');
    expect((await t.db.query(`SELECT last_value::int AS n FROM cut_once`))[0].n).toBe(2);
    const notified = await t.db.query(`SELECT user_id, count(*)::int AS n FROM notifications WHERE kind = 'round_opened' GROUP BY user_id`);
    expect(Object.fromEntries(notified.map((r: { user_id: string; n: number }) => [r.user_id, r.n]))).toEqual(ones(people.map((p) => p.id)));
    expect(perAddress(sink.received)).toEqual(ones(people.map((p) => p.email)));
    expect(sink.received).toHaveLength(120);
    // The retry numbered its batches after the first attempt's: no job id named a batch twice.
    expect(await t.db.query(`SELECT batch, count(*)::int AS n, bool_and(status = 'sent') AS sent FROM emails GROUP BY batch ORDER BY batch`)).toEqual([
      { batch: 0, n: 50, sent: true },
      { batch: 1, n: 50, sent: true },
      { batch: 2, n: 20, sent: true },
    ]);
  });

  it('completes the jobs of a worker killed while sending: every e-mail arrives once, none in flight is counted as received', async () => {
    const redis = await startRedis();
    const sink = await startSink();
    const t = await startApp(redis, sink, { workers: false });
    const w = await buildWorld(t, 4);
    const invited = w.agencies.map((a) => a.user);
    const planId = await plan(t, w.secretariat, 'Đề án worker bị dừng đột ngột');
    // A short lock, so that the jobs of the killed worker are taken over soon.
    const env = workerEnv(t, sink, { JOB_LOCK_MS: '2000' });
    const first = await startWorker(env);

    sink.hold();
    expect((await openRound(t, w.secretariat, planId, w.agencies)).status).toBe(201);
    await eventually(async () => sink.inFlight > 0, 20_000, 'a message in flight at the sink');
    // The in-app notifications are in; the e-mails are being sent.
    expect((await t.db.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'round_opened'`))[0].n).toBe(invited.length);

    first.child.kill('SIGKILL');
    await first.exited;
    // The sink sees the SMTP sessions of the dead worker close before it answers: nothing was accepted.
    await eventually(async () => sink.connections === 0, 5000, "the dead worker's SMTP sessions to close");
    const inFlight = sink.inFlight;
    sink.unhold();
    await eventually(async () => sink.dropped.length === inFlight, 5000, 'the held messages to be dropped');
    expect(inFlight).toBeGreaterThan(0);
    expect(sink.received).toEqual([]);
    const [{ pending }] = await t.db.query(`SELECT count(*)::int AS pending FROM emails WHERE status = 'pending'`);
    expect(pending).toBe(invited.length);

    // A new worker takes the stalled jobs over once their lock (2 s) has lapsed.
    await startWorker(env);
    await eventually(async () => sink.received.length >= invited.length, 30_000, 'the e-mails after the restart');
    await settled(t);
    expect(perAddress(sink.received)).toEqual(ones(invited.map((p) => p.email)));
    expect(sink.received).toHaveLength(invited.length);
    const emails: { id: string; status: string; attempts: number }[] = await t.db.query(`SELECT id, status, attempts FROM emails`);
    expect(emails.map((e) => e.status)).toEqual(invited.map(() => 'sent'));
    expect(tally(sink.received, emailIdOf)).toEqual(ones(emails.map((e) => e.id)));
    // The jobs whose messages were cut off were stalled and completed by the second worker.
    for (const mail of sink.dropped) {
      const job = await jobOf(t, emailIdOf(mail));
      expect(await job.getState()).toBe('completed');
      expect(job.stalledCounter).toBeGreaterThanOrEqual(1);
    }
    const counts = await queueOf(t).getJobCounts('failed', 'active', 'waiting');
    expect([counts.failed, counts.active, counts.waiting]).toEqual([0, 0, 0]);
  });

  it('runs two relays and two workers on the same database and queues without doubling any notification or e-mail', async () => {
    const redis = await startRedis();
    const sink = await startSink();
    const t = await startApp(redis, sink, { workers: false });
    const w = await buildWorld(t, 4);
    const agencyUsers = [...w.agencies.map((a) => a.user), ...(await Promise.all(w.agencies.map((a) => addAgencyUser(w, a, 2))))];
    const secretaries = [w.secretariat, ...(await Promise.all([2, 3, 4].map((n) => addSecretariat(w, n))))];
    // Each relay polls every 50 ms and wakes on every NOTIFY: they race for the same events.
    // Each signs its e-mails with its own sender, to show that both took jobs.
    const senders = ['worker-1@duthao.test', 'worker-2@duthao.test'];
    await Promise.all(senders.map((from) => startWorker(workerEnv(t, sink, { OUTBOX_POLL_MS: '50', MAIL_FROM: `duthao <${from}>` }))));

    // Four plans, each drafted by its own secretary; four rounds opened at once to all four agencies.
    const decisions = ['accepted', 'partially_accepted', 'explained', 'not_accepted'];
    const plans = await Promise.all(secretaries.map((s, i) => plan(t, s, `Đề án song song số ${i + 1}`)));
    const rounds: string[] = await Promise.all(
      plans.map(async (planId, i) => {
        const res = await openRound(t, secretaries[i], planId, w.agencies);
        expect(res.status).toBe(201);
        return res.body.id;
      }),
    );
    // Every agency comments on every round and submits its response, all at once.
    const comments: { round: number; id: string }[] = await Promise.all(
      rounds.flatMap((roundId, i) =>
        w.agencies.map(async (a) => {
          const c = await as(t, a.user.token).post(`/api/rounds/${roundId}/comments`, { body: `Ý kiến của ${a.name} về đề án số ${i + 1}.` });
          expect(c.status).toBe(201);
          expect((await as(t, a.user.token).post(`/api/rounds/${roundId}/responses`, { reference: `${i + 1}/${a.code}` })).status).toBe(201);
          return { round: i, id: c.body.id as string };
        }),
      ),
    );
    await Promise.all(rounds.map(async (roundId, i) => expect((await as(t, secretaries[i].token).post(`/api/rounds/${roundId}/close`)).status).toBe(200)));
    // Every comment decided at once; the decision differs by round, so each e-mail has its own subject.
    await Promise.all(
      comments.map(async (c) => {
        const res = await as(t, secretaries[c.round].token).put(`/api/comments/${c.id}/disposition`, {
          decision: decisions[c.round],
          reason: 'Theo ý kiến của hội nghị.',
        });
        expect(res.status).toBe(200);
      }),
    );

    const expected: Record<string, number> = {};
    for (const u of agencyUsers) Object.assign(expected, { [`${u.id} round_opened`]: 4, [`${u.id} disposition_published`]: 4 });
    for (const s of secretaries) Object.assign(expected, { [`${s.id} round_closed`]: 1 });
    // Besides, each secretary hears of the four responses to its round, once each: in one digest,
    // or more when the workers took the events more than NOTIFY_DIGEST_SECONDS (1 s) apart.
    const atLeast = Object.values(expected).reduce((a, b) => a + b, 0) + secretaries.length;
    expect(atLeast).toBe(72);

    await eventually(async () => sink.received.length >= atLeast, 60_000, `${atLeast} e-mails`);
    await settled(t);
    const notified: { user_id: string; kind: string; n: number }[] = await t.db.query(
      `SELECT user_id, kind, count(*)::int AS n FROM notifications WHERE kind <> 'response_received' GROUP BY user_id, kind`,
    );
    expect(Object.fromEntries(notified.map((r) => [`${r.user_id} ${r.kind}`, r.n]))).toEqual(expected);
    const told: { user_id: string; title: string; items: { text: string }[] | null }[] = await t.db.query(
      `SELECT user_id, title, items FROM notifications WHERE kind = 'response_received'`,
    );
    const agencyNamed = (text: string) => w.agencies.find((a) => text.startsWith(a.name))?.name ?? text;
    const heardFrom = (s: Person) =>
      told
        .filter((n) => n.user_id === s.id)
        .flatMap((n) => (n.items ? n.items.map((i) => i.text) : [n.title]))
        .map(agencyNamed)
        .sort();
    const everyAgency = w.agencies.map((a) => a.name).sort();
    expect(Object.fromEntries(secretaries.map((s) => [s.id, heardFrom(s)]))).toEqual(Object.fromEntries(secretaries.map((s) => [s.id, everyAgency])));
    const total = atLeast - secretaries.length + told.length;

    const emails: { id: string; to_address: string; subject: string; status: string }[] = await t.db.query(
      'SELECT id, to_address, subject, status FROM emails',
    );
    expect(emails).toHaveLength(total);
    expect(emails.filter((e) => e.status !== 'sent')).toEqual([]);
    // At the sink: each e-mail row exactly once, by Message-ID and by (recipient, subject) (two
    // digests of two responses each have the same subject).
    expect(sink.received).toHaveLength(total);
    expect(tally(sink.received, emailIdOf)).toEqual(ones(emails.map((e) => e.id)));
    expect(tally(sink.received, (m) => `${m.to.join(',')} | ${m.subject}`)).toEqual(tally(emails, (e) => `${e.to_address} | ${e.subject}`));
    expect(perAddress(sink.received)).toEqual(
      Object.fromEntries([...agencyUsers.map((u) => [u.email, 8]), ...secretaries.map((s) => [s.email, 1 + told.filter((n) => n.user_id === s.id).length])]),
    );
    expect(sink.dropped).toEqual([]);
    expect(Object.keys(tally(sink.received, (m) => m.from)).sort()).toEqual(senders);
    expect(await queueOf(t).getJobCounts('failed', 'active')).toEqual({ failed: 0, active: 0 });
  });

  it('lets a running job finish on SIGTERM: the held e-mail is received once, the worker exits 0 and no other worker retries the job', async () => {
    const redis = await startRedis();
    const sink = await startSink();
    const t = await startApp(redis, sink, { workers: false });
    const w = await buildWorld(t, 1);
    const [agency] = w.agencies;
    const planId = await plan(t, w.secretariat, 'Đề án dừng có trật tự');
    // A short lock (1 s): if the stopping worker stopped renewing it, the other worker would take the job over.
    const env = workerEnv(t, sink, { JOB_LOCK_MS: '1000' });
    const stopping = await startWorker(env);

    sink.hold();
    expect((await openRound(t, w.secretariat, planId, [agency])).status).toBe(201);
    await eventually(async () => sink.inFlight === 1, 20_000, 'the e-mail in flight at the sink');
    const [email] = await t.db.query(`SELECT id, status FROM emails`);
    expect(email.status).toBe('pending');

    stopping.child.kill('SIGTERM');
    await startWorker(env);
    // Well past the lock time and the other worker's stalled checks: the stopping worker still holds its job.
    await new Promise((r) => setTimeout(r, 2500));
    expect(running(stopping)).toBe(true);
    expect(sink.received).toEqual([]);

    sink.unhold();
    expect(await stopping.exited).toBe(0);
    expect(stopping.output()).toContain('SIGTERM: finishing what is in flight');
    await settled(t);
    expect(sink.received.map((m) => m.to)).toEqual([[agency.user.email]]);
    expect(sink.dropped).toEqual([]);
    const job = await jobOf(t, email.id);
    expect(await job.getState()).toBe('completed');
    expect({ attemptsStarted: job.attemptsStarted, stalledCounter: job.stalledCounter }).toEqual({ attemptsStarted: 1, stalledCounter: 0 });
    expect((await t.db.query('SELECT status, attempts FROM emails WHERE id = $1', [email.id]))[0]).toEqual({ status: 'sent', attempts: 1 });
  });

  it('keeps an e-mail that failed its last retry as failed and visible to administrators, who can retry it', async () => {
    const redis = await startRedis();
    const sink = await startSink();
    const t = await startApp(redis, sink, { workers: true, jobAttempts: 2, jobBackoffMs: 100 });
    const w = await buildWorld(t, 1);
    const [agency] = w.agencies;
    const planId = await plan(t, w.secretariat, 'Đề án thư bị từ chối');
    sink.reject({ code: 451, message: 'Mailbox temporarily unavailable' });

    expect((await openRound(t, w.secretariat, planId, [agency])).status).toBe(201);
    const email = await eventually(
      async () => (await t.db.query(`SELECT id, event_key, batch, status, attempts, last_error FROM emails WHERE status = 'failed'`))[0],
      20_000,
      'the e-mail to fail',
    );
    expect(email).toMatchObject({ status: 'failed', attempts: 2, last_error: expect.stringContaining('Mailbox temporarily unavailable') });
    expect(sink.rejected).toHaveLength(2);
    expect(sink.received).toEqual([]);
    // The in-app notification does not depend on the e-mail.
    expect((await t.db.query('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1', [agency.user.id]))[0].n).toBe(1);

    const admin = as(t, w.admin.token);
    const failed = await eventually(
      async () => {
        const res = await admin.get('/api/admin/jobs/failed');
        return res.status === 200 && res.body.total === 1 && res.body;
      },
      10_000,
      'the failed job to be listed',
    );
    // The job of the e-mail's batch (here the delivery's only one).
    const job = jobId.emails(email.event_key, email.batch);
    expect(job).toMatch(/^emails-event-\d+-0$/);
    expect(failed.items[0]).toMatchObject({
      queue: 'notifications',
      id: job,
      name: 'send-emails',
      data: { eventKey: email.event_key, batch: email.batch },
      attemptsMade: 2,
      failedReason: expect.stringContaining('Mailbox temporarily unavailable'),
    });
    for (const someone of [w.secretariat, agency.user, w.leaders[0]]) {
      expect((await as(t, someone.token).get('/api/admin/jobs/failed')).status).toBe(403);
      expect((await as(t, someone.token).post(`/api/admin/jobs/notifications/${job}/retry`)).status).toBe(403);
    }
    expect((await t.http.get('/api/admin/jobs/failed')).status).toBe(401);
    expect(sink.rejected).toHaveLength(2);

    sink.accept();
    expect((await admin.post(`/api/admin/jobs/notifications/${job}/retry`)).status).toBe(202);
    await eventually(async () => sink.received.length > 0, 20_000, 'the retried e-mail');
    await settled(t);
    expect(sink.received.map((m) => [m.to, emailIdOf(m)])).toEqual([[[agency.user.email], email.id]]);
    expect((await t.db.query('SELECT status, attempts, last_error FROM emails WHERE id = $1', [email.id]))[0]).toEqual({
      status: 'sent',
      attempts: 3,
      last_error: null,
    });
    expect(await (await jobOf(t, email.id)).getState()).toBe('completed');
    expect((await admin.get('/api/admin/jobs/failed')).body).toEqual({ items: [], total: 0 });
    // Only a failed job can be retried; an unknown one is not found.
    expect((await admin.post(`/api/admin/jobs/notifications/${job}/retry`)).status).toBe(409);
    expect((await admin.post('/api/admin/jobs/notifications/email-nothing/retry')).status).toBe(404);
    expect(sink.received).toHaveLength(1);
  });
});
