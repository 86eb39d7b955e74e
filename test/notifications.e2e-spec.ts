import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { provinceDate } from '../src/common/time/province-time';
import { endOfDueDate } from '../src/notifications/domain/reminder-times';
import { eventually, SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';
import { DAY } from './support/test-clock';
import { as, buildWorld, comment, login, openRound, PASSWORD, planWithVersion, Person, respond, World } from './support/world';

/**
 * docs/lifecycle.md, "Notifications", row by row: who hears what, in the app and by e-mail (a real SMTP
 * server), and never those who already answered.
 */
describe('notifications: who hears what', () => {
  let t: TestApp;
  let w: World;
  let smtp: SmtpSink;
  let secondUserOfA: Person;

  const kinds = async (userId: string): Promise<string[]> =>
    (await t.db.query('SELECT kind FROM notifications WHERE user_id = $1 ORDER BY created_at, kind', [userId])).map((r: { kind: string }) => r.kind);
  /** Who got notifications of this kind (user ids, sorted). */
  const heard = async (kind: string, since = new Date(0)): Promise<string[]> =>
    (await t.db.query('SELECT user_id FROM notifications WHERE kind = $1 AND created_at >= $2 ORDER BY user_id', [kind, since])).map(
      (r: { user_id: string }) => r.user_id,
    );
  const sorted = (...people: Person[]) => people.map((p) => p.id).sort();
  /** Waits until no outbox event, dispatch or e-mail is left in flight. */
  const settled = () =>
    eventually(
      async () => {
        const [row] = await t.db.query(
          `SELECT (SELECT count(*) FROM outbox_events WHERE relayed_at IS NULL)::int AS unrelayed, (SELECT count(*) FROM emails WHERE status = 'pending')::int AS pending`,
        );
        if (row.unrelayed || row.pending) return false;
        const counts = await queue('notifications').getJobCounts('waiting', 'active', 'delayed');
        return counts.waiting + counts.active + counts.delayed === 0;
      },
      20_000,
      'deliveries to settle',
    );
  const queue = (name: string) => t.app.get<Queue>(getQueueToken(name));

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    // Each event told at once (NOTIFY_DIGEST_SECONDS=0), row by row; digests: notification-digests.e2e-spec.ts.
    t = await startTestApp({
      workers: true,
      smtpUrl: smtp.url,
      reminderOffsetsMs: [4000, 2000],
      outboxPollMs: 200,
      publicUrl: 'https://duthao.test',
      notifyDigestSeconds: 0,
    });
    w = await buildWorld(t, 3);
    const res = await as(t, w.admin.token).post('/api/users', {
      email: 'a2@test.vn',
      fullName: 'Người thứ hai của đơn vị A',
      password: PASSWORD,
      role: 'agency',
      agencyId: w.agencies[0].id,
    });
    secondUserOfA = { id: res.body.id, email: 'a2@test.vn', token: await login(t, 'a2@test.vn', PASSWORD) };
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('tells the invited agencies when a round opens, in the app and by e-mail, with the link to the round', async () => {
    const [a, b, c] = w.agencies;
    const { planId } = await planWithVersion(w);
    const roundId = await openRound(w, planId, [a, b]);
    await settled();
    expect(await heard('round_opened')).toEqual(sorted(a.user, secondUserOfA, b.user));
    expect(await kinds(c.user.id)).toEqual([]);
    expect(await kinds(w.secretariat.id)).toEqual([]);

    const mine = await as(t, a.user.token).get('/api/me/notifications');
    expect(mine.body).toMatchObject({ total: 1, unread: 1 });
    expect(mine.body.items[0]).toMatchObject({ kind: 'round_opened', title: 'Đề nghị góp ý: Đề án thử nghiệm', link: `https://duthao.test/rounds/${roundId}` });
    const mail = smtp.received.find((m) => m.to.includes(a.user.email))!;
    expect(mail.subject).toBe('[duthao] Đề nghị góp ý: Đề án thử nghiệm');
    expect(mail.text).toContain(`https://duthao.test/rounds/${roundId}`);
    expect(mail.text).toContain('Hạn gửi văn bản góp ý');
    expect(mail.html).toContain(`href="https://duthao.test/rounds/${roundId}"`);
    expect(
      smtp.received
        .filter((m) => m.subject.includes('Đề nghị góp ý'))
        .flatMap((m) => m.to)
        .sort(),
    ).toEqual([a.user.email, secondUserOfA.email, b.user.email].sort());
  });

  it('tells the secretariat when a response arrives and when the round closes; agencies hear about dispositions on their own comments only', async () => {
    const [a, b] = w.agencies;
    const { planId } = await planWithVersion(w);
    const roundId = await openRound(w, planId, [a, b]);
    const since = new Date();
    const ca = await comment(w, a, roundId, { body: 'Ý kiến của đơn vị A.' });
    await comment(w, b, roundId, { body: 'Ý kiến của đơn vị B.' });
    await respond(w, a, roundId, { reference: '01/A' });
    await respond(w, b, roundId, { reference: '02/B' });
    await settled();
    expect(await heard('response_received', since)).toEqual([w.secretariat.id, w.secretariat.id]);
    const titles = (await as(t, w.secretariat.token).get('/api/me/notifications?unread=true')).body.items.map((n: { title: string }) => n.title);
    expect(titles).toEqual(expect.arrayContaining([`${a.name} đã gửi văn bản góp ý`, `${b.name} đã gửi văn bản góp ý`]));

    await as(t, w.secretariat.token).post(`/api/rounds/${roundId}/close`).expect(200);
    await as(t, w.secretariat.token).put(`/api/comments/${ca}/disposition`, { decision: 'not_accepted', reason: 'Không phù hợp quy định.' }).expect(200);
    await settled();
    expect(await heard('round_closed', since)).toEqual([w.secretariat.id]);
    expect(await heard('disposition_published', since)).toEqual(sorted(a.user, secondUserOfA));
    const [n] = (await as(t, a.user.token).get('/api/me/notifications?limit=1')).body.items;
    expect(n).toMatchObject({
      kind: 'disposition_published',
      title: 'Ý kiến của đơn vị đã được xử lý: Không tiếp thu',
      link: `https://duthao.test/rounds/${roundId}#comment-${ca}`,
    });
    expect(n.body).toContain('Không phù hợp quy định.');
  });

  it('tells the next approver when a step is reached, and the secretariat when a step approves or returns', async () => {
    const [pct, ct] = w.leaders;
    const s = as(t, w.secretariat.token);
    const since = new Date();
    const one = await planWithVersion(w);
    await s.post(`/api/plans/${one.planId}/approval`, { versionNumber: 1, approverIds: [pct.id, ct.id] }).expect(201);
    await settled();
    expect(await heard('approval_requested', since)).toEqual([pct.id]);

    await as(t, pct.token).post(`/api/plans/${one.planId}/approval/decision`, { decision: 'approve' }).expect(200);
    await settled();
    expect((await heard('approval_requested', since)).sort()).toEqual(sorted(pct, ct));
    expect(await heard('approval_step_approved', since)).toEqual([w.secretariat.id]);
    await as(t, ct.token).post(`/api/plans/${one.planId}/approval/decision`, { decision: 'approve' }).expect(200);

    const two = await planWithVersion(w);
    await s.post(`/api/plans/${two.planId}/approval`, { versionNumber: 1, approverIds: [pct.id] }).expect(201);
    await as(t, pct.token).post(`/api/plans/${two.planId}/approval/decision`, { decision: 'return', note: 'Bổ sung khái toán kinh phí.' }).expect(200);
    await settled();
    expect(await heard('plan_approved', since)).toEqual([w.secretariat.id]);
    expect(await heard('plan_returned', since)).toEqual([w.secretariat.id]);
    const returned = (await s.get('/api/me/notifications?limit=200')).body.items.find((n: { kind: string }) => n.kind === 'plan_returned');
    expect(returned.body).toContain('Phạm Văn Thành đã trả lại hồ sơ. Ý kiến: Bổ sung khái toán kinh phí.');
  });

  it('tells an assignee agency when a directive is assigned, and reminds it before the due date and when overdue', async () => {
    const [, b, c] = w.agencies;
    const { planId } = await planWithVersion(w);
    const s = as(t, w.secretariat.token);
    const conf = await s.post(`/api/plans/${planId}/conferences`, {
      title: 'Hội nghị',
      heldAt: '2022-06-08T08:00:00+07:00',
      location: 'Hạ Long',
      chair: 'Phạm Văn Thành',
      secretary: 'Thư ký',
      attendees: [],
    });
    // Due today in the province; the clock is set to 15 s before the day ends there: the assignment
    // must be dispatched (and its reminders scheduled) before then, even on a busy machine.
    const dueDate = provinceDate(new Date());
    t.clock.advance(endOfDueDate(dueDate).getTime() - 15_000 - Date.now());
    const since = new Date(Date.now() - 1000);
    await s
      .put(`/api/conferences/${conf.body.id}/minutes`, {
        summary: 'Tóm tắt.',
        opinions: [],
        conclusions: [],
        directives: [{ agencyId: b.id, task: 'Hoàn thành 5 hợp tác xã điểm', dueDate, target: 5 }],
        endedAt: '2022-06-08T11:00:00+07:00',
      })
      .expect(200);
    await s.post(`/api/conferences/${conf.body.id}/minutes/finalize`).expect(200);
    await settled();
    expect(await heard('directive_assigned', since)).toEqual([b.user.id]);
    await eventually(async () => (await heard('directive_overdue', since)).length > 0, 45_000, 'the overdue reminder');
    expect(await heard('directive_due_soon', since)).toEqual([b.user.id, b.user.id]);
    expect(await heard('directive_overdue', since)).toEqual([b.user.id]);
    expect(await kinds(c.user.id)).not.toContain('directive_assigned');
    t.clock.reset();
  }, 120_000);

  it('reminds only agencies that have not answered, before the deadline and when it passes', async () => {
    const [a, b, c] = w.agencies;
    const { planId } = await planWithVersion(w);
    const since = new Date();
    const roundId = await openRound(w, planId, [a, b, c], { deadlineMs: 8000 });
    await respond(w, a, roundId, { noComments: true });
    await as(t, w.secretariat.token).post(`/api/rounds/${roundId}/remind`).expect(202);
    await settled();
    expect((await heard('round_reminder', since)).sort()).toEqual(sorted(b.user, c.user));

    await comment(w, c, roundId, { body: 'Ý kiến gửi sát hạn.' });
    await respond(w, c, roundId, {});
    await eventually(async () => (await heard('round_overdue', since)).length > 0, 15_000, 'the deadline reminder');
    await settled();
    // Before the deadline (4 s and 2 s ahead) and at it: only B, who never answered.
    expect(await heard('round_overdue', since)).toEqual([b.user.id]);
    expect((await heard('round_reminder', since)).filter((id) => id === b.user.id)).toHaveLength(3);
    expect((await heard('round_reminder', since)).filter((id) => id === a.user.id || id === secondUserOfA.id)).toEqual([]);
    expect((await heard('round_reminder', since)).filter((id) => id === c.user.id)).toHaveLength(1);
  });

  it('moves reminders with the deadline and drops them when the round closes', async () => {
    const [a] = w.agencies;
    const { planId } = await planWithVersion(w);
    const roundId = await openRound(w, planId, [a], { deadlineMs: 3 * DAY });
    await settled();
    const reminders = queue('reminders');
    const ids = async () =>
      (await reminders.getDelayed())
        .map((j) => j.id!)
        .filter((id) => id.includes(roundId))
        .sort();
    const first = await ids();
    expect(first).toHaveLength(3);

    const moved = new Date(t.clock.now().getTime() + 5 * DAY).toISOString();
    const res = await as(t, w.secretariat.token).patch(`/api/rounds/${roundId}`, { deadline: moved });
    expect(res.status).toBe(200);
    await eventually(
      async () => {
        const now = await ids();
        return now.length === 3 && now.every((id) => id.endsWith(String(Date.parse(moved))));
      },
      10_000,
      'reminders to follow the new deadline',
    );
    for (const id of first) expect(await reminders.getJob(id)).toBeUndefined();
    // The dispatcher moves the reminders first, then tells the agency: wait for the whole event.
    await settled();
    expect(await heard('round_deadline_changed')).toEqual(sorted(a.user, secondUserOfA));

    await as(t, w.secretariat.token).post(`/api/rounds/${roundId}/close`).expect(200);
    await eventually(async () => (await ids()).length === 0, 10_000, 'reminders to be dropped');
  });

  it('lets a person read and mark only their own notifications', async () => {
    const [a, b] = w.agencies;
    const list = (await as(t, a.user.token).get('/api/me/notifications?limit=200')).body;
    expect(list.total).toBeGreaterThan(1);
    const first = list.items[0];
    expect((await as(t, b.user.token).post(`/api/me/notifications/${first.id}/read`)).status).toBe(404);
    expect((await as(t, a.user.token).post(`/api/me/notifications/${first.id}/read`)).status).toBe(204);
    const after = (await as(t, a.user.token).get('/api/me/notifications?unread=true&limit=200')).body;
    expect(after.unread).toBe(list.unread - 1);
    expect(after.items.map((n: { id: string }) => n.id)).not.toContain(first.id);
    expect((await as(t, a.user.token).get('/api/me/notifications?unread=maybe')).status).toBe(400);
    expect((await as(t, a.user.token).post('/api/me/notifications/read-all')).status).toBe(204);
    expect((await as(t, a.user.token).get('/api/me/notifications')).body.unread).toBe(0);
    expect((await t.http.get('/api/me/notifications')).status).toBe(401);
  });

  it('shows administrators the e-mails, and nobody else', async () => {
    const emails = await as(t, w.admin.token).get('/api/admin/emails?status=sent&limit=5');
    expect(emails.status).toBe(200);
    expect(emails.body.items[0]).toMatchObject({ status: 'sent', subject: expect.stringMatching(/^\[duthao\] /) });
    expect((await as(t, w.secretariat.token).get('/api/admin/emails')).status).toBe(403);
    expect((await as(t, w.secretariat.token).get('/admin/queues')).status).toBe(403);
    expect((await t.http.get('/admin/queues')).status).toBe(401);
    expect((await as(t, w.admin.token).get('/admin/queues')).status).toBe(200);
    // Each e-mail went out once, whatever the retries.
    const ids = smtp.received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    const [{ sent }] = await t.db.query(`SELECT count(*)::int AS sent FROM emails WHERE status = 'sent'`);
    expect(smtp.received).toHaveLength(sent);
  });
});
