import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from './support/test-app';
import { as, AgencyWithUser, buildWorld, comment, openRound, planWithVersion, respond, snapshot, World } from './support/world';

/**
 * The consolidation board's back end: the filtered, paged comments of a round in board order, the
 * board's counts, a decision that answers with what the page needs next, bulk dispositions (all or
 * nothing) and the secretariat's reason templates. Every status code of each endpoint, for every
 * kind of caller; every refusal changes nothing.
 */

type Res = { status: number; body: any };

const SECTIONS = [
  { heading: 'Phần I. SỰ CẦN THIẾT', body: 'Kinh tế tập thể, hợp tác xã là thành phần kinh tế quan trọng của tỉnh.' },
  { heading: 'Phần II. THỰC TRẠNG', body: 'Toàn tỉnh có 633 hợp tác xã, trong đó có 25 hợp tác xã thành lập mới từ đầu năm 2022.' },
  { heading: 'Phần III. MỤC TIÊU', body: 'Thành lập mới ít nhất 30 hợp tác xã; hoàn thành 5 hợp tác xã điểm trong tháng 6 năm 2022.' },
  { heading: 'Phần IV. GIẢI PHÁP', body: 'Tăng cường tuyên truyền về kinh tế tập thể.' },
];

function expectField(res: Res, status: number, field: string) {
  expect(res.status).toBe(status);
  const messages = [res.body.message].flat() as string[];
  expect(messages.some((m) => m.startsWith(`${field}:`) || m.includes(`${field}:`) || m.includes(`(${field}):`) || m.includes(`"${field}":`))).toBe(true);
}

describe('consolidation board', () => {
  let t: TestApp;
  let w: World;
  let keys: string[];
  let planId: string;
  let roundId: string;
  let otherRoundComment: string;
  let draftId: string;
  /** The submitted comments, named by what they are. */
  const c: Record<'general' | 'quoted' | 'legal' | 'percent' | 'upper', string> = {} as never;
  let a: AgencyWithUser[];

  const sec = () => as(t, w.secretariat.token);
  const leader = () => as(t, w.leaders[0].token);
  const ag = (x: AgencyWithUser) => as(t, x.user.token);
  /** What a refused request must leave as it was: the shared snapshot and the reason templates. */
  const state = async () => ({
    ...(await snapshot(t)),
    reasons: (await t.db.query("SELECT count(*)::int AS n, md5(coalesce(string_agg(id::text || text, ',' ORDER BY id), '')) AS h FROM disposition_reasons"))[0],
  });
  const ids = (res: Res) => res.body.items.map((x: { id: string }) => x.id);

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t, 4);
    a = w.agencies; // named "Sở thử nghiệm số 1" … "số 4": board order by name is a[0], a[1], …
    ({ planId, keys } = await planWithVersion(w, SECTIONS));
    roundId = await openRound(w, planId);
    // Written out of board order on purpose: the list must sort them.
    c.upper = await comment(w, a[1], roundId, { sectionKey: keys[2], body: 'Đề nghị bổ sung HỢP TÁC XÃ kiểu mới vào mục tiêu.' });
    c.general = await comment(w, a[1], roundId, { body: 'Ý kiến chung về bố cục của Đề án.' });
    c.percent = await comment(w, a[0], roundId, { sectionKey: keys[2], body: 'Chỉ tiêu 100% hợp tác xã có lãi cần có căn cứ.' });
    c.quoted = await comment(w, a[0], roundId, { sectionKey: keys[0], quote: 'Kinh tế tập thể', body: 'Làm rõ vai trò của kinh tế tập thể.' });
    c.legal = await comment(w, a[0], roundId, { sectionKey: keys[0], body: 'Bổ sung căn cứ pháp lý:\nLuật Hợp tác xã 2023.' });
    draftId = await comment(w, a[2], roundId, { sectionKey: keys[1], body: 'Bản nháp chưa gửi.' });
    await respond(w, a[0], roundId);
    await respond(w, a[1], roundId);
    await respond(w, a[3], roundId, { noComments: true });

    const other = await planWithVersion(w, SECTIONS);
    const otherRound = await openRound(w, other.planId, [a[0]]);
    otherRoundComment = await comment(w, a[0], otherRound, { body: 'Ý kiến ở kế hoạch khác.' });
    await respond(w, a[0], otherRound);
  });
  afterAll(() => t.close());

  const ORDER = () => [c.general, c.quoted, c.legal, c.percent, c.upper];

  describe('GET /api/rounds/:id/comments', () => {
    it('gives the submitted comments in board order (general, then sections as in the version, agency, writing order), paged, with total', async () => {
      const all = await sec().get(`/api/rounds/${roundId}/comments`);
      expect(all.status).toBe(200);
      expect(all.body.total).toBe(5);
      expect(ids(all)).toEqual(ORDER());
      expect(all.body.items[1]).toMatchObject({
        id: c.quoted,
        agencyId: a[0].id,
        agencyName: a[0].name,
        sectionKey: keys[0],
        sectionHeading: SECTIONS[0].heading,
        quote: 'Kinh tế tập thể',
        status: 'submitted',
        disposition: null,
      });
      expect(all.body.items[0]).toMatchObject({ sectionKey: null, sectionHeading: null, agencyName: a[1].name });

      const page = await leader().get(`/api/rounds/${roundId}/comments?limit=2&offset=2`);
      expect(page.status).toBe(200);
      expect({ ids: ids(page), total: page.body.total }).toEqual({ ids: ORDER().slice(2, 4), total: 5 });
      const past = await sec().get(`/api/rounds/${roundId}/comments?offset=10`);
      expect({ items: past.body.items, total: past.body.total }).toEqual({ items: [], total: 5 });
    });

    it('filters by agency, section, general comments, state and text, each with its total', async () => {
      const get = async (query: string) => {
        const res = await sec().get(`/api/rounds/${roundId}/comments?${query}`);
        expect(res.status).toBe(200);
        expect(res.body.total).toBe(res.body.items.length);
        return ids(res);
      };
      expect(await get(`agencyId=${a[0].id}`)).toEqual([c.quoted, c.legal, c.percent]);
      expect(await get(`agencyId=${a[0].id.toUpperCase()}`)).toEqual([c.quoted, c.legal, c.percent]);
      expect(await get(`sectionKey=${keys[2]}`)).toEqual([c.percent, c.upper]);
      expect(await get(`sectionKey=${keys[1]}`)).toEqual([]); // only a draft there
      expect(await get('general=true')).toEqual([c.general]);
      expect(await get('state=undecided')).toEqual(ORDER());
      expect(await get('state=accepted')).toEqual([]);
      expect(await get(`sectionKey=${keys[2]}&agencyId=${a[1].id}`)).toEqual([c.upper]);
    });

    it('searches body and quote whatever the case, the diacritics or the line breaks', async () => {
      const q = async (text: string) => ids(await sec().get(`/api/rounds/${roundId}/comments?q=${encodeURIComponent(text)}`));
      expect(await q('hop tac xa')).toEqual([c.legal, c.percent, c.upper]);
      expect(await q('HỢP TÁC XÃ KIỂU')).toEqual([c.upper]);
      expect(await q('hợp tác xã kiểu'.normalize('NFD'))).toEqual([c.upper]);
      expect(await q('kinh te tap the')).toEqual([c.quoted]); // in the quote and the body
      expect(await q('pháp lý: luật')).toEqual([c.legal]); // across a line break
      expect(await q('100%')).toEqual([c.percent]);
      expect(await q('%')).toEqual([c.percent]); // a wildcard is only itself
      expect(await q('_')).toEqual([]);
      expect(await q('bản nháp')).toEqual([]); // a draft is not the secretariat's to see
      expect(await q('dam ha')).toEqual([]);
    });

    it('an agency sees only its own comments, drafts included, with the same filters; a round it was not invited to does not exist for it', async () => {
      const own = await ag(a[2]).get(`/api/rounds/${roundId}/comments`);
      expect(own.status).toBe(200);
      expect({ ids: ids(own), total: own.body.total }).toEqual({ ids: [draftId], total: 1 });
      expect(ids(await ag(a[0]).get(`/api/rounds/${roundId}/comments?q=hop%20tac`))).toEqual([c.legal, c.percent]);
      expect(ids(await ag(a[0]).get(`/api/rounds/${roundId}/comments?agencyId=${a[1].id}`))).toEqual([]);
      const outsider = (await buildWorld(t, 1)).agencies[0];
      expect((await ag(outsider).get(`/api/rounds/${roundId}/comments`)).status).toBe(404);
    });

    it('400 names each bad filter; 401 without a token; 403 for an administrator; 404 for an unknown round', async () => {
      const bad: [string, string][] = [
        ['state=pending', 'state'],
        ['state=', 'state'],
        ['agencyId=not-a-uuid', 'agencyId'],
        [`agencyId=${a[0].id}&agencyId=${a[1].id}`, 'agencyId'],
        ['sectionKey=khong%20co', 'sectionKey'],
        ['sectionKey=s-unknown', 'sectionKey'],
        [`sectionKey=${keys[0]}&general=true`, 'general'],
        ['general=yes', 'general'],
        ['q=%20%20', 'q'],
        [`q=${'á'.repeat(201)}`, 'q'],
        ['q=%07', 'q'],
        ['limit=0', 'limit'],
        ['limit=201', 'limit'],
        ['offset=-1', 'offset'],
        ['colour=red', 'colour'],
      ];
      for (const [query, field] of bad) expectField(await sec().get(`/api/rounds/${roundId}/comments?${query}`), 400, field);
      expect((await t.http.get(`/api/rounds/${roundId}/comments`)).status).toBe(401);
      expect((await as(t, w.admin.token).get(`/api/rounds/${roundId}/comments`)).status).toBe(403);
      expect((await sec().get(`/api/rounds/${randomUUID()}/comments`)).status).toBe(404);
      expectField(await sec().get('/api/rounds/nope/comments'), 400, 'id');
    });
  });

  describe('GET /api/rounds/:id/board', () => {
    it('counts comments and undecided per section (general first, version order) and per agency (by name)', async () => {
      const board = await sec().get(`/api/rounds/${roundId}/board`);
      expect(board.status).toBe(200);
      expect(board.body).toEqual({
        roundId,
        planId,
        title: expect.any(String),
        versionNumber: 1,
        status: 'open',
        deadline: expect.any(String),
        totals: { comments: 5, undecided: 5, accepted: 0, partially_accepted: 0, explained: 0, not_accepted: 0 },
        sections: [
          { sectionKey: null, heading: null, comments: 1, undecided: 1 },
          { sectionKey: keys[0], heading: SECTIONS[0].heading, comments: 2, undecided: 2 },
          { sectionKey: keys[2], heading: SECTIONS[2].heading, comments: 2, undecided: 2 },
        ],
        agencies: [
          { agencyId: a[0].id, code: a[0].code, name: a[0].name, comments: 3, undecided: 3 },
          { agencyId: a[1].id, code: a[1].code, name: a[1].name, comments: 2, undecided: 2 },
        ],
        firstUndecidedId: c.general,
      });
      expect((await leader().get(`/api/rounds/${roundId}/board`)).body.totals.comments).toBe(5);
    });

    it('401, 403 for an agency and an administrator, 404 for an unknown round, 400 for a bad id', async () => {
      expect((await t.http.get(`/api/rounds/${roundId}/board`)).status).toBe(401);
      expect((await ag(a[0]).get(`/api/rounds/${roundId}/board`)).status).toBe(403);
      expect((await as(t, w.admin.token).get(`/api/rounds/${roundId}/board`)).status).toBe(403);
      expect((await sec().get(`/api/rounds/${randomUUID()}/board`)).status).toBe(404);
      expectField(await sec().get('/api/rounds/123/board'), 400, 'id');
    });
  });

  describe('PUT /api/comments/:id/disposition', () => {
    it('answers with the updated comment, what is left and the next undecided comment in board order, wrapping to the top', async () => {
      const first = await sec().put(`/api/comments/${c.quoted}/disposition`, { decision: 'accepted' });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        id: c.quoted,
        agencyName: a[0].name,
        sectionHeading: SECTIONS[0].heading,
        disposition: { decision: 'accepted', reason: null },
      });
      expect(first.body.board).toEqual({
        totals: { comments: 5, undecided: 4, accepted: 1, partially_accepted: 0, explained: 0, not_accepted: 0 },
        sectionUndecided: 1,
        agencyUndecided: 2,
        next: expect.objectContaining({ id: c.legal, agencyName: a[0].name, sectionKey: keys[0], disposition: null }),
      });
      // The last one in board order: the next is the first still undecided from the top.
      const last = await sec().put(`/api/comments/${c.upper}/disposition`, { decision: 'explained', reason: 'Đã có trong mục tiêu chung.' });
      expect(last.status).toBe(200);
      expect(last.body.board).toMatchObject({ sectionUndecided: 1, agencyUndecided: 1, next: { id: c.general } });
      // Deciding again keeps the order: the next after it skips what is decided.
      const again = await sec().put(`/api/comments/${c.quoted}/disposition`, { decision: 'partially_accepted', reason: 'Tiếp thu một phần.' });
      expect(again.body.board).toMatchObject({ totals: { undecided: 3, accepted: 0, partially_accepted: 1, explained: 1 }, next: { id: c.legal } });
    });
  });

  describe('PUT /api/rounds/:id/dispositions', () => {
    const put = (body: unknown, roles = sec()) => roles.put(`/api/rounds/${roundId}/dispositions`, body);

    it('400 names the bad field and changes nothing', async () => {
      const before = await state();
      const cases: [unknown, string][] = [
        [{ decision: 'accepted' }, 'commentIds'],
        [{ commentIds: [], decision: 'accepted' }, 'commentIds'],
        [{ commentIds: [c.general, c.general], decision: 'accepted' }, 'commentIds'],
        [{ commentIds: ['x'], decision: 'accepted' }, 'commentIds'],
        [{ commentIds: Array.from({ length: 501 }, () => randomUUID()), decision: 'accepted' }, 'commentIds'],
        [{ commentIds: c.general, decision: 'accepted' }, 'commentIds'],
        [{ commentIds: [c.general], decision: 'maybe' }, 'decision'],
        [{ commentIds: [c.general], decision: 'explained' }, 'reason'],
        [{ commentIds: [c.general], decision: 'not_accepted', reason: '   ' }, 'reason'],
        [{ commentIds: [c.general], decision: 'accepted', addressedInVersion: 1 }, 'addressedInVersion'],
        [{ commentIds: [c.general], decision: 'accepted', addressedInVersion: 2 }, 'addressedInVersion'],
        [{ commentIds: [c.general], decision: 'accepted', reason: 'x'.repeat(20_001) }, 'reason'],
        [{ commentIds: [c.general], decision: 'accepted', colour: 'red' }, 'colour'],
      ];
      for (const [body, field] of cases) expectField(await put(body), 400, field);
      expectField(await sec().put('/api/rounds/abc/dispositions', { commentIds: [c.general], decision: 'accepted' }), 400, 'id');
      expect(await state()).toEqual(before);
    });

    it('401, 403 for a leader, an agency and an administrator, 404 for an unknown round; nothing changes', async () => {
      const before = await state();
      const body = { commentIds: [c.general], decision: 'accepted' };
      expect((await t.http.put(`/api/rounds/${roundId}/dispositions`).send(body)).status).toBe(401);
      expect((await put(body, leader())).status).toBe(403);
      expect((await put(body, ag(a[0]))).status).toBe(403);
      expect((await put(body, as(t, w.admin.token))).status).toBe(403);
      expect((await sec().put(`/api/rounds/${randomUUID()}/dispositions`, body)).status).toBe(404);
      expect(await state()).toEqual(before);
    });

    it('404 when any comment is not in this round (another round, unknown), 409 when any is a draft: all or nothing', async () => {
      const before = await state();
      const elsewhere = await put({ commentIds: [c.general, otherRoundComment], decision: 'accepted' });
      expect(elsewhere.status).toBe(404);
      expect(elsewhere.body.missingCommentIds).toEqual([otherRoundComment]);
      const unknown = randomUUID();
      expect((await put({ commentIds: [unknown, c.legal], decision: 'accepted' })).body).toMatchObject({ statusCode: 404, missingCommentIds: [unknown] });
      const draft = await put({ commentIds: [c.general, draftId, c.legal], decision: 'accepted' });
      expect(draft.status).toBe(409);
      expect(draft.body).toMatchObject({ commentStatus: 'draft', draftCommentIds: [draftId] });
      expect(await state()).toEqual(before);
    });

    it('decides every comment in one transaction, audited and announced one by one as a single disposition is', async () => {
      const [{ seq }] = await t.db.query('SELECT coalesce(max(id), 0)::int AS seq FROM audit_log');
      const [{ id: eventsFrom }] = await t.db.query('SELECT coalesce(max(id), 0)::int AS id FROM outbox_events');
      const res = await put({ commentIds: [c.percent, c.general, c.legal], decision: 'not_accepted', reason: 'Không phù hợp với quy định hiện hành.' });
      expect(res.status).toBe(200);
      expect(ids(res)).toEqual([c.general, c.legal, c.percent]);
      expect(res.body.total).toBe(3);
      for (const item of res.body.items)
        expect(item.disposition).toMatchObject({ decision: 'not_accepted', reason: 'Không phù hợp với quy định hiện hành.', addressedInVersion: null });
      expect(res.body.board).toEqual({
        totals: { comments: 5, undecided: 0, accepted: 0, partially_accepted: 1, explained: 1, not_accepted: 3 },
        sectionUndecided: 0,
        agencyUndecided: 0,
        next: null,
      });

      const audit = await t.db.query(`SELECT action, entity_type, entity_id, data FROM audit_log WHERE id > $1 ORDER BY id`, [seq]);
      expect(audit.map((r: { entity_id: string }) => r.entity_id).sort()).toEqual([c.general, c.legal, c.percent].sort());
      for (const r of audit) {
        expect(r).toMatchObject({ action: 'disposition.recorded', entity_type: 'comment' });
        expect(r.data).toEqual({
          roundId,
          decision: 'not_accepted',
          reason: 'Không phù hợp với quy định hiện hành.',
          addressedInVersion: null,
          previous: null,
        });
      }
      const events = await t.db.query(`SELECT type, payload->>'commentId' AS comment_id FROM outbox_events WHERE id > $1`, [eventsFrom]);
      expect(events.map((e: { comment_id: string }) => e.comment_id).sort()).toEqual([c.general, c.legal, c.percent].sort());
      expect(new Set(events.map((e: { type: string }) => e.type))).toEqual(new Set(['disposition.recorded']));

      // Changed again, the audit keeps what it was before, as for one comment.
      const changed = await put({ commentIds: [c.general], decision: 'accepted' });
      expect(changed.status).toBe(200);
      const [row] = await t.db.query(`SELECT data FROM audit_log WHERE entity_id = $1 ORDER BY id DESC LIMIT 1`, [c.general]);
      expect(row.data.previous).toEqual({ decision: 'not_accepted', reason: 'Không phù hợp với quy định hiện hành.', addressedInVersion: null });
      expect(changed.body.board.totals).toMatchObject({ accepted: 1, not_accepted: 2, undecided: 0 });
    });

    it('409 naming the plan status where decisions are not allowed, nothing changed', async () => {
      expect((await sec().post(`/api/rounds/${roundId}/close`)).status).toBe(200);
      expect((await sec().post(`/api/plans/${planId}/approval`, { versionNumber: 1, approverIds: [w.leaders[0].id] })).status).toBe(201);
      const before = await state();
      const res = await put({ commentIds: [c.general], decision: 'explained', reason: 'Đã có trong phần II.' });
      expect(res.status).toBe(409);
      expect(res.body.currentStatus).toBe('awaiting_approval');
      expect(res.body.message).toContain('"awaiting_approval"');
      expect(await state()).toEqual(before);
    });
  });

  describe('/api/disposition-reasons', () => {
    it('the secretariat keeps a list of its own organisation: create, list (by decision), delete; each audited', async () => {
      const created = await sec().post('/api/disposition-reasons', { text: 'Nội dung đã được quy định tại Luật Hợp tác xã năm 2023.', decision: 'explained' });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        text: 'Nội dung đã được quy định tại Luật Hợp tác xã năm 2023.',
        decision: 'explained',
        createdBy: w.secretariat.id,
        createdAt: expect.any(String),
      });
      const general = await sec().post('/api/disposition-reasons', { text: 'Đã tiếp thu, chỉnh sửa tại dự thảo lần sau.' });
      expect(general.status).toBe(201);
      expect(general.body.decision).toBeNull();
      const accepted = await sec().post('/api/disposition-reasons', { text: 'Tiếp thu toàn bộ.', decision: 'accepted' });

      const list = await sec().get('/api/disposition-reasons');
      expect(list.status).toBe(200);
      expect({ ids: ids(list), total: list.body.total }).toEqual({ ids: [created.body.id, general.body.id, accepted.body.id], total: 3 });
      expect(ids(await sec().get('/api/disposition-reasons?decision=explained'))).toEqual([created.body.id, general.body.id]);
      expect(ids(await sec().get('/api/disposition-reasons?limit=1&offset=1'))).toEqual([general.body.id]);

      const removed = await sec().delete(`/api/disposition-reasons/${accepted.body.id}`);
      expect(removed.status).toBe(204);
      expect((await sec().delete(`/api/disposition-reasons/${accepted.body.id}`)).status).toBe(404);
      const audit = await t.db.query(`SELECT action, data FROM audit_log WHERE entity_type = 'disposition_reason' AND entity_id = $1 ORDER BY id`, [
        accepted.body.id,
      ]);
      expect(audit).toEqual([
        { action: 'disposition_reason.created', data: { organisationId: null, text: 'Tiếp thu toàn bộ.', decision: 'accepted' } },
        { action: 'disposition_reason.deleted', data: { organisationId: null, text: 'Tiếp thu toàn bộ.', decision: 'accepted' } },
      ]);
      const listed = await sec().get(`/api/audit?entityType=disposition_reason&entityId=${accepted.body.id}`);
      expect(listed.status).toBe(200);
      expect(listed.body.total).toBe(2);
    });

    it("another organisation's secretariat has its own list and cannot delete this one's", async () => {
      const res = await as(t, w.admin.token).post('/api/users', {
        email: `bientap-${Date.now()}@so-khac.vn`,
        fullName: 'Tổ biên tập sở khác',
        password: 'password-123',
        role: 'secretariat',
        agencyId: a[3].id,
      });
      expect(res.status).toBe(201);
      const login = await t.http.post('/api/auth/login').send({ email: res.body.email, password: 'password-123' });
      const other = as(t, login.body.accessToken);
      expect((await other.get('/api/disposition-reasons')).body).toEqual({ items: [], total: 0 });
      // The same text in another list is no duplicate.
      expect((await other.post('/api/disposition-reasons', { text: 'Đã tiếp thu, chỉnh sửa tại dự thảo lần sau.' })).status).toBe(201);
      const mine = (await sec().get('/api/disposition-reasons')).body.items[0].id;
      const before = await state();
      expect((await other.delete(`/api/disposition-reasons/${mine}`)).status).toBe(404);
      expect(await state()).toEqual(before);
      expect((await sec().get('/api/disposition-reasons')).body.total).toBe(2);
    });

    it('400 names the bad field, 409 for a duplicate, 401, 403 for every role but the secretariat; nothing changes', async () => {
      const before = await state();
      const bad: [unknown, string][] = [
        [{}, 'text'],
        [{ text: '  \n ' }, 'text'],
        [{ text: 'x'.repeat(2001) }, 'text'],
        [{ text: 'Lý do\u0000' }, 'text'],
        [{ text: 42 }, 'text'],
        [{ text: 'Lý do', decision: 'maybe' }, 'decision'],
        [{ text: 'Lý do', colour: 'red' }, 'colour'],
      ];
      for (const [body, field] of bad) expectField(await sec().post('/api/disposition-reasons', body), 400, field);
      expectField(await sec().get('/api/disposition-reasons?decision=maybe'), 400, 'decision');
      expectField(await sec().get('/api/disposition-reasons?limit=500'), 400, 'limit');
      expectField(await sec().delete('/api/disposition-reasons/abc'), 400, 'id');
      const duplicate = await sec().post('/api/disposition-reasons', { text: 'Đã tiếp thu, chỉnh sửa tại dự thảo lần sau.', decision: 'accepted' });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.message).toMatch(/^Nội dung \(text\):/);
      expect((await sec().delete(`/api/disposition-reasons/${randomUUID()}`)).status).toBe(404);
      expect((await t.http.get('/api/disposition-reasons')).status).toBe(401);
      for (const who of [w.leaders[0].token, a[0].user.token, w.admin.token]) {
        expect((await as(t, who).get('/api/disposition-reasons')).status).toBe(403);
        expect((await as(t, who).post('/api/disposition-reasons', { text: 'Lý do' })).status).toBe(403);
        expect((await as(t, who).delete(`/api/disposition-reasons/${randomUUID()}`)).status).toBe(403);
      }
      expect(await state()).toEqual(before);
    });
  });

  it('documents every new route, parameter and limit in OpenAPI', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body;
    const routes = Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /api/rounds/{id}/board',
        'PUT /api/rounds/{id}/dispositions',
        'GET /api/disposition-reasons',
        'POST /api/disposition-reasons',
        'DELETE /api/disposition-reasons/{id}',
      ]),
    );
    const params = doc.paths['/api/rounds/{id}/comments'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['limit', 'offset', 'agencyId', 'sectionKey', 'general', 'state', 'q']));
    expect(doc.components.schemas.BulkDispositionDto.properties.commentIds.maxItems).toBe(500);
    expect(doc.components.schemas.CreateDispositionReasonDto.properties.text.maxLength).toBe(2000);
    expect(Object.keys(doc.components.schemas.DecidedCommentView.properties)).toEqual(expect.arrayContaining(['id', 'disposition', 'agencyName', 'board']));
  });

  it('a bulk disposition racing the agency withdrawing its response: one of them wins whole, never half', async () => {
    const { planId: racePlan, keys: raceKeys } = await planWithVersion(w, SECTIONS);
    const race = await openRound(w, racePlan, [a[0]]);
    for (let attempt = 0; attempt < 5; attempt++) {
      const mine = [];
      for (let k = 0; k < 4; k++) mine.push(await comment(w, a[0], race, { sectionKey: raceKeys[k], body: `Ý kiến ${attempt}.${k}` }));
      await respond(w, a[0], race);
      const [bulkRes, withdrawn] = await Promise.all([
        sec().put(`/api/rounds/${race}/dispositions`, { commentIds: mine, decision: 'accepted' }),
        ag(a[0]).post(`/api/rounds/${race}/responses/withdraw`),
      ]);
      const rows: { status: string; decision: string | null }[] = await t.db.query('SELECT status, decision FROM comments WHERE id = ANY($1::uuid[])', [mine]);
      if (bulkRes.status === 200) {
        expect(withdrawn.status).toBe(409);
        expect(rows.every((r) => r.status === 'submitted' && r.decision === 'accepted')).toBe(true);
        // Decided comments cannot go back to the agency: start the next attempt from fresh drafts.
        return;
      }
      expect({ bulk: bulkRes.status, withdraw: withdrawn.status }).toEqual({ bulk: 409, withdraw: 200 });
      expect(rows.every((r) => r.status === 'draft' && r.decision === null)).toBe(true);
      for (const id of mine) expect((await ag(a[0]).delete(`/api/comments/${id}`)).status).toBe(204);
    }
  });
});
