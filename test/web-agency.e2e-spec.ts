import type { Browser, Page } from 'puppeteer';
import { DEMO_PASSWORD, DEMO_PLAN_TITLE } from '../src/demo/demo-data';
import { DEMO_FOLLOW_UP_TITLE } from '../src/demo/demo-follow-up';
import { DemoSeeder } from '../src/demo/demo-seeder';
import { csrfOf, flash, launchBrowser, mainText, People, postForm, screenshot, selectPassage, submit } from './support/browser';
import { PageChecks } from './support/page-checks';
import { eventually } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';
import { DAY } from './support/test-clock';
import { as, login } from './support/world';

/**
 * A department's pages in a real Chromium against the real app: the seed conference's round, read,
 * commented on (a selected passage, a section, the whole plan), drafts edited and deleted, the
 * response sent with its reference number or as "no comments", decisions read back; directives,
 * notifications; and what a department must never reach or be tricked into.
 */
// Functions given to page.evaluate run in Chromium; the project compiles without the DOM library.
declare const document: {
  querySelector(selector: string): { value: string } | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  createRange(): DomRange;
};
interface DomElement {
  textContent: string | null;
  firstChild: { textContent: string | null } | null;
  getAttribute(name: string): string | null;
  dispatchEvent(event: object): boolean;
}
interface DomRange {
  setStart(node: object, offset: number): void;
  setEnd(node: object, offset: number): void;
}

const XSS = '<img src=x onerror=alert(1)><script>alert(2)</script>';
const XSS_ESCAPED = '&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;';

describe('web pages of a department (agency)', () => {
  let t: TestApp;
  let browser: Browser;
  let roundId: string;
  let planId: string;
  let secToken: string;
  const agencyIds: Record<string, string> = {};
  const alerts: string[] = [];
  const checks = new PageChecks();
  const people = new People(
    () => browser,
    () => t.url,
    alerts,
    checks,
  );

  const NHNN = 'nhnn@quangninh.gov.vn';
  const DAMHA = 'damha@quangninh.gov.vn';
  const STNMT = 'stnmt@quangninh.gov.vn';
  const sec = () => as(t, secToken);

  /** The person's page (signed in once per file); it accepts confirmations and records any alert (which would be injected script). */
  const pageAs = (email: string) => people.as(email, DEMO_PASSWORD);

  const goto = async (page: Page, path: string) => (await page.goto(`${t.url}${path}`))!.status();

  /** The key of the section whose heading contains `text`, read from the page. */
  const sectionKey = (page: Page, text: string) =>
    page.evaluate(
      (x) => [...document.querySelectorAll('[data-section-heading]')].find((h) => (h.textContent ?? '').includes(x))!.getAttribute('data-section-heading')!,
      text,
    );

  /** The comments the agency wrote on the page (not the conference's opinions carried into the round). */
  const comments = (page: Page) =>
    page.$$eval('article.comment:not([data-source=conference])', (list) =>
      list.map((a) => ({ id: a.id.replace('comment-', ''), text: (a.textContent ?? '').replace(/\s+/g, ' ') })),
    );

  const post = postForm;

  /** Nothing a user wrote became markup: the payload is there as text, and no image or script came of it. */
  async function expectInert(page: Page): Promise<void> {
    expect(await page.content()).toContain(XSS_ESCAPED);
    expect(await page.$$eval('img', (imgs) => imgs.length)).toBe(0);
    expect(await page.$$eval('script', (s) => s.filter((x) => (x.textContent ?? '').includes('alert')).length)).toBe(0);
    expect(alerts).toEqual([]);
  }

  beforeAll(async () => {
    // Both decisions below fall within one digest's window.
    t = await startTestApp({ workers: true, outboxPollMs: 200, notifyDigestSeconds: 5 });
    expect(await t.app.get(DemoSeeder).seed()).toBe(true);
    [{ id: roundId, plan_id: planId }] = await t.db.query('SELECT r.id, r.plan_id FROM rounds r JOIN plans p ON p.id = r.plan_id WHERE p.title = $1', [
      DEMO_PLAN_TITLE,
    ]);
    for (const a of await t.db.query('SELECT id, code FROM agencies')) agencyIds[a.code] = a.id;
    secToken = await login(t, 'bientap@skhdt.quangninh.gov.vn', DEMO_PASSWORD);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("shows, in the demo's 2023 plan at draft 2, where each of the agency's comments on draft 1 stands and what was decided", async () => {
    const [{ id }] = await t.db.query('SELECT r.id FROM rounds r JOIN plans p ON p.id = r.plan_id WHERE p.title = $1 AND r.version_number = 2', [
      DEMO_FOLLOW_UP_TITLE,
    ]);
    const page = await pageAs('lmhtx@quangninh.gov.vn');
    expect(await goto(page, `/rounds/${id}`)).toBe(200);
    const earlier = (await page.$eval('#earlier-comments', (e) => e.textContent ?? '')).replace(/\s+/g, ' ');
    expect(earlier).toContain('Ý kiến của đơn vị ở dự thảo trước (2)');
    for (const text of ['Đoạn trích đã được sửa', 'Vẫn ở chỗ cũ', 'Tiếp thu', 'Đã nâng chỉ tiêu lên 35 hợp tác xã.', 'Giải trình'])
      expect(earlier).toContain(text);
    expect(await page.$$eval('#earlier-comments mark', (list) => list.map((m) => m.textContent))).toContain('Thành lập mới ít nhất 35 hợp tác xã');
    await screenshot(page, 'round-agency-earlier-comments');
  });

  it('lists the rounds the agency is invited to, with the time left', async () => {
    const page = await pageAs(NHNN);
    expect(await goto(page, '/rounds')).toBe(200);
    const text = await mainText(page);
    expect(text).toContain(DEMO_PLAN_TITLE);
    expect(text).toMatch(/còn (9|10) ngày/);
    expect(text).toContain('Chưa gửi văn bản');
    await screenshot(page, 'rounds-agency');
    // The English switch keeps the person on the page.
    await page.click('.lang a');
    await page.waitForSelector('html[lang=en]');
    expect(await page.$eval('main h1', (h) => h.textContent)).toBe('Comment rounds');
    expect(await mainText(page)).toContain('Not answered');
    await page.click('.lang a');
    await page.waitForSelector('html[lang=vi]');
    await submit(page, `a.btn[href="/rounds/${roundId}"]`);
    expect(new URL(page.url()).pathname).toBe(`/rounds/${roundId}`);
  }, 90_000);

  it('comments on a selected passage, on a section and on the whole plan; edits and deletes drafts; sends the response with its reference', async () => {
    const page = await pageAs(NHNN);
    expect(await goto(page, `/rounds/${roundId}`)).toBe(200);
    expect(await page.$$eval('[data-section-key]', (els) => els.length)).toBe(6);

    // 1. A selected passage: the quote and its section are captured from the selection.
    const passage = 'toàn tỉnh có 633 hợp tác xã';
    await selectPassage(page, passage);
    const thucTrang = await sectionKey(page, 'THỰC TRẠNG');
    expect(await page.$eval('form[data-comment-form] [name=quote]', (i) => (i as { value: string }).value)).toBe(passage);
    expect(await page.$eval('form[data-comment-form] [name=sectionKey]', (i) => (i as { value: string }).value)).toBe(thucTrang);
    expect(await page.$eval('[data-comment-target]', (e) => e.textContent)).toContain('THỰC TRẠNG');
    // The quote shows in its own field, which a person without JavaScript types or pastes into.
    expect(await page.$eval('#comment-quote', (e) => (e as { tagName: string }).tagName)).toBe('TEXTAREA');
    await page.type('#comment-body', 'Đề nghị bổ sung dư nợ cho vay hợp tác xã của các tổ chức tín dụng trên địa bàn.');
    await submit(page, '#comment-form button[type=submit]');
    expect(await flash(page)).toContain('Đã lưu ý kiến');
    const quoted = new URL(page.url()).hash.replace('#comment-', '');
    const [first] = await comments(page);
    expect(first).toMatchObject({ id: quoted });
    expect(first.text).toContain(passage);
    expect(first.text).toContain('THỰC TRẠNG');
    expect(first.text).toContain('Nháp');

    // 2. A whole section, with the section's button.
    const mucTieu = await sectionKey(page, 'MỤC TIÊU');
    await page.click(`a[data-comment-section="${mucTieu}"]`);
    expect(await page.$eval('form[data-comment-form] [name=sectionKey]', (i) => (i as { value: string }).value)).toBe(mucTieu);
    expect(await page.$eval('form[data-comment-form] [name=quote]', (i) => (i as { value: string }).value)).toBe('');
    expect(await page.$eval('[data-comment-target]', (e) => e.textContent)).toContain('MỤC TIÊU');
    await page.type('#comment-body', 'Đề nghị bổ sung chỉ tiêu về vốn tín dụng ưu đãi cho hợp tác xã.');
    await submit(page, '#comment-form button[type=submit]');
    const onSection = new URL(page.url()).hash.replace('#comment-', '');

    // 3. The whole plan ("góp ý chung"), with text that looks like HTML.
    await page.click('#comment-form a[data-comment-section=""]');
    expect(await page.$eval('form[data-comment-form] [name=sectionKey]', (i) => (i as { value: string }).value)).toBe('');
    await page.type('#comment-body', `Góp ý chung ${XSS}`);
    await submit(page, '#comment-form button[type=submit]');
    const general = new URL(page.url()).hash.replace('#comment-', '');
    await expectInert(page);
    await screenshot(page, 'round-agency-drafts');

    // A quote that is not in the version is refused on the form, and nothing typed is lost.
    await page.evaluate((k) => {
      document.querySelector('form[data-comment-form] [name=sectionKey]')!.value = k;
      document.querySelector('form[data-comment-form] [name=quote]')!.value = 'đoạn văn không có trong dự thảo';
    }, thucTrang);
    await page.type('#comment-body', 'Ý kiến dài đã gõ, không được mất.');
    await submit(page, '#comment-form button[type=submit]');
    expect(await page.$eval('#comment-body', (e) => (e as { value: string }).value)).toBe('Ý kiến dài đã gõ, không được mất.');
    expect(await page.$eval('#comment-form .field-error', (e) => e.textContent)).toContain('đoạn trích không có trong mục');
    expect((await comments(page)).length).toBe(3);

    // Edit the general comment; delete the section one.
    await goto(page, `/rounds/${roundId}`);
    await page.click(`#comment-${general} details summary`);
    await page.$eval(`#edit-${general}-body`, (e) => ((e as { value: string }).value = ''));
    await page.type(`#edit-${general}-body`, `Đề nghị rà soát thống nhất số liệu giữa các phần của Đề án. ${XSS}`);
    await submit(page, `#comment-${general} details button[type=submit]`);
    expect(await flash(page)).toContain('Đã sửa ý kiến');
    expect((await comments(page)).find((c) => c.id === general)!.text).toContain('Đề nghị rà soát thống nhất số liệu');
    // Quote another passage in a draft's edit form: select it, "Trích đoạn này" in that form.
    const another = '25 hợp tác xã được thành lập mới';
    const quoteOf = async (id: string): Promise<{ quote: string | null; sectionKey: string | null }> =>
      (await t.db.query('SELECT quote, section_key AS "sectionKey" FROM comments WHERE id = $1', [id]))[0];
    await page.click(`#comment-${quoted} details summary`);
    expect(await page.$eval(`#edit-${quoted}-quote`, (e) => (e as { value: string }).value)).toBe(passage);
    await selectPassage(page, another);
    expect(await page.$eval(`#comment-${quoted} [data-edit-quote-pick]`, (e) => (e as { hidden: boolean }).hidden)).toBe(false);
    await page.click(`#comment-${quoted} [data-edit-quote-pick] button`);
    expect(await page.$eval(`#edit-${quoted}-quote`, (e) => (e as { value: string }).value)).toBe(another);
    await submit(page, `#comment-${quoted} details button[type=submit]`);
    expect(await flash(page)).toContain('Đã sửa ý kiến');
    expect(await quoteOf(quoted)).toMatchObject({ quote: another, sectionKey: thucTrang });
    // An emptied field removes the quote; one typed in (no JavaScript needed) sets it again.
    await page.click(`#comment-${quoted} details summary`);
    await page.$eval(`#edit-${quoted}-quote`, (e) => ((e as { value: string }).value = ''));
    await submit(page, `#comment-${quoted} details button[type=submit]`);
    expect(await quoteOf(quoted)).toMatchObject({ quote: null, sectionKey: thucTrang });
    await page.click(`#comment-${quoted} details summary`);
    await page.type(`#edit-${quoted}-quote`, passage);
    await submit(page, `#comment-${quoted} details button[type=submit]`);
    expect(await quoteOf(quoted)).toMatchObject({ quote: passage, sectionKey: thucTrang });
    // A typed quote that is not in the section is refused in the form, the typing kept.
    await page.click(`#comment-${quoted} details summary`);
    await page.$eval(`#edit-${quoted}-quote`, (e) => ((e as { value: string }).value = 'đoạn văn không có trong dự thảo'));
    await submit(page, `#comment-${quoted} details button[type=submit]`);
    expect(await page.$eval(`#edit-${quoted}-quote`, (e) => (e as { value: string }).value)).toBe('đoạn văn không có trong dự thảo');
    expect(await page.$eval(`#comment-${quoted} .field-error`, (e) => e.textContent)).toContain('đoạn trích không có trong mục');
    expect(await quoteOf(quoted)).toMatchObject({ quote: passage });
    await expectInert(page);

    await submit(page, `#comment-${onSection} form[action$="/delete"] button`);
    expect(await flash(page)).toContain('Đã xóa');
    expect((await comments(page)).map((c) => c.id).sort()).toEqual([quoted, general].sort());

    // Send the response with the agency's reference number.
    await page.type('#response-reference', '1523/NHNN-QLNH');
    await submit(page, '#response button[value=comments]');
    expect(await flash(page)).toContain('Đã gửi văn bản góp ý với 2 ý kiến');
    let text = await mainText(page);
    expect(text).toContain('Đã góp ý');
    expect(text).toContain('1523/NHNN-QLNH');
    expect(await page.$('form[data-comment-form]')).toBeNull();
    expect(await page.$(`#comment-${general} details`)).toBeNull();

    // Withdraw while the round is open: drafts again; then send again.
    await submit(page, '#response form[action$="/withdraw"] button');
    expect(await flash(page)).toContain('Đã rút văn bản');
    expect((await comments(page)).every((c) => c.text.includes('Nháp'))).toBe(true);
    await page.type('#response-reference', '1524/NHNN-QLNH');
    await submit(page, '#response button[value=comments]');
    text = await mainText(page);
    expect(text).toContain('1524/NHNN-QLNH');
    await screenshot(page, 'round-agency-sent');

    // What the secretariat now sees, through the API: the quote, the section, the reference.
    const seen = (await sec().get(`/api/rounds/${roundId}/comments`)).body.items.filter(
      (c: { agencyId: string; source: string }) => c.agencyId === agencyIds.NHNN && c.source !== 'conference',
    );
    expect(seen).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: quoted, sectionKey: thucTrang, quote: passage, status: 'submitted' }),
        expect.objectContaining({ id: general, sectionKey: null, quote: null, body: `Đề nghị rà soát thống nhất số liệu giữa các phần của Đề án. ${XSS}` }),
      ]),
    );
    expect(seen).toHaveLength(2);
    const round = (await sec().get(`/api/rounds/${roundId}`)).body;
    expect(round.agencies.find((a: { agencyId: string }) => a.agencyId === agencyIds.NHNN)).toMatchObject({ state: 'responded', reference: '1524/NHNN-QLNH' });
  }, 180_000);

  it('lets another agency answer "no comments" (thống nhất)', async () => {
    const page = await pageAs(DAMHA);
    await goto(page, `/rounds/${roundId}`);
    expect(await page.$('#response button[value=comments]')).toBeNull();
    await page.type('#response-reference', '88/UBND-KT');
    await submit(page, '#response button[value=no_comments]');
    expect(await flash(page)).toContain('thống nhất với dự thảo');
    const text = await mainText(page);
    expect(text).toContain('Thống nhất');
    expect(text).toContain('Đơn vị thống nhất với dự thảo, không có ý kiến.');
    const round = (await sec().get(`/api/rounds/${roundId}`)).body;
    expect(round.agencies.find((a: { agencyId: string }) => a.agencyId === agencyIds['UBND-DAMHA'])).toMatchObject({
      state: 'no_comments',
      reference: '88/UBND-KT',
    });
  }, 90_000);

  it('shows the decision and the reason on each comment once the secretariat has decided, and tells the agency', async () => {
    const mine = (await sec().get(`/api/rounds/${roundId}/comments`)).body.items.filter(
      (c: { agencyId: string; source: string }) => c.agencyId === agencyIds.NHNN && c.source !== 'conference',
    );
    const quoted = mine.find((c: { quote: string | null }) => c.quote !== null);
    const general = mine.find((c: { quote: string | null }) => c.quote === null);
    await sec().put(`/api/comments/${quoted.id}/disposition`, { decision: 'accepted' }).expect(200);
    await sec()
      .put(`/api/comments/${general.id}/disposition`, { decision: 'explained', reason: `Số liệu đã được rà soát; giữ nguyên. ${XSS}` })
      .expect(200);

    const page = await pageAs(NHNN);
    await goto(page, `/rounds/${roundId}`);
    const list = await comments(page);
    expect(list.find((c) => c.id === quoted.id)!.text).toContain('Kết quả xử lý: Tiếp thu');
    expect(list.find((c) => c.id === general.id)!.text).toContain('Kết quả xử lý: Giải trình');
    expect(list.find((c) => c.id === general.id)!.text).toContain('Lý do, giải trình: Số liệu đã được rà soát; giữ nguyên.');
    await expectInert(page);
    await screenshot(page, 'round-agency-decided');
    // Decided comments can no longer be withdrawn: the page offers no button, and the service's refusal is shown if forced.
    expect(await page.$('#response form[action$="/withdraw"]')).toBeNull();
    expect(await mainText(page)).toContain('văn bản không rút lại được nữa');
    const forced = await post(page, `/rounds/${roundId}/response/withdraw`, { _csrf: await csrfOf(page) });
    expect(forced.status).toBe(409);
    expect(forced.text).toContain('Không thể rút lại: cơ quan chủ trì đã giải trình, tiếp thu 2 ý kiến');
    await goto(page, `/rounds/${roundId}`);
    expect((await comments(page)).every((c) => c.text.includes('Đã gửi'))).toBe(true);

    // The notifications: unread first; the two decisions in one notice that links each comment; "Mở" marks it read and goes to the round.
    const nhnn = (await t.db.query(`SELECT id FROM users WHERE email = $1`, [NHNN]))[0].id;
    await eventually(
      async () => {
        const rows = await t.db.query(`SELECT kind FROM notifications WHERE user_id = $1`, [nhnn]);
        return (
          rows.filter((r: { kind: string }) => r.kind === 'disposition_published').length === 1 && rows.some((r: { kind: string }) => r.kind === 'round_opened')
        );
      },
      30_000,
      'notifications of the agency',
    );
    await goto(page, '/notifications');
    expect(await page.$eval('.nav__bell .count', (b) => b.textContent)).toBe('2');
    const unread = await page.$$eval('.note--unread .note__title', (list) => list.map((e) => e.textContent));
    expect(unread).toHaveLength(2);
    expect(unread).toEqual(expect.arrayContaining([`Kết quả xử lý 2 ý kiến góp ý của đơn vị: ${DEMO_PLAN_TITLE}`, `Đề nghị góp ý: ${DEMO_PLAN_TITLE}`]));
    await screenshot(page, 'notifications');
    const target = await page.$$eval('.note--unread', (list) => list.find((li) => li.textContent!.includes('Kết quả xử lý'))!.id);
    const links = await page.$$eval(`#${target} .note__items a`, (list) => list.map((a) => a.getAttribute('href')));
    expect(links).toContain(`/rounds/${roundId}#comment-${quoted.id}`);
    expect(links).toContain(`/rounds/${roundId}#comment-${general.id}`);
    await submit(page, `#${target} button[name=open]`);
    expect(new URL(page.url()).pathname).toBe(`/rounds/${roundId}`);
    await goto(page, '/notifications');
    expect(await page.$$eval('.note--unread', (l) => l.length)).toBe(1);
    expect(await page.$(`.note:not(.note--unread)#${target}`)).not.toBeNull();
    await submit(page, 'form[action="/notifications/read-all"] button');
    expect(await page.$$eval('.note--unread', (l) => l.length)).toBe(0);
    expect(await page.$('.nav__bell .count')).toBeNull();
    expect((await t.db.query('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL', [nhnn]))[0].n).toBe(0);
  }, 120_000);

  describe('directives', () => {
    let mineId: string;
    let theirsId: string;

    beforeAll(async () => {
      const conf = await sec().post(`/api/plans/${planId}/conferences`, {
        title: 'Hội nghị góp ý dự thảo Đề án phát triển kinh tế tập thể, hợp tác xã',
        heldAt: '2022-06-08T08:00:00+07:00',
        location: 'Trụ sở UBND tỉnh Quảng Ninh',
        chair: 'Phạm Văn Thành, Phó Chủ tịch UBND tỉnh',
        secretary: 'Trần Thị Thu Hà',
        attendees: [{ name: 'Phạm Văn Thành', position: 'Phó Chủ tịch UBND tỉnh' }],
      });
      expect(conf.status).toBe(201);
      await sec()
        .put(`/api/conferences/${conf.body.id}/minutes`, {
          summary: 'Toàn tỉnh có 633 hợp tác xã.',
          opinions: [],
          conclusions: ['Các đơn vị soạn thảo tiếp thu ý kiến, hoàn thiện Đề án.'],
          directives: [
            { agencyId: agencyIds.NHNN, task: `Rà soát dư nợ cho vay hợp tác xã ${XSS}`, dueDate: '2031-06-30', target: 30 },
            { agencyId: agencyIds['UBND-DAMHA'], task: 'Hoàn thành 5 hợp tác xã điểm', dueDate: '2031-06-30', target: 5 },
          ],
          endedAt: '2022-06-08T11:30:00+07:00',
        })
        .expect(200);
      const done = await sec().post(`/api/conferences/${conf.body.id}/minutes/finalize`).expect(200);
      mineId = done.body.directives.find((d: { agencyId: string }) => d.agencyId === agencyIds.NHNN).id;
      theirsId = done.body.directives.find((d: { agencyId: string }) => d.agencyId === agencyIds['UBND-DAMHA']).id;
    });

    it('lets the assignee agency follow its own directives and report progress, a value and completion', async () => {
      const page = await pageAs(NHNN);
      await goto(page, '/directives');
      let text = await mainText(page);
      expect(text).toContain('Rà soát dư nợ cho vay hợp tác xã');
      expect(text).not.toContain('Hoàn thành 5 hợp tác xã điểm');
      await expectInert(page);
      await screenshot(page, 'directives-agency');

      await submit(page, `a[href="/directives/${mineId}"]`);
      // A value that is not a number is refused next to the field; the note typed stays.
      await page.type('#progress', 'Đã làm việc với 12 tổ chức tín dụng.');
      await page.type('#value', 'mười hai');
      await submit(page, 'form[action^="/directives/"] button[type=submit]');
      expect(await page.$eval('#value-error', (e) => e.textContent)).toContain('phải là một số');
      expect(await page.$eval('#progress', (e) => (e as { value: string }).value)).toBe('Đã làm việc với 12 tổ chức tín dụng.');
      await page.$eval('#value', (e) => ((e as { value: string }).value = ''));
      // Numbers the Vietnamese way: a comma before decimals, shown back the same way.
      await page.type('#value', '12,5');
      await submit(page, 'form[action^="/directives/"] button[type=submit]');
      expect(await flash(page)).toContain('Đã ghi báo cáo tiến độ');
      text = await mainText(page);
      expect(text).toContain('12,5 (42%)');
      expect(text).toContain('Đã làm việc với 12 tổ chức tín dụng.');
      expect((await sec().get(`/api/directives/${mineId}`)).body.value).toBe(12.5);
      // …and a dot between thousands.
      await page.type('#value', '1.500.000');
      await submit(page, 'form[action^="/directives/"] button[type=submit]');
      expect(await flash(page)).toContain('Đã ghi báo cáo tiến độ');
      expect(await mainText(page)).toContain('1.500.000 (100%)');
      expect((await sec().get(`/api/directives/${mineId}`)).body.value).toBe(1_500_000);

      await page.type('#progress', `Hoàn thành rà soát. ${XSS}`);
      await page.type('#value', '30');
      await page.select('#status', 'done');
      await submit(page, 'form[action^="/directives/"] button[type=submit]');
      expect(await flash(page)).toContain('nhiệm vụ hoàn thành');
      text = await mainText(page);
      expect(text).toContain('Đã hoàn thành');
      expect(await page.$$eval('table tbody tr', (rows) => rows.length)).toBe(3);
      await expectInert(page);
      await screenshot(page, 'directive-agency');
      const api = (await sec().get(`/api/directives/${mineId}`)).body;
      expect(api).toMatchObject({ status: 'done', value: 30 });
      expect(api.progress.map((p: { note: string | null }) => p.note)).toEqual(['Đã làm việc với 12 tổ chức tín dụng.', null, `Hoàn thành rà soát. ${XSS}`]);
    }, 120_000);

    it('lets the secretariat filter every directive and report on one; a leader only reads', async () => {
      const page = await pageAs('bientap@skhdt.quangninh.gov.vn');
      await goto(page, '/directives');
      await page.select('#f-agencyId', agencyIds['UBND-DAMHA']);
      await submit(page, 'form.filter-bar button');
      expect(new URL(page.url()).searchParams.get('agencyId')).toBe(agencyIds['UBND-DAMHA']);
      let text = await mainText(page);
      expect(text).toContain('Hoàn thành 5 hợp tác xã điểm');
      expect(text).not.toContain('Rà soát dư nợ');
      await page.select('#f-agencyId', '');
      await page.select('#f-status', 'done');
      await submit(page, 'form.filter-bar button');
      text = await mainText(page);
      expect(text).toContain('Rà soát dư nợ');
      expect(text).not.toContain('Hoàn thành 5 hợp tác xã điểm');
      await screenshot(page, 'directives-staff');

      await goto(page, `/directives/${theirsId}`);
      await page.type('#progress', 'Cơ quan chủ trì đã đôn đốc.');
      await submit(page, 'form[action^="/directives/"] button[type=submit]');
      expect(await mainText(page)).toContain('Cơ quan chủ trì đã đôn đốc.');

      const leader = await pageAs('pct.thanh@quangninh.gov.vn');
      expect(await goto(leader, `/directives/${theirsId}`)).toBe(200);
      expect(await leader.$('#progress')).toBeNull();
      const refused = await post(leader, `/directives/${theirsId}`, { _csrf: await csrfOf(leader), progress: 'Lãnh đạo không báo cáo thay.' });
      expect(refused.status).toBe(403);
    }, 120_000);

    it('keeps another agency’s directive out of reach', async () => {
      const page = await pageAs(NHNN);
      expect(await goto(page, `/directives/${theirsId}`)).toBe(404);
      expect(await mainText(page)).toContain('Không tìm thấy');
      expect(await goto(page, `/directives?agencyId=${agencyIds['UBND-DAMHA']}`)).toBe(200);
      expect(await mainText(page)).not.toContain('Hoàn thành 5 hợp tác xã điểm');
      const before = (await sec().get(`/api/directives/${theirsId}`)).body.progress.length;
      const res = await post(page, `/directives/${theirsId}`, { _csrf: await csrfOf(page), progress: 'Báo cáo hộ đơn vị khác.' });
      expect(res.status).toBe(404);
      expect((await sec().get(`/api/directives/${theirsId}`)).body.progress.length).toBe(before);
    }, 90_000);
  });

  describe('what a department cannot reach or be tricked into', () => {
    let otherRoundId: string;
    let xssRoundId: string;

    beforeAll(async () => {
      // A second plan, with a title and text that look like HTML, for two agencies.
      const plan = await sec().post('/api/plans', {
        title: `Kế hoạch thử ${XSS}`,
        sections: [{ heading: `Mục 1 ${XSS}`, body: `Nội dung có thẻ ${XSS} ở giữa câu.` }],
      });
      await sec().post(`/api/plans/${plan.body.id}/versions`, { note: 'Dự thảo lần 1' }).expect(201);
      const deadline = new Date(t.clock.now().getTime() + 5 * DAY).toISOString();
      xssRoundId = (
        await sec()
          .post(`/api/plans/${plan.body.id}/rounds`, { title: 'Lấy ý kiến', versionNumber: 1, deadline, agencyIds: [agencyIds.NHNN, agencyIds.LMHTX] })
          .expect(201)
      ).body.id;
      // A round NHNN is not invited to.
      const other = await sec().post('/api/plans', { title: 'Kế hoạch riêng của Liên minh HTX', sections: [{ heading: 'Mục 1', body: 'Nội dung.' }] });
      await sec().post(`/api/plans/${other.body.id}/versions`, { note: 'Dự thảo lần 1' }).expect(201);
      otherRoundId = (
        await sec()
          .post(`/api/plans/${other.body.id}/rounds`, { title: 'Lấy ý kiến riêng', versionNumber: 1, deadline, agencyIds: [agencyIds.LMHTX] })
          .expect(201)
      ).body.id;
    });

    it('shows text that looks like HTML or script as text, even in a selected quote', async () => {
      const page = await pageAs(NHNN);
      await goto(page, '/rounds');
      await expectInert(page);
      await goto(page, `/rounds/${xssRoundId}`);
      await expectInert(page);
      await selectPassage(page, '<script>alert(2)</script>');
      await page.type('#comment-body', `Trích dẫn có thẻ: ${XSS}`);
      await submit(page, '#comment-form button[type=submit]');
      const [c] = await comments(page);
      expect(c.text).toContain('<script>alert(2)</script>');
      await expectInert(page);
      expect(await page.$eval(`#comment-${c.id} blockquote`, (q) => q.textContent)).toBe('<script>alert(2)</script>');
      await screenshot(page, 'round-agency-html-text');
      await eventually(
        async () =>
          (await t.db.query(`SELECT 1 FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = $1 AND n.title LIKE '%<script>%'`, [NHNN])).length >
          0,
        30_000,
        'the notification of the second round',
      );
      await goto(page, '/notifications');
      await expectInert(page);
    }, 120_000);

    it('answers another agency’s round, comment or the admin pages with 404 or 403 pages, whatever the URL', async () => {
      const page = await pageAs(NHNN);
      expect(await goto(page, `/rounds/${otherRoundId}`)).toBe(404);
      expect(await mainText(page)).toContain('Không tìm thấy');
      expect(await goto(page, '/rounds')).toBe(200);
      expect(await mainText(page)).not.toContain('Kế hoạch riêng của Liên minh HTX');
      for (const path of ['/admin/agencies', '/admin/users']) {
        expect(await goto(page, path)).toBe(403);
        expect(await mainText(page)).toContain('Không có quyền');
      }
      const stnmt = await pageAs(STNMT);
      expect(await goto(stnmt, `/rounds/${roundId}`)).toBe(404);
      expect(await goto(stnmt, `/plans/${planId}/approval`)).toBe(404);

      // Forms posted with a valid token but at another agency's round or comment change nothing.
      const lmhtxComment = (await t.db.query(`SELECT id FROM comments WHERE agency_id = $1 LIMIT 1`, [agencyIds.LMHTX]))[0].id;
      const before = await t.db.query(`SELECT md5(string_agg(id::text || status || body, ',' ORDER BY id)) AS h FROM comments`);
      const token = await csrfOf(page);
      expect((await post(page, `/rounds/${otherRoundId}/comments`, { _csrf: token, body: 'Ý kiến vào đợt không được mời.' })).status).toBe(404);
      expect((await post(page, `/rounds/${otherRoundId}/response`, { _csrf: token, answer: 'no_comments' })).status).toBe(404);
      expect((await post(page, `/rounds/${xssRoundId}/comments/${lmhtxComment}`, { _csrf: token, body: 'Sửa ý kiến của đơn vị khác.' })).status).toBe(404);
      expect((await post(page, `/rounds/${roundId}/comments/${lmhtxComment}/delete`, { _csrf: token })).status).toBe(404);
      expect(await t.db.query(`SELECT md5(string_agg(id::text || status || body, ',' ORDER BY id)) AS h FROM comments`)).toEqual(before);
    }, 120_000);

    it('refuses every form of these pages posted without a valid CSRF token', async () => {
      const page = await pageAs('sldtbxh@quangninh.gov.vn');
      await goto(page, `/rounds/${roundId}`);
      const note =
        (await t.db.query(`SELECT id FROM notifications n WHERE n.user_id = (SELECT id FROM users WHERE email = $1) LIMIT 1`, ['sldtbxh@quangninh.gov.vn']))[0]
          ?.id ?? '00000000-0000-4000-8000-000000000000';
      const before = await t.db.query(
        `SELECT (SELECT count(*) FROM comments) AS c, (SELECT count(*) FROM responses) AS r, (SELECT count(*) FROM directive_progress) AS p, (SELECT count(*) FROM notifications WHERE read_at IS NOT NULL) AS n`,
      );
      const forms: [string, Record<string, string>][] = [
        [`/rounds/${roundId}/comments`, { body: 'Ý kiến giả mạo.' }],
        [`/rounds/${roundId}/response`, { answer: 'no_comments', reference: '1/GIA' }],
        [`/rounds/${roundId}/response/withdraw`, {}],
        [`/rounds/${roundId}/comments/00000000-0000-4000-8000-000000000000`, { body: 'Sửa.' }],
        [`/rounds/${roundId}/comments/00000000-0000-4000-8000-000000000000/delete`, {}],
        [`/notifications/${note}/read`, {}],
        ['/notifications/read-all', {}],
        ['/directives/00000000-0000-4000-8000-000000000000', { progress: 'Báo cáo giả mạo.' }],
      ];
      for (const [path, fields] of forms) {
        for (const token of [undefined, 'garbage', 'a'.repeat(43)]) {
          const res = await post(page, path, token === undefined ? fields : { ...fields, _csrf: token });
          expect({ path, status: res.status }).toEqual({ path, status: 403 });
          expect(res.text).toContain('CSRF');
        }
      }
      expect(
        await t.db.query(
          `SELECT (SELECT count(*) FROM comments) AS c, (SELECT count(*) FROM responses) AS r, (SELECT count(*) FROM directive_progress) AS p, (SELECT count(*) FROM notifications WHERE read_at IS NOT NULL) AS n`,
        ),
      ).toEqual(before);
      // With the page's own token the same form works.
      const real = await post(page, `/rounds/${roundId}/comments`, { _csrf: await csrfOf(page), body: 'Ý kiến thật.' });
      expect(real).toMatchObject({ status: 200, redirected: true });
      expect(real.text).toContain('Ý kiến thật.');
    }, 90_000);
  });

  it('never showed an alert', () => {
    expect(alerts).toEqual([]);
  });

  it('showed only pages that pass axe-core and the Nu HTML checker, refused forms included', async () => {
    expect(await checks.axe(browser, t.url)).toEqual([]);
    expect(await checks.nu()).toEqual([]);
  }, 600_000);
});
