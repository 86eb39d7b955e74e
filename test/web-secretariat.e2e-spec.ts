import type { Browser, Page } from 'puppeteer';
import request from 'supertest';
import { launchBrowser, newPage, postForm, screenshot, signIn, submit, watchDialogs } from './support/browser';
import { PageChecks } from './support/page-checks';
import { startTestApp, TestApp } from './support/test-app';
import { DAY } from './support/test-clock';
import { as, buildWorld, comment, PASSWORD, respond, snapshot, World } from './support/world';

/** What a person might paste into any text field: it must come back as text, never run. */
const XSS = '<img src=x onerror=alert(1)><script>alert(2)</script>';
const XSS_SHOWN = '&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** "2022-06-08T17:00" in the province (UTC+7), for <input type=datetime-local>. */
const provinceInput = (at: Date) => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);

/** The secretariat's pages in a real Chromium against the real app: a plan from first draft to approval. */
describe('web pages of the secretariat', () => {
  let t: TestApp;
  let w: World;
  let browser: Browser;
  let page: Page;
  const alerts: string[] = [];

  let planId = '';
  let keys: string[] = [];
  let roundId = '';
  let conferenceId = '';
  let reportDocumentId = '';

  const checks = new PageChecks();
  /** Dialogs watched; the pages a form or an error produced kept for the checks at the end. */
  const watch = (p: Page) => {
    watchDialogs(p, alerts);
    checks.attach(p, 'secretariat spec', { refusalsOnly: true });
  };

  const open = async (path: string, p: Page = page) => {
    const res = await p.goto(`${t.url}${path}`);
    return res!.status();
  };
  // The test code is compiled without the DOM's types: elements are read through these shapes.
  type Field = { value: string };
  type Shown = { innerText: string };
  const text = (p: Page = page, selector = 'main') => p.$eval(selector, (m) => (m as unknown as Shown).innerText);
  const valueOf = (selector: string, p: Page = page) => p.$eval(selector, (el) => (el as unknown as Field).value);
  const setValue = (selector: string, value: string, p: Page = page) =>
    p.$eval(
      selector,
      (el, v) => {
        (el as unknown as Field).value = v as string;
      },
      value,
    );
  const path = (p: Page = page) => new URL(p.url()).pathname;
  const sec = () => as(t, w.secretariat.token);

  beforeAll(async () => {
    t = await startTestApp({ workers: true, outboxPollMs: 200, renderConcurrency: 1 });
    w = await buildWorld(t, 3);
    browser = await launchBrowser();
    page = await newPage(browser);
    watch(page);
    await signIn(page, t.url, w.secretariat.email, PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('creates a plan with its sections through the form', async () => {
    expect(await open('/plans/new')).toBe(200);
    await page.type('#title', `Đề án Phát triển kinh tế tập thể ${XSS}`);
    await page.select('#ownerAgencyId', w.agencies[0].id);
    const row = (n: number) => `[data-rows="sections"] [data-row]:nth-of-type(${n})`;
    await page.type(`${row(1)} input[name=heading]`, 'Phần I. SỰ CẦN THIẾT');
    await page.type(`${row(1)} textarea[name=body]`, 'Kinh tế tập thể, hợp tác xã là thành phần kinh tế quan trọng của tỉnh.');
    await page.click('[data-add-row="sections"]');
    await page.type(`${row(2)} input[name=heading]`, 'Phần II. THỰC TRẠNG');
    await setValue(`${row(2)} textarea[name=body]`, `Toàn tỉnh có 633 hợp tác xã, trong đó 25 hợp tác xã thành lập mới. ${XSS}`);
    await page.click('[data-add-row="sections"]');
    expect(await page.$$eval('[data-rows="sections"] [data-row]', (r) => r.length)).toBe(3);
    await page.type(`${row(3)} input[name=heading]`, 'Phần III. MỤC TIÊU');
    await setValue(`${row(3)} textarea[name=body]`, 'Thành lập mới ít nhất 30 hợp tác xã; hoàn thành 5 hợp tác xã điểm trong tháng 6 năm 2022.');
    await screenshot(page, 'plan-new');
    await submit(page, 'form button.btn--primary[type=submit]');

    const match = new RegExp(`^/plans/(${UUID})$`).exec(path());
    expect(match).not.toBeNull();
    planId = match![1];
    expect(await text()).toContain('Đã tạo đề án, kế hoạch.');
    expect(await text()).toContain('Đang soạn thảo');
    const draft = await sec().get(`/api/plans/${planId}/draft`).expect(200);
    expect(draft.body.sections.map((s: { heading: string }) => s.heading)).toEqual(['Phần I. SỰ CẦN THIẾT', 'Phần II. THỰC TRẠNG', 'Phần III. MỤC TIÊU']);
    keys = draft.body.sections.map((s: { key: string }) => s.key);

    expect(await open('/plans')).toBe(200);
    expect(await page.content()).toContain(XSS_SHOWN);
    await screenshot(page, 'plans');
  });

  it('edits a section of the working draft, then freezes version 1', async () => {
    expect(await open(`/plans/${planId}/draft`)).toBe(200);
    await screenshot(page, 'draft');
    await Promise.all([page.waitForNavigation(), page.click(`tr[id="${keys[0]}"] a.btn`)]);
    expect(path()).toBe(`/plans/${planId}/draft/sections/${keys[0]}`);
    await setValue('#body', 'Kinh tế tập thể, hợp tác xã là thành phần kinh tế quan trọng, cùng với kinh tế nhà nước trở thành nền tảng của nền kinh tế.');
    await screenshot(page, 'draft-section');
    await submit(page, 'form button.btn--primary');
    expect(path()).toBe(`/plans/${planId}/draft`);
    expect(await text()).toContain('Đã lưu mục.');
    expect(await text()).toContain('Lần lưu thứ 2');

    expect(await open(`/plans/${planId}`)).toBe(200);
    await page.type('#freeze-note', 'Dự thảo lần 1 gửi lấy ý kiến các sở, ngành');
    await submit(page, '#freeze button[type=submit]');
    expect(await text()).toContain('Đã chốt dự thảo lần 1.');
    expect(await text()).toContain('Dự thảo lần 1 gửi lấy ý kiến các sở, ngành');
    await screenshot(page, 'plan');

    // Nothing changed since: freezing again is refused on the page, and the note typed stays.
    await page.type('#freeze-note', 'Bản trùng');
    await submit(page, '#freeze button[type=submit]');
    expect(await text()).toContain('chưa có thay đổi nào so với dự thảo lần 1');
    expect(await valueOf('#freeze-note')).toBe('Bản trùng');
  });

  it('opens a round to the agencies picked, keeping what was typed when something is missing', async () => {
    expect(await open(`/plans/${planId}/rounds/new`)).toBe(200);
    await setValue('#title', 'Lấy ý kiến các sở, ngành về dự thảo Đề án lần 1');
    await setValue('#deadline', provinceInput(new Date(t.clock.now().getTime() + 5 * DAY)));
    await submit(page, 'form button.btn--primary');
    expect(await text()).toContain('hãy chọn ít nhất một đơn vị');
    expect(await valueOf('#title')).toBe('Lấy ý kiến các sở, ngành về dự thảo Đề án lần 1');

    for (const a of w.agencies) await page.click(`input[name=agencyIds][value="${a.id}"]`);
    await screenshot(page, 'round-new');
    await submit(page, 'form button.btn--primary');
    const match = new RegExp(`^/rounds/(${UUID})/tracker$`).exec(path());
    expect(match).not.toBeNull();
    roundId = match![1];
    expect(await text()).toContain('Đã mở đợt lấy ý kiến');
    expect(await text()).toContain('0/3');
    const round = await sec().get(`/api/rounds/${roundId}`).expect(200);
    expect(round.body.agencies.map((a: { agencyId: string }) => a.agencyId).sort()).toEqual(w.agencies.map((a) => a.id).sort());
  });

  it('tracks the round: reminds, sees the answers, moves the deadline, closes it', async () => {
    await submit(page, 'form[action$="/remind"] button');
    expect(await text()).toContain('Đã gửi lời nhắc tới 3 đơn vị chưa trả lời.');

    const [a0, a1, a2] = w.agencies;
    await comment(w, a0, roundId, { sectionKey: keys[1], quote: 'Toàn tỉnh có 633 hợp tác xã', body: `Đề nghị bổ sung số hợp tác xã giải thể. ${XSS}` });
    await comment(w, a0, roundId, { body: 'Đề nghị rà soát bố cục chung của Đề án.' });
    await respond(w, a0, roundId, { reference: `215/LMHTX ${XSS}` });
    await comment(w, a1, roundId, { sectionKey: keys[2], body: 'Đề nghị nêu rõ nguồn kinh phí cho 5 hợp tác xã điểm.' });
    await respond(w, a1, roundId, { reference: '1234/STC-NS' });
    await respond(w, a2, roundId, { noComments: true, reference: '88/SCT-VP' });

    expect(await open(`/rounds/${roundId}/tracker`)).toBe(200);
    const tracked = await text();
    expect(tracked).toContain('3/3');
    expect(tracked).toContain('Đã góp ý');
    expect(tracked).toContain('Thống nhất');
    expect(tracked).toContain('1234/STC-NS');
    expect(await page.content()).toContain(XSS_SHOWN);
    await screenshot(page, 'tracker');

    // A deadline in the past is refused beside the field, the value typed kept.
    const past = provinceInput(new Date(t.clock.now().getTime() - DAY));
    await setValue('#deadline', past);
    await submit(page, 'form[action$="/deadline"] button');
    expect(await text()).toContain('hạn góp ý phải ở sau thời điểm hiện tại');
    expect(await valueOf('#deadline')).toBe(past);
    const later = new Date(t.clock.now().getTime() + 8 * DAY);
    await setValue('#deadline', provinceInput(later));
    await submit(page, 'form[action$="/deadline"] button');
    expect(await text()).toContain('Đã đổi hạn góp ý');
    const moved = await sec().get(`/api/rounds/${roundId}`).expect(200);
    expect(Math.abs(new Date(moved.body.deadline).getTime() - later.getTime())).toBeLessThan(60_000);

    // An irreversible step says what will happen and waits for the tick: a form sent without it changes nothing.
    expect(await page.$eval('label[for=close-confirmed]', (l) => l.textContent)).toContain('không làm lại được');
    const unticked = await postForm(page, `/rounds/${roundId}/close`, {
      _csrf: await page.$eval('form[action$="/close"] input[name=_csrf]', (i) => (i as { value: string }).value),
    });
    expect(unticked.redirected).toBe(true);
    expect(unticked.text).toContain('Hãy đánh dấu vào ô xác nhận');
    expect((await sec().get(`/api/rounds/${roundId}`)).body.status).toBe('open');
    await page.click('#close-confirmed');
    await submit(page, 'form[action$="/close"] button');
    expect(path()).toBe(`/rounds/${roundId}/board`);
    expect(await text()).toContain('Đã kết thúc đợt lấy ý kiến.');
    expect((await sec().get(`/api/plans/${planId}`)).body.status).toBe('consolidating');
  });

  it('holds a conference: minutes with opinions and directives, finalises, carries an opinion into the round', async () => {
    expect(await open(`/plans/${planId}/conferences/new`)).toBe(200);
    await setValue('#title', 'Hội nghị góp ý dự thảo Đề án phát triển kinh tế tập thể, hợp tác xã');
    await setValue('#heldAt', provinceInput(new Date(t.clock.now().getTime() - 2 * 3_600_000)));
    await setValue('#location', 'Trụ sở UBND tỉnh Quảng Ninh');
    await setValue('#chair', 'Phạm Văn Thành, Phó Chủ tịch UBND tỉnh');
    await setValue('#secretary', 'Trần Thị Thu Hà');
    await page.type('[data-rows="attendees"] [data-row]:nth-of-type(1) input[name=a_name]', 'Nguyễn Văn Hùng');
    await page.click('[data-add-row="attendees"]');
    await page.type('[data-rows="attendees"] [data-row]:nth-of-type(2) input[name=a_name]', 'Vũ Thị Hằng');
    await page.select('[data-rows="attendees"] [data-row]:nth-of-type(2) select', w.agencies[1].id);
    await submit(page, 'form button.btn--primary');
    const match = new RegExp(`^/conferences/(${UUID})$`).exec(path());
    expect(match).not.toBeNull();
    conferenceId = match![1];

    const op = (n: number) => `[data-rows="opinions"] [data-row]:nth-of-type(${n})`;
    await setValue('#summary', 'Hội nghị nghe báo cáo dự thảo Đề án; toàn tỉnh có 633 hợp tác xã, 25 hợp tác xã thành lập mới từ đầu năm 2022.');
    await setValue(`${op(1)} input[name=op_speaker]`, 'Đại diện Sở Tài chính');
    await page.select(`${op(1)} select`, w.agencies[1].id);
    await setValue(`${op(1)} textarea`, `Đề nghị bố trí kinh phí hỗ trợ hợp tác xã điểm. ${XSS}`);
    await page.click('[data-add-row="opinions"]');
    await setValue(`${op(2)} input[name=op_speaker]`, 'Ông Phạm Văn Thành');
    await setValue(`${op(2)} textarea`, 'Các đơn vị tiếp thu ý kiến, hoàn thiện Đề án.');
    await setValue(
      '[data-rows="conclusions"] [data-row]:nth-of-type(1) textarea',
      'Cơ quan soạn thảo tiếp thu ý kiến, hoàn thiện Đề án phù hợp với quy hoạch của Trung ương và của tỉnh.',
    );
    await page.click('[data-add-row="conclusions"]');
    await setValue('[data-rows="conclusions"] [data-row]:nth-of-type(2) textarea', 'Tiếp tục tuyên truyền về kinh tế tập thể.');
    const dir = '[data-rows="directives"] [data-row]:nth-of-type(1)';
    await page.select(`${dir} select`, w.agencies[0].id);
    await setValue(`${dir} textarea`, 'Rà soát khó khăn, vướng mắc để thành lập mới ít nhất 30 hợp tác xã theo kế hoạch');
    await setValue(`${dir} input[name=d_target]`, '30');
    // The due date is missing: refused beside it, and everything typed is still there.
    await submit(page, 'form#minutes button.btn--primary');
    expect(await text()).toContain('phải là ngày dạng YYYY-MM-DD');
    expect(await valueOf(`${op(1)} textarea`)).toBe(`Đề nghị bố trí kinh phí hỗ trợ hợp tác xã điểm. ${XSS}`);
    expect(await valueOf(`${op(2)} input[name=op_speaker]`)).toBe('Ông Phạm Văn Thành');
    expect(await page.$$eval('[data-rows="conclusions"] [data-row]', (r) => r.length)).toBe(2);
    await setValue(`${dir} input[name=d_due]`, provinceInput(new Date(t.clock.now().getTime() + 60 * DAY)).slice(0, 10));
    await screenshot(page, 'conference');
    await submit(page, 'form#minutes button.btn--primary');
    expect(await text()).toContain('Đã lưu biên bản.');

    await page.click('form[action$="/finalize"] button'); // the browser holds the form until the box is ticked
    expect(await page.$eval('#finalize-confirmed', (box) => box.matches(':invalid'))).toBe(true);
    expect((await sec().get(`/api/conferences/${conferenceId}`).expect(200)).body.finalized).toBe(false);
    await page.click('#finalize-confirmed');
    await submit(page, 'form[action$="/finalize"] button');
    expect(await text()).toContain('Đã chốt biên bản');
    const conference = await sec().get(`/api/conferences/${conferenceId}`).expect(200);
    expect(conference.body.finalized).toBe(true);
    expect(conference.body.directives).toHaveLength(1);
    expect(conference.body.minutes.opinions).toHaveLength(2);

    expect(await page.$('form[action$="/opinions/2/carry"]')).toBeNull();
    await submit(page, 'form[action$="/opinions/1/carry"] button');
    expect(await text()).toContain('Đã đưa ý kiến số 1 vào đợt lấy ý kiến');
    expect(await page.$('form[action$="/opinions/1/carry"]')).toBeNull();
    expect(await page.content()).toContain(XSS_SHOWN);
    await screenshot(page, 'conference-final');
  });

  it('decides comments on the consolidation board, with reasons, grouped by section', async () => {
    // The forms as they work without JavaScript (the in-place path is web-board.e2e-spec.ts's).
    await page.setJavaScriptEnabled(false);
    expect(await open(`/rounds/${roundId}/board`)).toBe(200);
    const count = () => page.$eval('#undecided-count .stat__n', (el) => el.textContent?.trim());
    expect(await count()).toBe('4');
    // General comments first, then the sections in the order of the version.
    const groups = await page.$$eval('.group', (gs) => gs.map((g) => g.id));
    expect(groups).toEqual(['sec-general', `sec-${keys[1]}`, `sec-${keys[2]}`]);
    expect(await page.$$eval('#sec-general .board-row', (c) => c.length)).toBe(2);
    await screenshot(page, 'board');

    await Promise.all([page.waitForNavigation(), page.click('.filters a:nth-child(2)')]);
    expect(new URL(page.url()).search).toBe('?only=undecided');

    // "Not accepted" without a reason: refused on that comment, the choice kept.
    const first = await page.$eval('form.decide', (f) => f.getAttribute('action'));
    await page.select(`form[action="${first}"] select[name=decision]`, 'not_accepted');
    await submit(page, `form[action="${first}"] button`);
    expect(await text()).toContain('cần nêu lý do');
    expect(await valueOf(`form[action="${first}"] select[name=decision]`)).toBe('not_accepted');

    const decisions = ['not_accepted', 'explained', 'partially_accepted'];
    for (const decision of decisions) {
      const action = await page.$eval('form.decide', (f) => f.getAttribute('action'));
      await page.select(`form[action="${action}"] select[name=decision]`, decision);
      await setValue(`form[action="${action}"] textarea[name=reason]`, `Lý do (${decision}): đã cân nhắc theo quy định hiện hành.`);
      await submit(page, `form[action="${action}"] button`);
      expect(await text()).toContain('Đã ghi nhận ý kiến giải trình, tiếp thu.');
      expect(new URL(page.url()).search).toBe('?only=undecided');
    }
    expect(await count()).toBe('1');
    expect(await page.$$eval('form.decide', (f) => f.length)).toBe(1);
    await screenshot(page, 'board-undecided');
    await page.setJavaScriptEnabled(true);
  });

  it('freezes version 2 and compares it with version 1 as a redline', async () => {
    expect(await open(`/plans/${planId}/draft/sections/${keys[2]}`)).toBe(200);
    await setValue('#body', 'Thành lập mới ít nhất 30 hợp tác xã; hoàn thành 5 hợp tác xã điểm trong năm 2022, bằng nguồn ngân sách tỉnh.');
    await submit(page, 'form button.btn--primary');
    expect(await text()).toContain('Đã lưu mục.');

    expect(await open(`/plans/${planId}`)).toBe(200);
    await setValue('#freeze-note', 'Dự thảo lần 2 sau tổng hợp ý kiến');
    await submit(page, '#freeze button[type=submit]');
    expect(await text()).toContain('Đã chốt dự thảo lần 2.');
    expect((await sec().get(`/api/plans/${planId}`)).body.status).toBe('drafting');

    await Promise.all([page.waitForNavigation(), page.click(`a[href="/plans/${planId}/compare?from=1&to=2"]`)]);
    expect(await page.$eval('h1', (h) => h.textContent)).toContain('lần 1');
    const changed = `section[id="${keys[2]}"]`;
    expect(await page.$eval(changed, (s) => s.className)).toContain('diff--changed');
    expect(await page.$$eval(`${changed} del`, (d) => d.map((x) => x.textContent).join('|'))).toContain('tháng 6');
    expect(await page.$$eval(`${changed} ins`, (d) => d.map((x) => x.textContent).join('|'))).toContain('bằng nguồn ngân sách tỉnh');
    expect(await page.$eval(`section[id="${keys[1]}"]`, (s) => s.className)).toContain('diff--same');
    await screenshot(page, 'compare');
  });

  it('sends for approval: refused with the comments still open, then to two leaders in order', async () => {
    const [pct, ct] = w.leaders;
    const choose = async () => {
      await page.select('#approver-1', ct.id);
      await page.select('#approver-2', pct.id);
    };
    expect(await open(`/plans/${planId}/approval/new`)).toBe(200);
    await choose();
    await submit(page, 'form button.btn--primary');
    const refused = await text();
    expect(refused).toContain('còn 1 ý kiến góp ý chưa được giải trình, tiếp thu');
    expect(await page.$$eval('.undecided tbody tr', (r) => r.length)).toBe(1);
    expect(await valueOf('#approver-1')).toBe(ct.id);
    expect(await valueOf('#approver-2')).toBe(pct.id);
    await screenshot(page, 'approval-refused');

    await Promise.all([page.waitForNavigation(), page.click('.undecided a')]);
    await page.setJavaScriptEnabled(false);
    await page.reload();
    const action = await page.$eval('form.decide', (f) => f.getAttribute('action'));
    await page.select(`form[action="${action}"] select[name=decision]`, 'accepted');
    await page.select(`form[action="${action}"] select[name=addressedInVersion]`, '2');
    await submit(page, `form[action="${action}"] button`);
    await page.setJavaScriptEnabled(true);
    expect(await page.$eval('#undecided-count .stat__n', (el) => el.textContent?.trim())).toBe('0');
    expect(await text()).toContain('Không còn ý kiến nào chưa xử lý.');

    expect(await open(`/plans/${planId}/approval/new`)).toBe(200);
    await choose();
    await submit(page, 'form button.btn--primary');
    expect(path()).toBe(`/plans/${planId}`);
    expect(await text()).toContain('Đã trình lãnh đạo phê duyệt.');
    const approval = await sec().get(`/api/plans/${planId}/approval`).expect(200);
    expect(approval.body.versionNumber).toBe(2);
    expect(approval.body.steps.map((s: { approverId: string; state: string }) => [s.approverId, s.state])).toEqual([
      [ct.id, 'current'],
      [pct.id, 'waiting'],
    ]);
    const steps = await page.$$eval('.steps li strong', (s) => s.map((x) => x.textContent));
    expect(steps).toEqual(['Nguyễn Hoàng Nam', 'Phạm Văn Thành']);
  });

  it('requests a PDF and a Word file, follows their progress and downloads them', async () => {
    expect(await open(`/plans/${planId}`)).toBe(200);
    await submit(page, 'form.pdf-button:has(input[name=versionNumber][value="2"]) button');
    const match = new RegExp(`^/documents/(${UUID})$`).exec(path());
    expect(match).not.toBeNull();
    const documentId = match![1];
    // The status region updates itself in place until the worker is done: wait for that, not for a time.
    await page.waitForSelector('#document-status a[href$="/download"]', { timeout: 90_000 });
    expect(await text()).toContain('Đã xong');
    await screenshot(page, 'document');
    const file = await page.evaluate(async (href) => {
      const res = await fetch(href, { credentials: 'same-origin' });
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { status: res.status, type: res.headers.get('content-type'), head: String.fromCharCode(...bytes.slice(0, 5)), size: bytes.length };
    }, `/documents/${documentId}/download`);
    expect(file).toMatchObject({ status: 200, type: 'application/pdf', head: '%PDF-' });
    expect(file.size).toBeGreaterThan(1000);

    // The Word file of the same version, from the button beside the PDF's, by the same flow.
    expect(await open(`/plans/${planId}`)).toBe(200);
    await submit(page, 'form.docx-button:has(input[name=versionNumber][value="2"]) button');
    const docxId = new RegExp(`^/documents/(${UUID})$`).exec(path())![1];
    expect(docxId).not.toBe(documentId);
    await page.waitForSelector('#document-status a[href$="/download"]', { timeout: 90_000 });
    expect(await text()).toContain('Tải .docx');
    const docx = await page.evaluate(async (href) => {
      const res = await fetch(href, { credentials: 'same-origin' });
      const bytes = new Uint8Array(await res.arrayBuffer());
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        name: res.headers.get('content-disposition'),
        head: String.fromCharCode(...bytes.slice(0, 2)),
      };
    }, `/documents/${docxId}/download`);
    expect(docx).toMatchObject({
      status: 200,
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      name: `attachment; filename="du-thao-${docxId.slice(0, 8)}.docx"`,
      head: 'PK',
    });

    // The report and the comparison from their pages.
    expect(await open(`/rounds/${roundId}/board`)).toBe(200);
    await submit(page, 'form.pdf-button button');
    reportDocumentId = new RegExp(`^/documents/(${UUID})$`).exec(path())![1];
    expect(await text()).toContain('Báo cáo tổng hợp, giải trình, tiếp thu ý kiến');
    expect(await open(`/plans/${planId}/compare?from=1&to=2`)).toBe(200);
    await submit(page, 'form.pdf-button button');
    expect(path()).toMatch(new RegExp(`^/documents/${UUID}$`));
    expect(await text()).toContain('Bảng so sánh dự thảo lần 1 và lần 2');

    // Before it is done, the download is a 409 page, not a broken file.
    const [queued] = await t.db.query(
      `INSERT INTO documents (kind, subject, plan_id, input_hash, model, status, requested_by, created_at, updated_at)
       SELECT kind, subject, plan_id, 'test-queued-' || id, model, 'queued', requested_by, now(), now() FROM documents WHERE id = $1 RETURNING id`,
      [documentId],
    );
    expect(await open(`/documents/${queued.id}`)).toBe(200);
    expect(await text()).toContain('Đang chờ');
    // No refresh <meta>: the status region asks again in place, politely announced.
    expect(await page.$('meta[http-equiv="refresh"]')).toBeNull();
    expect(await page.$eval('#document-status', (s) => [s.getAttribute('aria-live'), s.getAttribute('data-refresh')])).toEqual(['polite', '2000']);
    expect(await open(`/documents/${queued.id}/download`)).toBe(409);
    expect(await text()).toContain('Văn bản chưa sẵn sàng');
  }, 150_000);

  it('shows a conflict plainly when two editors save the same section, and loses nothing', async () => {
    const created = await sec().post('/api/plans', {
      title: 'Kế hoạch thử sửa đồng thời',
      sections: [
        { heading: 'Mục 1', body: 'Nội dung ban đầu của mục 1.' },
        { heading: 'Mục 2', body: 'Nội dung ban đầu của mục 2.' },
      ],
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const [k1, k2] = (await sec().get(`/api/plans/${id}/draft`)).body.sections.map((s: { key: string }) => s.key);
    const admin = as(t, w.admin.token);
    const other = await admin.post('/api/users', { email: `bientap2-${Date.now()}@test.vn`, fullName: 'Lê Văn Biên', password: PASSWORD, role: 'secretariat' });
    expect(other.status).toBe(201);
    const second = await newPage(browser);
    watch(second);
    await signIn(second, t.url, other.body.email, PASSWORD);

    // Both open section 1; the other editor saves first.
    expect(await open(`/plans/${id}/draft/sections/${k1}`)).toBe(200);
    expect(await open(`/plans/${id}/draft/sections/${k1}`, second)).toBe(200);
    await setValue('#body', 'Bản của người sửa thứ hai, đã lưu trước.', second);
    await submit(second, 'form button.btn--primary');
    expect(await text(second)).toContain('Đã lưu mục.');

    const mine = 'Bản của tôi: thêm số liệu 633 hợp tác xã và 25 hợp tác xã mới.';
    await setValue('#body', '');
    await page.type('#body', mine);
    await setValue('#heading', 'Mục 1 (đã sửa)');
    const res = await Promise.all([page.waitForNavigation(), page.click('form button.btn--primary')]);
    expect(res[0]!.status()).toBe(412);
    const shown = await text();
    expect(shown).toContain('Người khác vừa sửa bản đang soạn');
    expect(shown).toContain('Nội dung của bạn chưa được lưu, nhưng không bị mất.');
    expect(shown).toContain('Lê Văn Biên');
    expect(await text(page, '.theirs')).toContain('Bản của người sửa thứ hai, đã lưu trước.');
    expect(await valueOf('.mine textarea')).toBe(mine);
    expect(await valueOf('.mine input[name=heading]')).toBe('Mục 1 (đã sửa)');
    await screenshot(page, 'draft-conflict');

    await submit(page, '.mine button.btn--primary');
    expect(path()).toBe(`/plans/${id}/draft`);
    expect(await text()).toContain('Đã lưu mục.');
    let draft = (await sec().get(`/api/plans/${id}/draft`)).body;
    expect(draft.revision).toBe(3);
    expect(draft.sections[0]).toEqual({ key: k1, heading: 'Mục 1 (đã sửa)', body: mine });

    // A section someone removed while it was being edited comes back with the text typed.
    expect(await open(`/plans/${id}/draft/sections/${k2}`)).toBe(200);
    expect(await open(`/plans/${id}/draft`, second)).toBe(200);
    await submit(second, `form[action$="/sections/${k2}/remove"] button`);
    expect(await text(second)).toContain('Đã xóa mục');
    await setValue('#body', 'Mục 2 viết lại, không được mất.');
    await submit(page, 'form button.btn--primary');
    expect(await text()).toContain('Mục này đã bị xóa khỏi bản đang soạn');
    expect(await valueOf('.mine textarea')).toBe('Mục 2 viết lại, không được mất.');
    await submit(page, '.mine button.btn--primary');
    draft = (await sec().get(`/api/plans/${id}/draft`)).body;
    expect(draft.sections.map((s: { heading: string; body: string }) => [s.heading, s.body])).toEqual([
      ['Mục 1 (đã sửa)', mine],
      ['Mục 2', 'Mục 2 viết lại, không được mất.'],
    ]);

    // Adding at the top and moving a section down go through the same revision check.
    expect(await open(`/plans/${id}/draft`)).toBe(200);
    await setValue('#add-heading', 'Mục mở đầu');
    await setValue('#add-body', 'Căn cứ xây dựng kế hoạch.');
    await page.select('#add-position', '0');
    await submit(page, '#add button.btn--primary');
    expect(await text()).toContain('Đã thêm mục mới.');
    const added = (await sec().get(`/api/plans/${id}/draft`)).body.sections[0];
    expect(added).toMatchObject({ heading: 'Mục mở đầu', body: 'Căn cứ xây dựng kế hoạch.' });
    await submit(page, `form[action$="/sections/${added.key}/move"] button[value=down]`);
    expect(await text()).toContain('Đã đổi thứ tự mục.');
    draft = (await sec().get(`/api/plans/${id}/draft`)).body;
    expect(draft.sections.map((s: { heading: string }) => s.heading)).toEqual(['Mục 1 (đã sửa)', 'Mục mở đầu', 'Mục 2']);
    await second.browserContext().close();
  });

  it('shows text people wrote as text on every page, never as HTML or script', async () => {
    const pages = [
      '/plans',
      `/plans/${planId}`,
      `/plans/${planId}/draft`,
      `/plans/${planId}/draft/sections/${keys[1]}`,
      `/plans/${planId}/versions/1`,
      `/plans/${planId}/compare?from=1&to=2`,
      `/plans/${planId}/rounds/new`,
      `/plans/${planId}/approval/new`,
      `/plans/${planId}/conferences/new`,
      `/rounds/${roundId}/tracker`,
      `/rounds/${roundId}/board`,
      `/conferences/${conferenceId}`,
    ];
    for (const p of pages) {
      expect([p, await open(p)]).toEqual([p, 200]);
      expect([p, (await page.content()).includes(XSS_SHOWN)]).toEqual([p, true]);
      expect([p, await page.$$eval('img', (imgs) => imgs.length)]).toEqual([p, 0]);
      expect([p, await page.$$eval('script', (s) => s.filter((x) => x.textContent?.includes('alert')).length)]).toEqual([p, 0]);
    }
    expect(alerts).toEqual([]);
  });

  it('reads in English when asked', async () => {
    await open(`/lang/en?next=/rounds/${roundId}/board`);
    expect(path()).toBe(`/rounds/${roundId}/board`);
    expect(await text()).toContain('undecided');
    expect(await text()).toContain('General comments on the whole text');
    for (const p of [`/plans/${planId}`, `/rounds/${roundId}/tracker`, `/conferences/${conferenceId}`, `/plans/${planId}/compare`]) {
      expect([p, await open(p)]).toEqual([p, 200]);
      expect(await page.$eval('html', (h) => h.getAttribute('lang'))).toBe('en');
    }
    expect(await text()).toContain('Comparing version 1 with version 2');
    await open('/lang/vi?next=/plans');
    expect(await text()).toContain('Đề án, kế hoạch');
  });

  it("lets a leader read the plan, the round and the conference, without the secretariat's forms", async () => {
    const leader = await newPage(browser);
    watch(leader);
    await signIn(leader, t.url, w.leaders[0].email, PASSWORD);
    for (const p of [
      `/plans`,
      `/plans/${planId}`,
      `/plans/${planId}/compare?from=1&to=2`,
      `/rounds/${roundId}/tracker`,
      `/rounds/${roundId}/board`,
      `/conferences/${conferenceId}`,
    ]) {
      expect([p, await open(p, leader)]).toEqual([p, 200]);
      const actions = await leader.$$eval('main form', (fs) =>
        fs.map((f) => f.getAttribute('action')).filter((a) => a !== '/documents' && !a?.endsWith('/compare') && !a?.endsWith('/board')),
      );
      expect([p, actions]).toEqual([p, []]);
    }
    expect(await text(leader)).toContain('Đề nghị bố trí kinh phí hỗ trợ hợp tác xã điểm.');
    for (const p of ['/plans/new', `/plans/${planId}/draft`, `/plans/${planId}/rounds/new`, `/plans/${planId}/approval/new`]) {
      expect([p, await open(p, leader)]).toEqual([p, 403]);
    }
    await leader.browserContext().close();
  });

  it('gives an agency user 403 or 404 on these pages, and refuses its form posts', async () => {
    const agency = await newPage(browser);
    watch(agency);
    await signIn(agency, t.url, w.agencies[0].user.email, PASSWORD);
    const urls = [
      '/plans',
      '/plans/new',
      `/plans/${planId}`,
      `/plans/${planId}/draft`,
      `/plans/${planId}/draft/sections/${keys[0]}`,
      `/plans/${planId}/versions/1`,
      `/plans/${planId}/compare?from=1&to=2`,
      `/plans/${planId}/rounds/new`,
      `/plans/${planId}/approval/new`,
      `/plans/${planId}/conferences/new`,
      `/rounds/${roundId}/tracker`,
      `/rounds/${roundId}/board`,
      `/conferences/${conferenceId}`,
      `/documents/${reportDocumentId}`,
      `/documents/${reportDocumentId}/download`,
    ];
    for (const u of urls) {
      const status = await open(u, agency);
      expect([u, [403, 404].includes(status)]).toEqual([u, true]);
      expect(await agency.$eval('h1', (h) => h.textContent)).toMatch(/Không có quyền|Không tìm thấy/);
    }
    const before = await snapshot(t);
    expect(await open('/', agency)).toBe(200);
    const csrf = await valueOf('input[name=_csrf]', agency);
    const posted = await agency.evaluate(
      async (targets, csrf) => {
        const out: number[] = [];
        for (const [url, fields] of targets as [string, Record<string, string>][]) {
          const body = new URLSearchParams({ _csrf: csrf, ...fields });
          out.push((await fetch(url, { method: 'POST', body, redirect: 'manual' })).status);
        }
        return out;
      },
      [
        ['/plans/new', { title: 'Đơn vị tự tạo', heading: 'A', body: 'B' }],
        [`/plans/${planId}/versions`, { note: 'x' }],
        [`/rounds/${roundId}/close`, {}],
        [`/rounds/${roundId}/remind`, {}],
        [`/conferences/${conferenceId}/minutes`, { summary: 'x' }],
      ],
      csrf,
    );
    expect(posted).toEqual([403, 403, 403, 403, 403]);
    expect(await snapshot(t)).toEqual(before);
    await agency.browserContext().close();
  });

  it('refuses every form posted without a valid CSRF token', async () => {
    const agent = request.agent(t.url);
    const login = await agent.get('/login');
    expect(
      (
        await agent
          .post('/login')
          .type('form')
          .send({ _csrf: csrfOf(login.text), email: w.secretariat.email, password: PASSWORD, next: '/' })
      ).status,
    ).toBe(303);
    const token = csrfOf((await agent.get(`/plans/${planId}`)).text);
    expect(token).not.toBe('');
    const commentId = (await sec().get(`/api/rounds/${roundId}/comments`)).body.items[0].id;
    const forms: [string, Record<string, string>][] = [
      ['/plans/new', { title: 'Giả mạo', heading: 'A', body: 'B' }],
      [`/plans/${planId}/versions`, { note: 'Giả mạo' }],
      [`/plans/${planId}/draft/sections/${keys[0]}`, { heading: 'Giả mạo', body: 'x', revision: '1' }],
      [`/plans/${planId}/rounds/new`, { title: 'Giả mạo' }],
      [`/plans/${planId}/approval/new`, { versionNumber: '2' }],
      [`/comments/${commentId}/disposition`, { decision: 'accepted' }],
      [`/rounds/${roundId}/close`, {}],
      [`/conferences/${conferenceId}/finalize`, {}],
      ['/documents', { kind: 'plan', planId, versionNumber: '1' }],
    ];
    const before = await snapshot(t);
    for (const [url, fields] of forms) {
      for (const csrf of [undefined, 'garbage', csrfOf(login.text)]) {
        const res = await agent
          .post(url)
          .type('form')
          .send(csrf === undefined ? fields : { ...fields, _csrf: csrf });
        expect([url, csrf, res.status]).toEqual([url, csrf, 403]);
        expect(res.text).toContain('CSRF');
      }
    }
    expect(await snapshot(t)).toEqual(before);

    // With the token, "add a section" without JavaScript re-shows the form with one more row and creates nothing.
    const more = await agent
      .post('/plans/new')
      .type('form')
      .send({ _csrf: token, title: `Giữ nguyên ${XSS}`, heading: 'Mục A', body: 'Nội dung A', _add: 'section' });
    expect(more.status).toBe(200);
    expect(more.text.match(/name="heading"/g)).toHaveLength(3); // two rows and the row template
    expect(more.text).toContain(`value="Giữ nguyên ${XSS_SHOWN.replace(/=/g, '&#x3D;')}"`);
    expect(await snapshot(t)).toEqual(before);
  });

  it('showed only pages that pass axe-core and the Nu HTML checker, refused forms included', async () => {
    expect(await checks.axe(browser, t.url)).toEqual([]);
    expect(await checks.nu()).toEqual([]);
  }, 600_000);
});
