import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Digests } from '../src/notifications/digests';
import { Dispatcher } from '../src/notifications/dispatcher';
import { eventually, SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';
import { as, buildWorld, comment, openRound, planWithVersion, respond, World } from './support/world';

/**
 * Issue 16, "notifications that say something": the decisions on one agency's comments in one
 * round within NOTIFY_DIGEST_SECONDS become one notice and one e-mail per person that counts them
 * by decision and lists each comment with its link; exactly once however often a job runs;
 * deadlines and approvals at once.
 */
describe('notification digests', () => {
  let t: TestApp;
  let w: World;
  let smtp: SmtpSink;
  const queue = () => t.app.get<Queue>(getQueueToken('notifications'));
  const settled = () =>
    eventually(
      async () => {
        const [row] = await t.db.query(
          `SELECT (SELECT count(*) FROM outbox_events WHERE relayed_at IS NULL)::int AS unrelayed, (SELECT count(*) FROM emails WHERE status = 'pending')::int AS pending`,
        );
        if (row.unrelayed || row.pending) return false;
        const c = await queue().getJobCounts('waiting', 'active', 'delayed');
        return c.waiting + c.active + c.delayed === 0;
      },
      30_000,
      'deliveries to settle',
    );
  const notices = (userId: string, kind = 'disposition_published') =>
    t.db.query('SELECT id, title, body, link, items, event_key FROM notifications WHERE user_id = $1 AND kind = $2 ORDER BY created_at', [userId, kind]);

  /** A closed round of version 1 with `n` submitted comments of agency A (and one of B). */
  async function closedRound(n: number): Promise<{ planId: string; roundId: string; mine: string[]; theirs: string }> {
    const [a, b] = w.agencies;
    const { planId } = await planWithVersion(w);
    const roundId = await openRound(w, planId, [a, b]);
    const mine: string[] = [];
    for (let i = 0; i < n; i++) mine.push(await comment(w, a, roundId, { body: `Ý kiến số ${i + 1} của đơn vị A về mục tiêu.` }));
    const theirs = await comment(w, b, roundId, { body: 'Ý kiến của đơn vị B.' });
    await respond(w, a, roundId, {});
    await respond(w, b, roundId, {});
    await as(t, w.secretariat.token).post(`/api/rounds/${roundId}/close`).expect(200);
    await settled();
    return { planId, roundId, mine, theirs };
  }
  const decide = (commentId: string, decision: string) =>
    as(t, w.secretariat.token)
      .put(`/api/comments/${commentId}/disposition`, { decision, reason: decision === 'accepted' ? undefined : 'Đã giải trình tại hội nghị.' })
      .expect(200);

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    // A window of 4 s: fifteen decisions fit in it on a busy machine.
    t = await startTestApp({ workers: true, smtpUrl: smtp.url, outboxPollMs: 200, publicUrl: 'https://duthao.test', notifyDigestSeconds: 4 });
    w = await buildWorld(t, 2);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('sends one notice and one e-mail for 15 decisions, counting them by decision and linking each comment', async () => {
    const [a, b] = w.agencies;
    const { roundId, mine, theirs } = await closedRound(15);
    const mailsBefore = smtp.received.length;
    for (const [i, id] of mine.entries()) await decide(id, i < 12 ? 'accepted' : 'explained');
    await decide(theirs, 'not_accepted');
    await settled();

    const [digest, ...more] = await notices(a.user.id);
    expect(more).toEqual([]);
    expect(digest.title).toBe('Kết quả xử lý 15 ý kiến góp ý của đơn vị: Đề án thử nghiệm');
    expect(digest.body).toBe('Cơ quan chủ trì đã tiếp thu 12, giải trình 3 ý kiến của đơn vị về Dự thảo lần 1 (Đề án thử nghiệm).');
    expect(digest.link).toBe(`https://duthao.test/rounds/${roundId}`);
    expect(digest.items.map((i: { link: string }) => i.link).sort()).toEqual(mine.map((id) => `https://duthao.test/rounds/${roundId}#comment-${id}`).sort());
    expect(digest.items[0].text).toBe('Tiếp thu: "Ý kiến số 1 của đơn vị A về mục tiêu."');

    const mails = smtp.received.slice(mailsBefore);
    const toA = mails.filter((m) => m.to.includes(a.user.email));
    expect(toA).toHaveLength(1);
    expect(toA[0].subject).toBe('[duthao] Kết quả xử lý 15 ý kiến góp ý của đơn vị: Đề án thử nghiệm');
    for (const id of mine) expect(toA[0].text).toContain(`https://duthao.test/rounds/${roundId}#comment-${id}`);
    expect(toA[0].html).toContain(`href="https://duthao.test/rounds/${roundId}#comment-${mine[14]}"`);
    // B's one decision is said in full, and B hears nothing of A's.
    const [forB] = await notices(b.user.id);
    expect(forB).toMatchObject({ title: 'Ý kiến của đơn vị đã được xử lý: Không tiếp thu', link: `https://duthao.test/rounds/${roundId}#comment-${theirs}` });
    expect(forB.body).toContain('"Ý kiến của đơn vị B."');
    expect((await notices(b.user.id)).length).toBe(1);
    expect(mails.filter((m) => m.to.includes(b.user.email))).toHaveLength(1);

    // The API shows the list and names the subject.
    const api = (await as(t, a.user.token).get(`/api/me/notifications?subjectType=round&subjectId=${roundId}`)).body;
    expect(api.items.find((n: { kind: string }) => n.kind === 'disposition_published')).toMatchObject({
      subjectType: 'round',
      subjectId: roundId,
      items: expect.arrayContaining([{ text: expect.stringContaining('Giải trình: "Ý kiến số 15'), link: expect.stringContaining(mine[14]) }]),
    });
  });

  it('opens a new digest for decisions after the window, and adds nothing when an event or a flush runs again', async () => {
    const [a] = w.agencies;
    const { mine } = await closedRound(3);
    await decide(mine[0], 'accepted');
    await settled();
    await decide(mine[1], 'partially_accepted');
    await decide(mine[2], 'not_accepted');
    await settled();
    const before = await notices(a.user.id);
    const titles = before.slice(-2).map((n: { title: string }) => n.title);
    expect(titles).toEqual(['Ý kiến của đơn vị đã được xử lý: Tiếp thu', 'Kết quả xử lý 2 ý kiến góp ý của đơn vị: Đề án thử nghiệm']);
    const mails = smtp.received.length;

    // BullMQ delivers at least once: the same dispatch and the same flush again change nothing.
    const events: { id: string }[] = await t.db.query(`SELECT id FROM outbox_events WHERE type = 'disposition.recorded' AND payload->>'commentId' = ANY($1)`, [
      mine,
    ]);
    for (const e of events) await t.app.get(Dispatcher).dispatch(String(e.id));
    const digests: { id: string }[] = await t.db.query('SELECT DISTINCT digest_id AS id FROM digest_items WHERE item_id = ANY($1::uuid[])', [mine]);
    expect(digests).toHaveLength(2);
    for (const d of digests) await t.app.get(Digests).flush(d.id);
    await settled();
    expect((await notices(a.user.id)).length).toBe(before.length);
    expect(smtp.received.length).toBe(mails);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM digests WHERE flushed_at IS NULL');
    expect(n).toBe(0);
  });

  it('marks read every notice about one subject, only the caller’s, and refuses a bad subject', async () => {
    const [a, b] = w.agencies;
    const { roundId } = await closedRound(1);
    await settled();
    const mine = as(t, a.user.token);
    const unreadAbout = async () => (await mine.get(`/api/me/notifications?unread=true&subjectType=round&subjectId=${roundId}`)).body;
    expect((await unreadAbout()).total).toBeGreaterThan(0);
    // B never heard of a round it was not invited to: nothing of A's is touched.
    const lonely = await planWithVersion(w);
    const onlyA = await openRound(w, lonely.planId, [a]);
    await settled();
    expect((await as(t, b.user.token).post('/api/me/notifications/read', { subjectType: 'round', subjectId: onlyA })).status).toBe(404);
    expect((await mine.get(`/api/me/notifications?unread=true&subjectType=round&subjectId=${onlyA}`)).body.total).toBe(1);
    const otherUnread = (await mine.get('/api/me/notifications?unread=true')).body.unread - (await unreadAbout()).total;
    expect(otherUnread).toBeGreaterThan(0);

    expect((await mine.post('/api/me/notifications/read', { subjectType: 'round', subjectId: roundId })).status).toBe(204);
    expect((await unreadAbout()).total).toBe(0);
    expect((await mine.get('/api/me/notifications?unread=true')).body.unread).toBe(otherUnread);
    // Again: nothing left to mark, still fine.
    expect((await mine.post('/api/me/notifications/read', { subjectType: 'round', subjectId: roundId })).status).toBe(204);

    for (const body of [
      { subjectType: 'comment', subjectId: roundId },
      { subjectType: 'round', subjectId: 'x' },
      { subjectType: 'round' },
      { subjectType: 'round', subjectId: roundId, extra: 1 },
    ]) {
      const res = await mine.post('/api/me/notifications/read', body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
    }
    expect((await mine.get('/api/me/notifications?subjectType=round')).status).toBe(400);
    expect((await mine.get('/api/me/notifications?limit=0')).status).toBe(400);
    expect((await mine.get(`/api/me/notifications?unread=true&subjectType=round&subjectId=${onlyA}`)).body.total).toBe(1);
    expect((await t.http.post('/api/me/notifications/read').send({ subjectType: 'round', subjectId: roundId })).status).toBe(401);
  });

  it('sends deadlines and approvals at once while decisions wait for their window', async () => {
    const { mine } = await closedRound(1);
    const pending = await openRound(w, (await planWithVersion(w)).planId, [w.agencies[1]]);
    const toApprove = await planWithVersion(w);
    await settled();
    const since = new Date();
    await decide(mine[0], 'accepted');
    await as(t, w.secretariat.token)
      .patch(`/api/rounds/${pending}`, { deadline: new Date(t.clock.now().getTime() + 9 * 86_400_000).toISOString() })
      .expect(200);
    await as(t, w.secretariat.token)
      .post(`/api/plans/${toApprove.planId}/approval`, { versionNumber: 1, approverIds: [w.leaders[0].id] })
      .expect(201);
    const at = async (kind: string) => (await t.db.query('SELECT 1 FROM notifications WHERE kind = $1 AND created_at >= $2', [kind, since])).length > 0;
    await eventually(async () => (await at('approval_requested')) && (await at('round_deadline_changed')), 10_000, 'the approval and deadline notices');
    // ...while the decision is still in its open digest.
    const [open] = await t.db.query('SELECT d.flushed_at FROM digests d JOIN digest_items i ON i.digest_id = d.id WHERE i.item_id = $1', [mine[0]]);
    expect(open).toEqual({ flushed_at: null });
    expect(await at('disposition_published')).toBe(false);
    await settled();
    expect(await at('disposition_published')).toBe(true);
  });

  it('flushes a digest whose delayed job Redis lost: the relay sweeps digests past due', async () => {
    const [a] = w.agencies;
    const { mine } = await closedRound(1);
    const before = (await notices(a.user.id)).length;
    await decide(mine[0], 'explained');
    const digest = await eventually(
      async () => (await t.db.query('SELECT digest_id AS id FROM digest_items WHERE item_id = $1 AND user_id = $2', [mine[0], a.user.id]))[0],
      10_000,
      'the digest',
    );
    const job = await eventually(async () => queue().getJob(`digest-${digest.id}`), 5000, 'its flush job');
    await job.remove();
    await eventually(async () => (await notices(a.user.id)).length === before + 1, 20_000, 'the swept digest to be flushed');
    await settled();
    expect((await notices(a.user.id)).length).toBe(before + 1);
  });
});
