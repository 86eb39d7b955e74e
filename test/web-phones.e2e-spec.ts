import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { DEMO_PASSWORD, DEMO_PLAN_TITLE } from '../src/demo/demo-data';
import { DemoSeeder } from '../src/demo/demo-seeder';
import { ARTIFACTS, launchBrowser, screenshot, signIn, valueOf, watchDialogs } from './support/browser';
import { startTestApp, TestApp } from './support/test-app';
import { DAY } from './support/test-clock';
import { as, login } from './support/world';

/**
 * The pages on a phone (390 × 844, touch, mobile) in a real Chromium: nothing wider than the
 * screen, a header under a fifth of it, a passage selected with a finger (no mouseup) becoming the
 * comment's quote, the "Trích đoạn này" button doing the same from the keyboard, and the comment
 * form standing after the section it comments on.
 */
// Functions given to page.evaluate run in Chromium; the project compiles without the DOM library.
interface DomNode {
  textContent: string | null;
}
interface DomElement extends DomNode {
  id: string;
  tagName: string;
  className: string;
  hidden: boolean;
  value: string;
  scrollWidth: number;
  clientWidth: number;
  previousElementSibling: DomElement | null;
  closest(selector: string): DomElement | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { top: number; bottom: number; right: number; height: number };
}
declare const document: {
  documentElement: { scrollWidth: number };
  activeElement: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  createTreeWalker(root: DomNode, what: number): { nextNode(): DomNode | null };
  createRange(): { setStart(node: DomNode, at: number): void; setEnd(node: DomNode, at: number): void };
  dispatchEvent(event: object): void;
};
declare const window: {
  innerWidth: number;
  innerHeight: number;
  getSelection(): { removeAllRanges(): void; addRange(range: object): void } | null;
};
declare const Event: new (type: string) => object;
declare const axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> };

const PHONE = { width: 390, height: 844, hasTouch: true, isMobile: true, deviceScaleFactor: 1 };
const SECRETARIAT = 'bientap@skhdt.quangninh.gov.vn';
const LEADER = 'pct.thanh@quangninh.gov.vn';
const AGENCY = 'nhnn@quangninh.gov.vn'; // invited to the demo round, not yet answered
const TABLE_PLAN = [
  { heading: 'Mục 1. MỤC TIÊU', body: 'Thành lập mới 30 hợp tác xã; hoàn thành 5 hợp tác xã điểm.' },
  {
    heading: 'Mục 2. CHỈ TIÊU',
    body: '| Năm | Số hợp tác xã | Số thành viên | Doanh thu bình quân (triệu đồng) | Lợi nhuận bình quân (triệu đồng) | Ghi chú |\n| --- | ---: | ---: | ---: | ---: | --- |\n| 2022 | 633 | 12.500 | 3.200 | 420 | Số liệu ước thực hiện đến hết năm |\n| 2025 | 700 | 14.000 | 4.000 | 560 | Chỉ tiêu phấn đấu giai đoạn 2021-2025 |',
  },
];

describe('the pages on a phone', () => {
  let t: TestApp;
  let browser: Browser;
  let roundId = '';
  let approvalPlanId = '';
  const alerts: string[] = [];
  const pages = new Map<string, Page>();

  /** A phone-sized touch page signed in as `email`, once per person. */
  async function phoneAs(email: string): Promise<Page> {
    const known = pages.get(email);
    if (known) return known;
    const page = await (await browser.createBrowserContext()).newPage();
    await page.setViewport(PHONE);
    await page.setBypassCSP(true); // axe-core is added to the page below
    page.setDefaultTimeout(20_000);
    watchDialogs(page, alerts);
    await signIn(page, t.url, email, DEMO_PASSWORD);
    pages.set(email, page);
    return page;
  }

  const goto = async (page: Page, path: string) => (await page.goto(`${t.url}${path}`))!.status();

  /** How the page sits on the phone: its width against the screen's, the header's height, and what sticks out. */
  const fit = (page: Page) =>
    page.evaluate(() => {
      // Elements reaching past the screen's right edge, but for what scrolls in its own box.
      const wider = [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().height > 0 && !e.closest('.table-scroll, .nav, .visually-hidden, .skip'))
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 5)
        .map((e) => `${e.tagName}.${e.className}`);
      return {
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        header: document.querySelector('header.top')!.getBoundingClientRect().height,
        wider,
      };
    });

  /** What the phone shows at once, beside the whole page. */
  const screen = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `phone-${name}-screen.png`) });

  async function expectFits(page: Page, name: string): Promise<void> {
    const f = await fit(page);
    // Sideways: nothing sticks out, and the page is no wider than the screen (by how many pixels, if it is).
    expect({ name, wider: f.wider, overflow: Math.max(0, f.scrollWidth - f.innerWidth) }).toEqual({ name, wider: [], overflow: 0 });
    expect(f.header).toBeLessThan(0.2 * PHONE.height);
    // axe-core at the phone's width too (the crawl of web-pages.e2e-spec.ts checks at an office screen's).
    await page.addScriptTag({ path: require.resolve('axe-core') });
    const { violations } = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
    expect(
      violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${name}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
    await screenshot(page, `phone-${name}`);
    await screen(page, name);
  }

  /** Selects `phrase` inside the section text that holds it, as a finger would: the selection changes, no mouse button goes up. */
  const touchSelect = (page: Page, phrase: string, nth = 0) =>
    page.evaluate(
      (p, n) => {
        const section = [...document.querySelectorAll('[data-section-key]')].find((e) => (e.textContent ?? '').includes(p));
        if (!section) throw new Error(`no section holds "${p}"`);
        const walker = document.createTreeWalker(section, 4 /* NodeFilter.SHOW_TEXT */);
        let skip = n;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          let at = (node.textContent ?? '').indexOf(p);
          while (at >= 0 && skip > 0) {
            skip--;
            at = (node.textContent ?? '').indexOf(p, at + 1);
          }
          if (at < 0) continue;
          // The passage is on the screen, where the finger is.
          const holder = (node as unknown as { parentElement: DomElement & { scrollIntoView(o: object): void } }).parentElement;
          holder.scrollIntoView({ block: 'center' });
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + p.length);
          window.getSelection()!.removeAllRanges();
          window.getSelection()!.addRange(range);
          document.dispatchEvent(new Event('selectionchange'));
          return holder.getBoundingClientRect().top;
        }
        throw new Error(`"${p}" spans several text nodes`);
      },
      phrase,
      nth,
    );

  /** The id of the section the comment form now follows ('' when it is elsewhere). */
  const formAfter = (page: Page) =>
    page.evaluate(() => {
      const before = document.querySelector('[data-comment-side]')!.previousElementSibling;
      return before && before.closest('section.sec') === before ? before.id : '';
    });

  beforeAll(async () => {
    t = await startTestApp();
    expect(await t.app.get(DemoSeeder).seed()).toBe(true);
    [{ id: roundId }] = await t.db.query('SELECT r.id FROM rounds r JOIN plans p ON p.id = r.plan_id WHERE p.title = $1 AND r.version_number = 1', [
      DEMO_PLAN_TITLE,
    ]);
    // A plan with a wide table, sent to the leader for approval.
    const sec = as(t, await login(t, SECRETARIAT, DEMO_PASSWORD));
    const [{ id: leaderId }] = await t.db.query('SELECT id FROM users WHERE email = $1', [LEADER]);
    const plan = (await sec.post('/api/plans', { title: 'Kế hoạch có bảng số liệu rộng', sections: TABLE_PLAN }).expect(201)).body;
    await sec.post(`/api/plans/${plan.id}/versions`, { note: 'Dự thảo lần 1' }).expect(201);
    // A round on it first, answered and closed, so that the approval page shows its totals table.
    const [{ id: agencyId }] = await t.db.query('SELECT agency_id AS id FROM users WHERE email = $1', [AGENCY]);
    const deadline = new Date(t.clock.now().getTime() + 7 * DAY).toISOString();
    const round = (
      await sec.post(`/api/plans/${plan.id}/rounds`, { title: 'Lấy ý kiến dự thảo', versionNumber: 1, deadline, agencyIds: [agencyId] }).expect(201)
    ).body;
    await as(t, await login(t, AGENCY, DEMO_PASSWORD))
      .post(`/api/rounds/${round.id}/responses`, { noComments: true })
      .expect(201);
    await sec.post(`/api/rounds/${round.id}/close`).expect(200);
    await sec.post(`/api/plans/${plan.id}/approval`, { versionNumber: 1, approverIds: [leaderId] }).expect(201);
    approvalPlanId = plan.id;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("fits the agency's round page on the screen; a finger's selection fills the quote and brings the form to its section", async () => {
    const page = await phoneAs(AGENCY);
    expect(await goto(page, `/rounds/${roundId}`)).toBe(200);
    await expectFits(page, 'round-agency');
    // Without a target the form stands after the whole text, and with no selection there is no "Trích đoạn này".
    expect(await formAfter(page)).toBe('');
    expect(await page.$eval('[data-quote-pick] button', (b) => (b as unknown as { getClientRects(): { length: number } }).getClientRects().length)).toBe(0);

    const passage = 'toàn tỉnh có 633 hợp tác xã';
    const top = await touchSelect(page, passage);
    await page.waitForFunction((p) => document.querySelector('form[data-comment-form] [name=quote]')!.value === p, {}, passage);
    const section = await page.evaluate((p) => [...document.querySelectorAll('section.sec')].find((s) => (s.textContent ?? '').includes(p))!.id, passage);
    expect(await valueOf(page, 'form[data-comment-form] [name=sectionKey]')).toBe(section.replace(/^sec-/, ''));
    expect(await page.$eval('[data-comment-target]', (e) => e.textContent)).toContain('THỰC TRẠNG');
    // The form now follows that section, and the passage has not moved on the screen.
    expect(await formAfter(page)).toBe(section);
    const now = await page.evaluate(() => {
      const sel = window.getSelection() as unknown as { anchorNode: { parentElement: DomElement } };
      return sel.anchorNode.parentElement.getBoundingClientRect().top;
    });
    expect(Math.abs(now - top)).toBeLessThan(2);
    expect(await page.$eval('[data-quote-pick] button', (b) => (b as unknown as { getClientRects(): { length: number } }).getClientRects().length)).toBe(1);
    await expectFits(page, 'round-agency-quoted');
    expect(alerts).toEqual([]);
  });

  it('fills the quote from the selection with the "Trích đoạn này" button, from the keyboard', async () => {
    const page = await phoneAs(AGENCY);
    expect(await goto(page, `/rounds/${roundId}`)).toBe(200);
    const passage = 'thành lập mới ít nhất 30 hợp tác xã';
    await touchSelect(page, passage);
    await page.waitForFunction(() => !document.querySelector('[data-quote-pick]')!.hidden);
    // Whatever the selection filled in is cleared: the button alone must fill it again.
    await page.evaluate(() => {
      document.querySelector('form[data-comment-form] [name=quote]')!.value = '';
      document.querySelector('form[data-comment-form] [name=sectionKey]')!.value = '';
    });
    const button = await page.$eval('[data-quote-pick] button', (b) => ({ text: (b.textContent ?? '').trim(), type: b.getAttribute('type') }));
    expect(button).toEqual({ text: 'Trích đoạn này', type: 'button' });
    await page.focus('[data-quote-pick] button');
    await page.keyboard.press('Enter');
    expect(await valueOf(page, 'form[data-comment-form] [name=quote]')).toBe(passage);
    expect(await valueOf(page, 'form[data-comment-form] [name=sectionKey]')).not.toBe('');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('comment-body');
    expect(await page.$eval('[data-comment-target]', (e) => e.textContent)).toContain('MỤC TIÊU');
    await screen(page, 'round-agency-button');
    // The comment is saved with its quote, as from a desktop.
    await page.type('#comment-body', 'Đề nghị nêu rõ lộ trình thành lập mới theo từng năm.');
    await Promise.all([page.waitForNavigation(), page.click('#comment-form button[type=submit]')]);
    const [saved] = await t.db.query('SELECT quote, section_key FROM comments WHERE body = $1', ['Đề nghị nêu rõ lộ trình thành lập mới theo từng năm.']);
    expect(saved.quote).toBe(passage);
  });

  it('keeps which occurrence of a repeated phrase was selected, as its offset in the stored text', async () => {
    const page = await phoneAs(AGENCY);
    expect(await goto(page, `/rounds/${roundId}`)).toBe(200);
    await touchSelect(page, 'ít nhất', 1);
    await page.waitForFunction(() => document.querySelector('form[data-comment-form] [name=quote]')!.value === 'ít nhất');
    expect(await valueOf(page, 'form[data-comment-form] [name=quoteOccurrence]')).toBe('1');
    const body = 'Đề nghị làm rõ tiêu chí hợp tác xã đạt loại khá, tốt.';
    await page.type('#comment-body', body);
    await Promise.all([page.waitForNavigation(), page.click('#comment-form button[type=submit]')]);
    const [saved] = await t.db.query(
      'SELECT c.quote_start, c.section_key, v.sections FROM comments c JOIN rounds r ON r.id = c.round_id JOIN plan_versions v ON v.plan_id = r.plan_id AND v.number = r.version_number WHERE c.body = $1',
      [body],
    );
    const text: string = saved.sections.find((x: { key: string }) => x.key === saved.section_key).body;
    expect(saved.quote_start).toBe(text.indexOf('ít nhất', text.indexOf('ít nhất') + 1));
    expect(saved.quote_start).toBeGreaterThan(text.indexOf('ít nhất'));
  });

  it('opens the form beside its section when the page is opened on one (a section link followed, a refused form)', async () => {
    const page = await phoneAs(AGENCY);
    expect(await goto(page, `/rounds/${roundId}`)).toBe(200);
    const key = await page.evaluate(() => [...document.querySelectorAll('[data-section-heading]')][3].getAttribute('data-section-heading')!);
    expect(await goto(page, `/rounds/${roundId}?section=${key}#comment-form`)).toBe(200);
    expect(await formAfter(page)).toBe(`sec-${key}`);
    const top = await page.evaluate(() => document.querySelector('#comment-form')!.getBoundingClientRect().top);
    expect(Math.abs(top)).toBeLessThan(PHONE.height / 2);
    await screen(page, 'round-agency-section-link');
  });

  it('fits the consolidation board, the tracker and the plans on the screen', async () => {
    const page = await phoneAs(SECRETARIAT);
    expect(await goto(page, `/rounds/${roundId}/board`)).toBe(200);
    await expectFits(page, 'board');
    expect(await goto(page, `/rounds/${roundId}/tracker`)).toBe(200);
    await expectFits(page, 'tracker');
    expect(await goto(page, '/plans')).toBe(200);
    await expectFits(page, 'plans');
  });

  it('fits the approval page on the screen, its wide table scrolling in its own box', async () => {
    const page = await phoneAs(LEADER);
    expect(await goto(page, `/plans/${approvalPlanId}/approval`)).toBe(200);
    expect(await page.$$eval('.table-scroll table.totals', (list) => list.length)).toBe(1);
    await expectFits(page, 'approval');
    expect(await goto(page, '/')).toBe(200);
    await expectFits(page, 'home-leader');
    // The plan's own table (its Markdown) scrolls inside its box.
    const [{ version_number: n }] = await t.db.query('SELECT max(number) AS version_number FROM plan_versions WHERE plan_id = $1', [approvalPlanId]);
    expect(await goto(page, `/plans/${approvalPlanId}/versions/${n}`)).toBe(200);
    const box = await page.evaluate(() => {
      const b = document.querySelector('.prose .table-scroll')!;
      return { role: b.getAttribute('role'), tabindex: b.getAttribute('tabindex'), scrolls: b.scrollWidth > b.clientWidth };
    });
    expect(box).toEqual({ role: 'region', tabindex: '0', scrolls: true });
    await expectFits(page, 'version-table');
  });
});
