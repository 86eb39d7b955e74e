import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { TestApp } from './support/test-app';
import { useWorld } from './support/use-world';
import { as, login, PASSWORD, snapshot, World } from './support/world';

/**
 * The administrator's changes to accounts (docs/api.md "Users"): edit, disable (a disabled
 * user's token and page session stop on the very next request, and logins are refused), password
 * reset, search; the guard rails that keep one working administrator; every change audited.
 */
describe('user administration', () => {
  let t: TestApp;
  let w: World;
  useWorld(2, (app, world) => ((t = app), (w = world)));

  const admin = () => as(t, w.admin.token);
  let n = 0;
  async function newUser(body: Record<string, unknown> = {}): Promise<{ id: string; email: string; token: string }> {
    const email = `ua${n++}-${Date.now().toString(36)}@test.vn`;
    const res = await admin().post('/api/users', { email, fullName: 'Nguyễn Thị Lan', password: PASSWORD, role: 'leader', ...body });
    expect(res.status).toBe(201);
    return { id: res.body.id, email, token: await login(t, email, PASSWORD) };
  }
  async function audit(id: string): Promise<{ action: string; actorId: string; data: Record<string, any> }[]> {
    const res = await admin().get(`/api/audit?entityType=user&entityId=${id}&limit=200`);
    expect(res.status).toBe(200);
    return res.body.items;
  }

  it('edits the name, role and agency, and the next request sees the new role', async () => {
    const u = await newUser({ role: 'leader' });
    const res = await admin().patch(`/api/users/${u.id}`, { fullName: 'Nguyễn Thị Lan Anh', role: 'agency', agencyId: w.agencies[0].id });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: u.id, email: u.email, fullName: 'Nguyễn Thị Lan Anh', role: 'agency', agencyId: w.agencies[0].id, disabled: false });
    const me = await as(t, u.token).get('/api/me');
    expect(me.body).toMatchObject({ role: 'agency', agencyId: w.agencies[0].id, fullName: 'Nguyễn Thị Lan Anh' });
    // A leader's route is now refused to this token.
    expect((await as(t, u.token).get(`/api/rounds/${randomUUID()}/report`)).status).toBe(403);
    const [row] = (await audit(u.id)).filter((e) => e.action === 'user.updated');
    expect(row).toMatchObject({ actorId: w.admin.id, data: { changes: { fullName: { to: 'Nguyễn Thị Lan Anh' }, role: { from: 'leader', to: 'agency' } } } });
    expect((await admin().get(`/api/users/${u.id}`)).body.fullName).toBe('Nguyễn Thị Lan Anh');
  });

  it('disables an account: its token and its page session stop on the next request, and it cannot sign in; enabling lets it back', async () => {
    const u = await newUser();
    expect((await as(t, u.token).get('/api/me')).status).toBe(200);
    const page = await request(t.url).get('/').set('Cookie', `duthao_token=${u.token}`);
    expect(page.status).toBe(200);

    const res = await admin().patch(`/api/users/${u.id}`, { disabled: true });
    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(true);
    expect((await as(t, u.token).get('/api/me')).status).toBe(401);
    const after = await request(t.url).get('/').set('Cookie', `duthao_token=${u.token}`);
    expect(after.status).toBe(303);
    expect(after.headers.location).toMatch(/^\/login/);
    expect((await t.http.post('/api/auth/login').send({ email: u.email, password: PASSWORD })).status).toBe(401);
    const rows = await t.db.query('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [u.id]);
    expect(rows[0].n).toBe(0);
    expect((await audit(u.id)).map((e) => e.action)).toContain('user.disabled');

    // Disabled accounts are listed only when asked for.
    const active = await admin().get(`/api/users?search=${encodeURIComponent(u.email)}`);
    expect(active.body.total).toBe(0);
    const disabled = await admin().get(`/api/users?status=disabled&search=${encodeURIComponent(u.email)}`);
    expect(disabled.body.items.map((x: { id: string }) => x.id)).toEqual([u.id]);

    expect((await admin().patch(`/api/users/${u.id}`, { disabled: false })).status).toBe(200);
    expect((await as(t, u.token).get('/api/me')).status).toBe(401);
    expect(await login(t, u.email, PASSWORD)).toBeTruthy();
    expect((await audit(u.id)).map((e) => e.action)).toContain('user.enabled');
  });

  it('resets a password: a generated one is shown once, the old password and sessions stop; or the admin sets one', async () => {
    const u = await newUser();
    const res = await admin().post(`/api/users/${u.id}/password-reset`, {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user: { id: u.id }, sessionsEnded: 1 });
    expect(res.body.temporaryPassword).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
    expect((await as(t, u.token).get('/api/me')).status).toBe(401);
    expect((await t.http.post('/api/auth/login').send({ email: u.email, password: PASSWORD })).status).toBe(401);
    expect(await login(t, u.email, res.body.temporaryPassword)).toBeTruthy();

    const set = await admin().post(`/api/users/${u.id}/password-reset`, { password: 'tam-thoi-2026' });
    expect(set.status).toBe(200);
    expect(set.body.temporaryPassword).toBeNull();
    expect(await login(t, u.email, 'tam-thoi-2026')).toBeTruthy();
    const rows = (await audit(u.id)).filter((e) => e.action === 'user.password_reset');
    expect(rows.map((r) => r.data.generated).sort()).toEqual([false, true]);
    expect(JSON.stringify(rows)).not.toContain(res.body.temporaryPassword);
    // The answer is not kept for a replay: the same Idempotency-Key makes a new password.
    const key = randomUUID();
    const a = await admin().post(`/api/users/${u.id}/password-reset`, {}).set('Idempotency-Key', key);
    const b = await admin().post(`/api/users/${u.id}/password-reset`, {}).set('Idempotency-Key', key);
    expect(a.body.temporaryPassword).not.toBe(b.body.temporaryPassword);
  });

  it('searches by name or e-mail, without diacritics, with role and agency filters, paged', async () => {
    const tag = Date.now().toString(36);
    await newUser({ fullName: `Đặng Thị Hương ${tag}` });
    await newUser({ fullName: `Đặng Văn Hưng ${tag}`, role: 'agency', agencyId: w.agencies[1].id });
    const folded = await admin().get(`/api/users?search=${encodeURIComponent(`DANG THI HUONG ${tag}`)}`);
    expect(folded.body.items.map((u: { fullName: string }) => u.fullName)).toEqual([`Đặng Thị Hương ${tag}`]);
    const exact = await admin().get(`/api/users?search=${encodeURIComponent(`Hưng ${tag}`)}`);
    expect(exact.body.total).toBe(1);
    const byAgency = await admin().get(`/api/users?search=${tag}&agencyId=${w.agencies[1].id}&role=agency`);
    expect(byAgency.body.items.map((u: { fullName: string }) => u.fullName)).toEqual([`Đặng Văn Hưng ${tag}`]);
    const paged = await admin().get(`/api/users?search=${tag}&limit=1&offset=1`);
    expect(paged.body).toMatchObject({ total: 2, items: [{ fullName: `Đặng Văn Hưng ${tag}` }] });
    // LIKE's own characters are text.
    expect((await admin().get('/api/users?search=%25')).body.total).toBe(0);
    expect((await admin().get('/api/users?search=_')).body.total).toBe(0);
    // The secretariat may search too.
    expect((await as(t, w.secretariat.token).get(`/api/users?search=${tag}`)).body.total).toBe(2);
  });

  it('refuses bad input and unknown accounts with a clear 4xx, and other roles with 403', async () => {
    const u = await newUser();
    const before = await snapshot(t);
    const bad: [string, unknown][] = [
      ['/api/users/' + u.id, {}],
      ['/api/users/' + u.id, { role: 'king' }],
      ['/api/users/' + u.id, { disabled: 'yes' }],
      ['/api/users/' + u.id, { fullName: '  ' }],
      ['/api/users/' + u.id, { agencyId: 'x' }],
      ['/api/users/' + u.id, { agencyId: randomUUID() }],
      ['/api/users/' + u.id, { role: 'agency' }],
      ['/api/users/' + u.id, { email: 'new@test.vn' }],
    ];
    for (const [path, body] of bad) {
      const res = await admin().patch(path, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(typeof res.body.message === 'string' ? res.body.message : res.body.message.join(' ')).toMatch(/[àáảãạăâđêôơư]|agencyId|email/i);
    }
    expect((await admin().patch('/api/users/not-a-uuid', { fullName: 'A' })).status).toBe(400);
    expect((await admin().patch(`/api/users/${randomUUID()}`, { fullName: 'A' })).status).toBe(404);
    expect((await admin().get(`/api/users/${randomUUID()}`)).status).toBe(404);
    expect((await admin().post(`/api/users/${randomUUID()}/password-reset`, {})).status).toBe(404);
    expect((await admin().post(`/api/users/${u.id}/password-reset`, { password: 'short' })).status).toBe(400);
    expect((await admin().get('/api/users?status=gone')).status).toBe(400);
    expect((await admin().get(`/api/users?search=${'x'.repeat(201)}`)).status).toBe(400);
    for (const who of [w.secretariat, w.leaders[0], w.agencies[0].user]) {
      expect((await as(t, who.token).patch(`/api/users/${u.id}`, { disabled: true })).status).toBe(403);
      expect((await as(t, who.token).post(`/api/users/${u.id}/password-reset`, {})).status).toBe(403);
      expect((await as(t, who.token).get(`/api/users/${u.id}`)).status).toBe(403);
    }
    expect((await as(t, w.agencies[0].user.token).get('/api/users?search=a')).status).toBe(403);
    expect((await as(t, null).patch(`/api/users/${u.id}`, { disabled: true })).status).toBe(401);
    expect(await snapshot(t)).toEqual(before);
  });

  it('never lets an administrator disable or demote their own account (409 own_account, nothing changed)', async () => {
    const before = await snapshot(t);
    const self = await admin().patch(`/api/users/${w.admin.id}`, { disabled: true });
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('own_account');
    expect(self.body.message).toMatch(/Không thể tự khoá/);
    expect((await admin().patch(`/api/users/${w.admin.id}`, { role: 'secretariat' })).body.code).toBe('own_account');
    expect(await snapshot(t)).toEqual(before);
    expect((await admin().patch(`/api/users/${w.admin.id}`, { fullName: 'Quản trị hệ thống tỉnh' })).status).toBe(200);
  });

  // Last: it leaves one administrator standing, which may be either of the two.
  it('keeps one working administrator when two disable each other at the same moment (409 last_admin)', async () => {
    const a = await newUser({ role: 'admin' });
    const b = await newUser({ role: 'admin' });
    const rest = await t.db.query(`SELECT id FROM users WHERE role = 'admin' AND active AND id NOT IN ($1, $2)`, [a.id, b.id]);
    for (const r of rest) expect((await as(t, a.token).patch(`/api/users/${r.id}`, { disabled: true })).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      const [x, y] = await Promise.all([
        as(t, a.token).patch(`/api/users/${b.id}`, { disabled: true }),
        as(t, b.token).patch(`/api/users/${a.id}`, { disabled: true }),
      ]);
      const outcomes = [x, y].map((r) => (r.status === 409 ? r.body.code : r.status)).sort();
      // The second waits for the first: it finds itself the one left (last_admin), or, when it comes later, is no longer signed in.
      expect([['200', 'last_admin'].join(), ['200', '401'].join()]).toContain(outcomes.map(String).join());
      const left = await t.db.query(`SELECT id FROM users WHERE role = 'admin' AND active`);
      expect(left).toHaveLength(1);
      const [winner, loser] = x.status === 200 ? [a, b] : [b, a];
      expect((await as(t, winner.token).patch(`/api/users/${loser.id}`, { disabled: false })).status).toBe(200);
      loser.token = await login(t, loser.email, PASSWORD);
    }
  });
});
