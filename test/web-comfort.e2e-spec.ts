import type { Browser, Page } from 'puppeteer';
import { DEMO_PASSWORD } from '../src/demo/demo-data';
import { DemoSeeder } from '../src/demo/demo-seeder';
import { launchBrowser, newPage, signIn, submit } from './support/browser';
import { startTestApp, TestApp } from './support/test-app';

// The browser globals used inside page.evaluate (this file is compiled without the DOM library).
declare const window: { innerHeight: number };
declare const document: { activeElement: { id: string } | null };
import { as, login } from './support/world';

/**
 * Pages people work in all day, measured in a real Chromium: a refused form opens at its error
 * summary (focused, on the first screen), with the script and without it; the message of a saved
 * comment or decision is shown beside it, in the viewport, not at the top of a page scrolled away.
 */
describe('where a person is looking', () => {
  let t: TestApp;
  let browser: Browser;
  let roundId: string;
  let planId: string;
  let secToken: string;
  const sec = () => as(t, secToken);
  const SEC = 'bientap@skhdt.quangninh.gov.vn';
  const THANH = 'pct.thanh@quangninh.gov.vn';
  const NAM = 'chutich@quangninh.gov.vn';

  async function pageAs(email: string, script = true): Promise<Page> {
    const page = await newPage(browser);
    await signIn(page, t.url, email, DEMO_PASSWORD);
    await page.setJavaScriptEnabled(script);
    return page;
  }

  /** Where an element is on the screen: its top and bottom against the viewport's height. */
  const placeOf = (page: Page, selector: string) =>
    page.$eval(selector, (e) => {
      const r = e.getBoundingClientRect();
      return { top: Math.round(r.top), bottom: Math.round(r.bottom), height: window.innerHeight };
    });
  async function expectOnScreen(page: Page, selector: string): Promise<void> {
    const at = await placeOf(page, selector);
    expect({ selector, onScreen: at.top >= 0 && at.top < at.height * 0.8, at }).toMatchObject({ selector, onScreen: true });
  }
  const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
  const unrequire = (page: Page, selector: string) => page.$eval(selector, (e) => e.removeAttribute('required'));

  beforeAll(async () => {
    t = await startTestApp();
    expect(await t.app.get(DemoSeeder).seed()).toBe(true);
    [{ id: roundId, plan_id: planId }] = await t.db.query('SELECT id, plan_id FROM rounds');
    secToken = await login(t, SEC, DEMO_PASSWORD);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('offers no freeze while a round runs on the working draft, and says when it can be frozen', async () => {
    const page = await pageAs(SEC);
    await page.goto(`${t.url}/plans/${planId}/draft`);
    expect(await page.$(`a[href="/plans/${planId}#freeze"]`)).toBeNull();
    expect(await page.$eval('main', (m) => m.textContent)).toContain('chốt thành dự thảo mới sau khi kết thúc đợt lấy ý kiến');
    await page.close();
  }, 60_000);

  it.each([
    ['with the script', true],
    ['without it', false],
  ])(
    'opens a refused comment at its error summary, %s; a saved comment is told beside it',
    async (_label, script) => {
      const page = await pageAs(script ? 'nhnn@quangninh.gov.vn' : 'damha@quangninh.gov.vn', script);
      await page.goto(`${t.url}/rounds/${roundId}`);
      if (!script) await page.$eval('#comment-form', (f) => f.setAttribute('novalidate', ''));
      else await unrequire(page, '#comment-form textarea[name=body]');
      await submit(page, '#comment-form button[type=submit]');
      await expectOnScreen(page, '#comment-error-summary');
      expect(await page.$eval('#comment-error-summary', (e) => e.textContent)).toContain('Nội dung');
      if (script) expect(await focusedId(page)).toBe('comment-error-summary');
      // The summary links each wrong field by its id.
      const links = await page.$$eval('#comment-error-summary a', (l) => l.map((a) => a.getAttribute('href')));
      expect(links.length).toBeGreaterThan(0);
      for (const href of links) expect(await page.$(href!)).not.toBeNull();

      await page.type('#comment-form textarea[name=body]', 'Đề nghị bổ sung số liệu năm 2021.');
      await submit(page, '#comment-form button[type=submit]');
      const id = new URL(page.url()).hash.slice(1);
      expect(id).toMatch(/^comment-/);
      await expectOnScreen(page, '#flash');
      expect(await page.$eval(`#${id} #flash`, (e) => e.textContent)).toContain('Đã lưu');
      // Told once: not also at the top of the page.
      expect(await page.$$eval('main > .alert[role=status]', (l) => l.length)).toBe(0);
      await page.close();
    },
    90_000,
  );

  it('tells a decision recorded without the script beside the next comment to decide', async () => {
    await sec().post(`/api/rounds/${roundId}/close`).expect(200);
    const page = await pageAs(SEC, false);
    await page.goto(`${t.url}/rounds/${roundId}/board?only=undecided`);
    await page.select('form.decide select[name=decision]', 'accepted');
    await submit(page, 'form.decide button[type=submit]');
    const id = new URL(page.url()).hash.slice(1);
    expect(id).toMatch(/^c-/);
    await expectOnScreen(page, '#flash');
    expect(await page.$eval(`#${id} #flash`, (e) => e.textContent)).toContain('Đã ghi nhận');
    await page.close();
  }, 90_000);

  it.each([
    ['with the script', true],
    ['without it', false],
  ])(
    'opens a refused return at its error summary on the first screen, %s',
    async (_label, script) => {
      if (script) {
        // Every comment decided, a new version frozen and sent up (the secretariat's part, through the API).
        for (const c of (await sec().get(`/api/rounds/${roundId}/comments?limit=200`)).body.items) {
          if (!c.disposition) await sec().put(`/api/comments/${c.id}/disposition`, { decision: 'explained', reason: 'Đã giải trình.' }).expect(200);
        }
        // Every comment decided: the board offers the next step.
        const board = await pageAs(SEC, false);
        await board.goto(`${t.url}/rounds/${roundId}/board`);
        expect(await board.$(`#board-next a[href="/plans/${planId}/approval/new"]`)).not.toBeNull();
        await board.close();
        const draft = await sec().get(`/api/plans/${planId}/draft`);
        const sections = draft.body.sections.map((s: { key: string; heading: string; body: string }, i: number) =>
          i === 0 ? { ...s, body: `${s.body}\n\nBổ sung.` } : s,
        );
        await sec().put(`/api/plans/${planId}/draft`, { sections }).set('If-Match', draft.headers.etag).expect(200);
        await sec().post(`/api/plans/${planId}/versions`, { note: 'Dự thảo lần 2' }).expect(201);
        const users = Object.fromEntries((await t.db.query('SELECT id, email FROM users')).map((u: { id: string; email: string }) => [u.email, u.id]));
        await sec()
          .post(`/api/plans/${planId}/approval`, { versionNumber: 2, approverIds: [users[THANH], users[NAM]] })
          .expect(201);
      }
      const page = await pageAs(THANH, script);
      await page.goto(`${t.url}/plans/${planId}/approval`);
      await unrequire(page, '#return-note');
      await submit(page, 'form:has(#return-note) button[type=submit]');
      await expectOnScreen(page, '#return-error-summary');
      if (script) expect(await focusedId(page)).toBe('return-error-summary');
      expect(await page.$eval('#return-error-summary', (e) => e.textContent)).toContain('cần nêu lý do trả lại');
      await page.close();
    },
    90_000,
  );

  it('offers the same leaders, in order, when the plan goes up again after a return', async () => {
    const leader = await pageAs(THANH);
    await leader.goto(`${t.url}/plans/${planId}/approval`);
    await leader.type('#return-note', 'Đề nghị bổ sung khái toán kinh phí.');
    await submit(leader, 'form:has(#return-note) button[type=submit]');
    await leader.close();
    const page = await pageAs(SEC);
    await page.goto(`${t.url}/plans/${planId}/approval/new`);
    const chosen = await page.$$eval('select[name=approverIds]', (l) => l.map((s) => (s as unknown as { value: string }).value));
    const users = Object.fromEntries((await t.db.query('SELECT id, email FROM users')).map((u: { id: string; email: string }) => [u.email, u.id]));
    expect(chosen.slice(0, 2)).toEqual([users[THANH], users[NAM]]);
    expect(chosen.slice(2).every((v) => v === '')).toBe(true);
    await page.close();
  }, 60_000);
});
