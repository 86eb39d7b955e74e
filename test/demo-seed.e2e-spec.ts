import { DemoSeeder } from '../src/demo/demo-seeder';
import { DEMO_CONFERENCE, DEMO_PASSWORD, DEMO_PLAN_TITLE } from '../src/demo/demo-data';
import { DEMO_FOLLOW_UP_TITLE } from '../src/demo/demo-follow-up';
import { startTestApp, TestApp } from './support/test-app';
import { as, login, snapshot } from './support/world';

describe('demo data: the seed conference', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('loads the Quảng Ninh scheme through the services, and a second run changes nothing', async () => {
    expect(await t.app.get(DemoSeeder).seed()).toBe(true);
    const conferenceRows = () => t.db.query('SELECT (SELECT count(*) FROM conferences) AS conferences, (SELECT count(*) FROM directives) AS directives');
    const before = [await snapshot(t), await conferenceRows()];
    expect(await t.app.get(DemoSeeder).seed()).toBe(false);
    expect([await snapshot(t), await conferenceRows()]).toEqual(before);

    const token = await login(t, 'bientap@skhdt.quangninh.gov.vn', DEMO_PASSWORD);
    const s = as(t, token);
    const plans = (await s.get('/api/plans')).body;
    expect(plans.total).toBe(2);
    const plan = plans.items.find((p: { title: string }) => p.title === DEMO_PLAN_TITLE);
    expect(plan).toMatchObject({ title: DEMO_PLAN_TITLE, kind: 'Đề án', status: 'consultation', latestVersion: 1 });

    const v1 = (await s.get(`/api/plans/${plan.id}/versions/1`)).body;
    const text = v1.sections.map((x: { heading: string; body: string }) => `${x.heading}\n${x.body}`).join('\n');
    for (const fact of [
      '633 hợp tác xã',
      '25 hợp tác xã được thành lập mới từ đầu năm 2022',
      'ít nhất 30 hợp tác xã',
      '5 hợp tác xã điểm trong tháng 6 năm 2022',
    ]) {
      expect(text).toContain(fact);
    }
    for (const heading of ['SỰ CẦN THIẾT', 'CĂN CỨ', 'THỰC TRẠNG', 'MỤC TIÊU', 'NHIỆM VỤ VÀ GIẢI PHÁP', 'TỔ CHỨC THỰC HIỆN']) {
      expect(text).toContain(heading);
    }

    const round = (await s.get(`/api/plans/${plan.id}/rounds`)).body.items[0];
    const states = round.agencies.map((a: { state: string }) => a.state).sort();
    expect(states).toEqual(['no_comments', 'pending', 'pending', 'pending', 'responded', 'responded', 'responded']);
    // Still open, with a deadline ahead of the clock: a newcomer has a round to answer and to close.
    expect(round.status).toBe('open');
    expect(Date.parse(round.deadline)).toBeGreaterThan(t.clock.now().getTime());
    const report = (await s.get(`/api/rounds/${round.id}/report`)).body;
    expect(report.totals).toMatchObject({ comments: 8, accepted: 2, partially_accepted: 1, undecided: 5 });

    const agencies = (await s.get('/api/agencies')).body;
    expect(agencies.items.map((a: { name: string }) => a.name)).toEqual(
      expect.arrayContaining([
        'Sở Kế hoạch và Đầu tư',
        'Liên minh Hợp tác xã tỉnh',
        'Sở Nông nghiệp và Phát triển nông thôn',
        'Sở Tài chính',
        'Sở Công Thương',
        'Sở Lao động - Thương binh và Xã hội',
      ]),
    );
    for (const email of ['quantri@duthao.local', 'pct.thanh@quangninh.gov.vn', 'lmhtx@quangninh.gov.vn']) await login(t, email, DEMO_PASSWORD);
    expect((await as(t, token).get('/api/audit?limit=1')).body.total).toBeGreaterThan(20);
  });

  it('shows comments following the text: the 2023 plan at draft 2, its second round open, each earlier comment placed on it', async () => {
    const token = await login(t, 'bientap@skhdt.quangninh.gov.vn', DEMO_PASSWORD);
    const s = as(t, token);
    const plan = (await s.get('/api/plans')).body.items.find((p: { title: string }) => p.title === DEMO_FOLLOW_UP_TITLE);
    expect(plan).toMatchObject({ kind: 'Kế hoạch', status: 'consultation', latestVersion: 2 });
    const rounds = (await s.get(`/api/plans/${plan.id}/rounds`)).body.items;
    expect(rounds.map((r: { versionNumber: number; status: string }) => [r.versionNumber, r.status]).sort()).toEqual([
      [1, 'closed'],
      [2, 'open'],
    ]);
    const first = rounds.find((r: { versionNumber: number }) => r.versionNumber === 1);
    expect((await s.get(`/api/rounds/${first.id}/report`)).body.totals).toMatchObject({ comments: 5, undecided: 0 });

    const placed = (await s.get(`/api/plans/${plan.id}/versions/2/comments`)).body;
    expect(placed.total).toBe(5);
    const where = placed.items.map((c: { body: string; anchor: { state: string; heading: string | null; text: string | null } }) => [
      c.body.slice(0, 24),
      c.anchor.state,
      c.anchor.heading,
    ]);
    expect(where).toEqual([
      ['Đề nghị nâng chỉ tiêu lê', 'changed', 'II. CHỈ TIÊU NĂM 2023'],
      ['Đề nghị giao Liên minh H', 'same', 'III. NHIỆM VỤ VÀ GIẢI PHÁP'],
      ['Đề nghị tách nội dung OC', 'moved', 'IV. HỖ TRỢ PHÁT TRIỂN SẢN PHẨM OCOP'],
      ['Đề nghị không ghi lồng g', 'removed', 'V. KINH PHÍ THỰC HIỆN'],
      ['Đề nghị bổ sung thời hạn', 'whole_plan', null],
    ]);
    expect(placed.items[0].anchor.text).toBe('Thành lập mới ít nhất 35 hợp tác xã');

    // The Cooperative Alliance, answering draft 2, sees only its own two.
    const alliance = as(t, await login(t, 'lmhtx@quangninh.gov.vn', DEMO_PASSWORD));
    expect((await alliance.get(`/api/plans/${plan.id}/versions/2/comments`)).body.total).toBe(2);
  });

  it("tells the seed's own story: the conference of 8 June 2022, its finalised minutes, directives and carried opinions", async () => {
    const token = await login(t, 'bientap@skhdt.quangninh.gov.vn', DEMO_PASSWORD);
    const s = as(t, token);
    const plan = (await s.get('/api/plans')).body.items.find((p: { title: string }) => p.title === DEMO_PLAN_TITLE);
    const agencies: { id: string; code: string; name: string }[] = (await s.get('/api/agencies?limit=200')).body.items;
    const agency = (code: string) => agencies.find((a) => a.code === code)!;

    const conferences = (await s.get(`/api/plans/${plan.id}/conferences`)).body;
    expect(conferences.total).toBe(1);
    const conference = (await s.get(`/api/conferences/${conferences.items[0].id}`)).body;
    expect(conference).toMatchObject({
      planId: plan.id,
      heldAt: '2022-06-08T01:00:00.000Z',
      location: 'Trụ sở UBND tỉnh Quảng Ninh',
      chair: 'Phạm Văn Thành, Phó Chủ tịch UBND tỉnh',
      finalized: true,
    });
    expect(conference.title).toContain(DEMO_PLAN_TITLE.replace('Đề án ', ''));
    expect(conference.secretary).not.toBe('');
    const present = new Set(conference.attendees.map((a: { agencyId: string | null }) => a.agencyId));
    for (const code of ['SKHDT', 'STC', 'SNNPTNT', 'LMHTX', 'UBND-DAMHA']) expect(present).toContain(agency(code).id);
    expect(conference.attendees.map((a: { name: string }) => a.name).join('\n')).toContain('Phạm Văn Thành');

    const minutes = conference.minutes;
    expect(minutes.endedAt).toBe('2022-06-08T04:30:00.000Z');
    expect(minutes.summary).toContain('633 hợp tác xã');
    expect(minutes.summary).toContain('25 hợp tác xã được thành lập mới từ đầu năm 2022');
    expect(new Set(minutes.opinions.map((o: { speaker: string }) => o.speaker)).size).toBeGreaterThanOrEqual(4);
    const conclusions = minutes.conclusions.join('\n');
    for (const fact of [
      'tiếp thu các ý kiến tại hội nghị, hoàn thiện Đề án bảo đảm phù hợp với kế hoạch, chương trình của Trung ương và của tỉnh',
      'chất lượng, hiệu quả hoạt động của các hợp tác xã',
      'Sở Kế hoạch và Đầu tư phối hợp với Liên minh Hợp tác xã tỉnh',
      'ít nhất 30 hợp tác xã',
      '5 hợp tác xã điểm trong tháng 6 năm 2022',
      'tuyên truyền về kinh tế tập thể',
    ]) {
      expect(conclusions).toContain(fact);
    }

    // Finalising made the minutes' directives tasks of their agencies, due as the conference set them.
    const directives: { agencyId: string; agencyName: string; task: string; dueDate: string; target: number | null; status: string }[] = conference.directives;
    expect(directives).toHaveLength(DEMO_CONFERENCE.directives.length);
    expect(directives.find((d) => d.target === 30)).toMatchObject({ agencyId: agency('SKHDT').id, dueDate: '2022-12-31' });
    expect(directives.find((d) => d.target === 5)).toMatchObject({
      agencyId: agency('LMHTX').id,
      agencyName: 'Liên minh Hợp tác xã tỉnh',
      dueDate: '2022-06-30',
    });
    expect(directives.every((d) => d.status === 'overdue')).toBe(true);
    const alliance = as(t, await login(t, 'lmhtx@quangninh.gov.vn', DEMO_PASSWORD));
    const own = (await alliance.get(`/api/directives?planId=${plan.id}`)).body;
    expect(own.total).toBe(DEMO_CONFERENCE.directives.filter((d) => d.agency === 'LMHTX').length);
    expect(own.items.every((d: { agencyId: string }) => d.agencyId === agency('LMHTX').id)).toBe(true);

    // Carried opinions are submitted comments of the speakers' agencies in the open round.
    const round = (await s.get(`/api/plans/${plan.id}/rounds`)).body.items[0];
    const comments: { source: string; agencyId: string; status: string; body: string; opinionNo: number; conferenceId: string; disposition: unknown }[] = (
      await s.get(`/api/rounds/${round.id}/comments?limit=200`)
    ).body.items;
    const carried = comments.filter((c) => c.source === 'conference');
    expect(carried.map((c) => c.opinionNo).sort()).toEqual([1, 2, 4]);
    for (const c of carried) {
      const opinion = minutes.opinions[c.opinionNo - 1];
      expect(c).toMatchObject({ status: 'submitted', conferenceId: conference.id, agencyId: opinion.agencyId, body: opinion.content });
      expect(opinion.carriedInto).toEqual([{ roundId: round.id, commentId: expect.any(String) }]);
    }
    expect(carried.filter((c) => c.disposition !== null)).toHaveLength(1);
    expect(minutes.opinions.filter((o: { carriedInto: unknown[] }) => o.carriedInto.length === 0)).toHaveLength(2);

    // Each step went through the services and is in the audit log.
    const audit = (await as(t, token).get(`/api/audit?entityType=conference&entityId=${conference.id}&limit=200`)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(audit).toEqual(expect.arrayContaining(['conference.created', 'minutes.saved', 'minutes.finalized', 'opinion.carried']));
  });

  it('never loads into a database that holds other plans', async () => {
    const other = await startTestApp();
    try {
      const admin = await login(other, 'admin@test.duthao', 'admin-password-1');
      const user = await as(other, admin).post('/api/users', { email: 'bt@test.vn', fullName: 'Biên tập', password: 'password-123', role: 'secretariat' });
      expect(user.status).toBe(201);
      const sec = await login(other, 'bt@test.vn', 'password-123');
      await as(other, sec)
        .post('/api/plans', { title: 'Kế hoạch khác', sections: [{ heading: 'Mục 1', body: 'Nội dung.' }] })
        .expect(201);
      const before = await snapshot(other);
      expect(await other.app.get(DemoSeeder).seed()).toBe(false);
      expect(await snapshot(other)).toEqual(before);
    } finally {
      await other.close();
    }
  });
});
