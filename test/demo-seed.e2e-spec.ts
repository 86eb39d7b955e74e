import { DemoSeeder } from '../src/demo/demo-seeder';
import { DEMO_PASSWORD, DEMO_PLAN_TITLE } from '../src/demo/demo-data';
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
    const before = await snapshot(t);
    expect(await t.app.get(DemoSeeder).seed()).toBe(false);
    expect(await snapshot(t)).toEqual(before);

    const token = await login(t, 'bientap@skhdt.quangninh.gov.vn', DEMO_PASSWORD);
    const s = as(t, token);
    const plans = (await s.get('/api/plans')).body;
    expect(plans.total).toBe(1);
    const plan = plans.items[0];
    expect(plan).toMatchObject({ title: DEMO_PLAN_TITLE, kind: 'Đề án', status: 'consultation', latestVersion: 1 });

    const v1 = (await s.get(`/api/plans/${plan.id}/versions/1`)).body;
    const text = v1.sections.map((x: { heading: string; body: string }) => `${x.heading}\n${x.body}`).join('\n');
    for (const fact of ['633 hợp tác xã', '25 hợp tác xã được thành lập mới từ đầu năm 2022', 'ít nhất 30 hợp tác xã', '5 hợp tác xã điểm trong tháng 6 năm 2022']) {
      expect(text).toContain(fact);
    }
    for (const heading of ['SỰ CẦN THIẾT', 'CĂN CỨ', 'THỰC TRẠNG', 'MỤC TIÊU', 'NHIỆM VỤ VÀ GIẢI PHÁP', 'TỔ CHỨC THỰC HIỆN']) {
      expect(text).toContain(heading);
    }

    const round = (await s.get(`/api/plans/${plan.id}/rounds`)).body.items[0];
    const states = round.agencies.map((a: { state: string }) => a.state).sort();
    expect(states).toEqual(['no_comments', 'pending', 'pending', 'pending', 'responded', 'responded', 'responded']);
    const report = (await s.get(`/api/rounds/${round.id}/report`)).body;
    expect(report.totals).toMatchObject({ comments: 5, accepted: 1, partially_accepted: 1, undecided: 3 });

    const agencies = (await s.get('/api/agencies')).body;
    expect(agencies.items.map((a: { name: string }) => a.name)).toEqual(
      expect.arrayContaining(['Sở Kế hoạch và Đầu tư', 'Liên minh Hợp tác xã tỉnh', 'Sở Nông nghiệp và Phát triển nông thôn', 'Sở Tài chính', 'Sở Công Thương', 'Sở Lao động - Thương binh và Xã hội']),
    );
    for (const email of ['quantri@duthao.local', 'pct.thanh@quangninh.gov.vn', 'lmhtx@quangninh.gov.vn']) await login(t, email, DEMO_PASSWORD);
    expect((await as(t, token).get('/api/audit?limit=1')).body.total).toBeGreaterThan(20);
  });

  it('never loads into a database that holds other plans', async () => {
    const other = await startTestApp();
    try {
      const admin = await login(other, 'admin@test.duthao', 'admin-password-1');
      const user = await as(other, admin).post('/api/users', { email: 'bt@test.vn', fullName: 'Biên tập', password: 'password-123', role: 'secretariat' });
      expect(user.status).toBe(201);
      const sec = await login(other, 'bt@test.vn', 'password-123');
      await as(other, sec).post('/api/plans', { title: 'Kế hoạch khác', sections: [{ heading: 'Mục 1', body: 'Nội dung.' }] }).expect(201);
      const before = await snapshot(other);
      expect(await other.app.get(DemoSeeder).seed()).toBe(false);
      expect(await snapshot(other)).toEqual(before);
    } finally {
      await other.close();
    }
  });
});
