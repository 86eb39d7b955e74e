import type { Browser } from 'puppeteer';
import { FILL_EXISTING } from '../migrations/1764600000000-CommentAnchors';
import { launchBrowser, mainText, People } from './support/browser';
import { PageChecks } from './support/page-checks';
import { startTestApp, TestApp } from './support/test-app';
import { as, buildWorld, comment, openRound, PASSWORD, respond, snapshot, World } from './support/world';

/** Comments across versions (docs/comment-anchors.md): anchored when made, placed on each later version when it is frozen. */
describe('comments follow the text', () => {
  let t: TestApp;
  let w: World;
  let planId: string;
  let keys: string[];
  let roundId: string;
  const ids: Record<string, string> = {};
  const sec = () => as(t, w.secretariat.token);
  const agency = (i: number) => as(t, w.agencies[i].user.token);

  const V1 = [
    { heading: 'Phần I. NHIỆM VỤ', body: 'Hỗ trợ đào tạo cán bộ quản lý. Hỗ trợ đào tạo cán bộ quản lý ở các huyện miền núi.' },
    { heading: 'Phần II. THỰC TRẠNG', body: 'Toàn tỉnh có 633 hợp tác xã,\ntrong đó có 25 hợp tác xã thành lập mới từ đầu năm 2022.' },
    { heading: 'Phần III. MỤC TIÊU', body: 'Thành lập mới ít nhất 30 hợp tác xã; hoàn thành 5 hợp tác xã điểm trong tháng 6.' },
    { heading: 'Phần IV. KINH PHÍ', body: 'Bố trí nguồn vốn ngân sách tỉnh để thực hiện kế hoạch.' },
  ];
  const repeated = 'Hỗ trợ đào tạo cán bộ quản lý';
  const second = V1[0].body.lastIndexOf(repeated);

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t, 3);
    const created = await sec().post('/api/plans', { title: 'Kế hoạch phát triển kinh tế tập thể', kind: 'Kế hoạch', sections: V1 }).expect(201);
    planId = created.body.id;
    await sec().post(`/api/plans/${planId}/versions`, { note: 'Dự thảo lần 1' }).expect(201);
    keys = (await sec().get(`/api/plans/${planId}/versions/1`).expect(200)).body.sections.map((s: { key: string }) => s.key);
    roundId = await openRound(w, planId, w.agencies.slice(0, 2));
  });
  let browser: Browser | undefined;
  const checks = new PageChecks();
  const alerts: string[] = [];
  const people = new People(
    () => browser!,
    () => t.url,
    alerts,
    checks,
  );
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('anchors a quote at creation: at quoteStart, else the first occurrence with how many there are', async () => {
    const first = await agency(0).post(`/api/rounds/${roundId}/comments`, { sectionKey: keys[0], quote: repeated, body: 'Nên nói rõ đối tượng.' }).expect(201);
    expect(first.body.anchor).toEqual({
      versionNumber: 1,
      state: 'same',
      sectionKey: keys[0],
      heading: V1[0].heading,
      start: 0,
      end: repeated.length,
      text: repeated,
      occurrences: 2,
    });
    ids.repeatedFirst = first.body.id;
    const res = await agency(0)
      .post(`/api/rounds/${roundId}/comments`, { sectionKey: keys[0], quote: repeated, quoteStart: second, body: 'Miền núi cần kinh phí riêng.' })
      .expect(201);
    expect(res.body.anchor).toMatchObject({ state: 'same', start: second, end: second + repeated.length, occurrences: 2 });
    ids.repeatedSecond = res.body.id;
    // A selection across a line break, as a browser joins lines.
    ids.same = await comment(w, w.agencies[0], roundId, { sectionKey: keys[1], quote: '633 hợp tác xã, trong đó', body: 'Cần số liệu đến 31/12.' });
    const [row] = await t.db.query('SELECT quote_start, quote_end, quote_before, quote_after, quote_occurrences FROM comments WHERE id = $1', [ids.same]);
    expect(row).toEqual({ quote_start: 13, quote_end: 37, quote_before: 'Toàn tỉnh có ', quote_after: V1[1].body.slice(37, 69), quote_occurrences: 1 });
    ids.moved = await comment(w, w.agencies[0], roundId, {
      sectionKey: keys[1],
      quote: 'có 25 hợp tác xã thành lập mới từ đầu năm 2022',
      body: 'Nêu tên các hợp tác xã.',
    });
    ids.changed = await comment(w, w.agencies[0], roundId, { sectionKey: keys[2], quote: 'ít nhất 30 hợp tác xã', body: 'Chỉ tiêu thấp.' });
    ids.removed = await comment(w, w.agencies[0], roundId, { sectionKey: keys[3], quote: 'nguồn vốn ngân sách tỉnh', body: 'Cần thêm nguồn xã hội hóa.' });
    ids.whole = await comment(w, w.agencies[0], roundId, { body: 'Thống nhất với dự thảo.' });
    ids.other = await comment(w, w.agencies[1], roundId, { sectionKey: keys[2], quote: 'tháng 6', body: 'Lùi sang tháng 9.' });
  });

  it('refuses a quoteStart where the quote is not, in Vietnamese, and changes nothing', async () => {
    const before = await snapshot(t);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ sectionKey: keys[0], quote: repeated, quoteStart: 3 }, /không bắt đầu ở vị trí 3 .*có 2 chỗ/],
      [{ sectionKey: keys[0], quote: repeated, quoteStart: 10_000 }, /vượt quá độ dài/],
      [{ sectionKey: keys[0], quoteStart: 0 }, /chỉ dùng cùng một đoạn trích/],
      [{ sectionKey: keys[0], quote: 'NHIỆM VỤ', quoteStart: 0 }, /tiêu đề mục/],
      [{ sectionKey: keys[0], quote: repeated, quoteStart: -1 }, /quoteStart/],
      [{ sectionKey: keys[0], quote: repeated, quoteStart: '0' }, /quoteStart/],
    ];
    for (const [body, message] of cases) {
      const res = await agency(0).post(`/api/rounds/${roundId}/comments`, { ...body, body: 'Góp ý.' });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(message);
    }
    const patched = await agency(0).patch(`/api/comments/${ids.repeatedFirst}`, { quoteStart: 5 });
    expect(patched.status).toBe(400);
    expect(await snapshot(t)).toEqual(before);
  });

  it('moves a quote with PATCH quoteStart, and keeps its place when only the body changes', async () => {
    const moved = await agency(0).patch(`/api/comments/${ids.repeatedFirst}`, { quoteStart: second }).expect(200);
    expect(moved.body.anchor).toMatchObject({ start: second });
    const kept = await agency(0).patch(`/api/comments/${ids.repeatedFirst}`, { body: 'Nên nói rõ đối tượng được hỗ trợ.' }).expect(200);
    expect(kept.body.anchor).toMatchObject({ start: second });
    const back = await agency(0).patch(`/api/comments/${ids.repeatedFirst}`, { quoteStart: 0 }).expect(200);
    expect(back.body.anchor).toMatchObject({ start: 0, occurrences: 2 });
  });

  it('places every comment when the next version is frozen, and stores it', async () => {
    await respond(w, w.agencies[0], roundId);
    await respond(w, w.agencies[1], roundId);
    await sec().post(`/api/rounds/${roundId}/close`).expect(200);
    await sec().put(`/api/comments/${ids.same}/disposition`, { decision: 'accepted' }).expect(200);
    await sec().put(`/api/comments/${ids.changed}/disposition`, { decision: 'partially_accepted', reason: 'Nâng lên 45 hợp tác xã.' }).expect(200);
    const draft = await sec().get(`/api/plans/${planId}/draft`).expect(200);
    const sections = [
      // A copy of the repeated phrase inserted before both.
      { key: keys[0], heading: V1[0].heading, body: `${repeated} cấp tỉnh. ${V1[0].body}` },
      { key: keys[1], heading: V1[1].heading, body: 'Toàn tỉnh có 633 hợp tác xã, trong đó nhiều hợp tác xã quy mô nhỏ.' },
      {
        key: keys[2],
        heading: V1[2].heading,
        body: 'Thành lập mới ít nhất 45 hợp tác xã kiểu mới; hoàn thành 5 hợp tác xã điểm trong tháng 9. Hiện có 25 hợp tác xã thành lập mới từ đầu năm 2022.',
      },
    ];
    await sec().put(`/api/plans/${planId}/draft`, { sections }).set('If-Match', draft.headers.etag).expect(200);
    await sec().post(`/api/plans/${planId}/versions`, { note: 'Dự thảo lần 2' }).expect(201);
    const stored = await t.db.query('SELECT comment_id, state FROM comment_anchors WHERE version_number = 2');
    expect(stored).toHaveLength(Object.keys(ids).length);
    const state = Object.fromEntries(stored.map((r: { comment_id: string; state: string }) => [r.comment_id, r.state]));
    expect(state[ids.same]).toBe('same');
    expect(state[ids.moved]).toBe('moved');
    expect(state[ids.changed]).toBe('changed');
    expect(state[ids.removed]).toBe('removed');
    expect(state[ids.whole]).toBe('whole_plan');
    expect(state[ids.repeatedFirst]).toBe('same');
    expect(state[ids.repeatedSecond]).toBe('same');
  });

  it('lists them on version 2: all for the secretariat and leaders, its own for an agency', async () => {
    const all = await sec().get(`/api/plans/${planId}/versions/2/comments`).expect(200);
    expect(all.body.total).toBe(8);
    const byId = Object.fromEntries(all.body.items.map((i: { commentId: string }) => [i.commentId, i]));
    const shift = `${repeated} cấp tỉnh. `.length;
    expect(byId[ids.repeatedSecond].anchor).toEqual({
      versionNumber: 2,
      state: 'same',
      sectionKey: keys[0],
      heading: V1[0].heading,
      start: second + shift,
      end: second + shift + repeated.length,
      text: repeated,
      occurrences: 2,
    });
    expect(byId[ids.repeatedFirst].anchor).toMatchObject({ state: 'same', start: shift });
    expect(byId[ids.moved].anchor).toMatchObject({
      state: 'moved',
      sectionKey: keys[2],
      heading: V1[2].heading,
      text: 'có 25 hợp tác xã thành lập mới từ đầu năm 2022',
    });
    expect(byId[ids.changed]).toMatchObject({
      round: { id: roundId, versionNumber: 1 },
      agencyId: w.agencies[0].id,
      quote: 'ít nhất 30 hợp tác xã',
      disposition: { decision: 'partially_accepted', reason: 'Nâng lên 45 hợp tác xã.' },
      anchor: { state: 'changed', sectionKey: keys[2], text: 'ít nhất 45 hợp tác xã' },
    });
    expect(byId[ids.removed].anchor).toEqual({
      versionNumber: 2,
      state: 'removed',
      sectionKey: null,
      heading: null,
      start: null,
      end: null,
      text: null,
      occurrences: 1,
    });
    expect(byId[ids.whole].anchor).toMatchObject({ state: 'whole_plan', sectionKey: null });
    expect(byId[ids.same].disposition).toMatchObject({ decision: 'accepted' });

    const leader = await as(t, w.leaders[0].token).get(`/api/plans/${planId}/versions/2/comments?limit=3&offset=6`).expect(200);
    expect(leader.body).toMatchObject({ total: 8 });
    expect(leader.body.items).toHaveLength(2);
    const mine = await agency(1).get(`/api/plans/${planId}/versions/2/comments`).expect(200);
    expect(mine.body.items.map((i: { commentId: string }) => i.commentId)).toEqual([ids.other]);
    expect((await agency(0).get(`/api/plans/${planId}/versions/2/comments`).expect(200)).body.total).toBe(7);
    // Nothing on the first version comes from before it.
    expect((await sec().get(`/api/plans/${planId}/versions/1/comments`).expect(200)).body).toEqual({ items: [], total: 0 });
  });

  it('refuses who may not see them, per object: 403 for a role, 404 for a plan or version out of reach', async () => {
    await as(t, w.admin.token).get(`/api/plans/${planId}/versions/2/comments`).expect(403);
    await agency(2).get(`/api/plans/${planId}/versions/2/comments`).expect(404);
    await sec().get(`/api/plans/${planId}/versions/9/comments`).expect(404);
    await sec().get(`/api/plans/${planId}/versions/0/comments`).expect(400);
    await sec().get(`/api/plans/${planId}/versions/x/comments`).expect(400);
    await sec().get(`/api/plans/00000000-0000-4000-8000-000000000000/versions/1/comments`).expect(404);
    await sec().get(`/api/plans/${planId}/versions/2/comments?limit=500`).expect(400);
    // Another agency's comment does not exist for it.
    await agency(1).get(`/api/comments/${ids.moved}`).expect(404);
    await agency(2).get(`/api/comments/${ids.other}`).expect(404);
  });

  it('gives GET /api/comments/:id its anchor on the latest version, read as stored', async () => {
    const before = await t.db.query('SELECT comment_id, created_at FROM comment_anchors ORDER BY comment_id');
    const res = await agency(0).get(`/api/comments/${ids.moved}`).expect(200);
    expect(res.body.anchor).toMatchObject({ versionNumber: 2, state: 'moved', sectionKey: keys[2] });
    const staff = await sec().get(`/api/comments/${ids.changed}`).expect(200);
    expect(staff.body.anchor).toMatchObject({ versionNumber: 2, state: 'changed', text: 'ít nhất 45 hợp tác xã' });
    await sec().get(`/api/plans/${planId}/versions/2/comments`).expect(200);
    expect(await t.db.query('SELECT comment_id, created_at FROM comment_anchors ORDER BY comment_id')).toEqual(before);
  });

  it('fills, in the migration, the anchor of a comment kept before anchors were, from its version', async () => {
    const columns = 'quote_start, quote_end, quote_before, quote_after, quote_occurrences';
    const kept = await t.db.query(`SELECT id, ${columns} FROM comments ORDER BY id`);
    await t.db.query(
      `UPDATE comments SET quote_start = NULL, quote_end = NULL, quote_before = NULL, quote_after = NULL, quote_occurrences = NULL WHERE id = ANY($1)`,
      [[ids.same, ids.changed]],
    );
    await t.db.query(FILL_EXISTING);
    // A verbatim quote gets its offsets back; one across a line break is left to the app, which finds it as at creation.
    const none = { quote_start: null, quote_end: null, quote_before: null, quote_after: null, quote_occurrences: null };
    expect(await t.db.query(`SELECT id, ${columns} FROM comments ORDER BY id`)).toEqual(
      kept.map((c: { id: string }) => (c.id === ids.same ? { ...c, ...none } : c)),
    );
    await t.db.query('DELETE FROM comment_anchors WHERE comment_id = $1', [ids.same]);
    expect((await sec().get(`/api/comments/${ids.same}`).expect(200)).body.anchor).toMatchObject({
      versionNumber: 2,
      state: 'same',
      start: 13,
      text: '633 hợp tác xã, trong đó',
    });
  });

  it('places once, when first read, a comment not placed yet (kept before offsets were, say)', async () => {
    await t.db.query('UPDATE comments SET quote_start = NULL, quote_end = NULL, quote_before = NULL, quote_after = NULL WHERE id = $1', [ids.repeatedSecond]);
    await t.db.query('DELETE FROM comment_anchors WHERE comment_id = $1', [ids.repeatedSecond]);
    const res = await agency(0).get(`/api/comments/${ids.repeatedSecond}`).expect(200);
    // Without its offset the comment is taken at the first occurrence, as the API took a quote then.
    expect(res.body.anchor).toMatchObject({ versionNumber: 2, state: 'same', start: `${repeated} cấp tỉnh. `.length });
    expect(await t.db.query('SELECT state FROM comment_anchors WHERE comment_id = $1 AND version_number = 2', [ids.repeatedSecond])).toEqual([
      { state: 'same' },
    ]);
  });

  it('shows the agency, on the next round, where each of its earlier comments stands and what was decided', async () => {
    const round2 = await openRound(w, planId, w.agencies.slice(0, 1), { versionNumber: 2 });
    browser = await launchBrowser();
    const page = await people.as(w.agencies[0].user.email, PASSWORD);
    expect((await page.goto(`${t.url}/rounds/${round2}`))!.status()).toBe(200);
    checks.add(w.agencies[0].user.email, page.url(), await page.content());
    const text = await mainText(page);
    expect(text).toContain('Ý kiến của đơn vị ở dự thảo trước (7)');
    for (const label of [
      'Vẫn ở chỗ cũ',
      'Đã chuyển sang mục khác',
      'Đoạn trích đã được sửa',
      'Đoạn trích không còn trong dự thảo',
      'Góp ý chung',
      'Mục không còn trong dự thảo này',
    ])
      expect(text).toContain(label);
    expect(text).toContain('Tiếp thu một phần');
    expect(text).toContain('Nâng lên 45 hợp tác xã.');
    expect(text).toContain('Cơ quan chủ trì chưa có kết quả xử lý ý kiến này.');
    const marks = await page.$$eval('#earlier-comments mark', (list) => list.map((m) => m.textContent));
    expect(marks).toEqual(expect.arrayContaining(['ít nhất 45 hợp tác xã', 'có 25 hợp tác xã thành lập mới từ đầu năm 2022', repeated]));
    // Another agency's comments are not on its page; a first round has no such part.
    const other = await people.as(w.agencies[1].user.email, PASSWORD);
    await other.goto(`${t.url}/rounds/${roundId}`);
    expect(await other.$('#earlier-comments')).toBeNull();

    // The comparison of versions 1 and 2 shows beside each changed section the comments sitting on it now.
    const staff = await people.as(w.secretariat.email, PASSWORD);
    expect((await staff.goto(`${t.url}/plans/${planId}/compare?from=1&to=2`))!.status()).toBe(200);
    checks.add(w.secretariat.email, staff.url(), await staff.content());
    const beside = await staff.$$eval('.diff', (list) =>
      list.map((d) => ({ id: d.id, comments: [...d.querySelectorAll('.diff__comment')].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ')) })),
    );
    const on = (key: string) => beside.find((d) => d.id === key)!.comments;
    expect(on(keys[2]).join('\n')).toContain('Nêu tên các hợp tác xã.'); // moved here
    expect(on(keys[2]).join('\n')).toContain('Chỉ tiêu thấp.');
    expect(on(keys[2]).join('\n')).toContain('Tiếp thu một phần');
    expect(on(keys[1])).toHaveLength(1);
    expect(on(keys[1])[0]).toContain('Sở thử nghiệm số 1');
    expect(on(keys[0])).toHaveLength(2);
    expect(on(keys[3])).toEqual([]);

    // The secretariat editing a section sees the comments that sit on it in the latest version.
    expect((await staff.goto(`${t.url}/plans/${planId}/draft/sections/${keys[2]}`))!.status()).toBe(200);
    checks.add(w.secretariat.email, staff.url(), await staff.content());
    const margin = await staff.$$eval('.diff__comment', (list) => list.map((c) => (c.textContent ?? '').replace(/\s+/g, ' ')));
    expect(margin).toHaveLength(2);
    expect(margin.join('\n')).toContain('Đã chuyển sang mục khác');
    expect(await staff.$$eval('.diff__comment mark', (list) => list.map((m) => m.textContent))).toEqual(expect.arrayContaining(['ít nhất 45 hợp tác xã']));

    expect(alerts).toEqual([]);
    expect(await checks.axe(browser, t.url)).toEqual([]);
    expect(await checks.nu()).toEqual([]);
  }, 120_000);
});
