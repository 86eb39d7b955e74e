import { once } from 'node:events';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { QUEUES } from '../src/queue/queues';
import { eventually } from './support/smtp-sink';
import { freePort, Proc, runNode, waitFor } from './support/processes';
import { TestRedis } from './support/redis-server';
import { startTestApp, TestApp } from './support/test-app';
import { as, buildWorld, login, PASSWORD, planWithVersion, World } from './support/world';

/** What an IT department running duthao relies on: headers, logs, metrics, health, limits, shutdown. */
describe('operations', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp({ writeRateLimit: 25 });
    w = await buildWorld(t, 1);
  });
  afterAll(() => t.close());

  it('sends security headers, with a content policy that allows only this site', async () => {
    const page = await t.http.get('/login');
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    // Served over plain HTTP here: nothing that would send browsers to https://.
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(page.headers['strict-transport-security']).toBeUndefined();
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-powered-by']).toBeUndefined();
    expect((await t.http.get('/api/health')).headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('keeps CORS closed unless origins are named', async () => {
    const closed = await t.http.options('/api/plans').set('Origin', 'https://elsewhere.example').set('Access-Control-Request-Method', 'POST');
    expect(closed.headers['access-control-allow-origin']).toBeUndefined();
    const open = await startTestApp({ corsOrigins: ['https://cong.quangninh.gov.vn'], databaseUrl: t.databaseUrl });
    try {
      const allowed = await open.http.options('/api/plans').set('Origin', 'https://cong.quangninh.gov.vn').set('Access-Control-Request-Method', 'POST');
      expect(allowed.headers['access-control-allow-origin']).toBe('https://cong.quangninh.gov.vn');
      const other = await open.http.options('/api/plans').set('Origin', 'https://elsewhere.example').set('Access-Control-Request-Method', 'POST');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await open.close();
    }
  });

  it('gives every request an id, echoed back and written with the events it causes', async () => {
    const fresh = await t.http.get('/api/health');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await t.http.get('/api/health').set('X-Request-Id', 'lb-7f3a:2')).headers['x-request-id']).toBe('lb-7f3a:2');
    expect((await t.http.get('/api/health').set('X-Request-Id', 'bad id with spaces')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const { planId } = await planWithVersion(w);
    const res = await as(t, w.secretariat.token).post('/api/documents', { kind: 'plan', planId, versionNumber: 1 }).set('X-Request-Id', 'req-docs-42');
    expect(res.status).toBe(202);
    const [event] = await t.db.query(`SELECT request_id FROM outbox_events WHERE type = 'document.requested' AND payload->>'documentId' = $1`, [res.body.id]);
    expect(event.request_id).toBe('req-docs-42');
  });

  it('serves Prometheus metrics: HTTP latency by route pattern, queue depth', async () => {
    await t.http.get('/api/plans/00000000-0000-4000-8000-000000000000').set('Authorization', `Bearer ${w.secretariat.token}`);
    const res = await t.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(/duthao_http_request_duration_seconds_count\{method="GET",route="\/api\/plans\/:id",status="404"\} \d+/);
    expect(res.text).not.toContain('00000000-0000-4000-8000-000000000000');
    expect(res.text).toMatch(/duthao_queue_jobs\{queue="notifications",state="waiting"\} \d+/);
    expect(res.text).toContain('duthao_process_cpu_seconds_total');
    expect(res.text).toContain('# TYPE duthao_job_duration_seconds histogram');
    expect(res.text).toContain('# TYPE duthao_pdf_render_duration_seconds histogram');

    const guarded = await startTestApp({ metricsToken: 'scrape-token-1', databaseUrl: t.databaseUrl });
    try {
      expect((await guarded.http.get('/metrics')).status).toBe(401);
      expect((await guarded.http.get('/metrics').set('Authorization', 'Bearer scrape-token-1')).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it('answers liveness always and readiness only when the database and Redis are there', async () => {
    expect((await t.http.get('/api/health/live')).body).toEqual({ status: 'ok' });
    expect((await t.http.get('/api/health/ready')).body).toEqual({ status: 'ok', database: 'up', redis: 'up' });
    const noRedis = await startTestApp({ redisUrl: 'redis://127.0.0.1:1', databaseUrl: t.databaseUrl });
    try {
      expect((await noRedis.http.get('/api/health/live')).status).toBe(200);
      const ready = await noRedis.http.get('/api/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.redis).toBe('down');
    } finally {
      await noRedis.close();
    }
  });

  it('does not serve metrics on the HTTP port in production without METRICS_TOKEN; the metrics port serves them', async () => {
    const port = await freePort();
    const prod = await startTestApp({ nodeEnv: 'production', metricsPort: port, databaseUrl: t.databaseUrl });
    try {
      const res = await prod.http.get('/metrics');
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('duthao_http_request_duration_seconds');
      const scraped = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('duthao_http_request_duration_seconds');
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    } finally {
      await prod.close();
    }
    const tokened = await startTestApp({ nodeEnv: 'production', metricsToken: 'scrape-token-2', databaseUrl: t.databaseUrl });
    try {
      expect((await tokened.http.get('/metrics')).status).toBe(401);
      expect((await tokened.http.get('/metrics').set('Authorization', 'Bearer scrape-token-X')).status).toBe(401);
      expect((await tokened.http.get('/metrics').set('Authorization', 'Bearer scrape-token-2')).status).toBe(200);
    } finally {
      await tokened.close();
    }
  });

  it('limits how many changes one person makes in any minute, per person, shared through Redis', async () => {
    // Someone who has made no change yet, so that the minute holds only this test's writes.
    const email = `gioi-han-${Date.now()}@test.vn`;
    expect((await as(t, w.admin.token).post('/api/users', { email, fullName: 'Người viết nhiều', password: PASSWORD, role: 'secretariat' })).status).toBe(201);
    const s = as(t, await login(t, email, PASSWORD));
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await s.post('/api/plans', { title: `Kế hoạch ${i}`, sections: [{ heading: 'Mục', body: '' }] })).status);
    expect(statuses).toEqual([...Array(25).fill(201), ...Array(5).fill(429)]);
    const refused = await s.post('/api/plans', { title: 'Thêm một', sections: [{ heading: 'Mục', body: '' }] });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.body.message).toContain('thao tác trong một phút');
    // Reading is not limited, nor is anyone else, nor signing out.
    expect((await s.get('/api/plans')).status).toBe(200);
    expect((await as(t, w.agencies[0].user.token).post('/api/auth/login', { email: 'x@y.vn', password: 'sai' })).status).toBe(401);
    expect((await as(t, w.admin.token).post('/api/agencies', { code: 'KHAC', name: 'Đơn vị khác' })).status).toBe(201);
    expect((await s.post('/api/auth/logout')).status).toBe(204);
  });

  it('refuses changes while Redis is away (503 with Retry-After, nothing changed) and accepts them again when it is back', async () => {
    const redis = await TestRedis.start();
    const app = await startTestApp({ redisUrl: redis.url, databaseUrl: t.databaseUrl });
    try {
      const s = as(app, await login(app, w.secretariat.email, PASSWORD));
      const plan = (title: string) => s.post('/api/plans', { title, sections: [{ heading: 'Mục', body: 'Nội dung.' }] });
      expect((await plan('Trước khi Redis dừng')).status).toBe(201);

      await redis.down();
      const [{ n: before }] = await app.db.query('SELECT count(*)::int AS n FROM plans');
      const refused = await plan('Khi Redis vắng');
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable', code: 'unavailable' });
      expect(refused.body.message).toContain('vui lòng thử lại sau');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      const english = await plan('Khi Redis vắng').set('Accept-Language', 'en');
      expect(english.status).toBe(503);
      expect(english.body.message).toContain('Redis does not answer');
      const [{ n: after }] = await app.db.query('SELECT count(*)::int AS n FROM plans');
      expect(after).toBe(before);
      // Reading still works, and so does signing out (giving a key back is never refused).
      expect((await s.get('/api/plans')).status).toBe(200);
      const spare = await login(app, w.secretariat.email, PASSWORD);
      expect((await as(app, spare).post('/api/auth/logout')).status).toBe(204);

      await redis.up();
      const accepted = await eventually(
        async () => {
          const res = await plan('Sau khi Redis trở lại');
          if (res.status !== 201 && res.status !== 503) throw new Error(`unexpected ${res.status}: ${JSON.stringify(res.body)}`);
          return res.status === 201 ? res : null;
        },
        30_000,
        'writes accepted again once Redis is back',
      );
      expect(accepted.body.title).toBe('Sau khi Redis trở lại');
      // The queues' own connections come back on their own schedule; closing before they do fails.
      for (const name of Object.values(QUEUES)) {
        const client = (await app.app.get<Queue>(getQueueToken(name)).client) as unknown as Redis;
        if (client.status !== 'ready') await once(client, 'ready');
      }
    } finally {
      await app.close();
      await redis.stop();
    }
  });
});

describe('processes', () => {
  let t: TestApp;
  const procs: Proc[] = [];

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await t.close();
  });

  const env = (extra: Record<string, string>) => ({
    DATABASE_URL: t.databaseUrl,
    REDIS_URL: t.config.redisUrl,
    QUEUE_PREFIX: t.config.queuePrefix,
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    ...extra,
  });

  it('lets a worker log in JSON with the request id of the request that led to the job', async () => {
    const w = await buildWorld(t, 1);
    const worker = runNode('worker.js', env({ OUTBOX_POLL_MS: '200' }));
    procs.push(worker);
    await eventually(async () => worker.output().includes('duthao worker is running'), 30_000, 'the worker');
    const { planId } = await planWithVersion(w);
    const res = await as(t, w.secretariat.token).post('/api/documents', { kind: 'plan', planId, versionNumber: 1 }).set('X-Request-Id', 'req-from-the-browser');
    await eventually(async () => (await as(t, w.secretariat.token).get(`/api/documents/${res.body.id}`)).body.status === 'done', 60_000, 'the document');
    const lines = worker
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { requestId?: string; msg: string; level: number });
    expect(lines.find((l) => l.msg.includes(`Rendered plan document ${res.body.id}`))).toMatchObject({ requestId: 'req-from-the-browser', level: 30 });
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  });

  it('stops an API process on SIGTERM: requests in flight finish, then it exits 0', async () => {
    const port = await freePort();
    const api = runNode('main.js', env({ PORT: String(port), WORKERS: 'off', SHUTDOWN_TIMEOUT_MS: '10000' }));
    procs.push(api);
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/api/health/ready`, api);
    // A slow request in flight (a 5 MB body trickling in) when the signal arrives.
    const slow = fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode('{"email":"a@b.vn","password":"'));
          await new Promise((r) => setTimeout(r, 1500));
          controller.enqueue(new TextEncoder().encode('x"}'));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    await new Promise((r) => setTimeout(r, 300));
    api.child.kill('SIGTERM');
    const answered = await slow;
    expect(answered.status).toBe(401);
    expect(await api.exited).toBe(0);
    expect(api.output()).toContain('SIGTERM: finishing what is in flight');
    await expect(fetch(`${base}/api/health/live`)).rejects.toThrow();
  });
});
