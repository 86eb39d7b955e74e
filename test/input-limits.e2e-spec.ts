import request from 'supertest';
import { PLAN_LIMITS } from '../src/plans/domain/plan-limits';
import { startTestApp, TestApp } from './support/test-app';
import { useWorld } from './support/use-world';
import { as, buildWorld, PASSWORD, snapshot, World } from './support/world';

/**
 * docs/api.md "Conventions": a JSON body with more than 1,000 keys in one object is refused with 400
 * before it is validated (and so are query strings and the pages' forms); no error body is large;
 * a plan holds 1 to 500 sections and at most 5,000,000 characters, however the sections were added.
 */

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const keys = (n: number, prefix = 'k') => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, i]));
const bytes = (res: { text: string }) => Buffer.byteLength(res.text);

describe('request shape limits', () => {
  let t: TestApp;
  let w: World;

  useWorld(1, (app, world) => ((t = app), (w = world)));

  const login = (body: string) => t.http.post('/api/auth/login').set('Content-Type', 'application/json').send(body);

  it('refuses 200,000 unknown keys on the open login with a 400 of a few hundred bytes naming the limit', async () => {
    const body = JSON.stringify({ email: 'admin@test.duthao', password: 'x', ...keys(200_000) });
    expect(body.length).toBeGreaterThan(2_000_000);
    const before = await snapshot(t);
    const res = await login(body).set('Accept-Language', 'en');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      code: 'invalid',
      message: 'body: has more than 1,000 keys; an object may have at most 1,000',
    });
    expect(bytes(res)).toBeLessThan(300);
    const vi = await login(body);
    expect(vi.body.message).toBe('Nội dung (body): có hơn 1.000 khóa; một đối tượng có tối đa 1.000 khóa');
    expect(await snapshot(t)).toEqual(before);
  });

  it('lets exactly 1,000 keys reach validation, which names the unknown ones in a small body', async () => {
    const res = await login(JSON.stringify({ email: 'admin@test.duthao', password: 'x', ...keys(998) })).set('Accept-Language', 'en');
    expect(res.status).toBe(400);
    expect(res.body.message).toHaveLength(21);
    expect(res.body.message[0]).toBe('k0: is not an allowed field');
    expect(res.body.message[20]).toBe('… and 978 more');
    expect(bytes(res)).toBeLessThan(1_500);
    const one = await login(JSON.stringify({ email: 'admin@test.duthao', password: 'x', ...keys(999) }));
    expect(one.body.message).toContain('1.000 khóa');
  });

  const WORST: [string, string, RegExp][] = [
    [
      'nested 2,000,000 deep',
      `{"title":"T","sections":[],"junk":${'['.repeat(2_000_000)}${']'.repeat(2_000_000)}}`,
      /^junk(\[0\])+: nested more than 32 levels deep$/,
    ],
    ['a list of 2,000,000 items', `{"title":"T","sections":[${Array(2_000_000).fill('0').join(',')}]}`, /^sections: has more than 1,000 items/],
    [
      '200 lists of 1,000 values',
      `{"title":"T","sections":[],"junk":[${Array(200)
        .fill(`[${Array(1000).fill('0').join(',')}]`)
        .join(',')}]}`,
      /^body: holds more than 100,000 values/,
    ],
    ['a key of 5,000,000 characters', `{"title":"T","sections":[],"${'k'.repeat(5_000_000)}":1}`, /^k{200}/],
  ];

  it('refuses the worst bodies of a signed-in client with small answers naming the limit', async () => {
    for (const [what, body, message] of WORST) {
      expect(body.length).toBeLessThan(5 * 1024 * 1024);
      const res = await as(t, w.secretariat.token).post('/api/plans').set('Content-Type', 'application/json').set('Accept-Language', 'en').send(body);
      expect({ what, status: res.status, small: bytes(res) < 1_000 }).toEqual({ what, status: 400, small: true });
      expect([res.body.message].flat()[0]).toMatch(message);
    }
  });

  it('reads at most 64 KB for a client without a valid session: 413 beyond, unless a shape limit is broken first', async () => {
    for (const [what, body] of WORST) {
      const res = await login(body).set('Accept-Language', 'en');
      expect({ what, status: res.status, small: bytes(res) < 1_000 }).toEqual({
        what,
        status: what.startsWith('200 lists') || what.startsWith('a key') ? 413 : 400,
        small: true,
      });
    }
    const big = await login(JSON.stringify({ email: 'admin@test.duthao', password: 'p'.repeat(70_000) })).set('Accept-Language', 'en');
    expect(big.status).toBe(413);
    expect(big.body.message).toBe('The request body is larger than the 64 KB limit for a client that has not signed in.');
    // A token that does not verify, or a CSRF token (signed with the same key), is no session.
    const page = await t.http.get('/login');
    const csrf = csrfOf(page.text);
    for (const token of ['abc.def.ghi', csrf]) {
      const res = await t.http
        .post('/api/plans')
        .set('Authorization', `Bearer ${token}`)
        .send({ title: 't'.repeat(70_000), sections: [] });
      expect(res.status).toBe(413);
    }
    // A signed-in client may send up to 5 MB.
    const signed = await as(t, w.secretariat.token).post('/api/plans', { title: 't'.repeat(70_000), sections: [{ heading: 'H', body: 'B' }] });
    expect(signed.status).toBe(400);
    expect(signed.body.message).toEqual(['Tiêu đề (title): dài tối đa 500 ký tự']);
  });

  it('refuses JSON in UTF-16 (RFC 8259: UTF-8 only) with 415', async () => {
    const res = await t.http
      .post('/api/auth/login')
      .set('Content-Type', 'application/json; charset=utf-16le')
      .send(Buffer.from('{"email":"a@b.vn","password":"x"}', 'utf16le'));
    expect(res.status).toBe(415);
  });

  it('refuses a query string of 1,001 parameters; 1,000 reach validation', async () => {
    const sec = as(t, w.secretariat.token);
    const query = (n: number) => Array.from({ length: n }, (_, i) => `p${i}=1`).join('&');
    const over = await sec.get(`/api/plans?${query(1_001)}`).set('Accept-Language', 'en');
    expect(over.status).toBe(400);
    expect(over.body.message).toBe('query: has more than 1,000 parameters; at most 1,000 are allowed');
    const repeated = await sec.get(`/api/plans?${Array(1_001).fill('limit=1').join('&')}`);
    expect(repeated.status).toBe(400);
    expect(repeated.body.message).toContain('1.000 tham số');
    const at = await sec.get(`/api/plans?${query(1_000)}`).set('Accept-Language', 'en');
    expect(at.status).toBe(400);
    expect(at.body.message[0]).toBe('p0: is not an allowed field');
    expect(bytes(at)).toBeLessThan(1_500);
  });

  describe("the pages' forms", () => {
    const form = async () => {
      const agent = request.agent(t.url);
      const csrf = csrfOf((await agent.get('/login')).text);
      return { agent, csrf };
    };

    it('refuses a form of 1,001 fields, or one name 1,001 times, with a 400 page naming the limit', async () => {
      const { agent, csrf } = await form();
      const many = await agent
        .post('/login')
        .type('form')
        .send({ _csrf: csrf, email: w.secretariat.email, password: PASSWORD, ...keys(999) });
      expect(many.status).toBe(400);
      expect(many.text).toContain('có hơn 1.000 khóa');
      const repeated = await agent
        .post('/login')
        .type('form')
        .send(`_csrf=${csrf}&${Array(1_001).fill('email=a%40b.vn').join('&')}&password=x`);
      expect(repeated.status).toBe(400);
      expect(repeated.text).toContain('Địa chỉ e-mail: có hơn 1.000 phần tử');
    });

    it('refuses more than 10,000 pairs before parsing them', async () => {
      const { agent, csrf } = await form();
      const res = await agent
        .post('/login')
        .type('form')
        .send(`_csrf=${csrf}&${Array(10_001).fill('a').join('&')}`);
      expect(res.status).toBe(400);
      expect(res.text).toContain('Biểu mẫu: có hơn 10.000 tham số');
    });

    it('still signs in with a form of 1,000 fields (unknown ones are ignored by the page)', async () => {
      const { agent, csrf } = await form();
      const res = await agent
        .post('/login')
        .type('form')
        .send({ _csrf: csrf, email: w.secretariat.email, password: PASSWORD, next: '/', ...keys(996) });
      expect(res.status).toBe(303);
    });

    it('refuses "__proto__" as a form field', async () => {
      const { agent, csrf } = await form();
      const res = await agent.post('/login').type('form').send(`_csrf=${csrf}&email=a%40b.vn&password=x&__proto__=1`);
      expect(res.status).toBe(400);
      expect(res.text).toContain('trường &quot;__proto__&quot;: là trường không được phép');
    });
  });
});

describe("a plan's total size", () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t, 1);
  });
  afterAll(() => t.close());

  const sec = () => as(t, w.secretariat.token);
  /** `n` sections of `chars` characters each, one of them in the heading. */
  const sections = (n: number, chars: number) =>
    Array.from({ length: n }, (_, i) => ({ heading: String.fromCharCode(65 + (i % 26)), body: 'b'.repeat(chars - 1) }));

  it('takes a plan of exactly 5,000,000 characters and refuses one more, headings included, with 400 naming the limit', async () => {
    expect(PLAN_LIMITS.totalChars).toBe(5_000_000);
    const before = await snapshot(t);
    const over = await sec()
      .post('/api/plans', { title: 'Quá lớn', sections: [...sections(24, 200_000), { heading: 'HH', body: 'b'.repeat(199_999) }] })
      .set('Accept-Language', 'en');
    expect(over.status).toBe(400);
    expect(over.body.message).toBe('sections: a plan may hold at most 5,000,000 characters (headings and bodies of all sections); this one has 5,000,001');
    const many = await sec().post('/api/plans', { title: 'Nhiều mục', sections: sections(500, 10_001) });
    expect(many.status).toBe(400);
    expect(many.body.message).toContain('tối đa 5.000.000 ký tự');
    expect(await snapshot(t)).toEqual(before);

    const full = await sec().post('/api/plans', { title: 'Vừa đủ', sections: sections(25, 200_000) });
    expect(full.status).toBe(201);
  });

  it('refuses a PUT of the draft past the limit, and leaves the draft as it was', async () => {
    const created = await sec().post('/api/plans', { title: 'Sửa bản đang soạn', sections: sections(20, 200_000) });
    expect(created.status).toBe(201);
    const draft = await sec().get(`/api/plans/${created.body.id}/draft`);
    const grown = [...draft.body.sections, ...sections(5, 200_000), { heading: 'Z', body: '' }];
    const res = await sec().put(`/api/plans/${created.body.id}/draft`, { sections: grown }).set('If-Match', draft.headers.etag);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('5.000.001');
    const after = await sec().get(`/api/plans/${created.body.id}/draft`);
    expect(after.headers.etag).toBe(draft.headers.etag);
    expect(after.body.sections).toHaveLength(20);
  });

  it('refuses, on the draft page, one more section or a longer section once the plan is full', async () => {
    const created = await sec().post('/api/plans', { title: 'Thêm từng mục', sections: sections(25, 200_000) });
    expect(created.status).toBe(201);
    const planId = created.body.id;
    const agent = request.agent(t.url);
    const login = await agent.get('/login');
    expect(
      (
        await agent
          .post('/login')
          .type('form')
          .send({ _csrf: csrfOf(login.text), email: w.secretariat.email, password: PASSWORD, next: '/' })
      ).status,
    ).toBe(303);
    const csrf = csrfOf((await agent.get('/')).text);
    const draft = await sec().get(`/api/plans/${planId}/draft`);
    const revision = /"draft-(\d+)"/.exec(draft.headers.etag)![1];

    const added = await agent
      .post(`/plans/${planId}/draft/sections`)
      .type('form')
      .send({ _csrf: csrf, revision, heading: 'Phần mới', body: 'Một câu.', position: '' });
    expect(added.status).toBe(400);
    expect(added.text).toContain('kế hoạch có tối đa 5.000.000 ký tự');
    expect(added.text).toContain('Một câu.'); // the person's text is kept in the form

    const [first] = draft.body.sections;
    const longer = await agent
      .post(`/plans/${planId}/draft/sections/${first.key}`)
      .type('form')
      .send({ _csrf: csrf, revision, heading: `${first.heading}!`, body: first.body, position: '0' });
    expect(longer.status).toBe(400);
    expect(longer.text).toContain('kế hoạch có tối đa 5.000.000 ký tự');

    const after = await sec().get(`/api/plans/${planId}/draft`);
    expect(after.headers.etag).toBe(draft.headers.etag);

    // Shorter is fine: the page path writes through the same service.
    const shorter = await agent
      .post(`/plans/${planId}/draft/sections/${first.key}`)
      .type('form')
      .send({ _csrf: csrf, revision, heading: first.heading, body: first.body.slice(10), position: '0' });
    expect(shorter.status).toBe(303);
    const nowRevision = /"draft-(\d+)"/.exec((await sec().get(`/api/plans/${planId}/draft`)).headers.etag)![1];
    const fits = await agent
      .post(`/plans/${planId}/draft/sections`)
      .type('form')
      .send({ _csrf: csrf, revision: nowRevision, heading: 'Mục', body: 'Bảy ký', position: '' });
    expect(fits.status).toBe(303);
    expect((await sec().get(`/api/plans/${planId}/draft`)).body.sections).toHaveLength(26);
  });
});
