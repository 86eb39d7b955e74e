import request from 'supertest';
import { TestApp } from './support/test-app';
import { useWorld } from './support/use-world';
import { PASSWORD, World } from './support/world';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** The pages' session: sign-in, CSRF on every form, sign-out, language. */
describe('web session', () => {
  let t: TestApp;
  let w: World;

  useWorld(1, (app, world) => ((t = app), (w = world)));

  const signedIn = async (email: string) => {
    const agent = request.agent(t.url);
    const page = await agent.get('/login');
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(page.text), email, password: PASSWORD, next: '/' });
    expect(res.status).toBe(303);
    const token = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .map((c) => /^duthao_token=([^;]+)/.exec(c)?.[1])
      .find(Boolean);
    return Object.assign(agent, { token: token! });
  };

  it('answers an address that does not exist with a Vietnamese 404 page, and the API with a Vietnamese 404 body', async () => {
    const page = await request(t.url).get('/khong-co-trang-nay');
    expect(page.status).toBe(404);
    expect(page.type).toBe('text/html');
    expect(page.text).toContain('<h1>Không tìm thấy</h1>');
    expect(page.text).toContain('Không có trang hay địa chỉ nào như vậy: /khong-co-trang-nay.');
    expect(page.text).toContain('href="/"');
    expect(page.text).not.toContain('Cannot GET');
    const api = await request(t.url).delete('/api/khong-co');
    expect(api.status).toBe(404);
    expect(api.body).toMatchObject({
      statusCode: 404,
      code: 'not_found',
      message: expect.stringContaining('Không có trang hay địa chỉ nào như vậy: /api/khong-co.'),
    });
    const english = await request(t.url).get('/api/khong-co').set('Accept-Language', 'en');
    expect(english.body.message).toContain('There is no such page or address');
  });

  it('sends a visitor to the sign-in page, then back where they were going', async () => {
    const agent = request.agent(t.url);
    const home = await agent.get('/?x=1');
    expect(home.status).toBe(303);
    expect(home.headers.location).toBe('/login?next=%2F%3Fx%3D1');
    const page = await agent.get('/login?next=%2F%3Fx%3D1');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Đăng nhập');
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(page.text), email: w.secretariat.email, password: PASSWORD, next: '/?x=1' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/?x=1');
    expect(String(res.headers['set-cookie'])).toMatch(/duthao_token=[^;]+;.*HttpOnly/i);
    expect(String(res.headers['set-cookie'])).toMatch(/SameSite=Lax/i);
    // The browser is known to the account from now on (login limits: login-devices.e2e-spec.ts).
    const device = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('duthao_device='));
    expect(device).toMatch(/; HttpOnly/i);
    expect(device).toMatch(/; SameSite=Lax/i);
    expect((await agent.get('/')).text).toContain('Việc cần làm');
  });

  it('never redirects off the site after sign-in', async () => {
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      const agent = request.agent(t.url);
      const page = await agent.get('/login');
      const res = await agent
        .post('/login')
        .type('form')
        .send({ _csrf: csrfOf(page.text), email: w.secretariat.email, password: PASSWORD, next });
      expect(res.headers.location).toBe('/');
    }
  });

  it('refuses a sign-in without the form’s CSRF token, and shows a wrong password on the form', async () => {
    const agent = request.agent(t.url);
    const page = await agent.get('/login');
    const forged = await agent.post('/login').type('form').send({ email: w.secretariat.email, password: PASSWORD });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('CSRF');
    const other = await request(t.url)
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(page.text), email: w.secretariat.email, password: PASSWORD });
    expect(other.status).toBe(403);
    const wrong = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(page.text), email: w.secretariat.email, password: 'sai-mat-khau' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('E-mail hoặc mật khẩu không đúng.');
    expect(wrong.text).toContain(`value="${w.secretariat.email}"`);
  });

  it('refuses a form posted without a valid token bound to this session', async () => {
    const agent = await signedIn(w.secretariat.email);
    const someoneElse = await signedIn(w.leaders[0].email);
    const theirToken = csrfOf((await someoneElse.get('/')).text);
    expect((await agent.post('/logout').type('form').send({})).status).toBe(403);
    expect((await agent.post('/logout').type('form').send({ _csrf: theirToken })).status).toBe(403);
    expect((await agent.post('/logout').type('form').send({ _csrf: 'garbage' })).status).toBe(403);
    // The CSRF token is no session: it does not open the API.
    expect(
      (
        await request(t.url)
          .get('/api/me')
          .set('Authorization', `Bearer ${csrfOf((await agent.get('/')).text)}`)
      ).status,
    ).toBe(401);
    const out = await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfOf((await agent.get('/')).text) });
    expect(out.status).toBe(303);
    expect((await agent.get('/')).status).toBe(303);
    // The session ended on the server: the cookie sent before the logout opens nothing any more.
    expect(agent.token).toBeTruthy();
    expect((await request(t.url).get('/').set('Cookie', `duthao_token=${agent.token}`)).status).toBe(303);
    expect((await request(t.url).get('/api/me').set('Authorization', `Bearer ${agent.token}`)).status).toBe(401);
  });

  it('switches to English and back', async () => {
    const agent = await signedIn(w.secretariat.email);
    await agent.get('/lang/en?next=/');
    const en = await agent.get('/');
    expect(en.text).toContain('What to do next');
    expect(en.text).toContain('<html lang="en">');
    await agent.get('/lang/vi?next=/');
    expect((await agent.get('/')).text).toContain('Việc cần làm');
  });

  it('shows errors as pages, in Vietnamese, and keeps JSON for the API', async () => {
    const agent = await signedIn(w.agencies[0].user.email);
    const res = await agent.get('/trang-khong-co');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('Không tìm thấy');
    const api = await request(t.url).get('/api/khong-co');
    expect(api.status).toBe(404);
    expect(api.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});
