import { JwtService } from '@nestjs/jwt';
import * as jsonwebtoken from 'jsonwebtoken';
import request from 'supertest';
import { startTestApp, TestApp } from './support/test-app';
import { useWorld } from './support/use-world';
import { as, login, PASSWORD, World } from './support/world';

/**
 * Sessions (docs/api.md): `POST /api/auth/logout` ends the token's session at once, in every API
 * process, for the API and the pages alike; a token always carries an expiry and names a live
 * session of an active user.
 */

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const sessionCookieOf = (res: request.Response) =>
  ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .map((c) => /^duthao_token=([^;]+)/.exec(c)?.[1])
    .find(Boolean);

describe('sessions', () => {
  let t: TestApp;
  let w: World;

  useWorld(1, (app, world) => ((t = app), (w = world)));

  const me = (token: string) => as(t, token).get('/api/me');
  const plan = { title: 'Kế hoạch sau đăng xuất', sections: [{ heading: 'Mục 1', body: 'Nội dung.' }] };

  it('logout ends that token at once (204, then 401 everywhere), and only that one', async () => {
    const token = await login(t, w.secretariat.email, PASSWORD);
    const other = await login(t, w.secretariat.email, PASSWORD);
    expect((await me(token)).status).toBe(200);
    const out = await as(t, token).post('/api/auth/logout');
    expect(out.status).toBe(204);
    expect(out.text).toBe('');
    const after = await me(token);
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ statusCode: 401, code: 'unauthenticated' });
    const [{ n: plansBefore }] = await t.db.query('SELECT count(*)::int AS n FROM plans');
    expect((await as(t, token).post('/api/plans', plan)).status).toBe(401);
    const [{ n: plansAfter }] = await t.db.query('SELECT count(*)::int AS n FROM plans');
    expect(plansAfter).toBe(plansBefore);
    // Logging out twice: the token is no longer one.
    expect((await as(t, token).post('/api/auth/logout')).status).toBe(401);
    // The same person's other session is untouched.
    expect((await me(other)).status).toBe(200);
  });

  it('logout needs a token: none, or a bad one, is 401', async () => {
    expect((await t.http.post('/api/auth/logout')).status).toBe(401);
    expect((await as(t, 'not-a-token').post('/api/auth/logout')).status).toBe(401);
  });

  it('ends the session in every API process: logged out at one, refused at once by the other', async () => {
    const second = await startTestApp({ databaseUrl: t.databaseUrl });
    try {
      const token = await login(t, w.leaders[0].email, PASSWORD);
      expect((await second.http.get('/api/me').set('Authorization', `Bearer ${token}`)).status).toBe(200);
      expect((await second.http.post('/api/auth/logout').set('Authorization', `Bearer ${token}`)).status).toBe(204);
      expect((await me(token)).status).toBe(401);
    } finally {
      await second.close();
    }
  });

  it('the API logout ends the page session that shares the token, and the page logout ends the token', async () => {
    const signIn = async () => {
      const browser = request.agent(t.url);
      const page = await browser.get('/login');
      const res = await browser
        .post('/login')
        .type('form')
        .send({ _csrf: csrfOf(page.text), email: w.agencies[0].user.email, password: PASSWORD, next: '/' });
      expect(res.status).toBe(303);
      return { browser, token: sessionCookieOf(res)! };
    };

    const a = await signIn();
    expect((await a.browser.get('/')).status).toBe(200);
    expect((await me(a.token)).status).toBe(200);
    expect((await as(t, a.token).post('/api/auth/logout')).status).toBe(204);
    const home = await a.browser.get('/');
    expect(home.status).toBe(303);
    expect(home.headers.location).toMatch(/^\/login/);

    const b = await signIn();
    const out = await b.browser
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfOf((await b.browser.get('/')).text) });
    expect(out.status).toBe(303);
    // A copy of the cookie taken before the logout opens nothing: neither the API nor the pages.
    expect((await me(b.token)).status).toBe(401);
    const copied = await request(t.url).get('/').set('Cookie', `duthao_token=${b.token}`);
    expect(copied.status).toBe(303);
  });

  it('a token without an expiry is refused, although jsonwebtoken itself accepts it', async () => {
    const live = await login(t, w.leaders[1].email, PASSWORD);
    const { sub, role, sid } = jsonwebtoken.decode(live) as { sub: string; role: string; sid: string };
    const forever = jsonwebtoken.sign({ sub, role, sid }, t.config.jwtSecret!, { algorithm: 'HS256', issuer: 'duthao' });
    // The library's default: no `exp`, no expiry check, and the token is "valid".
    expect(jsonwebtoken.verify(forever, t.config.jwtSecret!, { algorithms: ['HS256'], issuer: 'duthao' })).toMatchObject({ sub, sid });
    expect((jsonwebtoken.decode(forever) as { exp?: number }).exp).toBeUndefined();
    expect((await me(forever)).status).toBe(401);
    // With an expiry, the same claims work: the refusal above is the missing `exp`.
    expect((await me(jsonwebtoken.sign({ sub, role, sid }, t.config.jwtSecret!, { algorithm: 'HS256', issuer: 'duthao', expiresIn: 600 }))).status).toBe(200);
    // An `exp` far beyond the configured lifetime does not stretch it either.
    const tooLong = jsonwebtoken.sign({ sub, role, sid, iat: Math.floor(Date.now() / 1000) - t.config.jwtTtlSeconds - 60 }, t.config.jwtSecret!, {
      algorithm: 'HS256',
      issuer: 'duthao',
      expiresIn: 30 * 86_400,
    });
    expect((await me(tooLong)).status).toBe(401);
  });

  it('a well-signed token naming no session, an ended one or another user’s is refused', async () => {
    const jwt = t.app.get(JwtService);
    const live = await login(t, w.leaders[1].email, PASSWORD);
    const { sub, sid } = jwt.decode(live) as { sub: string; sid: string };
    expect((await me(await jwt.signAsync({ sub, role: 'leader' }))).status).toBe(401);
    expect((await me(await jwt.signAsync({ sub, role: 'leader', sid: '00000000-0000-4000-8000-000000000000' }))).status).toBe(401);
    expect((await me(await jwt.signAsync({ sub: w.leaders[0].id, role: 'leader', sid }))).status).toBe(401);
    expect((await as(t, live).post('/api/auth/logout')).status).toBe(204);
    expect((await me(await jwt.signAsync({ sub, role: 'leader', sid }))).status).toBe(401);
  });

  it('a user disabled later is refused at once on every session, API and pages', async () => {
    const email = `se-tat-${Date.now()}@test.vn`;
    const created = await as(t, w.admin.token).post('/api/users', { email, fullName: 'Sẽ bị khóa', password: PASSWORD, role: 'leader' });
    expect(created.status).toBe(201);
    const api = await login(t, email, PASSWORD);
    const browser = request.agent(t.url);
    const page = await browser.get('/login');
    expect(
      (
        await browser
          .post('/login')
          .type('form')
          .send({ _csrf: csrfOf(page.text), email, password: PASSWORD, next: '/' })
      ).status,
    ).toBe(303);
    expect((await browser.get('/')).status).toBe(200);
    // users.active is the one switch that disables an account.
    await t.db.query('UPDATE users SET active = false WHERE id = $1', [created.body.id]);
    expect((await me(api)).status).toBe(401);
    expect((await browser.get('/')).status).toBe(303);
    expect((await t.http.post('/api/auth/login').send({ email, password: PASSWORD })).status).toBe(401);
  });

  it('keeps no token in the database, and tidies a user’s expired sessions away at the next login', async () => {
    const token = await login(t, w.leaders[0].email, PASSWORD);
    const rows: { row: string }[] = await t.db.query('SELECT s::text AS row FROM sessions s');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.row.includes(token) || r.row.includes(token.split('.')[2]))).toBe(false);
    await t.db.query(`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [w.leaders[0].id]);
    await login(t, w.leaders[0].email, PASSWORD);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [w.leaders[0].id]);
    expect(n).toBe(1);
  });
});
