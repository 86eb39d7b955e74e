import type { Browser, Page } from 'puppeteer';
import { DEMO_PASSWORD, DEMO_PLAN_TITLE } from '../src/demo/demo-data';
import { DemoSeeder } from '../src/demo/demo-seeder';
import { csrfOf, flash, launchBrowser, mainText, People, postForm, screenshot, submit } from './support/browser';
import { PageChecks } from './support/page-checks';
import { startTestApp, TestApp } from './support/test-app';
import { as, login } from './support/world';

/**
 * A leader's approval page and the administrator's pages in a real Chromium: the seed plan goes up
 * for approval after consolidation; the first leader returns it with reasons, then both approve.
 * The administrator creates an agency and a user, with each problem shown next to its field.
 */
const XSS = '<img src=x onerror=alert(1)><script>alert(2)</script>';
const XSS_ESCAPED = '&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;';

describe('web pages of leaders and the administrator', () => {
  let t: TestApp;
  let browser: Browser;
  let planId: string;
  let secToken: string;
  const users: Record<string, string> = {};
  const agencyIds: Record<string, string> = {};
  const alerts: string[] = [];

  const SEC = 'bientap@skhdt.quangninh.gov.vn';
  const THANH = 'pct.thanh@quangninh.gov.vn';
  const NAM = 'chutich@quangninh.gov.vn';
  const ADMIN = 'quantri@duthao.local';
  const sec = () => as(t, secToken);

  const checks = new PageChecks();
  const people = new People(
    () => browser,
    () => t.url,
    alerts,
    checks,
  );
  /** The person's page, signed in once for the whole file. */
  const pageAs = (email: string, password = DEMO_PASSWORD) => people.as(email, password);
  const goto = async (page: Page, path: string) => (await page.goto(`${t.url}${path}`))!.status();
  const post = postForm;
  const tableRows = (page: Page) =>
    page.$$eval('table tbody tr', (l) =>
      l.map((r) => [...r.querySelectorAll('td')].map((td) => ((td as { textContent: string | null }).textContent ?? '').replace(/\s+/g, ' ').trim())),
    );
  /** Types into a field after clearing it. */
  async function fill(page: Page, selector: string, text: string): Promise<void> {
    await page.$eval(selector, (e) => ((e as { value: string }).value = ''));
    await page.type(selector, text);
  }
  async function expectInert(page: Page): Promise<void> {
    expect(await page.content()).toContain(XSS_ESCAPED);
    expect(await page.$$eval('img', (imgs) => imgs.length)).toBe(0);
    expect(await page.$$eval('script', (s) => s.filter((x) => (x.textContent ?? '').includes('alert')).length)).toBe(0);
    expect(alerts).toEqual([]);
  }
  const approval = async () => (await sec().get(`/api/plans/${planId}/approval`)).body;

  beforeAll(async () => {
    t = await startTestApp();
    expect(await t.app.get(DemoSeeder).seed()).toBe(true);
    for (const u of await t.db.query('SELECT id, email FROM users')) users[u.email] = u.id;
    for (const a of await t.db.query('SELECT id, code FROM agencies')) agencyIds[a.code] = a.id;
    const [round] = await t.db.query('SELECT r.id, r.plan_id FROM rounds r JOIN plans p ON p.id = r.plan_id WHERE p.title = $1', [DEMO_PLAN_TITLE]);
    planId = round.plan_id;
    secToken = await login(t, SEC, DEMO_PASSWORD);

    // The secretariat's part, through the API: close the round, decide every comment, revise, freeze, send up.
    await sec().post(`/api/rounds/${round.id}/close`).expect(200);
    for (const c of (await sec().get(`/api/rounds/${round.id}/comments`)).body.items) {
      if (!c.disposition) await sec().put(`/api/comments/${c.id}/disposition`, { decision: 'explained', reason: 'Đã giải trình tại hội nghị.' }).expect(200);
    }
    const draft = await sec().get(`/api/plans/${planId}/draft`);
    const sections = draft.body.sections.map((s: { key: string; heading: string; body: string }) =>
      s.heading.includes('MỤC TIÊU') ? { ...s, body: s.body.replace('ít nhất 30 hợp tác xã', 'ít nhất 35 hợp tác xã') } : s,
    );
    sections.push({ heading: `Phần VII. KINH PHÍ ${XSS}`, body: `Kinh phí thực hiện từ ngân sách tỉnh và lồng ghép các chương trình. ${XSS}` });
    await sec().put(`/api/plans/${planId}/draft`, { sections }).set('If-Match', draft.headers.etag).expect(200);
    await sec().post(`/api/plans/${planId}/versions`, { note: 'Dự thảo lần 2 sau tiếp thu ý kiến' }).expect(201);
    await sec()
      .post(`/api/plans/${planId}/approval`, { versionNumber: 2, approverIds: [users[THANH], users[NAM]] })
      .expect(201);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the leader whose turn it is the version, the consolidation summary and the changes since the previous version', async () => {
    const page = await pageAs(THANH);
    await submit(page, `a[href="/plans/${planId}/approval"]`);
    const text = await mainText(page);
    expect(await page.$$eval('.steps li', (l) => l.map((x) => (x.textContent ?? '').replace(/\s+/g, ' ').trim()))).toEqual([
      expect.stringContaining('Phạm Văn Thành — Đang chờ ký duyệt'),
      expect.stringContaining('Nguyễn Hoàng Nam — Chờ đến lượt'),
    ]);
    // The summary: the round's totals, all decided.
    const row = await page.$eval('.totals tbody tr', (r) => [...r.querySelectorAll('td')].map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim()));
    expect(row.slice(1)).toEqual(['4/7', '8', '2', '1', '5', '0', '0']);
    // The changes: deletions and insertions marked, the new section flagged.
    expect(await page.$$eval('.diff-section .redline del', (l) => l.map((x) => x.textContent))).toContain('30');
    expect(await page.$$eval('.diff-section .redline ins', (l) => l.map((x) => x.textContent))).toContain('35');
    expect(text).toContain('mục mới');
    expect(text).toContain('mục không thay đổi');
    expect(await page.$eval('.full-text', (v) => v.textContent)).toContain('ít nhất 35 hợp tác xã');
    expect(await page.$('#decide form textarea#return-note[required]')).not.toBeNull();
    // Staff follow a round on its tracker: the department's round page sends them there.
    const roundId = (await t.db.query('SELECT r.id FROM rounds r JOIN plans p ON p.id = r.plan_id WHERE p.title = $1', [DEMO_PLAN_TITLE]))[0].id;
    const res = await page.goto(`${t.url}/rounds/${roundId}`);
    expect(res!.request().redirectChain()[0].response()!.status()).toBe(303);
    expect(new URL(page.url()).pathname).toBe(`/rounds/${roundId}/tracker`);
    await goto(page, `/plans/${planId}/approval`);
    await expectInert(page);
    await screenshot(page, 'approval-leader');
  }, 90_000);

  it('lets the leader return the plan, with reasons required, and shows them to every reader of the plan', async () => {
    const page = await pageAs(THANH);
    await goto(page, `/plans/${planId}/approval`);
    // Without reasons (the browser's own check taken away): refused next to the field, nothing decided.
    await page.$eval('#return-note', (e) => (e as { removeAttribute(n: string): void }).removeAttribute('required'));
    await submit(page, 'form:has(#return-note) button[type=submit]');
    expect(await page.$eval('#return-note-error', (e) => e.textContent)).toContain('cần nêu lý do trả lại');
    expect((await approval()).status).toBe('pending');

    await page.type('#return-note', `Đề nghị bổ sung khái toán kinh phí cho từng nhiệm vụ.\nLàm rõ nguồn vốn. ${XSS}`);
    await submit(page, 'form:has(#return-note) button[type=submit]');
    expect(await flash(page)).toContain('Đã trả lại hồ sơ');
    expect(await page.$('#decide')).toBeNull();
    const text = await mainText(page);
    expect(text).toContain('Đã trả lại để chỉnh sửa');
    expect(text).toContain('Lý do trả lại: Đề nghị bổ sung khái toán kinh phí cho từng nhiệm vụ.');
    await expectInert(page);
    await screenshot(page, 'approval-returned');
    expect(await approval()).toMatchObject({ status: 'returned', steps: [{ state: 'returned' }, { state: 'waiting' }] });
    expect((await sec().get(`/api/plans/${planId}`)).body.status).toBe('drafting');

    // A department that commented reads the steps and the reasons; one that did not finds nothing.
    const lmhtx = await pageAs('lmhtx@quangninh.gov.vn');
    expect(await goto(lmhtx, `/plans/${planId}/approval`)).toBe(200);
    expect(await mainText(lmhtx)).toContain('Đề nghị bổ sung khái toán kinh phí');
    expect(await lmhtx.$('#decide')).toBeNull();
    await expectInert(lmhtx);
    const stnmt = await pageAs('stnmt@quangninh.gov.vn');
    expect(await goto(stnmt, `/plans/${planId}/approval`)).toBe(404);

    // The secretariat is pointed to sending it up again.
    const secretariat = await pageAs(SEC);
    await goto(secretariat, `/plans/${planId}/approval`);
    expect(await secretariat.$(`a[href="/plans/${planId}/approval/new"]`)).not.toBeNull();
    expect(await secretariat.$('#decide')).toBeNull();
  }, 120_000);

  it('then takes approvals in order: not before one’s turn, not without the form’s token, and the last one approves the plan', async () => {
    await sec()
      .post(`/api/plans/${planId}/approval`, { versionNumber: 2, approverIds: [users[THANH], users[NAM]] })
      .expect(201);

    const nam = await pageAs(NAM);
    await goto(nam, `/plans/${planId}/approval`);
    expect(await nam.$('#decide')).toBeNull();
    expect(await mainText(nam)).toContain('Đang chờ Phạm Văn Thành ký duyệt.');
    const early = await post(nam, `/plans/${planId}/approval/decision`, { _csrf: await csrfOf(nam), decision: 'approve', note: '', confirmed: 'yes' });
    expect(early.status).toBe(403);
    expect(early.text).toContain('Chỉ lãnh đạo đang đến lượt ký duyệt mới được quyết định.');

    const thanh = await pageAs(THANH);
    await goto(thanh, `/plans/${planId}/approval`);
    for (const token of [undefined, 'garbage']) {
      const forged = await post(thanh, `/plans/${planId}/approval/decision`, token ? { _csrf: token, decision: 'approve' } : { decision: 'approve' });
      expect(forged.status).toBe(403);
      expect(forged.text).toContain('CSRF');
    }
    expect((await approval()).steps[0].state).toBe('current');

    // Approving says what will happen and waits for the tick: sent without it, the form comes back with the box marked, and nothing is decided.
    expect(await thanh.$eval('label[for=approve-confirmed]', (l) => l.textContent)).toContain('chuyển tới lãnh đạo ký tiếp theo');
    const unticked = await post(thanh, `/plans/${planId}/approval/decision`, { _csrf: await csrfOf(thanh), decision: 'approve', note: 'Chưa đánh dấu.' });
    expect(unticked.status).toBe(400);
    expect(unticked.text).toContain('Hãy đánh dấu vào ô xác nhận');
    expect(unticked.text).toContain('Chưa đánh dấu.');
    expect((await approval()).steps[0].state).toBe('current');
    await page_approve(thanh, 'Đồng ý trình Chủ tịch.');
    expect(await flash(thanh)).toContain('chuyển tới lãnh đạo ký tiếp theo');
    expect(await mainText(thanh)).toContain('Ý kiến: Đồng ý trình Chủ tịch.');

    await goto(nam, `/plans/${planId}/approval`);
    expect(await nam.$eval('label[for=approve-confirmed]', (l) => l.textContent)).toContain('người ký duyệt cuối cùng');
    await page_approve(nam, '');
    expect(await flash(nam)).toContain('Đã phê duyệt. Dự thảo được phê duyệt chính thức.');
    expect(await nam.$$eval('.steps li', (l) => l.map((x) => x.className))).toEqual(['step--approved', 'step--approved']);
    await screenshot(nam, 'approval-approved');
    expect((await sec().get(`/api/plans/${planId}`)).body).toMatchObject({ status: 'approved', approvedVersion: 2 });

    async function page_approve(page: Page, note: string): Promise<void> {
      if (note) await page.type('#approve-note', note);
      await page.click('#approve-confirmed');
      await submit(page, 'form:has(#approve-note) button[type=submit]');
    }
  }, 120_000);

  describe('administration', () => {
    it('creates an agency, each problem shown next to its field with what was typed kept', async () => {
      const page = await pageAs(ADMIN);
      await submit(page, 'nav a[href="/admin/agencies"]');
      await page.type('#code', 'SỞ XD');
      await page.type('#name', `Sở Xây dựng ${XSS}`);
      await submit(page, 'form[action="/admin/agencies"] button');
      expect(await page.$eval('#code-error', (e) => e.textContent)).toContain('chỉ gồm chữ, số');
      expect(await page.$eval('#name', (e) => (e as { value: string }).value)).toBe(`Sở Xây dựng ${XSS}`);

      await fill(page, '#code', 'STC');
      await submit(page, 'form[action="/admin/agencies"] button');
      expect(await page.$eval('#code-error', (e) => e.textContent)).toContain('Mã đơn vị "STC" đã được dùng.');

      await fill(page, '#code', 'SXD');
      await submit(page, 'form[action="/admin/agencies"] button');
      expect(await flash(page)).toContain('Đã tạo đơn vị');
      expect(await page.$eval('#code', (e) => (e as { value: string }).value)).toBe('');
      const rows = await tableRows(page);
      expect(rows).toContainEqual(['SXD', `Sở Xây dựng ${XSS}`]);
      await expectInert(page);
      await screenshot(page, 'admin-agencies');
      expect((await t.db.query(`SELECT name FROM agencies WHERE code = 'SXD'`))[0].name).toBe(`Sở Xây dựng ${XSS}`);
    }, 90_000);

    it('creates a user, with the same rules as the API, who can then sign in', async () => {
      const page = await pageAs(ADMIN);
      await goto(page, '/admin/users');
      await page.type('#fullName', `Nguyễn Văn Mới ${XSS}`);
      await page.type('#email', 'khong-phai-email');
      await page.type('#password', 'ngan');
      await page.select('#role', 'agency');
      await page.$eval('#email', (e) => ((e as { type: string }).type = 'text'));
      await submit(page, 'form[method="post"][action="/admin/users"] button');
      expect(await page.$eval('#email-error', (e) => e.textContent)).toContain('không phải địa chỉ e-mail hợp lệ');
      expect(await page.$eval('#password-error', (e) => e.textContent)).toContain('dài từ 8 đến 200 ký tự');
      expect(await page.$eval('#fullName', (e) => (e as { value: string }).value)).toBe(`Nguyễn Văn Mới ${XSS}`);
      expect(await page.$eval('#role', (e) => (e as { value: string }).value)).toBe('agency');

      // An agency user needs an agency: the service's rule, shown next to the agency field.
      await fill(page, '#email', 'nguyenvanmoi@sxd.quangninh.gov.vn');
      await page.type('#password', 'mat-khau-moi-2022');
      await submit(page, 'form[method="post"][action="/admin/users"] button');
      expect(await page.$eval('#agencyId-error', (e) => e.textContent)).toContain('bắt buộc với vai trò đơn vị góp ý');

      await page.type('#password', 'mat-khau-moi-2022');
      const sxd = (await t.db.query(`SELECT id FROM agencies WHERE code = 'SXD'`))[0].id;
      await page.select('#agencyId', sxd);
      await submit(page, 'form[method="post"][action="/admin/users"] button');
      expect(await flash(page)).toContain('Đã tạo tài khoản nguyenvanmoi@sxd.quangninh.gov.vn');
      const rows = await tableRows(page);
      expect(rows).toContainEqual([`Nguyễn Văn Mới ${XSS}`, 'nguyenvanmoi@sxd.quangninh.gov.vn', 'đơn vị góp ý', `Sở Xây dựng ${XSS}`, 'Đang hoạt động']);
      await expectInert(page);
      await screenshot(page, 'admin-users');

      // The same e-mail again: refused next to the e-mail.
      await page.type('#fullName', 'Người khác');
      await page.type('#email', 'NguyenVanMoi@sxd.quangninh.gov.vn');
      await page.type('#password', 'mat-khau-khac-2022');
      await page.select('#role', 'leader');
      await submit(page, 'form[method="post"][action="/admin/users"] button');
      expect(await page.$eval('#email-error', (e) => e.textContent)).toContain('đã có tài khoản');

      const newcomer = await pageAs('nguyenvanmoi@sxd.quangninh.gov.vn', 'mat-khau-moi-2022');
      expect(await mainText(newcomer)).toContain('Việc cần làm');
      await expectInert(newcomer);
    }, 120_000);

    it('keeps everyone else out of the administration pages, and refuses its forms without a valid token', async () => {
      for (const email of ['lmhtx@quangninh.gov.vn', THANH, SEC]) {
        const page = await pageAs(email);
        for (const path of ['/admin/agencies', '/admin/users']) {
          expect(await goto(page, path)).toBe(403);
          expect(await mainText(page)).toContain('Không có quyền');
        }
        const res = await post(page, '/admin/agencies', { _csrf: await csrfOf(page), code: 'GIA', name: 'Đơn vị giả' });
        expect(res.status).toBe(403);
      }
      const admin = await pageAs(ADMIN);
      await goto(admin, '/admin/agencies');
      for (const [path, fields] of [
        ['/admin/agencies', { code: 'GIA2', name: 'Đơn vị giả' }],
        ['/admin/users', { email: 'gia@test.vn', fullName: 'Giả', password: 'mat-khau-gia-1', role: 'admin' }],
      ] as const) {
        for (const token of [undefined, 'garbage']) {
          const res = await post(admin, path, token ? { ...fields, _csrf: token } : { ...fields });
          expect(res.status).toBe(403);
          expect(res.text).toContain('CSRF');
        }
      }
      expect((await t.db.query(`SELECT count(*)::int AS n FROM agencies WHERE code IN ('GIA', 'GIA2')`))[0].n).toBe(0);
      expect((await t.db.query(`SELECT count(*)::int AS n FROM users WHERE email = 'gia@test.vn'`))[0].n).toBe(0);
    }, 120_000);
  });

  it('never showed an alert', () => {
    expect(alerts).toEqual([]);
  });

  it('showed only pages that pass axe-core and the Nu HTML checker, refused forms included', async () => {
    expect(await checks.axe(browser, t.url)).toEqual([]);
    expect(await checks.nu()).toEqual([]);
  }, 600_000);
});
