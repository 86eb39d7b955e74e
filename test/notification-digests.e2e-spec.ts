import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { SESSION_COOKIE } from '../src/auth/session-cookie';
import { Digests } from '../src/notifications/digests';
import { Dispatcher } from '../src/notifications/dispatcher';
import { eventually, SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';
import { DAY } from './support/test-clock';
import { AgencyWithUser, as, buildWorld, comment, openRound, planWithVersion, respond, World } from './support/world';

/**
 * Issue 16, "notifications that say something": the events for one person and one subject within
 * NOTIFY_DIGEST_SECONDS become one notice and one e-mail that lists them, each with its link (the
 * decisions on an agency's comments in a round, the responses to a round, the directives of a
 * conference); exactly once however often a job runs; deadlines and approvals at once.
 */
/** Waits until no outbox event, dispatch, digest or e-mail is left in flight. */
const settledIn = (t: TestApp) =>
  eventually(
    async () => {
      const [row] = await t.db.query(
        `SELECT (SELECT count(*) FROM outbox_events WHERE relayed_at IS NULL)::int AS unrelayed, (SELECT count(*) FROM emails WHERE status = 'pending')::int AS pending`,
      );
      if (row.unrelayed || row.pending) return false;
      const c = await t.app.get<Queue>(getQueueToken('notifications')).getJobCounts('waiting', 'active', 'delayed');
      return c.waiting + c.active + c.delayed === 0;
    },
    30_000,
    'deliveries to settle',
  );
const noticesIn = (t: TestApp, userId: string, kind: string) =>
  t.db.query(
    'SELECT id, title, body, link, items, subject_type, subject_id, event_key FROM notifications WHERE user_id = $1 AND kind = $2 ORDER BY created_at',
    [userId, kind],
  );

/** A conference of a plan whose finalised minutes give these directives. */
async function conferenceGiving(t: TestApp, w: World, directives: { agency: AgencyWithUser; task: string; dueDate: string }[]): Promise<string> {
  const { planId } = await planWithVersion(w);
  const s = as(t, w.secretariat.token);
  const conf = await s
    .post(`/api/plans/${planId}/conferences`, {
      title: 'Hội nghị góp ý dự thảo Đề án thử nghiệm',
      heldAt: '2022-06-08T08:00:00+07:00',
      location: 'Hạ Long',
      chair: 'Phạm Văn Thành',
      secretary: 'Thư ký',
      attendees: [],
    })
    .expect(201);
  await s
    .put(`/api/conferences/${conf.body.id}/minutes`, {
      summary: 'Tóm tắt.',
      opinions: [],
      conclusions: [],
      directives: directives.map((d) => ({ agencyId: d.agency.id, task: d.task, dueDate: d.dueDate, target: null })),
      endedAt: '2022-06-08T11:00:00+07:00',
    })
    .expect(200);
  await s.post(`/api/conferences/${conf.body.id}/minutes/finalize`).expect(200);
  return conf.body.id;
}

describe('notification digests', () => {
  let t: TestApp;
  let w: World;
  let smtp: SmtpSink;
  const queue = () => t.app.get<Queue>(getQueueToken('notifications'));
  const settled = () => settledIn(t);
  const notices = (userId: string, kind = 'disposition_published') => noticesIn(t, userId, kind);
  /** BullMQ delivers at least once: the same dispatch again. */
  const redeliver = async (eventIds: string[]) => {
    for (const id of eventIds) await t.app.get(Dispatcher).dispatch(id);
  };
  const eventsOf = async (type: string, key: string, value: string): Promise<string[]> =>
    (await t.db.query('SELECT id FROM outbox_events WHERE type = $1 AND payload->>$2 = $3 ORDER BY id', [type, key, value])).map((e: { id: string }) =>
      String(e.id),
    );

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
    w = await buildWorld(t, 3);
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

  it('tells the secretariat of three responses in the window in one notice and one e-mail that names the three, the late one marked', async () => {
    const [a, b, c] = w.agencies;
    const { planId } = await planWithVersion(w);
    const roundId = await openRound(w, planId, [a, b, c], { deadlineMs: DAY });
    await settled();
    const mailsBefore = smtp.received.length;
    await comment(w, a, roundId, { body: 'Ý kiến của đơn vị A.' });
    await respond(w, a, roundId, { reference: '01/A' });
    await respond(w, b, roundId, { noComments: true });
    // The first response's digest and its flush job exist before the clock moves past the deadline.
    const digest = await eventually(
      async () => (await t.db.query(`SELECT id FROM digests WHERE kind = 'response_received' AND subject_id = $1 AND flushed_at IS NULL`, [roundId]))[0],
      10_000,
      'the open digest',
    );
    await eventually(async () => queue().getJob(`digest-${digest.id}`), 5000, 'its flush job');
    t.clock.advance(2 * DAY);
    await comment(w, c, roundId, { body: 'Ý kiến gửi muộn của đơn vị C.' });
    await respond(w, c, roundId, {});
    t.clock.reset();
    // Each event delivered twice while the digest is open: it holds each response once.
    const events = await eventsOf('response.submitted', 'roundId', roundId);
    expect(events).toHaveLength(3);
    await redeliver(events);
    await settled();

    const [told, ...more] = await notices(w.secretariat.id, 'response_received').then((all) =>
      all.filter((n: { subject_id: string }) => n.subject_id === roundId),
    );
    expect(more).toEqual([]);
    expect(told).toMatchObject({
      title: '3 đơn vị đã gửi văn bản góp ý: Đề án thử nghiệm',
      body: `3 đơn vị đã gửi ý kiến về Dự thảo lần 1 (Đề án thử nghiệm): ${a.name}, ${b.name}, ${c.name} (muộn).`,
      link: `https://duthao.test/rounds/${roundId}`,
      subject_type: 'round',
    });
    expect(told.items).toEqual([
      { text: `${a.name}: đã gửi ý kiến góp ý (văn bản số 01/A)`, link: `https://duthao.test/rounds/${roundId}/tracker#agency-${a.id}` },
      { text: `${b.name}: thống nhất, không có ý kiến`, link: `https://duthao.test/rounds/${roundId}/tracker#agency-${b.id}` },
      { text: `${c.name} (muộn): đã gửi ý kiến góp ý`, link: `https://duthao.test/rounds/${roundId}/tracker#agency-${c.id}` },
    ]);
    const mails = smtp.received.slice(mailsBefore).filter((m) => m.to.includes(w.secretariat.email));
    expect(mails.map((m) => m.subject)).toEqual(['[duthao] 3 đơn vị đã gửi văn bản góp ý: Đề án thử nghiệm']);
    for (const agency of [a, b, c]) expect(mails[0].text).toContain(`https://duthao.test/rounds/${roundId}/tracker#agency-${agency.id}`);
    expect(mails[0].text).toContain(`${c.name} (muộn)`);
    // The tracker has the line each item links to.
    // (The page session is the access token in its cookie.)
    const tracker = await t.http.get(`/rounds/${roundId}/tracker`).set('Cookie', `${SESSION_COOKIE}=${w.secretariat.token}`).expect(200);
    for (const agency of [a, b, c]) expect(tracker.text).toContain(`id="agency-${agency.id}"`);

    // And again once the digest is closed: no new digest, no new notice or e-mail.
    const mailCount = smtp.received.length;
    await redeliver(events);
    await t.app.get(Digests).flush(digest.id);
    await settled();
    expect((await notices(w.secretariat.id, 'response_received')).filter((n: { subject_id: string }) => n.subject_id === roundId)).toHaveLength(1);
    expect(smtp.received.length).toBe(mailCount);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM digests WHERE subject_id = $1', [roundId]);
    expect(n).toBe(1);
  });

  it('tells an agency of three directives of one conference in one notice, each with its due date and link; reminders are scheduled at assignment', async () => {
    const [a, b] = w.agencies;
    const conferenceId = await conferenceGiving(t, w, [
      { agency: a, task: 'Thành lập mới ít nhất 30 hợp tác xã', dueDate: '2030-12-31' },
      { agency: b, task: 'Hướng dẫn thủ tục đăng ký hợp tác xã', dueDate: '2030-09-30' },
      { agency: a, task: 'Hoàn thành 5 hợp tác xã điểm', dueDate: '2030-06-30' },
      { agency: a, task: 'Tổng kết mô hình hợp tác xã kiểu mới', dueDate: '2031-01-15' },
    ]);
    const directives: { id: string; agency_id: string }[] = await t.db.query(
      'SELECT id, agency_id FROM directives WHERE conference_id = $1 ORDER BY position',
      [conferenceId],
    );
    const mine = directives.filter((d) => d.agency_id === a.id).map((d) => d.id);
    const events = await eventsOf(
      'directive.assigned',
      'planId',
      (await t.db.query('SELECT plan_id FROM conferences WHERE id = $1', [conferenceId]))[0].plan_id,
    );
    expect(events).toHaveLength(4);
    await redeliver(events);
    await settled();

    const [told, ...more] = (await notices(a.user.id, 'directive_assigned')).filter((n: { subject_id: string }) => n.subject_id === conferenceId);
    expect(more).toEqual([]);
    expect(told).toMatchObject({
      title: '3 nhiệm vụ được giao: Hội nghị góp ý dự thảo Đề án thử nghiệm',
      body:
        'Hội nghị góp ý dự thảo Đề án thử nghiệm giao 3 nhiệm vụ cho đơn vị: Thành lập mới ít nhất 30 hợp tác xã (thời hạn: 31/12/2030); ' +
        'Hoàn thành 5 hợp tác xã điểm (thời hạn: 30/06/2030); Tổng kết mô hình hợp tác xã kiểu mới (thời hạn: 15/01/2031).',
      link: 'https://duthao.test/directives',
      subject_type: 'conference',
    });
    expect(told.items.map((i: { link: string }) => i.link)).toEqual(mine.map((id) => `https://duthao.test/directives/${id}`));
    expect((await notices(a.user.id, 'directive_assigned')).filter((n: { subject_id: string }) => mine.includes(n.subject_id))).toEqual([]);
    const toA = smtp.received.filter((m) => m.to.includes(a.user.email) && m.subject.includes('nhiệm vụ'));
    expect(toA.map((m) => m.subject)).toEqual(['[duthao] 3 nhiệm vụ được giao: Hội nghị góp ý dự thảo Đề án thử nghiệm']);
    expect(toA[0].html).toContain(`href="https://duthao.test/directives/${mine[2]}"`);
    // B's one directive is said in full.
    const forB = (await notices(b.user.id, 'directive_assigned')).filter((n: { subject_id: string }) => n.subject_id === directives[1].id);
    expect(forB.map((n: { title: string }) => n.title)).toEqual(['Nhiệm vụ được giao: Hướng dẫn thủ tục đăng ký hợp tác xã']);

    // Every directive's reminders (3 days, 1 day before, and when overdue) were scheduled when it was assigned, before the digest closed.
    const [{ flushed_at: flushedAt }] = await t.db.query(
      `SELECT flushed_at FROM digests WHERE kind = 'directive_assigned' AND subject_id = $1 AND user_id = $2`,
      [conferenceId, a.user.id],
    );
    const reminders = (await t.app.get<Queue>(getQueueToken('reminders')).getDelayed(0, 10_000)).filter((j) => directives.some((d) => j.id!.includes(d.id)));
    expect(reminders).toHaveLength(4 * 3);
    for (const job of reminders) expect(job.timestamp).toBeLessThan(new Date(flushedAt).getTime());

    // Marked read by its subject, the conference.
    expect((await as(t, a.user.token).post('/api/me/notifications/read', { subjectType: 'conference', subjectId: conferenceId })).status).toBe(204);
    expect((await as(t, a.user.token).get(`/api/me/notifications?unread=true&subjectType=conference&subjectId=${conferenceId}`)).body.total).toBe(0);
  });
});

describe('notification digests with NOTIFY_DIGEST_SECONDS=0', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp({ workers: true, outboxPollMs: 200, publicUrl: 'https://duthao.test', notifyDigestSeconds: 0 });
    w = await buildWorld(t, 3);
  }, 120_000);
  afterAll(() => t.close());

  it('sends each response, directive and decision at once, as its own notice', async () => {
    const [a, b, c] = w.agencies;
    const { planId } = await planWithVersion(w);
    const roundId = await openRound(w, planId, [a, b, c]);
    const commented = await comment(w, a, roundId, { body: 'Ý kiến của đơn vị A.' });
    for (const agency of [a, b, c]) await respond(w, agency, roundId, agency === a ? {} : { noComments: true });
    const conferenceId = await conferenceGiving(
      t,
      w,
      [1, 2, 3].map((i) => ({ agency: a, task: `Nhiệm vụ số ${i}`, dueDate: `2030-0${i}-28` })),
    );
    await as(t, w.secretariat.token).post(`/api/rounds/${roundId}/close`).expect(200);
    await as(t, w.secretariat.token).put(`/api/comments/${commented}/disposition`, { decision: 'accepted' }).expect(200);
    await settledIn(t);

    const responses = await noticesIn(t, w.secretariat.id, 'response_received');
    expect(responses.map((n: { title: string }) => n.title).sort()).toEqual([a, b, c].map((x) => `${x.name} đã gửi văn bản góp ý`).sort());
    const directives = await noticesIn(t, a.user.id, 'directive_assigned');
    expect(directives.map((n: { title: string }) => n.title).sort()).toEqual([
      'Nhiệm vụ được giao: Nhiệm vụ số 1',
      'Nhiệm vụ được giao: Nhiệm vụ số 2',
      'Nhiệm vụ được giao: Nhiệm vụ số 3',
    ]);
    expect(directives.every((n: { subject_type: string; items: unknown }) => n.subject_type === 'directive' && n.items === null)).toBe(true);
    expect(await noticesIn(t, a.user.id, 'disposition_published')).toHaveLength(1);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM digests');
    expect([n, conferenceId]).toEqual([0, conferenceId]);
  });
});
