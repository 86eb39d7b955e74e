import type { Browser, Page } from 'puppeteer';
import { flash, launchBrowser, mainText, newPage, postForm, screenshot, setValue, signIn, submit, valueOf, watchDialogs } from './support/browser';
import { PageChecks } from './support/page-checks';
import { startTestApp, TestApp } from './support/test-app';
import { as, buildWorld, comment, openRound, PASSWORD, planWithVersion, respond, World } from './support/world';

// Functions given to page.evaluate run in Chromium; the project compiles without the DOM library.
declare const window: { boardMarker?: string; boardUpdates?: number };

interface Listed {
  id: string;
  agencyId: string;
  sectionKey: string | null;
  disposition: { decision: string; reason: string | null } | null;
}

/**
 * The consolidation board's page at more than a page of comments, in a real Chromium: the
 * filters and the pager keeping each other, the counts by section, the next undecided comment
 * after a decision (a plain form), a decision in place (the page's script), one decision for
 * several comments with a reason template, refusals shown beside their fields, the leaders' read-only view.
 */
describe('the consolidation board page', () => {
  let t: TestApp;
  let w: World;
  let browser: Browser;
  let page: Page;
  let roundId = '';
  let keys: string[] = [];
  let board: Listed[] = [];
  const alerts: string[] = [];
  const checks = new PageChecks();

  const sec = () => as(t, w.secretariat.token);
  const open = async (path: string, p: Page = page) => (await p.goto(`${t.url}${path}`))!.status();
  const list = async (): Promise<Listed[]> => (await sec().get(`/api/rounds/${roundId}/comments?limit=200`).expect(200)).body.items;
  const cell = (selector: string, p: Page = page) => p.$eval(selector, (el) => (el.textContent ?? '').trim());
  const pagerText = () =>
    page.$eval(
      'main',
      (m) =>
        /(\d+)–(\d+) \/ (\d+)/
          .exec(m.textContent ?? '')
          ?.slice(1)
          .join(' ') ?? '',
    );
  const nextHref = () => page.$eval('nav.pager a[rel=next]', (a) => a.getAttribute('href'));

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t, 3);
    const plan = await planWithVersion(w);
    keys = plan.keys;
    roundId = await openRound(w, plan.planId);
    const [a0, a1, a2] = w.agencies;
    // In board order: 5 general comments (agency 2), 30 on section I (agency 1), 3 on section II (agency 3), 20 on section III (agency 2).
    for (let i = 0; i < 5; i++) await comment(w, a1, roundId, { body: `Ý kiến chung số ${i + 1} về bố cục của Đề án.` });
    for (let i = 0; i < 30; i++) await comment(w, a0, roundId, { sectionKey: keys[0], body: `Ý kiến số ${i + 1} về sự cần thiết ban hành Đề án.` });
    for (let i = 0; i < 3; i++) await comment(w, a2, roundId, { sectionKey: keys[1], body: `Đề nghị bổ sung số liệu hợp tác xã điểm, ý kiến ${i + 1}.` });
    for (let i = 0; i < 20; i++) await comment(w, a1, roundId, { sectionKey: keys[2], body: `Ý kiến số ${i + 1} về mục tiêu thành lập mới.` });
    for (const a of [a0, a1, a2]) await respond(w, a, roundId);
    await sec().post(`/api/rounds/${roundId}/close`).expect(200);
    board = await list();
    expect(board).toHaveLength(58);
    browser = await launchBrowser();
    page = await newPage(browser);
    watchDialogs(page, alerts);
    checks.attach(page, 'secretariat');
    await signIn(page, t.url, w.secretariat.email, PASSWORD);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('pages the board 50 at a time, the pager and the filters keeping each other', async () => {
    expect(await open(`/rounds/${roundId}/board`)).toBe(200);
    expect(await page.$$eval('.board-row', (c) => c.length)).toBe(50);
    expect(await pagerText()).toBe('1 50 58');
    expect(await nextHref()).toBe(`/rounds/${roundId}/board?offset=50`);
    expect(await page.$$eval('.group', (gs) => gs.map((g) => g.id))).toEqual(['sec-general', `sec-${keys[0]}`, `sec-${keys[1]}`, `sec-${keys[2]}`]);
    await screenshot(page, 'board-page');

    // The GET form, as a person fills it in: agency 2, undecided.
    await page.select('#f-agencyId', w.agencies[1].id);
    await page.select('#f-state', 'undecided');
    await submit(page, '#board-filters button[type=submit]');
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ agencyId: w.agencies[1].id, section: '', state: 'undecided', q: '' });
    expect(await pagerText()).toBe('1 25 25');

    // A smaller page: the next page's link keeps the filters, and the form on it shows them.
    expect(await open(`/rounds/${roundId}/board?agencyId=${w.agencies[1].id}&state=undecided&limit=10`)).toBe(200);
    const next = await nextHref();
    expect(next).toBe(`/rounds/${roundId}/board?agencyId=${w.agencies[1].id}&state=undecided&offset=10&limit=10`);
    expect(await open(next!)).toBe(200);
    expect(await pagerText()).toBe('11 20 25');
    expect(await valueOf(page, '#f-agencyId')).toBe(w.agencies[1].id);
    expect(await valueOf(page, '#f-state')).toBe('undecided');
    expect(await page.$eval('nav.pager a[rel=prev]', (a) => a.getAttribute('href'))).toBe(
      `/rounds/${roundId}/board?agencyId=${w.agencies[1].id}&state=undecided&limit=10`,
    );
    // Every decision form of the page carries the filters and the page back.
    expect(
      await page.$$eval('form.decide', (fs) =>
        fs.every((f) => f.querySelector('input[name=agencyId]') !== null && f.querySelector('input[name=offset]')?.getAttribute('value') === '10'),
      ),
    ).toBe(true);

    // The text filter ignores case and diacritics; the section filter; general comments only.
    expect(await open(`/rounds/${roundId}/board?q=${encodeURIComponent('HOP TAC XA DIEM')}`)).toBe(200);
    expect(await pagerText()).toBe('1 3 3');
    expect(await open(`/rounds/${roundId}/board?section=${keys[2]}&limit=5`)).toBe(200);
    expect(await nextHref()).toBe(`/rounds/${roundId}/board?section=${keys[2]}&offset=5&limit=5`);
    expect(await open(`/rounds/${roundId}/board?section=~general`)).toBe(200);
    expect(await pagerText()).toBe('1 5 5');
    // The old address still works.
    expect(await open(`/rounds/${roundId}/board?only=undecided`)).toBe(200);
    expect(await pagerText()).toBe('1 50 58');
    expect(await nextHref()).toBe(`/rounds/${roundId}/board?only=undecided&offset=50`);

    // A filter that cannot be read: a 400 page, the problem beside its field.
    expect(await open(`/rounds/${roundId}/board?agencyId=not-an-id&q=${encodeURIComponent('kinh phí')}`)).toBe(400);
    expect(await cell('#f-agencyId-error')).toContain('UUID');
    expect(await valueOf(page, '#f-q')).toBe('kinh phí');
  });

  it('counts the undecided comments of each section', async () => {
    expect(await open(`/rounds/${roundId}/board`)).toBe(200);
    const counts = await page.$$eval('#board-sections tbody tr', (rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())),
    );
    expect(counts).toEqual([
      ['Ý kiến chung cho cả văn bản', '5', '5'],
      ['Phần I. SỰ CẦN THIẾT', '30', '30'],
      ['Phần II. THỰC TRẠNG', '3', '3'],
      ['Phần III. MỤC TIÊU', '20', '20'],
    ]);
    expect(await page.$eval(`#count-sec-${keys[1]} td:nth-child(3) a`, (a) => a.getAttribute('href'))).toBe(
      `/rounds/${roundId}/board?section=${keys[1]}&state=undecided`,
    );
    expect(await cell('#undecided-count .stat__n')).toBe('58');
  });

  it('without JavaScript, a decision goes on to the next undecided comment, under the same filters', async () => {
    await page.setJavaScriptEnabled(false);
    try {
      const mine = board.filter((c) => c.agencyId === w.agencies[0].id);
      expect(await open(`/rounds/${roundId}/board?agencyId=${w.agencies[0].id}`)).toBe(200);
      const form = `#card-${mine[0].id} form.decide`;
      await page.select(`${form} select[name=decision]`, 'explained');
      await setValue(page, `${form} textarea[name=reason]`, 'Đã được quy định tại Luật Hợp tác xã năm 2023.');
      await submit(page, `${form} button[type=submit]`);
      const url = new URL(page.url());
      expect(url.search).toBe(`?agencyId=${w.agencies[0].id}`);
      expect(url.hash).toBe(`#c-${mine[1].id}`);
      expect(await flash(page)).toContain('Ý kiến chưa quyết định tiếp theo: Sở thử nghiệm số 1, Phần I. SỰ CẦN THIẾT.');
      expect(await cell(`#count-sec-${keys[0]} td:nth-child(3)`)).toBe('29');

      // The last undecided one of section II, with the board narrowed to it: the next is outside the filter, so the undecided list holds it.
      const ii = board.filter((c) => c.sectionKey === keys[1]);
      await sec()
        .put(`/api/rounds/${roundId}/dispositions`, { commentIds: ii.slice(0, 2).map((c) => c.id), decision: 'accepted' })
        .expect(200);
      expect(await open(`/rounds/${roundId}/board?section=${keys[1]}&state=undecided`)).toBe(200);
      await page.select(`#card-${ii[2].id} select[name=decision]`, 'accepted');
      await submit(page, `#card-${ii[2].id} button[type=submit]`);
      const after = new URL(page.url());
      expect(after.search).toBe('?only=undecided');
      expect(after.hash).toBe(`#c-${board.find((c) => c.sectionKey === keys[2])!.id}`);
    } finally {
      await page.setJavaScriptEnabled(true);
    }
  });

  it('with JavaScript, a decision updates its card and the counts in place, without loading the page again', async () => {
    const general = board.filter((c) => c.sectionKey === null);
    expect(await open(`/rounds/${roundId}/board`)).toBe(200);
    await page.evaluate(() => {
      window.boardMarker = 'same page';
    });
    const before = Number(await cell('#undecided-count .stat__n'));
    const card = `#card-${general[0].id}`;

    // Refused in place: beside the field, the choice kept.
    await page.select(`${card} select[name=decision]`, 'not_accepted');
    await page.click(`${card} button[type=submit]`);
    await page.waitForSelector(`${card} .field-error`);
    expect(await cell(`${card} #d-${general[0].id}-reason-error`)).toContain('cần nêu lý do');
    expect(await valueOf(page, `${card} select[name=decision]`)).toBe('not_accepted');

    await page.type(`${card} textarea[name=reason]`, 'Bố cục đã theo mẫu tại Nghị định số 30/2020/NĐ-CP.');
    await page.click(`${card} button[type=submit]`);
    await page.waitForSelector(`${card} article.comment--decided`);
    expect(await page.evaluate(() => [window.boardMarker, window.boardUpdates])).toEqual(['same page', 2]);
    expect(Number(await cell('#undecided-count .stat__n'))).toBe(before - 1);
    expect(await cell(`#und-sec-general`)).toBe('4');
    expect(await cell('#count-sec-general td:nth-child(3)')).toBe('4');
    expect(await cell('#board-next')).toContain('Ý kiến chưa quyết định tiếp theo');
    expect(await page.$eval('#board-next a', (a) => a.getAttribute('href'))).toBe(`/rounds/${roundId}/board#c-${general[1].id}`);
    expect(await page.$eval(`${card} button[type=submit]`, (b) => (b.textContent ?? '').trim())).toBe('Cập nhật quyết định');
    const saved = (await list()).find((c) => c.id === general[0].id)!;
    expect(saved.disposition).toMatchObject({ decision: 'not_accepted', reason: 'Bố cục đã theo mẫu tại Nghị định số 30/2020/NĐ-CP.' });
    await screenshot(page, 'board-in-place');
  });

  it('decides three comments at once, saves the reason as a template, and reuses it', async () => {
    const iii = board.filter((c) => c.sectionKey === keys[2]);
    expect(await open(`/rounds/${roundId}/board?section=${keys[2]}`)).toBe(200);
    for (const c of iii.slice(0, 3)) await page.click(`#pick-${c.id}`);
    await page.select('#b-decision', 'explained');
    await setValue(page, '#b-reason', 'Chỉ tiêu được xác định theo kết quả khảo sát năm 2021.');
    await page.click('#b-saveReason');
    await submit(page, '#board-bulk button[type=submit]');
    expect(new URL(page.url()).search).toBe(`?section=${keys[2]}`);
    expect(await flash(page)).toContain('Đã ghi nhận quyết định cho 3 ý kiến. Đã lưu lý do làm lý do mẫu.');
    const decided = (await list()).filter((c) => iii.slice(0, 3).some((x) => x.id === c.id));
    expect(decided.map((c) => c.disposition)).toEqual(
      Array(3).fill(expect.objectContaining({ decision: 'explained', reason: 'Chỉ tiêu được xác định theo kết quả khảo sát năm 2021.' })),
    );
    const templates = (await sec().get('/api/disposition-reasons').expect(200)).body.items;
    expect(templates).toEqual([expect.objectContaining({ text: 'Chỉ tiêu được xác định theo kết quả khảo sát năm 2021.', decision: 'explained' })]);

    // The template chosen with the script on fills the reason box.
    await page.click(`#pick-${iii[3].id}`);
    await page.select('#b-decision', 'explained');
    await page.select('#b-reasonTemplateId', templates[0].id);
    expect(await valueOf(page, '#b-reason')).toBe(templates[0].text);
    await submit(page, '#board-bulk button[type=submit]');
    expect(await flash(page)).toContain('Đã ghi nhận quyết định cho 1 ý kiến.');

    // Without the script, a template chosen and the box left empty: the template is the reason.
    await page.setJavaScriptEnabled(false);
    try {
      await page.reload();
      await page.click(`#pick-${iii[4].id}`);
      await page.select('#b-decision', 'partially_accepted');
      await page.select('#b-reasonTemplateId', templates[0].id);
      await submit(page, '#board-bulk button[type=submit]');
      expect(await flash(page)).toContain('Đã ghi nhận quyết định cho 1 ý kiến.');
    } finally {
      await page.setJavaScriptEnabled(true);
    }
    const reused = (await list()).filter((c) => [iii[3].id, iii[4].id].includes(c.id));
    expect(reused.map((c) => c.disposition)).toEqual([
      expect.objectContaining({ decision: 'explained', reason: templates[0].text }),
      expect.objectContaining({ decision: 'partially_accepted', reason: templates[0].text }),
    ]);
  });

  it('refuses a bulk decision beside its fields, with everything typed and ticked kept, and changes nothing', async () => {
    const iii = board.filter((c) => c.sectionKey === keys[2]);
    expect(await open(`/rounds/${roundId}/board?section=${keys[2]}&state=undecided`)).toBe(200);
    const ticked = [iii[10].id, iii[11].id];
    for (const id of ticked) await page.click(`#pick-${id}`);
    await page.select('#b-decision', 'not_accepted');
    await page.click('#b-saveReason');
    await submit(page, '#board-bulk button[type=submit]');
    expect(await page.$eval('main', (m) => m.querySelector('[data-error-summary]') !== null)).toBe(true);
    expect(await cell('#b-reason-error')).toContain('cần nêu lý do');
    expect(await page.$eval('.error-summary a', (a) => a.getAttribute('href'))).toBe('#b-reason');
    expect(await valueOf(page, '#b-decision')).toBe('not_accepted');
    expect(await page.$$eval('input[name=commentIds]:checked', (boxes) => boxes.map((b) => b.getAttribute('value')))).toEqual(ticked);
    expect(await page.$eval('#b-saveReason', (b) => (b as unknown as { checked: boolean }).checked)).toBe(true);
    expect(await page.$eval('input[name=state][type=hidden]', (i) => i.getAttribute('value'))).toBe('undecided');
    expect((await list()).filter((c) => ticked.includes(c.id)).map((c) => c.disposition)).toEqual([null, null]);

    // Nothing ticked: said at the top and beside the list.
    await page.select('#b-decision', 'accepted');
    await page.$$eval('input[name=commentIds]:checked', (boxes) => boxes.forEach((b) => ((b as unknown as { checked: boolean }).checked = false)));
    await submit(page, '#board-bulk button[type=submit]');
    expect(await cell('#b-commentIds')).toContain('hãy đánh dấu chọn ít nhất một ý kiến');
  });

  it('refuses the new forms without their CSRF token, changing nothing', async () => {
    const undecided = (await list()).filter((c) => c.disposition === null).slice(0, 2);
    for (const [path, fields] of [
      [`/rounds/${roundId}/dispositions`, { commentIds: undecided[0].id, decision: 'accepted' }],
      [`/comments/${undecided[1].id}/disposition/card`, { decision: 'accepted' }],
    ] as [string, Record<string, string>][]) {
      const res = await postForm(page, path, fields);
      expect([path, res.status]).toEqual([path, 403]);
      expect(res.text).toContain('CSRF');
    }
    expect((await list()).filter((c) => undecided.some((u) => u.id === c.id)).map((c) => c.disposition)).toEqual([null, null]);
  });

  it('shows the leaders the board to read: no forms, no ticks', async () => {
    const leader = await newPage(browser);
    watchDialogs(leader, alerts);
    checks.attach(leader, 'leader');
    await signIn(leader, t.url, w.leaders[0].email, PASSWORD);
    expect(await open(`/rounds/${roundId}/board`, leader)).toBe(200);
    expect(await leader.$$eval('main form[method=post]', (fs) => fs.map((f) => f.getAttribute('action')))).toEqual(['/documents', '/documents']); // Tạo PDF, Tạo .docx
    expect(await leader.$$('input[name=commentIds]')).toHaveLength(0);
    expect(await leader.$$('script[src="/assets/consolidation-board.js"]')).toHaveLength(0);
    expect(await mainText(leader)).toContain('Bố cục đã theo mẫu tại Nghị định số 30/2020/NĐ-CP.');
    expect(await leader.$$eval('#board-sections tbody tr', (r) => r.length)).toBe(4);
    const refused = await postForm(leader, `/comments/${board[5].id}/disposition`, {
      _csrf: await leader.$eval('input[name=_csrf]', (i) => i.getAttribute('value') ?? ''),
      decision: 'accepted',
    });
    expect(refused.status).toBe(403);
    await leader.browserContext().close();
  });

  it('never showed an alert', () => {
    expect(alerts).toEqual([]);
  });

  it('showed only pages that pass axe-core and the Nu HTML checker', async () => {
    expect(await checks.axe(browser, t.url)).toEqual([]);
    expect(await checks.nu()).toEqual([]);
  }, 600_000);
});
