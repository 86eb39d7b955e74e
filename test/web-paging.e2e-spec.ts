import request from 'supertest';
import { ADMIN, startTestApp, TestApp } from './support/test-app';
import { as, buildWorld, comment, openRound, planWithVersion, PASSWORD, World } from './support/world';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
/** "1–50 / 51" and the pager's links, as the page shows them. */
function pagerOf(html: string, label?: string) {
  const nav = label ? (new RegExp(`<nav class="pager" aria-label="${label}">[\\s\\S]*?</nav>`).exec(html)?.[0] ?? '') : html;
  const unescape = (s: string | undefined) => s?.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=') ?? null;
  return {
    range: /(\d+)–(\d+) \/ (\d+)/.exec(html)?.slice(1).map(Number) ?? null,
    next: unescape(/<a href="([^"]+)" rel="next">/.exec(nav)?.[1]),
    prev: unescape(/<a href="([^"]+)" rel="prev">/.exec(nav)?.[1]),
  };
}

/**
 * Every list of the pages that can grow is paged (50 a page, `?limit=&offset=` as the API reads
 * them, the pager keeping the filters): plans, rounds, an agency's comments, notifications,
 * directives, the audit log, users, agencies.
 */
describe('paged lists on the pages', () => {
  let t: TestApp;
  let w: World;
  let roundId: string;

  const signedIn = async (email: string, password = PASSWORD) => {
    const agent = request.agent(t.url);
    const page = await agent.get('/login');
    expect(
      (
        await agent
          .post('/login')
          .type('form')
          .send({ _csrf: csrfOf(page.text), email, password, next: '/' })
      ).status,
    ).toBe(303);
    return agent;
  };

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t, 3);
    const sec = as(t, w.secretariat.token);
    for (let i = 0; i < 50; i++)
      await sec.post('/api/plans', { title: `Kế hoạch số ${i + 1}`, sections: [{ heading: 'Mục 1', body: 'Nội dung.' }] }).expect(201);
    const { planId } = await planWithVersion(w);
    roundId = await openRound(w, planId);
    for (let i = 0; i < 3; i++) await comment(w, w.agencies[0], roundId, { body: `Ý kiến số ${i + 1}` });
    const conference = (
      await sec
        .post(`/api/plans/${planId}/conferences`, {
          title: 'Hội nghị',
          heldAt: '2022-06-08T08:00:00+07:00',
          location: 'UBND tỉnh',
          chair: 'Chủ trì',
          secretary: 'Thư ký',
          attendees: [],
        })
        .expect(201)
    ).body;
    const directives = Array.from({ length: 3 }, (_, i) => ({ agencyId: w.agencies[i % 2].id, task: `Nhiệm vụ ${i + 1}`, dueDate: '2031-06-30' }));
    await sec
      .put(`/api/conferences/${conference.id}/minutes`, {
        summary: 'Tóm tắt.',
        opinions: [],
        conclusions: ['Kết luận.'],
        directives,
        endedAt: '2022-06-08T11:00:00+07:00',
      })
      .expect(200);
    await sec.post(`/api/conferences/${conference.id}/minutes/finalize`).expect(200);
    for (let i = 0; i < 3; i++) {
      await t.db.query(
        `INSERT INTO notifications (event_key, user_id, kind, title, body, link, created_at, read_at) VALUES ($1, $2, 'test', $3, '', '/', now() - $4 * interval '1 minute', $5)`,
        [`paging-${i}`, w.agencies[0].user.id, `Thông báo ${i + 1}`, i, i === 2 ? new Date() : null],
      );
    }
  }, 120_000);
  afterAll(() => t.close());

  it('shows 50 plans a page and goes on to the next', async () => {
    const agent = await signedIn(w.secretariat.email);
    const first = await agent.get('/plans');
    expect(pagerOf(first.text)).toEqual({ range: [1, 50, 51], next: '/plans?offset=50', prev: null });
    const second = await agent.get('/plans?offset=50');
    expect(pagerOf(second.text)).toEqual({ range: [51, 51, 51], next: null, prev: '/plans' });
  });

  it('pages every other list, keeping its filters and its page size', async () => {
    const sec = await signedIn(w.secretariat.email);
    const agency = await signedIn(w.agencies[0].user.email);
    const admin = await signedIn(ADMIN.email, ADMIN.password);
    const cases: [request.Agent, string, string | undefined, [number, number, number], string | null][] = [
      [sec, '/rounds?limit=1', undefined, [1, 1, 1], null],
      [agency, '/rounds?limit=1', undefined, [1, 1, 1], null],
      [agency, `/rounds/${roundId}?limit=2`, 'Các trang ý kiến', [1, 2, 3], `/rounds/${roundId}?offset=2&limit=2`],
      [sec, '/directives?status=open&limit=2', undefined, [1, 2, 3], '/directives?status=open&offset=2&limit=2'],
      [agency, '/directives?limit=1', undefined, [1, 1, 2], '/directives?offset=1&limit=1'],
      [agency, '/notifications?limit=1', 'Các trang thông báo chưa đọc', [1, 1, 2], '/notifications?offset=1&limit=1'],
      [admin, '/admin/audit?entityType=plan&limit=2', undefined, [1, 2, 0], '/admin/audit?entityType=plan&offset=2&limit=2'],
      [admin, '/admin/users?limit=2', undefined, [1, 2, 0], '/admin/users?offset=2&limit=2'],
      [admin, '/admin/agencies?limit=2', undefined, [1, 2, 3], '/admin/agencies?offset=2&limit=2'],
    ];
    for (const [agent, path, label, [from, to, total], next] of cases) {
      const res = await agent.get(path);
      expect([path, res.status]).toEqual([path, 200]);
      const pager = pagerOf(res.text, label);
      expect([path, pager.range?.slice(0, 2)]).toEqual([path, [from, to]]);
      if (total) expect([path, pager.range?.[2]]).toEqual([path, total]);
      expect([path, pager.next]).toEqual([path, next]);
    }
    // The read notifications page on their own, keeping the place of the unread ones.
    const read = await agency.get('/notifications?offset=1&limit=1');
    expect(pagerOf(read.text, 'Các trang thông báo chưa đọc').prev).toBe('/notifications?limit=1');
  });

  it('refuses a page size or offset the API would refuse, with a 400 page', async () => {
    const agent = await signedIn(w.secretariat.email);
    for (const q of ['limit=0', 'limit=201', 'offset=-1', 'limit=abc', 'offset=1e3']) {
      const res = await agent.get(`/plans?${q}`);
      expect([q, res.status]).toEqual([q, 400]);
      expect(res.text).toContain('Thông tin chưa hợp lệ');
    }
  });
});
