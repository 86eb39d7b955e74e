import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { flash, launchBrowser, mainText, screenshot, signedInPage, submit } from './support/browser';
import { PageChecks } from './support/page-checks';
import { startTestApp, TestApp } from './support/test-app';
import { minimalDocx } from './support/word-files';
import { as, buildWorld, openRound, PASSWORD, respond, World } from './support/world';

const FIXTURES = join(__dirname, 'fixtures/word');

/** The Word forms of the pages in a real Chromium: a new plan from a file, the draft re-imported, an agency's marked-up reply. */
describe('web pages: Word files in', () => {
  let t: TestApp;
  let w: World;
  let browser: Browser;
  let secretariat: Page;
  let agency: Page;
  let planId: string;
  let roundId: string;
  const alerts: string[] = [];
  const checks = new PageChecks();
  const dir = mkdtempSync(join(tmpdir(), 'duthao-word-'));

  const goto = async (page: Page, path: string) => (await page.goto(`${t.url}${path}`))!.status();
  const choose = async (page: Page, selector: string, file: string) =>
    ((await page.$(selector)) as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(file);

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t, 2);
    browser = await launchBrowser();
    secretariat = await signedInPage(browser, t.url, w.secretariat.email, PASSWORD, alerts);
    agency = await signedInPage(browser, t.url, w.agencies[0].user.email, PASSWORD, alerts);
    checks.attach(secretariat, 'secretariat');
    checks.attach(agency, 'agency');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('"Tạo từ tệp Word": the plan and its sections from an agency file, what was left out said on the draft page', async () => {
    expect(await goto(secretariat, '/plans/new')).toBe(200);
    await choose(secretariat, '#word-file', join(FIXTURES, 'de-an-outline.docx'));
    await submit(secretariat, '#word button[type=submit]');
    const path = new URL(secretariat.url()).pathname;
    expect(path).toMatch(/^\/plans\/[0-9a-f-]{36}\/draft$/);
    planId = path.split('/')[2];
    expect(await flash(secretariat)).toMatch(
      /Đã nhập 3 mục từ tệp Word\. Những phần không giữ nguyên: .*hình ảnh \(bỏ qua\) — Phần I\. SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN/,
    );
    const text = await mainText(secretariat);
    for (const heading of ['Phần I. SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN', 'Phần II. MỤC TIÊU, NHIỆM VỤ VÀ GIẢI PHÁP', 'Phần III. TỔ CHỨC THỰC HIỆN'])
      expect(text).toContain(heading);
    await screenshot(secretariat, 'word-import-draft');
  }, 60_000);

  it('a file that is not Word: the form again with the reason (415), nothing created', async () => {
    const pdf = join(dir, 'bao-cao.docx');
    writeFileSync(pdf, '%PDF-1.7\n%%EOF\n');
    const before = (await t.db.query('SELECT count(*)::int AS n FROM plans'))[0].n;
    expect(await goto(secretariat, '/plans/new')).toBe(200);
    await choose(secretariat, '#word-file', pdf);
    await submit(secretariat, '#word button[type=submit]');
    expect(await secretariat.$eval('#word .error-summary', (e) => e.textContent ?? '')).toContain('không phải tài liệu Word');
    expect((await t.db.query('SELECT count(*)::int AS n FROM plans'))[0].n).toBe(before);
  }, 60_000);

  it('"Nhập bản Word" on the draft: matching headings keep their sections; the form keeps its CSRF token', async () => {
    const file = join(dir, 'ban-moi.docx');
    writeFileSync(
      file,
      minimalDocx([
        'ĐỀ ÁN',
        'Phát triển kinh tế tập thể',
        'Phần I',
        'SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN',
        'Toàn tỉnh có 633 hợp tác xã.',
        'Phần II',
        'MỤC TIÊU, NHIỆM VỤ VÀ GIẢI PHÁP',
        'Thành lập mới ít nhất 30 hợp tác xã.',
        'Phần III',
        'TỔ CHỨC THỰC HIỆN',
        'Sở Kế hoạch và Đầu tư chủ trì.',
      ]),
    );
    expect(await goto(secretariat, `/plans/${planId}/draft`)).toBe(200);
    await choose(secretariat, '#word-file', file);
    await submit(secretariat, '#word button[type=submit]');
    expect(await flash(secretariat)).toContain('Giữ nguyên 3 mục (tiêu đề trùng), thêm 0 mục mới, bỏ 0 mục.');
    // A multipart post without the form's token is refused like any other form.
    const forged = await secretariat.evaluate(async (p) => {
      const form = new FormData();
      form.append('revision', '2');
      form.append('file', new Blob(['PK']), 'x.docx');
      return (await fetch(p, { method: 'POST', body: form })).status;
    }, `/plans/${planId}/draft/import`);
    expect(forged).toBe(403);
    expect(alerts).toEqual([]);
  }, 60_000);

  it('"Gửi ý kiến bằng tệp Word": the drafts listed with their suggested wording, the unplaced shown; then on the board', async () => {
    const s = as(t, w.secretariat.token);
    await s.post(`/api/plans/${planId}/versions`, { note: 'Dự thảo lần 1' }).expect(201);
    // The version the agency marked up is the agency file itself.
    const draft = await s.get(`/api/plans/${planId}/draft`);
    const reset = await t.http
      .put(`/api/plans/${planId}/draft/import`)
      .set('Authorization', `Bearer ${w.secretariat.token}`)
      .set('If-Match', draft.headers.etag)
      .attach('file', join(FIXTURES, 'de-an-outline.docx'));
    expect(reset.status).toBe(200);
    await s.post(`/api/plans/${planId}/versions`, { note: 'Dự thảo lần 2' }).expect(201);
    roundId = await openRound(w, planId, [w.agencies[0]], { versionNumber: 2 });

    expect(await goto(agency, `/rounds/${roundId}`)).toBe(200);
    await choose(agency, '#word-file', join(FIXTURES, 'y-kien-so-tai-chinh.docx'));
    await submit(agency, '#word button[type=submit]');
    const text = await mainText(agency);
    expect(text).toContain('Đã tạo 5 ý kiến nháp từ tệp Word');
    expect(text).toContain('Chưa đặt được vào dự thảo (1)');
    expect(text).toContain('Không tìm thấy đoạn “Nguồn vốn hỗ trợ hợp tác xã được bố trí hằng năm” trong dự thảo lần 2.');
    expect(await agency.$$eval('#own-comments article.comment', (a) => a.length)).toBe(5);
    expect(await agency.$$eval('#own-comments .suggestion', (list) => list.map((p) => (p.textContent ?? '').replace(/\s+/g, ' ').trim()))).toEqual(
      expect.arrayContaining(['Đề nghị sửa: 30 35', 'Đề nghị sửa: ở nông thôn', 'Đề nghị sửa: và Sở Tài chính']),
    );
    await screenshot(agency, 'word-import-reply');

    await respond(w, w.agencies[0], roundId, { reference: '88/STC-NS' });
    expect(await goto(secretariat, `/rounds/${roundId}/board`)).toBe(200);
    expect(await secretariat.$$eval('.suggestion del', (d) => d.map((x) => x.textContent))).toEqual(expect.arrayContaining(['30', 'ở nông thôn']));
  }, 90_000);

  it('every page seen is valid HTML with no serious accessibility violation', async () => {
    expect(checks.size).toBeGreaterThan(4);
    expect(await checks.axe(browser, t.url)).toEqual([]);
    expect(await checks.nu()).toEqual([]);
  }, 180_000);
});
