import { createHmac, randomBytes } from 'node:crypto';
import request from 'supertest';
import { parseEnv } from '../src/config/env.schema';
import { ADMIN, startTestApp, TestApp } from './support/test-app';
import { as, buildWorld, PASSWORD, World } from './support/world';

/**
 * Failed logins slow down the attacker, not the owner (docs/api.md): with the default limits, an
 * attacker without the account's device cookie locks the account for clients like itself, while the
 * owner's browser, holding the `duthao_device` cookie of an earlier login, still signs in.
 */

const DEFAULTS = parseEnv({});
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const setCookieOf = (res: request.Response, name: string) =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${name}=`)) ?? '';
const deviceCookieOf = (res: request.Response) => /^duthao_device=([^;]+)/.exec(setCookieOf(res, 'duthao_device'))?.[1];

describe('login with device cookies', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    // The limits a fresh installation has, not the generous ones of the other tests.
    t = await startTestApp({
      loginMaxFailuresPerAccount: DEFAULTS.loginMaxFailuresPerAccount,
      loginMaxFailuresPerAddress: DEFAULTS.loginMaxFailuresPerAddress,
      loginWindowSeconds: DEFAULTS.loginWindowSeconds,
      loginAddressWindowSeconds: DEFAULTS.loginAddressWindowSeconds,
    });
    w = await buildWorld(t, 1);
  });
  afterAll(() => t.close());

  const attacker = (email: string, password = 'doan-mo-mat-khau') => t.http.post('/api/auth/login').send({ email, password });
  /** A new account, and the browser of its owner after one successful login there. */
  async function owner(name: string): Promise<{ email: string; browser: ReturnType<typeof request.agent>; cookie: string }> {
    const email = `${name}-${randomBytes(3).toString('hex')}@test.vn`;
    expect((await as(t, w.admin.token).post('/api/users', { email, fullName: name, password: PASSWORD, role: 'leader' })).status).toBe(201);
    const browser = request.agent(t.url);
    const res = await browser.post('/api/auth/login').send({ email, password: PASSWORD });
    expect(res.status).toBe(200);
    return { email, browser, cookie: deviceCookieOf(res)! };
  }
  async function lockOut(email: string): Promise<request.Response> {
    for (let i = 0; i < DEFAULTS.loginMaxFailuresPerAccount; i++) expect((await attacker(email)).status).toBe(401);
    const refused = await attacker(email);
    expect(refused.status).toBe(429);
    return refused;
  }

  it('lets one address fail 200 times in an hour (an office behind one NAT address) without a 429', async () => {
    const statuses = new Set<number>();
    for (let i = 0; i < 200; i++) {
      // 40 people mistyping 5 times each, over 56 minutes.
      const res = await attacker(`nhanvien${Math.floor(i / 5)}@van-phong.vn`, 'go-sai');
      statuses.add(res.status);
      t.clock.advance(17_000);
    }
    expect([...statuses]).toEqual([401]);
    expect((await t.http.post('/api/auth/login').send({ email: w.secretariat.email, password: PASSWORD })).status).toBe(200);
    t.clock.advance(DEFAULTS.loginAddressWindowSeconds * 1000);
  }, 180_000);

  it('an attacker without the cookie locks the admin’s account; the owner’s browser with its device cookie still signs in', async () => {
    const ownerBrowser = request.agent(t.url);
    const first = await ownerBrowser.post('/api/auth/login').send({ email: ADMIN.email, password: ADMIN.password });
    expect(first.status).toBe(200);
    const setCookie = setCookieOf(first, 'duthao_device');
    expect(setCookie).toMatch(/^duthao_device=[^;]+;/);
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Lax/i);
    // Served over plain HTTP here; Secure comes with an https PUBLIC_URL.
    expect(setCookie).not.toMatch(/; Secure/i);
    const maxAge = Number(/; Max-Age=(\d+)/i.exec(setCookie)?.[1]);
    expect(maxAge).toBeGreaterThanOrEqual(180 * 86_400);

    const refused = await lockOut(ADMIN.email);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(DEFAULTS.loginWindowSeconds);
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(refused.body.message).toContain('Đăng nhập sai quá nhiều lần');
    // The right password from an unknown client: still 429.
    const right = await attacker(ADMIN.email, ADMIN.password);
    expect(right.status).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect(right.body.accessToken).toBeUndefined();

    // The owner's browser signs in, and its token works.
    const mine = await ownerBrowser.post('/api/auth/login').send({ email: ADMIN.email, password: ADMIN.password });
    expect(mine.status).toBe(200);
    expect((await as(t, mine.body.accessToken).get('/api/me')).body.email).toBe(ADMIN.email);
    // The attacker is still refused after the owner's login: it does not reopen the account.
    expect((await attacker(ADMIN.email)).status).toBe(429);
  });

  it('marks the device cookie Secure when the public address is https', async () => {
    const https = await startTestApp({ publicUrl: 'https://duthao.quangninh.gov.vn', databaseUrl: t.databaseUrl });
    try {
      const res = await https.http.post('/api/auth/login').send({ email: w.secretariat.email, password: PASSWORD });
      expect(res.status).toBe(200);
      expect(setCookieOf(res, 'duthao_device')).toMatch(/; Secure/i);
      expect(setCookieOf(res, 'duthao_device')).toMatch(/; HttpOnly/i);
    } finally {
      await https.close();
    }
  });

  it('the pages too: the browser that signed in before signs in again, an unknown one gets 429 with Retry-After', async () => {
    const email = w.leaders[0].email;
    const browser = request.agent(t.url);
    const signIn = async (agent: ReturnType<typeof request.agent>, password: string) => {
      const page = await agent.get('/login');
      return agent
        .post('/login')
        .type('form')
        .send({ _csrf: csrfOf(page.text), email, password, next: '/' });
    };
    const first = await signIn(browser, PASSWORD);
    expect(first.status).toBe(303);
    expect(setCookieOf(first, 'duthao_device')).toMatch(/; HttpOnly/i);
    await lockOut(email);

    const stranger = await signIn(request.agent(t.url), PASSWORD);
    expect(stranger.status).toBe(429);
    expect(Number(stranger.headers['retry-after'])).toBeGreaterThan(0);
    expect(stranger.headers['content-type']).toMatch(/text\/html/);
    expect(stranger.text).toContain('Đăng nhập sai quá nhiều lần');

    // The owner signs out and, later, in again from the same browser.
    expect(
      (
        await browser
          .post('/logout')
          .type('form')
          .send({ _csrf: csrfOf((await browser.get('/')).text) })
      ).status,
    ).toBe(303);
    const again = await signIn(browser, PASSWORD);
    expect(again.status).toBe(303);
    expect((await browser.get('/')).status).toBe(200);
  });

  it('gives no trust to a forged cookie, an edited one, or one of another account', async () => {
    const victim = await owner('nan-nhan');
    const other = await owner('tai-khoan-khac');
    await lockOut(victim.email);
    const withCookie = (cookie: string) =>
      t.http.post('/api/auth/login').set('Cookie', `duthao_device=${cookie}`).send({ email: victim.email, password: PASSWORD });

    // The other account's genuine cookie.
    expect((await withCookie(other.cookie)).status).toBe(429);
    // The other account's entry with the victim's id written in.
    const [, nonce, issued, sig] = other.cookie.split('.');
    const victimId = victim.cookie.split('.')[0];
    expect((await withCookie([victimId, nonce, issued, sig].join('.'))).status).toBe(429);
    // An entry for the victim signed with a key that is not the server's.
    const forgedSig = createHmac('sha256', randomBytes(32)).update(`${victimId}.${nonce}.${issued}`).digest('base64url');
    expect((await withCookie([victimId, nonce, issued, forgedSig].join('.'))).status).toBe(429);
    // The victim's genuine cookie with its date moved.
    const [id, vNonce, vIssued, vSig] = victim.cookie.split('.');
    expect((await withCookie([id, vNonce, String(Number(vIssued) + 1), vSig].join('.'))).status).toBe(429);
    expect((await withCookie('rac')).status).toBe(429);
    // The genuine cookie itself works: the refusals above were about trust, not the password.
    expect((await withCookie(victim.cookie)).status).toBe(200);
  });

  it('a device cookie that keeps failing stops being trusted', async () => {
    const { email, browser } = await owner('go-nham');
    await lockOut(email);
    // Wrong passwords from the trusted browser are its own: 401 each time, up to the limit.
    for (let i = 0; i < DEFAULTS.loginMaxFailuresPerAccount; i++)
      expect((await browser.post('/api/auth/login').send({ email, password: 'sai-roi' })).status).toBe(401);
    // Then it is one more unknown client, and the account is locked for those.
    const refused = await browser.post('/api/auth/login').send({ email, password: PASSWORD });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // After the window, the right password opens it again.
    t.clock.advance(DEFAULTS.loginWindowSeconds * 1000);
    expect((await browser.post('/api/auth/login').send({ email, password: PASSWORD })).status).toBe(200);
  });
});
