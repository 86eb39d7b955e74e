import { DEMO_PASSWORD, DEMO_USERS } from '../src/demo/demo-data';
import { createTestDatabase } from './setup/test-databases';
import { freePort, Proc, runNode, waitFor } from './support/processes';
import { startTestApp } from './support/test-app';
import { as, login } from './support/world';

/**
 * A first admin comes from ADMIN_EMAIL / ADMIN_PASSWORD at start when no such user exists, also
 * when the demo is loaded (docs/api.md): the demo's own administrator does not stand in for it.
 */
describe('the administrator of ADMIN_EMAIL', () => {
  const procs: Proc[] = [];
  afterAll(() => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  });

  it('is created by `node dist/main.js` with SEED_DEMO=true, beside the demo’s own administrator', async () => {
    const port = await freePort();
    const databaseUrl = await createTestDatabase();
    const env = {
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `duthao-first-admin-${port}`,
      JWT_SECRET: 'first-admin-test-secret-0123456789-0123456789',
      WORKERS: 'off',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'true',
      ADMIN_EMAIL: 'it.admin@quangninh.gov.vn',
      ADMIN_PASSWORD: 'mat-khau-quan-tri-1',
    };
    const api = runNode('main.js', env);
    procs.push(api);
    await waitFor(`http://127.0.0.1:${port}/api/health`, api);
    const signIn = async (email: string, password: string) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      return { status: res.status, body: (await res.json()) as { accessToken?: string; user?: { role: string } } };
    };
    const mine = await signIn(env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
    expect(mine).toMatchObject({ status: 200, body: { user: { role: 'admin' } } });
    const demoAdmin = DEMO_USERS.find((u) => u.role === 'admin')!;
    expect((await signIn(demoAdmin.email, DEMO_PASSWORD)).status).toBe(200);
    // The demo was loaded too.
    const plans = await fetch(`http://127.0.0.1:${port}/api/plans`, { headers: { Authorization: `Bearer ${mine.body.accessToken}` } });
    expect(((await plans.json()) as { total: number }).total).toBe(2);
    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
  }, 120_000);

  it('is added to an installation that has administrators already, once, and never takes over an existing user', async () => {
    const first = await startTestApp();
    try {
      const admin = await login(first, 'admin@test.duthao', 'admin-password-1');
      const agency = await as(first, admin).post('/api/agencies', { code: 'SKHDT', name: 'Sở Kế hoạch và Đầu tư' });
      const staff = await as(first, admin).post('/api/users', {
        email: 'chuyenvien@skhdt.vn',
        fullName: 'Chuyên viên',
        password: 'password-123',
        role: 'agency',
        agencyId: agency.body.id,
      });
      expect(staff.status).toBe(201);

      // Restarted with another ADMIN_EMAIL: that administrator is created next to the first.
      const second = await startTestApp({ databaseUrl: first.databaseUrl, adminEmail: 'quantri.moi@tinh.vn', adminPassword: 'mat-khau-moi-123' });
      try {
        expect((await as(second, await login(second, 'quantri.moi@tinh.vn', 'mat-khau-moi-123')).get('/api/me')).body.role).toBe('admin');
      } finally {
        await second.close();
      }
      // Started again with the same one: nothing new.
      const third = await startTestApp({ databaseUrl: first.databaseUrl, adminEmail: 'quantri.moi@tinh.vn', adminPassword: 'mat-khau-khac-456' });
      try {
        expect((await third.http.post('/api/auth/login').send({ email: 'quantri.moi@tinh.vn', password: 'mat-khau-khac-456' })).status).toBe(401);
      } finally {
        await third.close();
      }
      // ADMIN_EMAIL naming an existing agency user: neither promoted nor given the password.
      const fourth = await startTestApp({ databaseUrl: first.databaseUrl, adminEmail: 'CHUYENVIEN@skhdt.vn', adminPassword: 'chiem-quyen-123' });
      try {
        expect((await fourth.http.post('/api/auth/login').send({ email: 'chuyenvien@skhdt.vn', password: 'chiem-quyen-123' })).status).toBe(401);
        expect((await as(fourth, await login(fourth, 'chuyenvien@skhdt.vn', 'password-123')).get('/api/me')).body.role).toBe('agency');
      } finally {
        await fourth.close();
      }
      const [{ n }] = await first.db.query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin'`);
      expect(n).toBe(2);
    } finally {
      await first.close();
    }
  });
});
