import type { Browser, Page } from 'puppeteer';
import { DEMO_PASSWORD, DEMO_PLAN_TITLE } from '../src/demo/demo-data';
import { DemoSeeder } from '../src/demo/demo-seeder';
import { launchBrowser, signedInPage } from './support/browser';
import { letterPdf } from './support/letter-pdf';
import { linksOf, MARKDOWN_SYNTAX, PageChecks, pathPattern, visibleText } from './support/page-checks';
import { startTestApp, TestApp } from './support/test-app';
import { as, login } from './support/world';

/**
 * Every page of the demo, for every role, reached by following the links as a person would: each
 * one answers 200, shows section text rendered (no Markdown marks), and passes axe-core (no
 * critical or serious violation) and the Nu HTML checker (no error).
 */
const ROLES: [string, string][] = [
  ['admin', 'quantri@duthao.local'],
  ['secretariat', 'bientap@skhdt.quangninh.gov.vn'],
  ['leader', 'pct.thanh@quangninh.gov.vn'],
  ['agency (responded)', 'lmhtx@quangninh.gov.vn'],
  ['agency (pending)', 'sldtbxh@quangninh.gov.vn'],
  ['agency (not invited)', 'stnmt@quangninh.gov.vn'],
];
/** Pages of one kind visited per role (a list of fifty plans needs one look, not fifty). */
const PER_KIND = 3;

const TABLE_PLAN = [
  {
    heading: 'Mục 1. MỤC TIÊU',
    body: '**Mục tiêu chung:** phát triển *bền vững* kinh tế tập thể.\n\n- Thành lập mới 30 hợp tác xã;\n- Hoàn thành 5 hợp tác xã điểm.',
  },
  { heading: 'Mục 2. CHỈ TIÊU', body: '| Năm | Số hợp tác xã |\n| --- | ---: |\n| 2022 | 633 |\n| 2025 | 700 |' },
];

describe('every page of the demo, for every role', () => {
  let t: TestApp;
  let browser: Browser;
  const checks = new PageChecks();
  const alerts: string[] = [];
  const visited: Record<string, string[]> = {};
  const marked: string[] = [];
  const failed: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    expect(await t.app.get(DemoSeeder).seed()).toBe(true);
    const sec = as(t, await login(t, 'bientap@skhdt.quangninh.gov.vn', DEMO_PASSWORD));
    const [{ id: planId }] = await t.db.query('SELECT id FROM plans WHERE title = $1', [DEMO_PLAN_TITLE]);
    const ids: Record<string, string> = {};
    for (const u of await t.db.query('SELECT id, email FROM users')) ids[u.email] = u.id;
    const agencies: Record<string, string> = {};
    for (const a of await t.db.query('SELECT id, code FROM agencies')) agencies[a.code] = a.id;

    // A second plan with tables and emphasis, two versions apart, awaiting the leader: the review, the redline, the approval.
    const plan = (await sec.post('/api/plans', { title: 'Kế hoạch có bảng số liệu', sections: TABLE_PLAN }).expect(201)).body;
    await sec.post(`/api/plans/${plan.id}/versions`, { note: 'Dự thảo lần 1' }).expect(201);
    const draft = await sec.get(`/api/plans/${plan.id}/draft`);
    const sections = draft.body.sections.map((s: { body: string }, i: number) =>
      i === 0 ? { ...s, body: s.body.replace('30 hợp tác xã', '**35** hợp tác xã') } : s,
    );
    await sec.put(`/api/plans/${plan.id}/draft`, { sections }).set('If-Match', draft.headers.etag).expect(200);
    await sec.post(`/api/plans/${plan.id}/versions`, { note: 'Dự thảo lần 2' }).expect(201);
    await sec
      .post(`/api/plans/${plan.id}/approval`, { versionNumber: 2, approverIds: [ids['pct.thanh@quangninh.gov.vn'], ids['chutich@quangninh.gov.vn']] })
      .expect(201);

    // A plan in drafting with a version, from which a round can be opened.
    const drafting = (await sec.post('/api/plans', { title: 'Kế hoạch đang soạn thảo', sections: TABLE_PLAN }).expect(201)).body;
    await sec.post(`/api/plans/${drafting.id}/versions`, { note: 'Dự thảo lần 1' }).expect(201);

    // An approved plan: with no worker here its signed PDF is still being made, and its page says so.
    const approved = (await sec.post('/api/plans', { title: 'Kế hoạch đã phê duyệt', sections: TABLE_PLAN }).expect(201)).body;
    await sec.post(`/api/plans/${approved.id}/versions`, { note: 'Dự thảo lần 1' }).expect(201);
    // Two versions, so that its page (one of the few of its kind the crawl opens) links a comparison too.
    const approvedDraft = await sec.get(`/api/plans/${approved.id}/draft`);
    const revised = approvedDraft.body.sections.map((s: { body: string }, i: number) => (i === 0 ? { ...s, body: `${s.body}\n\nBổ sung sau góp ý.` } : s));
    await sec.put(`/api/plans/${approved.id}/draft`, { sections: revised }).set('If-Match', approvedDraft.headers.etag).expect(200);
    await sec.post(`/api/plans/${approved.id}/versions`, { note: 'Dự thảo lần 2' }).expect(201);
    await sec.post(`/api/plans/${approved.id}/approval`, { versionNumber: 2, approverIds: [ids['chutich@quangninh.gov.vn']] }).expect(201);
    await as(t, await login(t, 'chutich@quangninh.gov.vn', DEMO_PASSWORD))
      .post(`/api/plans/${approved.id}/approval/decision`, { decision: 'approve' })
      .expect(200);

    // A conference whose minutes are being written, one finalised with a directive, and a PDF and a Word file waiting for a worker.
    const conference = (body: object) => ({
      heldAt: '2022-06-08T08:00:00+07:00',
      location: 'Trụ sở UBND tỉnh',
      chair: 'Phạm Văn Thành',
      secretary: 'Trần Thị Thu Hà',
      attendees: [{ name: 'Phạm Văn Thành' }],
      ...body,
    });
    const minutes = {
      summary: 'Toàn tỉnh có 633 hợp tác xã.',
      opinions: [{ speaker: 'Đại diện Sở Tài chính', agencyId: agencies.STC, content: 'Bố trí kinh phí.' }],
      conclusions: ['Hoàn thiện Đề án.'],
      endedAt: '2022-06-08T11:00:00+07:00',
    };
    const open = (await sec.post(`/api/plans/${planId}/conferences`, conference({ title: 'Hội nghị đang ghi biên bản' })).expect(201)).body;
    await sec.put(`/api/conferences/${open.id}/minutes`, { ...minutes, directives: [] }).expect(200);
    const done = (await sec.post(`/api/plans/${planId}/conferences`, conference({ title: 'Hội nghị đã chốt biên bản' })).expect(201)).body;
    await sec
      .put(`/api/conferences/${done.id}/minutes`, {
        ...minutes,
        directives: [{ agencyId: agencies.LMHTX, task: 'Rà soát hợp tác xã', dueDate: '2031-06-30', target: 30 }],
      })
      .expect(200);
    await sec.post(`/api/conferences/${done.id}/minutes/finalize`).expect(200);
    await sec.post('/api/documents', { kind: 'plan', planId, versionNumber: 1 }).expect(202);
    await sec.post('/api/documents', { kind: 'plan', planId, versionNumber: 1, format: 'docx' }).expect(202);
    // The Liên minh HTX's response carries its signed letter: the tracker links it, the agency's round page shows it.
    const [letterRound] = await t.db.query(
      `SELECT rs.round_id FROM responses rs JOIN rounds r ON r.id = rs.round_id WHERE rs.agency_id = $1 AND rs.withdrawn_at IS NULL AND r.status = 'open'`,
      [agencies.LMHTX],
    );
    await t.http
      .put(`/api/rounds/${letterRound.round_id}/responses/letter`)
      .set('Authorization', `Bearer ${await login(t, 'lmhtx@quangninh.gov.vn', DEMO_PASSWORD)}`)
      .attach('file', await letterPdf(), { filename: '215-LMHTX-KHTH ký số.pdf', contentType: 'application/pdf' })
      .expect(200);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function crawl(label: string, page: Page): Promise<void> {
    const seen = new Set<string>();
    const perKind = new Map<string, number>();
    const queue = ['/'];
    visited[label] = [];
    while (queue.length) {
      const path = queue.shift()!;
      const kind = pathPattern(path);
      if (seen.has(path) || (perKind.get(kind) ?? 0) >= PER_KIND) continue;
      seen.add(path);
      perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
      const res = await page.goto(`${t.url}${path}`);
      visited[label].push(path);
      if (res?.status() !== 200) failed.push(`${label} ${path}: ${res?.status()}`);
      const shown = await visibleText(page);
      const mark = MARKDOWN_SYNTAX.exec(shown);
      if (mark) marked.push(`${label} ${path}: "${shown.slice(Math.max(0, mark.index - 40), mark.index + 40).replace(/\s+/g, ' ')}"`);
      for (const link of await linksOf(page)) if (!seen.has(link)) queue.push(link);
    }
  }

  for (const [label, email] of ROLES) {
    it(`${label}: every page it can reach answers 200 and shows no Markdown`, async () => {
      const page = await signedInPage(browser, t.url, email, DEMO_PASSWORD, alerts);
      checks.attach(page, label);
      await crawl(label, page);
      await page.browserContext().close();
      expect(failed).toEqual([]);
      expect(marked).toEqual([]);
    }, 120_000);
  }

  it('reached the pages that matter for each role', () => {
    const missing = (label: string, kinds: string[]) => {
      const seen = new Set(visited[label].map(pathPattern));
      return kinds.filter((k) => !seen.has(k));
    };
    expect(
      missing('secretariat', [
        '/plans?',
        '/plans/new?',
        '/plans/:id?',
        '/plans/:id/draft?',
        '/plans/:id/draft/sections/:key?',
        '/plans/:id/versions/:n?',
        '/plans/:id/compare?from&to',
        '/plans/:id/rounds/new?',
        '/plans/:id/conferences/new?',
        '/plans/:id/approval?',
        '/rounds?',
        '/rounds/:id/tracker?',
        '/rounds/:id/board?',
        '/rounds/:id/board?only',
        '/conferences/:id?',
        '/documents/:id?',
        '/directives?',
        '/directives/:id?',
        '/notifications?',
        '/plans/:id/approved?',
        '/verify?',
      ]),
    ).toEqual([]);
    expect(missing('leader', ['/?', '/plans/:id/approval?', '/rounds/:id/board?', '/directives/:id?', '/plans/:id/approved?', '/verify?'])).toEqual([]);
    expect(missing('agency (pending)', ['/rounds?', '/rounds/:id?', '/notifications?', '/verify?'])).toEqual([]);
    expect(missing('agency (responded)', ['/rounds/:id?', '/directives/:id?'])).toEqual([]);
    expect(missing('admin', ['/admin/agencies?', '/admin/users?', '/admin/users/:id?', '/admin/audit?'])).toEqual([]);
  });

  it('has checks that see a bad page for what it is', async () => {
    const probe = new PageChecks();
    probe.add(
      'probe',
      `${t.url}/probe`,
      '<!doctype html><html><head><meta charset="utf-8"><title>x</title><link rel="stylesheet" href="/assets/app.css"></head><body><main><img src="/assets/app.css"><p style="color:#bbb">chữ mờ</p><span aria-label="nhãn">1</span></main></body></html>',
    );
    const axe = (await probe.axe(browser, t.url)).join('\n');
    expect(axe).toContain('html-has-lang');
    expect(axe).toContain('image-alt');
    expect(axe).toContain('color-contrast');
    expect((await probe.nu()).join('\n')).toContain('alt');
  }, 60_000);

  // No time is asserted: a loaded machine only makes these slower.
  it('every page passes axe-core', async () => {
    expect(checks.size).toBeGreaterThan(20);
    console.log(`page checks: ${checks.size} pages of distinct shape`);
    expect(await checks.axe(browser, t.url)).toEqual([]);
  }, 600_000);

  it('every page passes the Nu HTML checker', async () => {
    expect(await checks.nu()).toEqual([]);
    expect(alerts).toEqual([]);
  }, 600_000);
});
