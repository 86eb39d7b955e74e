import request from 'supertest';
import { useWorld } from './support/use-world';
import type { TestApp } from './support/test-app';
import { openRound, PASSWORD, planWithVersion, World } from './support/world';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** Issue 16: the notifications page stays paged and fast with 2,000 notices, and marks read by subject without JavaScript. */
describe('the notifications page with many notices', () => {
  let t: TestApp;
  let w: World;
  useWorld(1, (app, world) => {
    t = app;
    w = world;
  });

  it('pages the notifications page at 2,000 notices, and marks read by subject from the page without JavaScript', async () => {
    const [a] = w.agencies;
    const roundId = await openRound(w, (await planWithVersion(w)).planId, [a]);
    await t.db.query(
      `INSERT INTO notifications (event_key, user_id, kind, title, body, link, subject_type, subject_id, created_at)
       SELECT 'bulk-' || i, $1, 'test', 'Thông báo số ' || i, '', '/rounds/' || $2, 'round', $2::uuid, now() - i * interval '1 second'
       FROM generate_series(1, 2000) i`,
      [a.user.id, roundId],
    );
    const agent = request.agent(t.url);
    const login = await agent.get('/login');
    await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(login.text), email: a.user.email, password: PASSWORD, next: '/' })
      .expect(303);
    const t0 = Date.now();
    const page = await agent.get('/notifications');
    const took = Date.now() - t0;
    expect(page.status).toBe(200);
    expect(took).toBeLessThan(1500);
    expect((page.text.match(/class="note note--unread"/g) ?? []).length).toBe(50);
    expect(page.text).toMatch(/1–50 \/ 2\.0\d\d/);
    expect(page.text).toContain('Đánh dấu đã đọc: mọi thông báo về đợt lấy ý kiến này');
    const unread = async () =>
      (await t.db.query('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND subject_id = $2 AND read_at IS NULL', [a.user.id, roundId]))[0].n;
    expect(await unread()).toBeGreaterThanOrEqual(2000);

    const refused = await agent
      .post('/notifications/read-subject')
      .type('form')
      .send({ _csrf: csrfOf(page.text), subjectType: 'comment', subjectId: roundId });
    expect([refused.status, refused.headers.location]).toEqual([303, '/notifications']);
    expect(await unread()).toBeGreaterThanOrEqual(2000);
    expect((await agent.get('/notifications')).text).toContain('subjectType');

    const done = await agent
      .post('/notifications/read-subject')
      .type('form')
      .send({ _csrf: csrfOf(page.text), subjectType: 'round', subjectId: roundId });
    expect([done.status, done.headers.location]).toEqual([303, '/notifications']);
    expect(await unread()).toBe(0);
    expect((await agent.get('/notifications')).text).toMatch(/Đã đánh dấu đã đọc 20\d\d thông báo\./);
  });
});
