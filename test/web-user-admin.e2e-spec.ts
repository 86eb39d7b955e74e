import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { DEMO_PASSWORD } from '../src/demo/demo-data';
import { DemoSeeder } from '../src/demo/demo-seeder';
import { csrfOf, flash, launchBrowser, mainText, People, postForm, signedInPage, submit } from './support/browser';
import { letterPdf } from './support/letter-pdf';
import { PageChecks } from './support/page-checks';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The administrator's user pages and the agency's signed letter, in a real Chromium: search, edit,
 * disable (the person's open page session stops at once), reset a password; an agency attaches its
 * signed letter on its round page and the secretariat downloads it from the tracker.
 */
describe('web pages: user administration and signed letters', () => {
  let t: TestApp;
  let browser: Browser;
  const alerts: string[] = [];
  const checks = new PageChecks();
  const people = new People(
    () => browser,
    () => t.url,
    alerts,
    checks,
  );
  const ADMIN = 'quantri@duthao.local';
  const SEC = 'bientap@skhdt.quangninh.gov.vn';
  const LMHTX = 'lmhtx@quangninh.gov.vn';
  const STC = 'stc@quangninh.gov.vn';
  const ids: Record<string, string> = {};
  const agencies: Record<string, string> = {};
  let roundId: string;
  const goto = async (page: Page, path: string) => (await page.goto(`${t.url}${path}`))!.status();

  beforeAll(async () => {
    t = await startTestApp();
    expect(await t.app.get(DemoSeeder).seed()).toBe(true);
    for (const u of await t.db.query('SELECT id, email FROM users')) ids[u.email] = u.id;
    for (const a of await t.db.query('SELECT id, code FROM agencies')) agencies[a.code] = a.id;
    [{ id: roundId }] = await t.db.query(`SELECT id FROM rounds WHERE status = 'open'`);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('finds users by name without diacritics, by role and by status, and opens one', async () => {
    const page = await people.as(ADMIN, DEMO_PASSWORD);
    await goto(page, '/admin/users');
    await page.type('#f-search', 'pham van thanh');
    await submit(page, 'form[action="/admin/users"][method="get"] button');
    expect(page.url()).toContain('search=pham+van+thanh');
    const names = await page.$$eval('table tbody tr td:first-child', (l) => l.map((td) => (td.textContent ?? '').trim()));
    expect(names).toEqual(['Phạm Văn Thành']);
    await submit(page, 'table tbody a');
    expect(page.url()).toBe(`${t.url}/admin/users/${ids['pct.thanh@quangninh.gov.vn']}`);
    expect(await page.$eval('#role', (e) => (e as { value: string }).value)).toBe('leader');

    await goto(page, '/admin/users?status=nope');
    expect(await mainText(page)).toContain('phải là một trong: active, disabled, all');
  }, 60_000);

  it('edits an account, shows the service’s refusals beside the form, and refuses disabling oneself', async () => {
    const page = await people.as(ADMIN, DEMO_PASSWORD);
    const stc = ids[STC];
    await goto(page, `/admin/users/${stc}`);
    await page.$eval('#fullName', (e) => ((e as { value: string }).value = ''));
    await page.type('#fullName', 'Chuyên viên Sở Tài chính (mới)');
    await page.select('#agencyId', '');
    await submit(page, `form[action="/admin/users/${stc}"] button`);
    expect(await page.$eval('#agencyId-error', (e) => e.textContent)).toContain('bắt buộc với vai trò đơn vị góp ý');
    expect(await page.$eval('#fullName', (e) => (e as { value: string }).value)).toBe('Chuyên viên Sở Tài chính (mới)');
    await page.select('#agencyId', agencies.STC);
    await submit(page, `form[action="/admin/users/${stc}"] button`);
    expect(await flash(page)).toContain(`Đã lưu tài khoản ${STC}`);
    expect((await t.db.query('SELECT full_name FROM users WHERE id = $1', [stc]))[0].full_name).toBe('Chuyên viên Sở Tài chính (mới)');

    await goto(page, `/admin/users/${ids[ADMIN]}`);
    await page.click('#disabled');
    await submit(page, `form[action="/admin/users/${ids[ADMIN]}"] button`);
    expect(await mainText(page)).toContain('Không thể tự khoá');
    expect((await t.db.query('SELECT active FROM users WHERE id = $1', [ids[ADMIN]]))[0].active).toBe(true);
  }, 60_000);

  it('disables an account: the person’s open page stops at the next click and cannot sign in again', async () => {
    const admin = await people.as(ADMIN, DEMO_PASSWORD);
    const victim = await signedInPage(browser, t.url, STC, DEMO_PASSWORD, alerts);
    expect(await goto(victim, '/rounds')).toBe(200);
    await goto(admin, `/admin/users/${ids[STC]}`);
    await admin.click('#disabled');
    await submit(admin, `form[action="/admin/users/${ids[STC]}"] button`);
    expect(await flash(admin)).toContain('đang bị khoá');
    await goto(admin, '/admin/users?status=disabled');
    expect(await mainText(admin)).toContain(STC);

    await goto(victim, '/rounds');
    expect(new URL(victim.url()).pathname).toBe('/login');
    await victim.type('#email', STC);
    await victim.type('#password', DEMO_PASSWORD);
    await submit(victim, 'form[action="/login"] button');
    expect(new URL(victim.url()).pathname).toBe('/login');
    expect(await mainText(victim)).toContain('E-mail hoặc mật khẩu không đúng');
    await victim.browserContext().close();

    await goto(admin, `/admin/users/${ids[STC]}`);
    await admin.click('#disabled');
    await submit(admin, `form[action="/admin/users/${ids[STC]}"] button`);
    expect(await flash(admin)).toContain(`Đã lưu tài khoản ${STC}`);
  }, 90_000);

  it('resets a password: a generated one is shown once and opens the account; the old one no longer does', async () => {
    const admin = await people.as(ADMIN, DEMO_PASSWORD);
    const user = ids['sldtbxh@quangninh.gov.vn'];
    await goto(admin, `/admin/users/${user}`);
    await submit(admin, `form[action="/admin/users/${user}/password"] button`);
    const temporary = await admin.$eval('[data-temporary-password]', (e) => (e.textContent ?? '').trim());
    expect(temporary).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
    expect(await mainText(admin)).toContain('chỉ hiện một lần');
    await goto(admin, `/admin/users/${user}`);
    expect(await admin.$('[data-temporary-password]')).toBeNull();

    const page = await signedInPage(browser, t.url, 'sldtbxh@quangninh.gov.vn', temporary, alerts);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.browserContext().close();
    expect((await t.http.post('/api/auth/login').send({ email: 'sldtbxh@quangninh.gov.vn', password: DEMO_PASSWORD })).status).toBe(401);

    await admin.type('#reset-password', 'ngan');
    await submit(admin, `form[action="/admin/users/${user}/password"] button`);
    expect(await admin.$eval('#reset-password-error', (e) => e.textContent)).toContain('dài từ 8 đến 200 ký tự');
  }, 90_000);

  it('lets the agency attach its signed letter on its round page, and the secretariat download it from the tracker', async () => {
    const agency = await people.as(LMHTX, DEMO_PASSWORD);
    await goto(agency, `/rounds/${roundId}`);
    expect(await mainText(agency)).toContain('Chưa đính kèm công văn đã ký');

    const dir = mkdtempSync(join(tmpdir(), 'duthao-letter-'));
    const bad = join(dir, 'khong-phai-pdf.pdf');
    writeFileSync(bad, 'Xin chào, đây không phải PDF');
    const input = await agency.$('#letter-file');
    await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(bad);
    await submit(agency, `form[action="/rounds/${roundId}/response/letter"] button`);
    expect(await mainText(agency)).toContain('không phải là tệp PDF');

    const good = join(dir, 'Công văn 215-LMHTX ký số.pdf');
    writeFileSync(good, await letterPdf());
    const again = await agency.$('#letter-file');
    await (again as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(good);
    await submit(agency, `form[action="/rounds/${roundId}/response/letter"] button`);
    expect(await flash(agency)).toContain('Đã đính kèm công văn Công văn 215-LMHTX ký số.pdf');
    expect(await mainText(agency)).toContain('Công văn đã ký: Công văn 215-LMHTX ký số.pdf');

    const sec = await people.as(SEC, DEMO_PASSWORD);
    await goto(sec, `/rounds/${roundId}/tracker`);
    const href = await sec.$eval('a[href$="/letter/download"]', (a) => (a as unknown as { getAttribute(n: string): string }).getAttribute('href'));
    expect(href).toBe(`/rounds/${roundId}/responses/${agencies.LMHTX}/letter/download`);
    const file = await sec.evaluate(async (p) => {
      const res = await fetch(p);
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { status: res.status, type: res.headers.get('content-type'), head: String.fromCharCode(...bytes.slice(0, 5)) };
    }, href);
    expect(file).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });

    // Another agency reaches neither the letter nor the upload.
    const other = await people.as('snnptnt@quangninh.gov.vn', DEMO_PASSWORD);
    expect(await goto(other, href)).toBe(404);
    const forged = await postForm(other, `/rounds/${roundId}/response/letter`, { _csrf: await csrfOf(other) });
    expect(forged.status).toBeGreaterThanOrEqual(400);
  }, 90_000);

  it('keeps everyone but the administrator out of the user pages', async () => {
    for (const email of [SEC, LMHTX]) {
      const page = await people.as(email, DEMO_PASSWORD);
      expect(await goto(page, `/admin/users/${ids[STC]}`)).toBe(403);
      const res = await postForm(page, `/admin/users/${ids[STC]}`, { _csrf: await csrfOf(page), fullName: 'X', role: 'admin', agencyId: '' });
      expect(res.status).toBe(403);
    }
    const admin = await people.as(ADMIN, DEMO_PASSWORD);
    expect(await goto(admin, `/admin/users/00000000-0000-4000-8000-000000000000`)).toBe(404);
    expect(await goto(admin, `/admin/users/nope`)).toBe(400);
  }, 60_000);

  it('every page it produced passes axe-core and the Nu checker, and no alert showed', async () => {
    expect(await checks.axe(browser, t.url)).toEqual([]);
    expect(await checks.nu()).toEqual([]);
    expect(alerts).toEqual([]);
  }, 300_000);
});
