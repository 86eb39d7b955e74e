import type { Browser, Page } from 'puppeteer';
import { launchBrowser, People, screenshot, selectPassage, setValue, submit, valueOf } from './support/browser';
import { PageChecks } from './support/page-checks';
import { ADMIN, startTestApp, TestApp } from './support/test-app';

const PASSWORD = 'mat-khau-2022';

/**
 * The seed scenario through the pages only, as the people would do it: nothing is set up through
 * the API. An administrator creates the agencies and accounts; the secretariat drafts, freezes and
 * opens a round; two departments comment (one by selecting a passage) and submit, one answers "no
 * comments"; the secretariat decides every comment and sends the plan up; a leader returns it,
 * then the two leaders approve. Screenshots of each main page go to test-artifacts/.
 */
describe('the seed scenario, through the pages only', () => {
  let t: TestApp;
  let browser: Browser;
  let planId = '';
  let roundId = '';

  beforeAll(async () => {
    t = await startTestApp({ workers: true, outboxPollMs: 200 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  const alerts: string[] = [];
  const checks = new PageChecks();
  const people = new People(
    () => browser,
    () => t.url,
    alerts,
    checks,
  );
  /** Each person signs in once, through the sign-in page, and keeps their page. */
  const as = (email: string, password = PASSWORD): Promise<Page> => people.as(email, password);
  const go = async (page: Page, path: string) => {
    const res = await page.goto(`${t.url}${path}`);
    expect(res?.status()).toBe(200);
  };
  const text = (page: Page) => page.$eval('main', (m) => (m.textContent ?? '').replace(/\s+/g, ' '));
  const click = (page: Page, label: string) => submit(page, `button::-p-text(${label})`);

  it('administrator: creates the agencies and the accounts', async () => {
    const admin = await as(ADMIN.email, ADMIN.password);
    for (const [code, name] of [
      ['LMHTX', 'Liên minh Hợp tác xã tỉnh'],
      ['STC', 'Sở Tài chính'],
      ['SCT', 'Sở Công Thương'],
    ]) {
      await go(admin, '/admin/agencies');
      await admin.type('#code', code);
      await admin.type('#name', name);
      await click(admin, 'Thêm đơn vị');
      expect(await text(admin)).toContain(name);
    }
    const people: [string, string, string, string][] = [
      ['bientap@skhdt.vn', 'Trần Thị Thu Hà', 'secretariat', ''],
      ['pct.thanh@quangninh.vn', 'Phạm Văn Thành', 'leader', ''],
      ['chutich@quangninh.vn', 'Nguyễn Hoàng Nam', 'leader', ''],
      ['lmhtx@quangninh.vn', 'Vũ Thị Hằng', 'agency', 'Liên minh Hợp tác xã tỉnh'],
      ['stc@quangninh.vn', 'Lê Thị Ngọc Anh', 'agency', 'Sở Tài chính'],
      ['sct@quangninh.vn', 'Hoàng Văn Dũng', 'agency', 'Sở Công Thương'],
    ];
    for (const [email, fullName, role, agency] of people) {
      await go(admin, '/admin/users');
      await admin.type('#email', email);
      await admin.type('#fullName', fullName);
      await admin.type('#password', PASSWORD);
      await admin.select('#role', role);
      if (agency) {
        const value = await admin.$$eval('#agencyId option', (os, n) => os.find((o) => o.textContent?.includes(n))?.getAttribute('value') ?? '', agency);
        await admin.select('#agencyId', value);
      }
      await click(admin, 'Thêm tài khoản');
      expect(await text(admin)).toContain(fullName);
    }
    await screenshot(admin, 'scenario-1-admin-users');
  });

  it('secretariat: writes the draft, freezes version 1 and opens a round to three agencies', async () => {
    const sec = await as('bientap@skhdt.vn');
    await go(sec, '/plans/new');
    await sec.type('#title', 'Đề án Phát triển kinh tế tập thể, hợp tác xã giai đoạn 2021-2025, định hướng đến năm 2030');
    await sec.type('#kind', 'Đề án');
    const headings = await sec.$$('input[name=heading]');
    const bodies = await sec.$$('textarea[name=body]');
    await headings[0].type('Phần I. SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN');
    await bodies[0].type('Kinh tế tập thể, hợp tác xã là thành phần kinh tế quan trọng của tỉnh Quảng Ninh.');
    await sec.click('[data-add-row=sections]');
    await (await sec.$$('input[name=heading]'))[1].type('Phần II. THỰC TRẠNG');
    await (await sec.$$('textarea[name=body]'))[1].type('Đến nay, toàn tỉnh có 633 hợp tác xã, trong đó có 25 hợp tác xã được thành lập mới từ đầu năm 2022.');
    await click(sec, 'Tạo đề án, kế hoạch');
    planId = new URL(sec.url()).pathname.split('/')[2];
    expect(await text(sec)).toContain('Đang soạn thảo');

    await sec.type('#freeze-note', 'Dự thảo lần 1 gửi lấy ý kiến các sở, ngành');
    await click(sec, 'Chốt dự thảo lần');
    expect(await text(sec)).toContain('Dự thảo lần 1 gửi lấy ý kiến');
    await screenshot(sec, 'scenario-2-plan');

    await go(sec, `/plans/${planId}/rounds/new`);
    await setValue(sec, '#title', '');
    await sec.type('#title', 'Lấy ý kiến các sở, ngành về dự thảo Đề án lần 1');
    await setValue(sec, '#deadline', new Date(Date.now() + 7 * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 11) + '17:00');
    for (const box of await sec.$$('input[name=agencyIds]')) await box.click();
    await click(sec, 'Mở đợt lấy ý kiến');
    expect(sec.url()).toMatch(/\/rounds\/[0-9a-f-]+\/tracker$/);
    roundId = new URL(sec.url()).pathname.split('/')[2];
    const tracker = await text(sec);
    expect(await sec.$eval('h1', (h) => h.textContent)).toBe('Lấy ý kiến các sở, ngành về dự thảo Đề án lần 1');
    expect(tracker).toContain('Liên minh Hợp tác xã tỉnh');
    expect(tracker).toContain('Chưa trả lời');
    await screenshot(sec, 'scenario-3-tracker');
  });

  it('departments: one comments on a selected passage and submits, one comments on the whole plan, one answers “no comments”', async () => {
    const lm = await as('lmhtx@quangninh.vn');
    await go(lm, '/');
    expect(await text(lm)).toContain('Phát triển kinh tế tập thể');
    await go(lm, `/rounds/${roundId}`);
    await selectPassage(lm, 'trong đó có 25 hợp tác xã');
    expect(await valueOf(lm, 'form[data-comment-form] [name=quote]')).toBe('trong đó có 25 hợp tác xã');
    await lm.type('#comment-body', 'Đề nghị bổ sung số liệu hợp tác xã giải thể, ngừng hoạt động.');
    await click(lm, 'Lưu ý kiến');
    await lm.type('#response-reference', '215/LMHTX-KHTH');
    await screenshot(lm, 'scenario-4-agency-round');
    await click(lm, 'Gửi văn bản góp ý');
    expect(await text(lm)).toContain('215/LMHTX-KHTH');

    const stc = await as('stc@quangninh.vn');
    await go(stc, `/rounds/${roundId}`);
    await stc.type('#comment-body', 'Đề nghị bổ sung khái toán kinh phí thực hiện Đề án.');
    await click(stc, 'Lưu ý kiến');
    await click(stc, 'Gửi văn bản góp ý');

    const sct = await as('sct@quangninh.vn');
    await go(sct, `/rounds/${roundId}`);
    await click(sct, 'Thống nhất, không có ý kiến');

    const states = await t.db.query(
      `SELECT a.code, rs.no_comments FROM responses rs JOIN agencies a ON a.id = rs.agency_id WHERE rs.round_id = $1 AND rs.withdrawn_at IS NULL ORDER BY a.code`,
      [roundId],
    );
    expect(states).toEqual([
      { code: 'LMHTX', no_comments: false },
      { code: 'SCT', no_comments: true },
      { code: 'STC', no_comments: false },
    ]);
  });

  it('secretariat: closes the round, decides every comment, sends the plan to two leaders in order', async () => {
    const sec = await as('bientap@skhdt.vn');
    await go(sec, `/rounds/${roundId}/tracker`);
    expect(await text(sec)).toContain('Thống nhất');
    await sec.click('#close-confirmed');
    await click(sec, 'Kết thúc đợt lấy ý kiến');
    expect(sec.url()).toContain(`/rounds/${roundId}/board`);
    // The decision forms without JavaScript, as they post and come back (web-board.e2e-spec.ts has the in-place path).
    await sec.setJavaScriptEnabled(false);
    await sec.reload();
    for (const [decision, reason] of [
      ['accepted', ''],
      ['explained', 'Nguồn kinh phí thực hiện theo quy định hiện hành của Luật Ngân sách nhà nước.'],
    ]) {
      const form = (await sec.$$('form.decide'))[0];
      await form.$eval('select[name=decision]', (s, d) => ((s as unknown as { value: string }).value = d), decision);
      if (reason) await (await form.$('textarea[name=reason]'))!.type(reason);
      await Promise.all([sec.waitForNavigation(), form.$eval('button[type=submit]', (b) => (b as unknown as { click(): void }).click())]);
      await go(sec, `/rounds/${roundId}/board?only=undecided`);
    }
    expect(await text(sec)).toContain('Không còn ý kiến nào chưa xử lý.');
    await sec.setJavaScriptEnabled(true);
    await go(sec, `/rounds/${roundId}/board`);
    await screenshot(sec, 'scenario-5-board');

    await go(sec, `/plans/${planId}/approval/new`);
    const leaders = await sec.$$eval('#approver-1 option', (os) => os.map((o) => ({ value: o.getAttribute('value') ?? '', text: o.textContent ?? '' })));
    await sec.select('#approver-1', leaders.find((l) => l.text.includes('Phạm Văn Thành'))!.value);
    await sec.select('#approver-2', leaders.find((l) => l.text.includes('Nguyễn Hoàng Nam'))!.value);
    await click(sec, 'Trình phê duyệt');
    expect(await text(sec)).toContain('Đang trình phê duyệt');
  });

  it('leaders: the first returns it with reasons; sent again, both approve in order', async () => {
    const pct = await as('pct.thanh@quangninh.vn');
    await go(pct, '/');
    expect(await text(pct)).toContain('Phát triển kinh tế tập thể');
    await go(pct, `/plans/${planId}/approval`);
    await screenshot(pct, 'scenario-6-leader-approval');
    await pct.type('#return-note', 'Đề nghị làm rõ nguồn lực thực hiện 5 hợp tác xã điểm.');
    await click(pct, 'Trả lại');
    const [{ status }] = await t.db.query('SELECT status FROM plans WHERE id = $1', [planId]);
    expect(status).toBe('drafting');

    const sec = await as('bientap@skhdt.vn');
    await go(sec, '/');
    expect(await text(sec)).toContain('Đề nghị làm rõ nguồn lực thực hiện 5 hợp tác xã điểm.');
    await go(sec, `/plans/${planId}/approval/new`);
    const leaders = await sec.$$eval('#approver-1 option', (os) => os.map((o) => ({ value: o.getAttribute('value') ?? '', text: o.textContent ?? '' })));
    await sec.select('#approver-1', leaders.find((l) => l.text.includes('Phạm Văn Thành'))!.value);
    await sec.select('#approver-2', leaders.find((l) => l.text.includes('Nguyễn Hoàng Nam'))!.value);
    await click(sec, 'Trình phê duyệt');

    await go(pct, `/plans/${planId}/approval`);
    await pct.click('#approve-confirmed');
    await click(pct, 'Phê duyệt dự thảo lần');
    const ct = await as('chutich@quangninh.vn');
    await go(ct, `/plans/${planId}/approval`);
    await ct.click('#approve-confirmed');
    await click(ct, 'Phê duyệt dự thảo lần');
    await go(sec, `/plans/${planId}`);
    expect(await text(sec)).toContain('Đã phê duyệt');
    await screenshot(sec, 'scenario-7-approved');
    const [plan] = await t.db.query('SELECT status, approved_version FROM plans WHERE id = $1', [planId]);
    expect(plan).toEqual({ status: 'approved', approved_version: 1 });
  });

  it('never showed an alert', () => {
    expect(alerts).toEqual([]);
  });

  it('showed only pages that pass axe-core and the Nu HTML checker, refused forms included', async () => {
    expect(await checks.axe(browser, t.url)).toEqual([]);
    expect(await checks.nu()).toEqual([]);
  }, 600_000);
});
