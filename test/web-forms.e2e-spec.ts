import type { Browser, Page } from 'puppeteer';
import { DEMO_PASSWORD, DEMO_PLAN_TITLE } from '../src/demo/demo-data';
import { DemoSeeder } from '../src/demo/demo-seeder';
import { launchBrowser, People, submit } from './support/browser';
import { startTestApp, TestApp } from './support/test-app';
import { as, login, snapshot } from './support/world';

/**
 * The text rules of the API hold on every form, because every form goes through the API's DTOs: a
 * lone surrogate (as a browser sends it), NUL or another control character typed into any text
 * field of any form is refused, the form comes back (400) with the error on that field, linked from
 * the error summary, and nothing is changed.
 */
const SURROGATE = '\uD800';
const OTHERS = ['\u0007', '\u001B', '\u007F', '\u0085', '\u000B', '\r'];

interface Refusal {
  where: string;
  status: number;
  marked: boolean;
  linked: boolean;
}

// Runs in Chromium (the project compiles without the DOM library): for each text field of each form
// that posts, the form as the browser would send it with that one field changed.
const TRY_EVERY_FIELD = `async (always, others, turn) => {
  const out = [];
  const forms = [...document.querySelectorAll('form[method=post]')].filter((f) => !f.action.endsWith('/logout'));
  for (const form of forms) {
    const fields = [...form.elements].filter((e) => (e.tagName === 'TEXTAREA' || (e.tagName === 'INPUT' && ['text', 'email', 'password', 'search', ''].includes(e.getAttribute('type') ?? ''))) && e.name && !e.closest('template'));
    const submitter = form.querySelector('button[type=submit]:not([name=_add]):not([formnovalidate])');
    const sameAction = [...document.querySelectorAll('form[method=post]')].filter((f) => f.action === form.action);
    const formIndex = sameAction.indexOf(form);
    for (const field of fields) {
      const sameName = [...form.elements].filter((e) => e.name === field.name);
      const fieldIndex = sameName.indexOf(field);
      for (const bad of [...always, others[turn++ % others.length]]) {
        const data = new FormData(form, submitter);
        const values = data.getAll(field.name);
        values[fieldIndex] = (field.value || 'Nội dung') + bad + 'x';
        data.delete(field.name);
        for (const v of values) data.append(field.name, v);
        // A file form (a Word upload) goes as multipart with a small file; either encoding turns a lone surrogate into U+FFFD, as a form does.
        const multipart = form.enctype === 'multipart/form-data';
        if (multipart) data.set('file', new Blob(['PK']), 'du-thao.docx');
        const res = multipart
          ? await fetch(form.action, { method: 'POST', body: data, redirect: 'manual' })
          : await fetch(form.action, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(data).toString(), redirect: 'manual' });
        const html = await res.text();
        const doc = new DOMParser().parseFromString(html, 'text/html');
        const again = [...doc.querySelectorAll('form[method=post]')].filter((f) => new URL(f.getAttribute('action'), location.href).href === form.action)[formIndex];
        const control = again ? [...again.querySelectorAll('[name]')].filter((e) => e.getAttribute('name') === field.name)[fieldIndex] : null;
        const id = control && control.id;
        out.push({
          where: new URL(form.action).pathname + ' ' + field.name + (fieldIndex ? '[' + fieldIndex + ']' : '') + ' ' + JSON.stringify(bad),
          status: res.status,
          marked: !!control && control.getAttribute('aria-invalid') === 'true',
          linked: !!id && !!doc.querySelector('[data-error-summary] a[href="#' + id + '"]'),
        });
      }
    }
  }
  return { out, turn };
}`;

describe('the text rules on every field of every form', () => {
  let t: TestApp;
  let browser: Browser;
  const alerts: string[] = [];
  const people = new People(
    () => browser,
    () => t.url,
    alerts,
  );
  const urls: Record<string, string[]> = {};
  let turn = 0;

  beforeAll(async () => {
    t = await startTestApp();
    expect(await t.app.get(DemoSeeder).seed()).toBe(true);
    const sec = as(t, await login(t, 'bientap@skhdt.quangninh.gov.vn', DEMO_PASSWORD));
    const [{ id: planId }] = await t.db.query('SELECT id FROM plans WHERE title = $1', [DEMO_PLAN_TITLE]);
    const [{ id: roundId }] = await t.db.query('SELECT id FROM rounds WHERE plan_id = $1', [planId]);
    const ids: Record<string, string> = {};
    for (const u of await t.db.query('SELECT id, email FROM users')) ids[u.email] = u.id;
    const agencies: Record<string, string> = {};
    for (const a of await t.db.query('SELECT id, code FROM agencies')) agencies[a.code] = a.id;
    const sections = [{ heading: 'Mục 1', body: 'Nội dung mục 1.' }];

    // Every form of the pages needs something to be about: a plan in drafting, one awaiting the
    // leader, a conference being minuted, a directive, a draft comment of a pending agency.
    const drafting = (await sec.post('/api/plans', { title: 'Kế hoạch đang soạn', sections }).expect(201)).body;
    await sec.post(`/api/plans/${drafting.id}/versions`, { note: 'Dự thảo lần 1' }).expect(201);
    const up = (await sec.post('/api/plans', { title: 'Kế hoạch trình duyệt', sections }).expect(201)).body;
    await sec.post(`/api/plans/${up.id}/versions`, { note: 'Dự thảo lần 1' }).expect(201);
    await sec.post(`/api/plans/${up.id}/approval`, { versionNumber: 1, approverIds: [ids['pct.thanh@quangninh.gov.vn']] }).expect(201);
    const conf = {
      heldAt: '2022-06-08T08:00:00+07:00',
      location: 'Trụ sở UBND tỉnh',
      chair: 'Phạm Văn Thành',
      secretary: 'Trần Thị Thu Hà',
      attendees: [{ name: 'Phạm Văn Thành' }],
    };
    const minutes = {
      summary: 'Tóm tắt.',
      opinions: [{ speaker: 'Sở Tài chính', agencyId: agencies.STC, content: 'Ý kiến.' }],
      conclusions: ['Kết luận.'],
      endedAt: '2022-06-08T11:00:00+07:00',
    };
    const writing = (await sec.post(`/api/plans/${planId}/conferences`, { ...conf, title: 'Hội nghị đang ghi' }).expect(201)).body;
    await sec
      .put(`/api/conferences/${writing.id}/minutes`, {
        ...minutes,
        directives: [{ agencyId: agencies.LMHTX, task: 'Rà soát', dueDate: '2031-06-30', target: 30 }],
      })
      .expect(200);
    const final = (await sec.post(`/api/plans/${planId}/conferences`, { ...conf, title: 'Hội nghị đã chốt' }).expect(201)).body;
    await sec
      .put(`/api/conferences/${final.id}/minutes`, {
        ...minutes,
        directives: [{ agencyId: agencies.LMHTX, task: 'Rà soát hợp tác xã', dueDate: '2031-06-30', target: 30 }],
      })
      .expect(200);
    const directiveId = (await sec.post(`/api/conferences/${final.id}/minutes/finalize`).expect(200)).body.directives[0].id;
    const pending = as(t, await login(t, 'sldtbxh@quangninh.gov.vn', DEMO_PASSWORD));
    await pending.post(`/api/rounds/${roundId}/comments`, { body: 'Ý kiến nháp.' }).expect(201);
    const [{ key }] = (await sec.get(`/api/plans/${drafting.id}/draft`)).body.sections;

    urls['bientap@skhdt.quangninh.gov.vn'] = [
      '/plans/new',
      `/plans/${drafting.id}`,
      `/plans/${drafting.id}/draft`,
      `/plans/${drafting.id}/draft/sections/${key}`,
      `/plans/${drafting.id}/rounds/new`,
      `/plans/${planId}/conferences/new`,
      `/conferences/${writing.id}`,
      `/rounds/${roundId}/board`,
      `/directives/${directiveId}`,
    ];
    urls['pct.thanh@quangninh.gov.vn'] = [`/plans/${up.id}/approval`];
    urls['sldtbxh@quangninh.gov.vn'] = [`/rounds/${roundId}`];
    urls['lmhtx@quangninh.gov.vn'] = [`/directives/${directiveId}`];
    urls['quantri@duthao.local'] = ['/admin/agencies', '/admin/users'];
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Each field gets the lone surrogate, NUL and, in turn, one of the other control characters. */
  const tryEveryField = async (page: Page): Promise<Refusal[]> => {
    const { out, turn: next } = (await page.evaluate(`(${TRY_EVERY_FIELD})(${JSON.stringify([SURROGATE, '\u0000'])}, ${JSON.stringify(OTHERS)}, ${turn})`)) as {
      out: Refusal[];
      turn: number;
    };
    turn = next;
    return out;
  };

  it('refuses each bad character on each text field, beside the field and in the error summary, changing nothing', async () => {
    const before = await snapshot(t);
    const results: Refusal[] = [];
    for (const [email, paths] of Object.entries(urls)) {
      const page = await people.as(email, DEMO_PASSWORD);
      for (const path of paths) {
        expect([path, (await page.goto(`${t.url}${path}`))!.status()]).toEqual([path, 200]);
        results.push(...(await tryEveryField(page)).map((r) => ({ ...r, where: `${email} ${path}: ${r.where}` })));
      }
    }
    const wrong = results.filter((r) => r.status !== 400 || !r.marked || !r.linked);
    expect(wrong).toEqual([]);
    // Every kind of form was tried, with every kind of text field.
    const tried = new Set(
      results.map((r) =>
        r.where
          .replace(/ "[^"]*"$/, '')
          .replace(/^.*: /, '')
          .replace(/[0-9a-f-]{36}|s-[0-9a-f]+/g, ':id'),
      ),
    );
    expect(tried.size).toBeGreaterThan(30);
    console.log(`text rules: ${results.length} refused submissions, ${tried.size} fields of ${new Set([...tried].map((w) => w.split(' ')[0])).size} forms`);
    expect(await snapshot(t)).toEqual(before);
  }, 300_000);

  it('moves the focus to the error summary when a form is refused', async () => {
    const page = await people.as('quantri@duthao.local', DEMO_PASSWORD);
    await page.goto(`${t.url}/admin/agencies`);
    await page.type('#code', 'MÃ SAI');
    await page.type('#name', 'Đơn vị');
    await submit(page, 'form[action="/admin/agencies"] button[type=submit]');
    expect(await page.evaluate('document.activeElement && document.activeElement.hasAttribute("data-error-summary")')).toBe(true);
    expect(await page.$eval('[data-error-summary] a[href="#code"]', (a) => (a.textContent ?? '').trim())).toMatch(/^Mã đơn vị: /);
    expect(alerts).toEqual([]);
  });
});
