import { provinceDate } from '../src/common/time/province-time';
import { startTestApp, TestApp } from './support/test-app';
import { DAY } from './support/test-clock';
import { as, buildWorld, comment, openRound, planWithVersion, respond, snapshot, World } from './support/world';

/** Conferences, their minutes and directives: docs/product.md, "Words"; docs/api.md, "Conferences and directives". */
describe('conferences, minutes and directives', () => {
  let t: TestApp;
  let w: World;
  let planId: string;
  let roundId: string;
  let conferenceId: string;

  const sec = () => as(t, w.secretariat.token);
  const skhdt = () => w.agencies[0];
  const lmhtx = () => w.agencies[1];
  const stc = () => w.agencies[2];

  const conferenceBody = () => ({
    title: 'Hội nghị góp ý dự thảo Đề án phát triển kinh tế tập thể, hợp tác xã',
    heldAt: '2022-06-08T08:00:00+07:00',
    location: 'Trụ sở Liên cơ quan số 3, thành phố Hạ Long',
    chair: 'Phạm Văn Thành, Phó Chủ tịch UBND tỉnh',
    secretary: 'Trần Thị Thu Hà, chuyên viên Sở Kế hoạch và Đầu tư',
    attendees: [
      { name: 'Phạm Văn Thành', position: 'Phó Chủ tịch UBND tỉnh' },
      { name: 'Đại diện Sở Kế hoạch và Đầu tư', agencyId: skhdt().id },
      { name: 'Đại diện Liên minh Hợp tác xã tỉnh', agencyId: lmhtx().id },
      { name: 'Đại diện Sở Tài chính', position: 'Phó Giám đốc', agencyId: stc().id },
    ],
  });

  const minutesBody = () => ({
    summary: 'Hội nghị nghe báo cáo dự thảo Đề án; toàn tỉnh có 633 hợp tác xã, 25 hợp tác xã thành lập mới từ đầu năm 2022.',
    opinions: [
      { speaker: 'Đại diện Sở Tài chính', agencyId: stc().id, content: 'Đề nghị làm rõ nguồn kinh phí hỗ trợ hợp tác xã điểm.' },
      { speaker: 'Đại diện Liên minh Hợp tác xã tỉnh', agencyId: lmhtx().id, content: 'Đề nghị đánh giá chất lượng, hiệu quả hoạt động của hợp tác xã.' },
      { speaker: 'Ông Nguyễn Văn A, thành viên hợp tác xã', content: 'Mong được hỗ trợ tiêu thụ sản phẩm.' },
    ],
    conclusions: [
      'Các đơn vị soạn thảo tiếp thu các ý kiến tại hội nghị, hoàn thiện Đề án phù hợp với kế hoạch của Trung ương và của tỉnh.',
      'Phân tích chất lượng, hiệu quả hoạt động của các hợp tác xã.',
      'Tiếp tục tuyên truyền về kinh tế tập thể.',
    ],
    directives: [
      {
        agencyId: skhdt().id,
        task: 'Chủ trì, phối hợp Liên minh HTX tỉnh rà soát khó khăn, vướng mắc để thành lập mới ít nhất 30 hợp tác xã theo kế hoạch',
        dueDate: '2022-12-31',
        target: 30,
      },
      { agencyId: lmhtx().id, task: 'Hoàn thành 5 hợp tác xã điểm', dueDate: '2022-06-30', target: 5 },
    ],
    endedAt: '2022-06-08T11:30:00+07:00',
  });

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t, 4);
    ({ planId } = await planWithVersion(w));
    roundId = await openRound(w, planId, [lmhtx(), stc()]);
    await comment(w, stc(), roundId, { body: 'Đề nghị bổ sung khái toán kinh phí.' });
    await respond(w, stc(), roundId, { reference: '2043/STC-QLNS' });
    await respond(w, lmhtx(), roundId, { noComments: true });
    await sec().post(`/api/rounds/${roundId}/close`).expect(200);
  });
  afterAll(() => t.close());

  it('records the seed conference of 8 June 2022 and freezes its minutes', async () => {
    const created = await sec().post(`/api/plans/${planId}/conferences`, conferenceBody());
    expect(created.status).toBe(201);
    conferenceId = created.body.id;
    expect(created.body).toMatchObject({
      chair: 'Phạm Văn Thành, Phó Chủ tịch UBND tỉnh',
      heldAt: '2022-06-08T01:00:00.000Z',
      minutes: null,
      finalized: false,
      directives: [],
    });

    const renamed = await sec().patch(`/api/conferences/${conferenceId}`, { location: 'Trụ sở UBND tỉnh Quảng Ninh' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.location).toBe('Trụ sở UBND tỉnh Quảng Ninh');

    const saved = await sec().put(`/api/conferences/${conferenceId}/minutes`, minutesBody());
    expect(saved.status).toBe(200);
    expect(saved.body.minutes.opinions.map((o: { no: number }) => o.no)).toEqual([1, 2, 3]);
    // Directives are tracked only once the minutes are final.
    expect((await sec().get('/api/directives')).body.total).toBe(0);

    // A leader reads; an agency of the plan reads; the minutes say what was decided.
    const read = await as(t, w.leaders[0].token).get(`/api/conferences/${conferenceId}`);
    expect(read.status).toBe(200);
    expect(read.body.minutes.conclusions[0]).toContain('tiếp thu các ý kiến tại hội nghị');
    expect((await as(t, stc().user.token).get(`/api/conferences/${conferenceId}`)).status).toBe(200);
    expect((await as(t, w.agencies[3].user.token).get(`/api/conferences/${conferenceId}`)).status).toBe(404);

    const finalized = await sec().post(`/api/conferences/${conferenceId}/minutes/finalize`);
    expect(finalized.status).toBe(200);
    expect(finalized.body.finalized).toBe(true);
    expect(finalized.body.directives).toEqual([
      expect.objectContaining({ agencyId: skhdt().id, target: 30, value: null, dueDate: '2022-12-31', progress: [] }),
      expect.objectContaining({ agencyId: lmhtx().id, target: 5, dueDate: '2022-06-30' }),
    ]);

    const before = await snapshot(t);
    for (const res of [
      await sec().put(`/api/conferences/${conferenceId}/minutes`, minutesBody()),
      await sec().patch(`/api/conferences/${conferenceId}`, { title: 'Đổi tên' }),
      await sec().post(`/api/conferences/${conferenceId}/minutes/finalize`),
    ]) {
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/đã được chốt/);
    }
    expect(await snapshot(t)).toEqual(before);

    const audit = await sec().get(`/api/audit?entityType=conference&entityId=${conferenceId}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['conference.created', 'conference.updated', 'minutes.saved', 'minutes.finalized']),
    );
  });

  it('carries an opinion into the round as a comment of the speaker’s agency, to be dispositioned and reported', async () => {
    const carried = await sec().post(`/api/conferences/${conferenceId}/opinions/1/comment`, { roundId });
    expect(carried.status).toBe(201);
    expect(carried.body).toMatchObject({
      agencyId: stc().id,
      status: 'submitted',
      source: 'conference',
      conferenceId,
      opinionNo: 1,
      body: 'Đề nghị làm rõ nguồn kinh phí hỗ trợ hợp tác xã điểm.',
      disposition: null,
    });
    const commentId = carried.body.id;

    // The speaker's agency was invited but had answered "no comments": the opinion still counts.
    const lm = await sec().post(`/api/conferences/${conferenceId}/opinions/2/comment`, { roundId });
    expect(lm.status).toBe(201);

    // Undecided, they stop the plan from going up for approval.
    const gate = await sec().post(`/api/plans/${planId}/approval`, { versionNumber: 1, approverIds: [w.leaders[0].id] });
    expect(gate.status).toBe(409);
    expect(gate.body.undecidedCommentIds).toEqual(expect.arrayContaining([commentId, lm.body.id]));

    await sec().put(`/api/comments/${commentId}/disposition`, { decision: 'accepted' }).expect(200);
    const report = (await sec().get(`/api/rounds/${roundId}/report`)).body;
    expect(report.rows).toEqual(
      expect.arrayContaining([expect.objectContaining({ commentId, source: 'conference', decision: 'accepted', agency: stc().name })]),
    );

    const conference = (await sec().get(`/api/conferences/${conferenceId}`)).body;
    expect(conference.minutes.opinions[0].carriedInto).toEqual([{ roundId, commentId }]);
    expect((await as(t, stc().user.token).get(`/api/comments/${commentId}`)).body.source).toBe('conference');

    const other = await planWithVersion(w);
    const otherRound = await openRound(w, other.planId, [stc()]);
    const before = await snapshot(t);
    expect((await sec().post(`/api/conferences/${conferenceId}/opinions/1/comment`, { roundId })).status).toBe(409);
    expect((await sec().post(`/api/conferences/${conferenceId}/opinions/3/comment`, { roundId })).status).toBe(400);
    expect((await sec().post(`/api/conferences/${conferenceId}/opinions/9/comment`, { roundId })).status).toBe(404);
    expect((await as(t, w.leaders[0].token).post(`/api/conferences/${conferenceId}/opinions/1/comment`, { roundId })).status).toBe(403);
    const wrongPlan = await sec().post(`/api/conferences/${conferenceId}/opinions/1/comment`, { roundId: otherRound });
    expect(wrongPlan.status).toBe(400);
    expect(wrongPlan.body.message).toMatch(/^Đợt lấy ý kiến \(roundId\):/);
    expect(await snapshot(t)).toEqual(before);
    await sec().put(`/api/comments/${lm.body.id}/disposition`, { decision: 'explained', reason: 'Đã có tại Phần III.' }).expect(200);
  });

  it('needs finalised minutes before carrying an opinion', async () => {
    const draft = await sec().post(`/api/plans/${planId}/conferences`, conferenceBody());
    await sec().put(`/api/conferences/${draft.body.id}/minutes`, minutesBody()).expect(200);
    const res = await sec().post(`/api/conferences/${draft.body.id}/opinions/1/comment`, { roundId });
    expect(res.status).toBe(409);
    expect((await sec().post(`/api/conferences/${draft.body.id}/minutes/finalize`)).status).toBe(200);
  });

  it('refuses to finalise the minutes of a conference that has not taken place yet: 409, then 200 once it has', async () => {
    const tomorrow = new Date(t.clock.now().getTime() + DAY);
    const body = { ...conferenceBody(), heldAt: tomorrow.toISOString() };
    const planned = await sec().post(`/api/plans/${planId}/conferences`, body).expect(201);
    await sec()
      .put(`/api/conferences/${planned.body.id}/minutes`, { ...minutesBody(), endedAt: new Date(tomorrow.getTime() + 3 * 3_600_000).toISOString() })
      .expect(200);
    const before = await snapshot(t);
    const early = await sec().post(`/api/conferences/${planned.body.id}/minutes/finalize`);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'conference_not_held', heldAt: tomorrow.toISOString() });
    expect(early.body.message).toContain('Hội nghị chưa diễn ra');
    expect(await snapshot(t)).toEqual(before);
    t.clock.advance(DAY + 3_600_000);
    try {
      expect((await sec().post(`/api/conferences/${planned.body.id}/minutes/finalize`)).status).toBe(200);
    } finally {
      t.clock.reset();
    }
  });

  it('shows an agency only its own directives, and lets staff filter by agency, status and plan', async () => {
    const mine = await as(t, lmhtx().user.token).get('/api/directives');
    expect(mine.status).toBe(200);
    expect(mine.body.items.every((d: { agencyId: string }) => d.agencyId === lmhtx().id)).toBe(true);
    expect(mine.body.total).toBeGreaterThan(0);
    const theirs = (await sec().get(`/api/directives?agencyId=${skhdt().id}`)).body.items[0];

    const before = await snapshot(t);
    expect((await as(t, lmhtx().user.token).get(`/api/directives?agencyId=${skhdt().id}`)).status).toBe(403);
    expect((await as(t, lmhtx().user.token).get(`/api/directives/${theirs.id}`)).status).toBe(404);
    expect((await as(t, lmhtx().user.token).patch(`/api/directives/${theirs.id}`, { progress: 'Không phải việc của tôi' })).status).toBe(404);
    expect((await as(t, w.leaders[0].token).patch(`/api/directives/${theirs.id}`, { status: 'done' })).status).toBe(403);
    expect(await snapshot(t)).toEqual(before);

    const all = (await as(t, w.leaders[0].token).get(`/api/directives?planId=${planId}&limit=200`)).body;
    expect(all.items.map((d: { agencyId: string }) => d.agencyId)).toEqual(expect.arrayContaining([skhdt().id, lmhtx().id]));
    // The seed's due dates (2022) are long past: still open means overdue.
    expect(all.items.every((d: { status: string }) => d.status === 'overdue')).toBe(true);
    expect((await sec().get(`/api/directives?status=open&planId=${planId}`)).body.total).toBe(0);
    expect((await sec().get(`/api/directives?status=overdue&planId=${planId}`)).body.total).toBe(all.total);
    const otherPlan = await planWithVersion(w);
    expect((await sec().get(`/api/directives?planId=${otherPlan.planId}`)).body.total).toBe(0);
  });

  it('keeps a progress log and derives overdue from the due date on the injectable clock', async () => {
    const today = provinceDate(t.clock.now());
    const inTwoDays = provinceDate(new Date(t.clock.now().getTime() + 2 * DAY));
    const c = await sec().post(`/api/plans/${planId}/conferences`, conferenceBody());
    await sec()
      .put(`/api/conferences/${c.body.id}/minutes`, {
        ...minutesBody(),
        directives: [{ agencyId: lmhtx().id, task: 'Báo cáo kết quả thành lập hợp tác xã mới', dueDate: inTwoDays, target: 30 }],
      })
      .expect(200);
    const [directive] = (await sec().post(`/api/conferences/${c.body.id}/minutes/finalize`)).body.directives;
    expect(directive.status).toBe('open');
    expect(today < inTwoDays).toBe(true);

    const lm = as(t, lmhtx().user.token);
    const reported = await lm.patch(`/api/directives/${directive.id}`, { progress: 'Đã thành lập mới 12 hợp tác xã.', value: 12 });
    expect(reported.status).toBe(200);
    expect(reported.body).toMatchObject({ value: 12, status: 'open', progress: [{ by: lmhtx().user.id, note: 'Đã thành lập mới 12 hợp tác xã.', value: 12 }] });

    // Through the whole due date it is open; the next day it is overdue, without any job having run.
    t.clock.advance(2 * DAY);
    expect((await lm.get(`/api/directives/${directive.id}`)).body.status).toBe('open');
    t.clock.advance(DAY);
    expect((await lm.get(`/api/directives/${directive.id}`)).body.status).toBe('overdue');
    expect((await lm.get('/api/directives?status=overdue')).body.items.map((d: { id: string }) => d.id)).toContain(directive.id);

    const done = await sec().patch(`/api/directives/${directive.id}`, { status: 'done', value: 31, progress: 'Hoàn thành vượt chỉ tiêu.' });
    expect(done.body).toMatchObject({ status: 'done', value: 31 });
    expect(done.body.progress).toHaveLength(2);
    expect(done.body.progress[1]).toMatchObject({ by: w.secretariat.id, status: 'done' });
    expect((await lm.get('/api/directives?status=done')).body.items.map((d: { id: string }) => d.id)).toContain(directive.id);
    const audit = await sec().get(`/api/audit?entityType=directive&entityId=${directive.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['directive.updated', 'directive.updated', 'directive.assigned']);
    t.clock.reset();
  });

  describe('bad input changes nothing', () => {
    let draftId: string;
    beforeAll(async () => {
      draftId = (await sec().post(`/api/plans/${planId}/conferences`, conferenceBody()).expect(201)).body.id;
    });
    const cases: [string, () => Promise<{ status: number; body: { message: unknown } }>, number, RegExp | null][] = [
      ['conference without title', () => sec().post(`/api/plans/${planId}/conferences`, { ...conferenceBody(), title: '' }), 400, /title/],
      [
        'conference with heldAt without offset',
        () => sec().post(`/api/plans/${planId}/conferences`, { ...conferenceBody(), heldAt: '2022-06-08T08:00:00' }),
        400,
        /heldAt/,
      ],
      [
        'attendee with unknown field',
        () => sec().post(`/api/plans/${planId}/conferences`, { ...conferenceBody(), attendees: [{ name: 'A', role: 'x' }] }),
        400,
        /attendees\[0\]\.role/,
      ],
      [
        'attendee with unknown agency',
        () =>
          sec().post(`/api/plans/${planId}/conferences`, { ...conferenceBody(), attendees: [{ name: 'A', agencyId: '00000000-0000-4000-8000-000000000000' }] }),
        400,
        null,
      ],
      [
        'conference on a plan that does not exist',
        () => sec().post('/api/plans/00000000-0000-4000-8000-000000000000/conferences', conferenceBody()),
        404,
        null,
      ],
      ['conference by an agency', () => as(t, stc().user.token).post(`/api/plans/${planId}/conferences`, conferenceBody()), 403, null],
      [
        'minutes with a bad due date',
        () => sec().put(`/api/conferences/${draftId}/minutes`, { ...minutesBody(), directives: [{ ...minutesBody().directives[0], dueDate: '2022-02-30' }] }),
        400,
        /dueDate/,
      ],
      [
        'minutes with a negative target',
        () => sec().put(`/api/conferences/${draftId}/minutes`, { ...minutesBody(), directives: [{ ...minutesBody().directives[0], target: -1 }] }),
        400,
        /target/,
      ],
      [
        'minutes with a NUL in a conclusion',
        () => sec().put(`/api/conferences/${draftId}/minutes`, { ...minutesBody(), conclusions: ['a\u0000b'] }),
        400,
        /conclusions/,
      ],
      [
        'minutes with a blank opinion',
        () => sec().put(`/api/conferences/${draftId}/minutes`, { ...minutesBody(), opinions: [{ speaker: 'A', content: '   ' }] }),
        400,
        /content/,
      ],
      [
        'minutes ending before the start',
        () => sec().put(`/api/conferences/${draftId}/minutes`, { ...minutesBody(), endedAt: '2022-06-07T08:00:00+07:00' }),
        400,
        null,
      ],
      ['minutes missing endedAt', () => sec().put(`/api/conferences/${draftId}/minutes`, { ...minutesBody(), endedAt: undefined }), 400, /endedAt/],
      ['opinion number zero', () => sec().post(`/api/conferences/${conferenceId}/opinions/0/comment`, { roundId }), 400, null],
      ['opinion number not a number', () => sec().post(`/api/conferences/${conferenceId}/opinions/abc/comment`, { roundId }), 400, null],
      ['carry without roundId', () => sec().post(`/api/conferences/${conferenceId}/opinions/1/comment`, {}), 400, /roundId/],
      ['carry into a bad uuid', () => sec().post(`/api/conferences/${conferenceId}/opinions/1/comment`, { roundId: 'x' }), 400, /roundId/],
      [
        'directive status overdue cannot be set',
        () => sec().patch('/api/directives/00000000-0000-4000-8000-000000000000', { status: 'overdue' }),
        400,
        /status/,
      ],
      ['directive update with nothing', () => sec().patch('/api/directives/00000000-0000-4000-8000-000000000000', {}), 400, null],
      ['directive that does not exist', () => sec().patch('/api/directives/00000000-0000-4000-8000-000000000000', { progress: 'x' }), 404, null],
      ['directive list with a bad status', () => sec().get('/api/directives?status=late'), 400, /status/],
      ['directive list with a bad plan id', () => sec().get('/api/directives?planId=123'), 400, /planId/],
      ['conference id not a uuid', () => sec().get('/api/conferences/123'), 400, null],
    ];
    it.each(cases)('%s', async (_name, call, status, field) => {
      const before = await snapshot(t);
      const res = await call();
      expect(res.status).toBe(status);
      if (field) expect(JSON.stringify(res.body.message)).toMatch(field);
      expect(await snapshot(t)).toEqual(before);
    });
  });
});
