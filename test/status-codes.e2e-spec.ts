import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { UNIQUE_VIOLATIONS } from '../src/common/errors/database-errors';
import { startTestApp, TestApp } from './support/test-app';
import { DAY } from './support/test-clock';
import { useWorld } from './support/use-world';
import { AgencyWithUser, as, buildWorld, comment, openRound, PASSWORD, planWithVersion, respond, SECTIONS, snapshot, World } from './support/world';

/**
 * Every status code docs/api.md names for the foundation endpoints, each checked so that the test
 * fails if it breaks: the successes with their documented bodies, the lifecycle 409s for every
 * status a plan can be in, 400/412/428, diffs, pagination, the report order and health.
 */

type Res = { status: number; body: any; headers: Record<string, string> };

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function expectIllegal(res: Res, status: string) {
  expect({ status: res.status, currentStatus: res.body.currentStatus }).toEqual({ status: 409, currentStatus: status });
  expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict', code: 'illegal_transition' });
  expect(res.body.message).toContain(`"${status}"`);
}

describe('status codes of the foundation endpoints', () => {
  let t: TestApp;
  let w: World;

  useWorld(3, (app, world) => ((t = app), (w = world)));

  const sec = () => as(t, w.secretariat.token);
  const ag = (a: AgencyWithUser) => as(t, a.user.token);
  const deadline = (ms = 7 * DAY) => new Date(t.clock.now().getTime() + ms).toISOString();

  // ---------------------------------------------------------------- the plan in each status

  interface Staged {
    planId: string;
    keys: string[];
    roundId?: string;
    commentIds: string[];
  }

  async function inDrafting(): Promise<Staged> {
    const { planId, keys } = await planWithVersion(w);
    return { planId, keys, commentIds: [] };
  }

  async function inConsultation(): Promise<Staged> {
    const p = await inDrafting();
    const opened = await sec().post(`/api/plans/${p.planId}/rounds`, {
      title: 'Đợt 1',
      versionNumber: 1,
      deadline: deadline(),
      agencyIds: [w.agencies[0].id, w.agencies[1].id],
    });
    expect(opened.status).toBe(201);
    const c = await comment(w, w.agencies[0], opened.body.id, { sectionKey: p.keys[0], body: 'Đề nghị làm rõ.' });
    await respond(w, w.agencies[0], opened.body.id);
    return { ...p, roundId: opened.body.id, commentIds: [c] };
  }

  async function inConsolidating(): Promise<Staged> {
    const p = await inConsultation();
    expect((await sec().post(`/api/rounds/${p.roundId}/close`)).status).toBe(200);
    return p;
  }

  async function inAwaitingApproval(): Promise<Staged> {
    const p = await inConsolidating();
    for (const id of p.commentIds)
      expect((await sec().put(`/api/comments/${id}/disposition`, { decision: 'explained', reason: 'Đã có trong phần II.' })).status).toBe(200);
    const submitted = await sec().post(`/api/plans/${p.planId}/approval`, { versionNumber: 1, approverIds: [w.leaders[0].id] });
    expect(submitted.status).toBe(201);
    return p;
  }

  async function inApproved(): Promise<Staged> {
    const p = await inAwaitingApproval();
    const decided = await as(t, w.leaders[0].token).post(`/api/plans/${p.planId}/approval/decision`, { decision: 'approve', note: 'Đồng ý.' });
    expect(decided.status).toBe(200);
    return p;
  }

  const STAGES: Record<string, () => Promise<Staged>> = {
    drafting: inDrafting,
    consultation: inConsultation,
    consolidating: inConsolidating,
    awaiting_approval: inAwaitingApproval,
    approved: inApproved,
  };

  // The moves each status refuses, by name.
  const MOVES: Record<string, (p: Staged) => Promise<Res>> = {
    'open a round': (p) =>
      sec().post(`/api/plans/${p.planId}/rounds`, { title: 'Đợt mới', versionNumber: 1, deadline: deadline(), agencyIds: [w.agencies[2].id] }),
    'freeze a version': (p) => sec().post(`/api/plans/${p.planId}/versions`, { note: 'Dự thảo tiếp theo' }),
    'submit for approval': (p) => sec().post(`/api/plans/${p.planId}/approval`, { versionNumber: 1, approverIds: [w.leaders[1].id] }),
    'decide an approval step': (p) => as(t, w.leaders[0].token).post(`/api/plans/${p.planId}/approval/decision`, { decision: 'approve', note: 'Đồng ý' }),
    'edit the draft': async (p) => {
      const draft = await sec().get(`/api/plans/${p.planId}/draft`);
      expect(draft.status).toBe(200);
      const sections = draft.body.sections.map((s: { key: string; heading: string; body: string }, i: number) =>
        i === 0 ? { ...s, body: `${s.body} Sửa thêm.` } : s,
      );
      return sec().put(`/api/plans/${p.planId}/draft`, { sections }).set('If-Match', draft.headers.etag);
    },
    'record a disposition': (p) => sec().put(`/api/comments/${p.commentIds[0]}/disposition`, { decision: 'accepted' }),
  };

  const REFUSED: Record<string, string[]> = {
    drafting: ['decide an approval step'],
    consultation: ['open a round', 'freeze a version', 'submit for approval', 'decide an approval step'],
    consolidating: ['open a round', 'decide an approval step'],
    awaiting_approval: ['open a round', 'freeze a version', 'submit for approval', 'edit the draft', 'record a disposition'],
    approved: ['open a round', 'freeze a version', 'submit for approval', 'decide an approval step', 'edit the draft', 'record a disposition'],
  };

  describe('409 illegal lifecycle moves name the current status', () => {
    for (const [status, moves] of Object.entries(REFUSED)) {
      it(`refuses in "${status}": ${moves.join(', ')}`, async () => {
        const p = await STAGES[status]();
        expect((await sec().get(`/api/plans/${p.planId}`)).body.status).toBe(status);
        for (const move of moves) {
          const before = await snapshot(t);
          const res = await MOVES[move](p);
          try {
            expectIllegal(res, status);
          } catch (err) {
            throw new Error(`${move} in ${status}: ${res.status} ${JSON.stringify(res.body)}\n${(err as Error).message}`, { cause: err });
          }
          expect(res.body.allowedActions).toEqual(expect.any(Array));
          expect(await snapshot(t)).toEqual(before);
        }
        expect((await sec().get(`/api/plans/${p.planId}`)).body.status).toBe(status);
      });
    }

    it('the English message names the status too', async () => {
      const p = await inConsultation();
      const res = await sec().post(`/api/plans/${p.planId}/versions`, { note: 'x' }).set('Accept-Language', 'en');
      expectIllegal(res, 'consultation');
      expect(res.body.message).toMatch(/^Cannot freeze a new version/);
    });

    it('closing a closed round: 409 naming the round as closed, in every later status of the plan', async () => {
      for (const status of ['consolidating', 'awaiting_approval', 'approved']) {
        const p = await STAGES[status]();
        const before = await snapshot(t);
        const res = await sec().post(`/api/rounds/${p.roundId}/close`);
        expect(res.status).toBe(409);
        expect(res.body).toMatchObject({ code: 'round_closed', roundStatus: 'closed', currentStatus: status });
        expect(res.body.message).toContain('"closed"');
        expect(res.body.message).toContain(`"${status}"`);
        expect(await snapshot(t)).toEqual(before);
      }
    });

    it('closing an old round once the plan moved on to drafting and to a new consultation: 409 naming both', async () => {
      const p = await inConsolidating();
      for (const id of p.commentIds) expect((await sec().put(`/api/comments/${id}/disposition`, { decision: 'accepted' })).status).toBe(200);
      const draft = await sec().get(`/api/plans/${p.planId}/draft`);
      const sections = draft.body.sections.map((s: { body: string }, i: number) => (i === 0 ? { ...s, body: `${s.body} Đã tiếp thu.` } : s));
      expect((await sec().put(`/api/plans/${p.planId}/draft`, { sections }).set('If-Match', draft.headers.etag)).status).toBe(200);
      expect((await sec().post(`/api/plans/${p.planId}/versions`, { note: 'Lần 2' })).status).toBe(201);
      let res = await sec().post(`/api/rounds/${p.roundId}/close`);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ roundStatus: 'closed', currentStatus: 'drafting' });
      expect(res.body.message).toContain('"drafting"');
      const round2 = await sec().post(`/api/plans/${p.planId}/rounds`, {
        title: 'Đợt 2',
        versionNumber: 2,
        deadline: deadline(),
        agencyIds: [w.agencies[0].id],
      });
      expect(round2.status).toBe(201);
      res = await sec().post(`/api/rounds/${p.roundId}/close`);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ roundStatus: 'closed', currentStatus: 'consultation' });
      // The new round is untouched and can still be closed.
      expect((await sec().get(`/api/rounds/${round2.body.id}`)).body.status).toBe('open');
      expect((await sec().post(`/api/rounds/${round2.body.id}/close`)).status).toBe(200);
    });

    it('submitting with undecided comments: 409 listing them, in the current status', async () => {
      const p = await inConsolidating();
      const before = await snapshot(t);
      const res = await sec().post(`/api/plans/${p.planId}/approval`, { versionNumber: 1, approverIds: [w.leaders[0].id] });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'undecided_comments', currentStatus: 'consolidating', undecidedCommentIds: p.commentIds });
      expect(await snapshot(t)).toEqual(before);
    });

    it('opening a second round while one is open: 409, still one open round', async () => {
      const p = await inConsultation();
      const res = await MOVES['open a round'](p);
      expectIllegal(res, 'consultation');
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM rounds WHERE plan_id = $1 AND status = 'open'`, [p.planId]);
      expect(n).toBe(1);
    });

    it('freezing a draft identical to the latest version: 409', async () => {
      const p = await inDrafting();
      const res = await sec().post(`/api/plans/${p.planId}/versions`, { note: 'Không đổi gì' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('nothing_to_freeze');
    });
  });

  // ---------------------------------------------------------------- successes and their bodies

  describe('successes with the documented bodies', () => {
    it('auth, agencies and users: 200/201 with the documented shapes, never a password field', async () => {
      const loginRes = await t.http.post('/api/auth/login').send({ email: w.secretariat.email, password: PASSWORD });
      expect(loginRes.status).toBe(200);
      expect(loginRes.body).toMatchObject({
        accessToken: expect.any(String),
        user: { id: w.secretariat.id, email: w.secretariat.email, role: 'secretariat', agencyId: null },
      });
      expect(JSON.stringify(loginRes.body)).not.toMatch(/password/i);

      const me = await as(t, loginRes.body.accessToken).get('/api/me');
      expect(me.status).toBe(200);
      expect(me.body).toEqual({
        id: w.secretariat.id,
        email: w.secretariat.email,
        fullName: expect.any(String),
        role: 'secretariat',
        agencyId: null,
        disabled: false,
      });

      const admin = as(t, w.admin.token);
      const agency = await admin.post('/api/agencies', { code: 'SCT-201', name: 'Sở Công Thương' });
      expect(agency.status).toBe(201);
      expect(agency.body).toEqual({ id: expect.stringMatching(UUID), code: 'SCT-201', name: 'Sở Công Thương' });

      const agencies = await as(t, w.agencies[0].user.token).get('/api/agencies');
      expect(agencies.status).toBe(200);
      expect(agencies.body).toEqual({ items: expect.any(Array), total: expect.any(Number) });
      expect(agencies.body.items).toContainEqual({ id: agency.body.id, code: 'SCT-201', name: 'Sở Công Thương' });

      const user = await admin.post('/api/users', {
        email: 'chuyenvien.sct@test.vn',
        fullName: 'Lê Văn Công',
        password: PASSWORD,
        role: 'agency',
        agencyId: agency.body.id,
      });
      expect(user.status).toBe(201);
      expect(user.body).toEqual({
        id: expect.stringMatching(UUID),
        email: 'chuyenvien.sct@test.vn',
        fullName: 'Lê Văn Công',
        role: 'agency',
        agencyId: agency.body.id,
        disabled: false,
      });
      expect(JSON.stringify(user.body)).not.toMatch(/password|hash/i);

      for (const token of [w.admin.token, w.secretariat.token]) {
        const users = await as(t, token).get('/api/users');
        expect(users.status).toBe(200);
        expect(users.body.items.length).toBeGreaterThan(0);
        expect(JSON.stringify(users.body)).not.toMatch(/password|hash/i);
      }
      expect((await as(t, w.leaders[0].token).get('/api/users')).status).toBe(403);
      expect((await as(t, w.agencies[0].user.token).get('/api/users')).status).toBe(403);
    });

    it('logout: 204 with no body for any role, then 401 for that token; 401 without one', async () => {
      for (const email of [w.secretariat.email, w.leaders[0].email, w.agencies[0].user.email, w.admin.email]) {
        const password = email === w.admin.email ? 'admin-password-1' : PASSWORD;
        const { body } = await t.http.post('/api/auth/login').send({ email, password });
        const out = await as(t, body.accessToken).post('/api/auth/logout');
        expect({ email, status: out.status, text: out.text }).toEqual({ email, status: 204, text: '' });
        const after = await as(t, body.accessToken).get('/api/me');
        expect(after.status).toBe(401);
        expect(after.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      }
      expect((await t.http.post('/api/auth/logout')).status).toBe(401);
      // The shared tokens of this suite still work.
      expect((await sec().get('/api/me')).status).toBe(200);
    });

    it('plans, drafts and versions: 201/200 with ETag, numbers 1, 2, 3', async () => {
      const created = await sec().post('/api/plans', { title: 'Kế hoạch chuyển đổi số', kind: 'Kế hoạch', sections: SECTIONS });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        id: expect.stringMatching(UUID),
        title: 'Kế hoạch chuyển đổi số',
        status: 'drafting',
        latestVersion: 0,
        versions: [],
      });
      const planId = created.body.id;

      const draft = await sec().get(`/api/plans/${planId}/draft`);
      expect(draft.status).toBe(200);
      expect(draft.headers.etag).toMatch(/^"[^"]+"$/);
      expect(draft.body.sections).toEqual(SECTIONS.map((s) => ({ key: expect.any(String), ...s })));

      const list = await sec().get('/api/plans');
      expect(list.status).toBe(200);
      expect(list.body.items.map((p: { id: string }) => p.id)).toContain(planId);
      expect(typeof list.body.total).toBe('number');

      const v1 = await sec().post(`/api/plans/${planId}/versions`, { note: 'Dự thảo lần 1' });
      expect(v1.status).toBe(201);
      expect(v1.body).toEqual({ number: 1, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });

      const sections = draft.body.sections.map((s: { body: string }, i: number) => (i === 2 ? { ...s, body: `${s.body} Bổ sung.` } : s));
      const saved = await sec().put(`/api/plans/${planId}/draft`, { sections }).set('If-Match', draft.headers.etag);
      expect(saved.status).toBe(200);
      expect(saved.headers.etag).toMatch(/^"[^"]+"$/);
      expect(saved.headers.etag).not.toBe(draft.headers.etag);
      expect(saved.body.sections).toEqual(sections);
      const reread = await sec().get(`/api/plans/${planId}/draft`);
      expect(reread.headers.etag).toBe(saved.headers.etag);

      const v2 = await sec().post(`/api/plans/${planId}/versions`, { note: 'Dự thảo lần 2' });
      expect(v2.status).toBe(201);
      expect(v2.body.number).toBe(2);
      expect(v2.body.contentHash).not.toBe(v1.body.contentHash);

      const plan = await sec().get(`/api/plans/${planId}`);
      expect(plan.status).toBe(200);
      expect(plan.body).toMatchObject({ id: planId, title: 'Kế hoạch chuyển đổi số', status: 'drafting', latestVersion: 2 });
      expect(plan.body.versions).toEqual([
        { number: 1, createdAt: expect.stringMatching(ISO_WITH_OFFSET), note: 'Dự thảo lần 1', contentHash: v1.body.contentHash },
        { number: 2, createdAt: expect.stringMatching(ISO_WITH_OFFSET), note: 'Dự thảo lần 2', contentHash: v2.body.contentHash },
      ]);

      const version = await sec().get(`/api/plans/${planId}/versions/1`);
      expect(version.status).toBe(200);
      expect(version.body).toMatchObject({ number: 1, note: 'Dự thảo lần 1', contentHash: v1.body.contentHash, sections: draft.body.sections });
      expect((await sec().get(`/api/plans/${planId}/versions/3`)).status).toBe(404);
    });

    it('rounds, comments, responses, remind, close, disposition, report, approval: 201/200/204/202', async () => {
      const { planId, keys } = await planWithVersion(w);
      const [a0, a1, a2] = w.agencies;
      const opened = await sec().post(`/api/plans/${planId}/rounds`, {
        title: 'Lấy ý kiến',
        versionNumber: 1,
        deadline: deadline(),
        agencyIds: [a0.id, a1.id, a2.id],
      });
      expect(opened.status).toBe(201);
      expect(opened.body).toMatchObject({
        id: expect.stringMatching(UUID),
        planId,
        versionNumber: 1,
        status: 'open',
        deadline: expect.stringMatching(ISO_WITH_OFFSET),
      });
      expect(opened.body.agencies).toHaveLength(3);
      const roundId = opened.body.id;
      expect((await sec().get(`/api/plans/${planId}`)).body.status).toBe('consultation');

      const round = await sec().get(`/api/rounds/${roundId}`);
      expect(round.status).toBe(200);
      expect(round.body).toMatchObject({ id: roundId, planId, versionNumber: 1, status: 'open' });
      expect(round.body.agencies.map((a: { agencyId: string; state: string }) => [a.agencyId, a.state]).sort()).toEqual(
        [
          [a0.id, 'pending'],
          [a1.id, 'pending'],
          [a2.id, 'pending'],
        ].sort(),
      );
      expect((await as(t, w.leaders[0].token).get(`/api/rounds/${roundId}`)).status).toBe(200);
      expect((await ag(a0).get(`/api/rounds/${roundId}`)).status).toBe(200);

      const created = await ag(a0).post(`/api/rounds/${roundId}/comments`, { sectionKey: keys[1], quote: '633 hợp tác xã', body: 'Cập nhật số liệu.' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        id: expect.stringMatching(UUID),
        roundId,
        agencyId: a0.id,
        sectionKey: keys[1],
        quote: '633 hợp tác xã',
        body: 'Cập nhật số liệu.',
        status: 'draft',
        submittedAt: null,
        disposition: null,
      });
      const badQuote = await ag(a0).post(`/api/rounds/${roundId}/comments`, { sectionKey: keys[1], quote: 'không có trong mục', body: 'x' });
      expect(badQuote.status).toBe(400);
      expect(String(badQuote.body.message)).toMatch(/quote/);

      expect((await ag(a0).get(`/api/comments/${created.body.id}`)).body).toMatchObject({ id: created.body.id, status: 'draft' });
      expect((await sec().get(`/api/comments/${created.body.id}`)).status).toBe(404); // a draft is the agency's own

      const patched = await ag(a0).patch(`/api/comments/${created.body.id}`, { body: 'Cập nhật số liệu đến tháng 6/2022.' });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ id: created.body.id, body: 'Cập nhật số liệu đến tháng 6/2022.', status: 'draft' });

      const doomed = await comment(w, a0, roundId, { body: 'Ý kiến sẽ xóa.' });
      const deleted = await ag(a0).delete(`/api/comments/${doomed}`);
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe('');
      expect((await ag(a0).get(`/api/comments/${doomed}`)).status).toBe(404);

      const response = await ag(a0).post(`/api/rounds/${roundId}/responses`, { reference: '12/SKHĐT' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ roundId, agencyId: a0.id, noComments: false, reference: '12/SKHĐT', late: false, commentIds: [created.body.id] });
      const none = await ag(a1).post(`/api/rounds/${roundId}/responses`, { noComments: true });
      expect(none.status).toBe(201);
      expect(none.body).toMatchObject({ noComments: true, commentIds: [] });

      const listed = await sec().get(`/api/rounds/${roundId}/comments`);
      expect(listed.status).toBe(200);
      expect(listed.body.total).toBe(1);
      expect(listed.body.items[0]).toMatchObject({
        id: created.body.id,
        agencyId: a0.id,
        sectionKey: keys[1],
        quote: '633 hợp tác xã',
        body: 'Cập nhật số liệu đến tháng 6/2022.',
        status: 'submitted',
        submittedAt: expect.stringMatching(ISO_WITH_OFFSET),
        late: false,
        disposition: null,
      });

      const reminded = await sec().post(`/api/rounds/${roundId}/remind`);
      expect(reminded.status).toBe(202);
      expect(reminded.body.pendingAgencyIds).toEqual([a2.id]);

      const closed = await sec().post(`/api/rounds/${roundId}/close`);
      expect(closed.status).toBe(200);
      expect(closed.body.status).toBe('closed');
      expect((await sec().get(`/api/plans/${planId}`)).body.status).toBe('consolidating');
      const lateReminder = await sec().post(`/api/rounds/${roundId}/remind`);
      expect(lateReminder.status).toBe(409);
      expect(lateReminder.body).toMatchObject({ code: 'round_closed', roundStatus: 'closed', message: expect.stringContaining('"closed"') });

      const decided = await sec().put(`/api/comments/${created.body.id}/disposition`, { decision: 'not_accepted', reason: 'Số liệu đã cập nhật ở phần II.' });
      expect(decided.status).toBe(200);
      expect(decided.body.disposition).toMatchObject({ decision: 'not_accepted', reason: 'Số liệu đã cập nhật ở phần II.', addressedInVersion: null });

      const report = await as(t, w.leaders[0].token).get(`/api/rounds/${roundId}/report`);
      expect(report.status).toBe(200);
      expect(report.body).toMatchObject({
        roundId,
        totals: { comments: 1, accepted: 0, partially_accepted: 0, explained: 0, not_accepted: 1, undecided: 0 },
        rows: [
          {
            no: 1,
            sectionKey: keys[1],
            sectionHeading: SECTIONS[1].heading,
            agency: a0.name,
            body: 'Cập nhật số liệu đến tháng 6/2022.',
            decision: 'not_accepted',
            reason: 'Số liệu đã cập nhật ở phần II.',
          },
        ],
      });
      expect(report.body.agencies).toHaveLength(3);
      expect((await ag(a0).get(`/api/rounds/${roundId}/report`)).status).toBe(403);

      const submitted = await sec().post(`/api/plans/${planId}/approval`, { versionNumber: 1, approverIds: [w.leaders[0].id, w.leaders[1].id] });
      expect(submitted.status).toBe(201);
      const approval = await sec().get(`/api/plans/${planId}/approval`);
      expect(approval.status).toBe(200);
      expect(approval.body).toMatchObject({
        versionNumber: 1,
        steps: [
          { approverId: w.leaders[0].id, state: 'current', note: null, decidedAt: null },
          { approverId: w.leaders[1].id, state: 'waiting', note: null, decidedAt: null },
        ],
      });
      expect((await as(t, w.leaders[1].token).post(`/api/plans/${planId}/approval/decision`, { decision: 'approve' })).status).toBe(403);
      expect((await sec().post(`/api/plans/${planId}/approval/decision`, { decision: 'approve' })).status).toBe(403);
      const step = await as(t, w.leaders[0].token).post(`/api/plans/${planId}/approval/decision`, { decision: 'approve', note: 'Đồng ý' });
      expect(step.status).toBe(200);
      expect(step.body.steps[0]).toMatchObject({ state: 'approved', note: 'Đồng ý', decidedAt: expect.stringMatching(ISO_WITH_OFFSET) });
      const last = await as(t, w.leaders[1].token).post(`/api/plans/${planId}/approval/decision`, { decision: 'approve' });
      expect(last.status).toBe(200);
      expect((await sec().get(`/api/plans/${planId}`)).body.status).toBe('approved');
    });

    it('a return sends the plan back to drafting with the note on record', async () => {
      const p = await inAwaitingApproval();
      const noNote = await as(t, w.leaders[0].token).post(`/api/plans/${p.planId}/approval/decision`, { decision: 'return' });
      expect(noNote.status).toBe(400);
      const returned = await as(t, w.leaders[0].token).post(`/api/plans/${p.planId}/approval/decision`, { decision: 'return', note: 'Bổ sung nguồn lực.' });
      expect(returned.status).toBe(200);
      expect(returned.body.steps[0]).toMatchObject({ state: 'returned', note: 'Bổ sung nguồn lực.' });
      expect((await sec().get(`/api/plans/${p.planId}`)).body.status).toBe('drafting');
      expectIllegal(await as(t, w.leaders[0].token).post(`/api/plans/${p.planId}/approval/decision`, { decision: 'approve' }), 'drafting');
    });
  });

  // ---------------------------------------------------------------- 401 / 403 / 404 / 400 / 413

  describe('auth, validation and size', () => {
    it('401 without or with a bad token; 403 for the wrong role; 404 for an unknown or hidden object', async () => {
      expect((await t.http.get('/api/me')).status).toBe(401);
      expect((await t.http.get('/api/plans').set('Authorization', 'Bearer not-a-token')).status).toBe(401);
      expect((await t.http.post('/api/auth/login').send({ email: w.secretariat.email, password: 'wrong-password' })).status).toBe(401);
      expect((await as(t, w.agencies[0].user.token).post('/api/agencies', { code: 'X1', name: 'X' })).status).toBe(403);
      expect((await sec().post('/api/users', { email: 'x@test.vn', fullName: 'X', password: PASSWORD, role: 'leader' })).status).toBe(403);
      expect((await as(t, w.leaders[0].token).post('/api/plans', { title: 'x', sections: SECTIONS })).status).toBe(403);
      expect((await sec().get('/api/plans/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      const { planId } = await planWithVersion(w);
      expect((await as(t, w.agencies[0].user.token).get(`/api/plans/${planId}`)).status).toBe(404); // not invited: does not exist for it
    });

    it('400 names each bad field and refuses unknown fields; nothing is written', async () => {
      const before = await snapshot(t);
      const res = await sec().post('/api/plans', { title: '   ', sections: [], colour: 'red' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      const text = JSON.stringify(res.body.message);
      expect(text).toContain('title');
      expect(text).toContain('sections');
      expect(text).toContain('colour');
      const agencyUser = await as(t, w.admin.token).post('/api/users', {
        email: 'khong-don-vi@test.vn',
        fullName: 'Không đơn vị',
        password: PASSWORD,
        role: 'agency',
      });
      expect(agencyUser.status).toBe(400);
      expect(JSON.stringify(agencyUser.body.message)).toContain('agencyId');
      expect(await snapshot(t)).toEqual(before);
    });

    it('413 for a body over 5 MB', async () => {
      const huge = 'a'.repeat(5 * 1024 * 1024 + 10);
      const res = await sec().post('/api/plans', { title: 'To', sections: [{ heading: 'H', body: huge }] });
      expect(res.status).toBe(413);
      expect(res.body.statusCode).toBe(413);
    });
  });

  // ---------------------------------------------------------------- comments and responses

  describe('comments and responses', () => {
    let p: Staged;
    let roundId: string;
    beforeAll(async () => {
      const { planId, keys } = await planWithVersion(w);
      const opened = await sec().post(`/api/plans/${planId}/rounds`, {
        title: 'Đợt',
        versionNumber: 1,
        deadline: deadline(),
        agencyIds: w.agencies.map((a) => a.id),
      });
      roundId = opened.body.id;
      p = { planId, keys, roundId, commentIds: [] };
    });

    it('409 on PATCH and DELETE of a submitted comment; the comment is unchanged', async () => {
      const a = w.agencies[0];
      const id = await comment(w, a, roundId, { sectionKey: p.keys[0], body: 'Bản gốc.' });
      await respond(w, a, roundId);
      const patch = await ag(a).patch(`/api/comments/${id}`, { body: 'Sửa sau khi gửi.' });
      expect(patch.status).toBe(409);
      expect(patch.body).toMatchObject({ code: 'comment_submitted', commentStatus: 'submitted' });
      const del = await ag(a).delete(`/api/comments/${id}`);
      expect(del.status).toBe(409);
      expect(del.body.code).toBe('comment_submitted');
      expect((await ag(a).get(`/api/comments/${id}`)).body).toMatchObject({ body: 'Bản gốc.', status: 'submitted' });
    });

    it('another agency cannot see, change or delete a comment: 404', async () => {
      const id = await comment(w, w.agencies[1], roundId, { body: 'Của đơn vị 2.' });
      const other = ag(w.agencies[0]);
      expect((await other.get(`/api/comments/${id}`)).status).toBe(404);
      expect((await other.patch(`/api/comments/${id}`, { body: 'Chiếm quyền.' })).status).toBe(404);
      expect((await other.delete(`/api/comments/${id}`)).status).toBe(404);
      expect((await ag(w.agencies[1]).delete(`/api/comments/${id}`)).status).toBe(204);
    });

    it('409 a second response without withdrawing; 409 a comment while the response stands', async () => {
      const a = w.agencies[0]; // responded in the test above
      const again = await ag(a).post(`/api/rounds/${roundId}/responses`, { noComments: true });
      expect(again.status).toBe(409);
      const more = await ag(a).post(`/api/rounds/${roundId}/comments`, { body: 'Bổ sung.' });
      expect(more.status).toBe(409);
      expect([again.body.code, more.body.code]).toEqual(['response_submitted', 'response_submitted']);
      const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM responses WHERE round_id = $1 AND agency_id = $2', [roundId, a.id]);
      expect(n).toBe(1);
    });

    it('withdraw returns the comments to draft; they can be edited and sent again', async () => {
      const a = w.agencies[0];
      const [{ id }] = await t.db.query(`SELECT id FROM comments WHERE round_id = $1 AND agency_id = $2`, [roundId, a.id]);
      const withdrawn = await ag(a).post(`/api/rounds/${roundId}/responses/withdraw`);
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body).toMatchObject({ roundId, agencyId: a.id, commentIds: [id] });
      expect((await ag(a).get(`/api/comments/${id}`)).body).toMatchObject({ status: 'draft', submittedAt: null });
      expect((await sec().get(`/api/comments/${id}`)).status).toBe(404);
      expect((await sec().get(`/api/rounds/${roundId}`)).body.agencies.find((x: { agencyId: string }) => x.agencyId === a.id).state).toBe('pending');
      expect((await ag(a).patch(`/api/comments/${id}`, { body: 'Bản sửa.' })).status).toBe(200);
      const resent = await ag(a).post(`/api/rounds/${roundId}/responses`, { reference: '99/UBND' });
      expect(resent.status).toBe(201);
      expect(resent.body.commentIds).toEqual([id]);
      expect((await sec().get(`/api/comments/${id}`)).body).toMatchObject({ status: 'submitted', body: 'Bản sửa.' });
      const withdrawAgain = await ag(w.agencies[2]).post(`/api/rounds/${roundId}/responses/withdraw`);
      expect(withdrawAgain.status).toBe(409); // nothing to withdraw
      expect(withdrawAgain.body.code).toBe('no_response');
    });

    it('409 withdraw once a disposition exists', async () => {
      const a = w.agencies[0];
      const [{ id }] = await t.db.query(`SELECT id FROM comments WHERE round_id = $1 AND agency_id = $2`, [roundId, a.id]);
      expect((await sec().put(`/api/comments/${id}/disposition`, { decision: 'accepted' })).status).toBe(200);
      const res = await ag(a).post(`/api/rounds/${roundId}/responses/withdraw`);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'comments_decided', decidedCommentIds: [id] });
      expect((await sec().get(`/api/comments/${id}`)).body.status).toBe('submitted');
    });

    it('409 disposition on a draft comment', async () => {
      const id = await comment(w, w.agencies[1], roundId, { body: 'Bản nháp.' });
      const res = await sec().put(`/api/comments/${id}/disposition`, { decision: 'accepted' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'comment_draft', commentStatus: 'draft' });
      const [row] = await t.db.query('SELECT decision FROM comments WHERE id = $1', [id]);
      expect(row.decision).toBeNull();
    });

    it('400 a response with no comments and no noComments: true', async () => {
      const a = w.agencies[2];
      for (const body of [{}, { noComments: false }, { reference: '1/UBND' }]) {
        const res = await ag(a).post(`/api/rounds/${roundId}/responses`, body);
        expect(res.status).toBe(400);
      }
      expect((await t.db.query('SELECT 1 FROM responses WHERE round_id = $1 AND agency_id = $2', [roundId, a.id])).length).toBe(0);
    });

    it('400 reason missing unless accepted; 400 addressedInVersion not newer or not existing', async () => {
      const a = w.agencies[1]; // has one draft comment from the test above
      await respond(w, a, roundId);
      const [{ id }] = await t.db.query(`SELECT id FROM comments WHERE round_id = $1 AND agency_id = $2`, [roundId, a.id]);
      for (const decision of ['partially_accepted', 'explained', 'not_accepted']) {
        for (const reason of [undefined, null, '', '   ']) {
          const res = await sec().put(`/api/comments/${id}/disposition`, { decision, ...(reason === undefined ? {} : { reason }) });
          expect({ decision, reason, status: res.status }).toEqual({ decision, reason, status: 400 });
          expect(JSON.stringify(res.body.message)).toContain('reason');
        }
      }
      const notNewer = await sec().put(`/api/comments/${id}/disposition`, { decision: 'accepted', addressedInVersion: 1 });
      expect(notNewer.status).toBe(400);
      expect(JSON.stringify(notNewer.body.message)).toContain('addressedInVersion');
      const missing = await sec().put(`/api/comments/${id}/disposition`, { decision: 'accepted', addressedInVersion: 2 });
      expect(missing.status).toBe(400);
      expect(JSON.stringify(missing.body.message)).toContain('addressedInVersion');
      expect((await sec().get(`/api/comments/${id}`)).body.disposition).toBeNull();
      const ok = await sec().put(`/api/comments/${id}/disposition`, { decision: 'accepted' });
      expect(ok.status).toBe(200);
      expect(ok.body.disposition).toMatchObject({ decision: 'accepted', reason: null });
    });

    it('after close: 409 to a response, a comment, a PATCH or DELETE of a draft, and naming the round closed', async () => {
      const a = w.agencies[2];
      const draftId = await comment(w, a, roundId, { body: 'Chưa kịp gửi.' });
      expect((await sec().post(`/api/rounds/${roundId}/close`)).status).toBe(200);
      const before = await snapshot(t);
      const attempts: [string, Res][] = [
        ['respond', await ag(a).post(`/api/rounds/${roundId}/responses`, {})],
        ['respond no comments', await ag(w.agencies[1]).post(`/api/rounds/${roundId}/responses`, { noComments: true })],
        ['comment', await ag(a).post(`/api/rounds/${roundId}/comments`, { body: 'Muộn.' })],
        ['patch', await ag(a).patch(`/api/comments/${draftId}`, { body: 'Sửa muộn.' })],
        ['delete', await ag(a).delete(`/api/comments/${draftId}`)],
        ['withdraw', await ag(w.agencies[1]).post(`/api/rounds/${roundId}/responses/withdraw`)],
      ];
      for (const [what, res] of attempts) {
        expect({ what, status: res.status, code: res.body.code, roundStatus: res.body.roundStatus }).toEqual({
          what,
          status: 409,
          code: 'round_closed',
          roundStatus: 'closed',
        });
        expect(res.body.message).toContain('"closed"');
      }
      expect(await snapshot(t)).toEqual(before);
    });
  });

  // ---------------------------------------------------------------- 409 taken

  describe('409 codes and e-mails taken', () => {
    it('an agency code is taken whatever its case', async () => {
      const admin = as(t, w.admin.token);
      expect((await admin.post('/api/agencies', { code: 'SYT', name: 'Sở Y tế' })).status).toBe(201);
      const before = await snapshot(t);
      for (const code of ['SYT', 'syt', 'Syt']) {
        const res = await admin.post('/api/agencies', { code, name: 'Sở Y tế (trùng)' });
        expect({ code, status: res.status, error: res.body.code }).toEqual({ code, status: 409, error: 'agency_code_taken' });
        expect(res.body.message).toContain(code);
      }
      expect(await snapshot(t)).toEqual(before);
    });

    it('a user e-mail is taken whatever its case', async () => {
      const admin = as(t, w.admin.token);
      expect((await admin.post('/api/users', { email: 'Lanh.Dao@Test.vn', fullName: 'Lãnh đạo', password: PASSWORD, role: 'leader' })).status).toBe(201);
      const before = await snapshot(t);
      for (const email of ['Lanh.Dao@Test.vn', 'lanh.dao@test.vn', 'LANH.DAO@TEST.VN']) {
        const res = await admin.post('/api/users', { email, fullName: 'Trùng', password: PASSWORD, role: 'secretariat' });
        expect({ email, status: res.status, code: res.body.code }).toEqual({ email, status: 409, code: 'email_taken' });
      }
      expect(await snapshot(t)).toEqual(before);
      // Login is case-insensitive as well.
      expect((await t.http.post('/api/auth/login').send({ email: 'LANH.dao@test.VN', password: PASSWORD })).status).toBe(200);
    });
  });

  // ---------------------------------------------------------------- ETag

  describe('If-Match on the draft', () => {
    it('412 for a stale ETag with body.currentEtag; 428 without If-Match; the draft is unchanged', async () => {
      const { planId } = await planWithVersion(w);
      const first = await sec().get(`/api/plans/${planId}/draft`);
      const mine = first.body.sections.map((s: { body: string }, i: number) => (i === 0 ? { ...s, body: 'Bản của người thứ nhất.' } : s));
      const theirs = first.body.sections.map((s: { body: string }, i: number) => (i === 0 ? { ...s, body: 'Bản của người thứ hai.' } : s));
      const saved = await sec().put(`/api/plans/${planId}/draft`, { sections: mine }).set('If-Match', first.headers.etag);
      expect(saved.status).toBe(200);

      const before = await snapshot(t);
      const stale = await sec().put(`/api/plans/${planId}/draft`, { sections: theirs }).set('If-Match', first.headers.etag);
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({ statusCode: 412, currentEtag: saved.headers.etag });

      const garbage = await sec().put(`/api/plans/${planId}/draft`, { sections: theirs }).set('If-Match', '"something-else"');
      expect(garbage.status).toBe(412);
      expect(garbage.body.currentEtag).toBe(saved.headers.etag);

      const missing = await sec().put(`/api/plans/${planId}/draft`, { sections: theirs });
      expect(missing.status).toBe(428);
      expect(missing.body.statusCode).toBe(428);
      const blank = await sec().put(`/api/plans/${planId}/draft`, { sections: theirs }).set('If-Match', ' ');
      expect(blank.status).toBe(428);
      expect(await snapshot(t)).toEqual(before);

      const now = await sec().get(`/api/plans/${planId}/draft`);
      expect(now.body.sections).toEqual(mine);
      expect(now.headers.etag).toBe(saved.headers.etag);
      // With the current ETag from the 412 the second writer may save.
      const retried = await sec().put(`/api/plans/${planId}/draft`, { sections: theirs }).set('If-Match', stale.body.currentEtag);
      expect(retried.status).toBe(200);
    });
  });

  // ---------------------------------------------------------------- diff

  describe('diff between versions', () => {
    it('marks sections added, removed, changed and same, with word-level ops that rebuild both texts', async () => {
      const base = [
        { heading: 'Phần I. SỰ CẦN THIẾT', body: 'Kinh tế tập thể là thành phần kinh tế quan trọng.' },
        { heading: 'Phần II. THỰC TRẠNG', body: 'Toàn tỉnh có 633 hợp tác xã đang hoạt động.' },
        { heading: 'Phần III. MỤC TIÊU', body: 'Thành lập mới ít nhất 30 hợp tác xã.' },
        { heading: 'Phần IV. KINH PHÍ', body: 'Ngân sách tỉnh bảo đảm.' },
      ];
      const { planId, keys } = await planWithVersion(w, base);
      const draft = await sec().get(`/api/plans/${planId}/draft`);
      const next = [
        { key: keys[0], ...base[0] },
        { key: keys[1], heading: base[1].heading, body: 'Toàn tỉnh có 663 hợp tác xã đang hoạt động hiệu quả.' },
        { key: keys[2], heading: 'Phần III. MỤC TIÊU VÀ NHIỆM VỤ', body: base[2].body },
        { heading: 'Phần V. TỔ CHỨC THỰC HIỆN', body: 'Sở Kế hoạch và Đầu tư chủ trì.' },
      ];
      expect((await sec().put(`/api/plans/${planId}/draft`, { sections: next }).set('If-Match', draft.headers.etag)).status).toBe(200);
      expect((await sec().post(`/api/plans/${planId}/versions`, { note: 'Lần 2' })).status).toBe(201);

      const diff = await sec().get(`/api/plans/${planId}/versions/2/diff?from=1`);
      expect(diff.status).toBe(200);
      expect(diff.body).toMatchObject({ from: 1, to: 2 });
      const byKey = new Map(diff.body.sections.map((s: { key: string }) => [s.key, s]));
      const added = diff.body.sections.find((s: { key: string }) => !keys.includes(s.key));
      expect(byKey.get(keys[0])).toMatchObject({ change: 'same', ops: [{ op: 'equal', text: base[0].body }] });
      expect(byKey.get(keys[1])).toMatchObject({ change: 'changed' });
      expect(byKey.get(keys[2])).toMatchObject({ change: 'changed', ops: [{ op: 'equal', text: base[2].body }] });
      expect(byKey.get(keys[3])).toMatchObject({ change: 'removed', ops: [{ op: 'delete', text: base[3].body }] });
      expect(added).toMatchObject({ change: 'added', ops: [{ op: 'insert', text: 'Sở Kế hoạch và Đầu tư chủ trì.' }] });
      expect(diff.body.sections).toHaveLength(5);
      for (const s of diff.body.sections) {
        for (const op of s.ops) expect(['equal', 'insert', 'delete']).toContain(op.op);
      }

      // Word level, Vietnamese: whole syllables change, never a letter inside one.
      const ops: { op: string; text: string }[] = (byKey.get(keys[1]) as { ops: { op: string; text: string }[] }).ops;
      const rebuild = (keep: string) =>
        ops
          .filter((o) => o.op === 'equal' || o.op === keep)
          .map((o) => o.text)
          .join('');
      expect(rebuild('delete')).toBe(base[1].body);
      expect(rebuild('insert')).toBe('Toàn tỉnh có 663 hợp tác xã đang hoạt động hiệu quả.');
      const changed = ops.filter((o) => o.op !== 'equal').map((o) => ({ op: o.op, text: o.text.trim() }));
      expect(changed).toEqual(
        expect.arrayContaining([
          { op: 'delete', text: '633' },
          { op: 'insert', text: '663' },
        ]),
      );
      expect(changed.some((o) => o.op === 'insert' && o.text.includes('hiệu quả'))).toBe(true);
      const words = (s: string) => new Set(s.split(/\s+/).map((x) => x.replace(/[.,]$/, '')));
      const oldWords = words(base[1].body);
      const newWords = words('Toàn tỉnh có 663 hợp tác xã đang hoạt động hiệu quả.');
      for (const o of changed) {
        for (const word of o.text
          .split(/\s+/)
          .filter(Boolean)
          .map((x) => x.replace(/[.,]$/, ''))
          .filter(Boolean)) {
          expect(o.op === 'delete' ? oldWords.has(word) : newWords.has(word)).toBe(true);
        }
      }

      // One diacritic changes a whole syllable: "xã" → "xá", not "ã" → "á".
      const d2 = await sec().get(`/api/plans/${planId}/draft`);
      const v3 = d2.body.sections.map((s: { key: string; body: string }) =>
        s.key === keys[0]
          ? { ...s, body: 'Kinh tế tập thể là thành phần kinh tế quan trọng nhất.' }
          : s.key === keys[1]
            ? { ...s, body: 'Toàn tỉnh có 663 hợp tác xá đang hoạt động hiệu quả.' }
            : s,
      );
      expect((await sec().put(`/api/plans/${planId}/draft`, { sections: v3 }).set('If-Match', d2.headers.etag)).status).toBe(200);
      expect((await sec().post(`/api/plans/${planId}/versions`, { note: 'Lần 3' })).status).toBe(201);
      const diff32 = await sec().get(`/api/plans/${planId}/versions/3/diff?from=2`);
      const s1 = diff32.body.sections.find((s: { key: string }) => s.key === keys[1]);
      expect(s1.change).toBe('changed');
      expect(s1.ops.filter((o: { op: string }) => o.op !== 'equal').map((o: { op: string; text: string }) => ({ op: o.op, text: o.text.trim() }))).toEqual([
        { op: 'delete', text: 'xã' },
        { op: 'insert', text: 'xá' },
      ]);
      const s0 = diff32.body.sections.find((s: { key: string }) => s.key === keys[0]);
      expect(s0.ops.filter((o: { op: string }) => o.op !== 'equal').map((o: { op: string; text: string }) => ({ op: o.op, text: o.text.trim() }))).toEqual([
        { op: 'insert', text: 'nhất' },
      ]);
      expect((await sec().get(`/api/plans/${planId}/versions/3/diff?from=9`)).status).toBe(404);
      expect((await sec().get(`/api/plans/${planId}/versions/3/diff`)).status).toBe(400);
    });
  });

  // ---------------------------------------------------------------- lists

  describe('list pagination', () => {
    it('returns {items, total} with limit and offset; bad values are 400', async () => {
      const admin = as(t, w.admin.token);
      for (let i = 0; i < 5; i++) expect((await admin.post('/api/agencies', { code: `PG${i}`, name: `Phân trang ${i}` })).status).toBe(201);
      const all = await admin.get('/api/agencies?limit=200');
      expect(all.status).toBe(200);
      expect(Object.keys(all.body).sort()).toEqual(['items', 'total']);
      expect(all.body.items).toHaveLength(all.body.total);
      const total = all.body.total;
      expect(total).toBeGreaterThanOrEqual(8);

      const page = await admin.get('/api/agencies?limit=2&offset=3');
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(total);
      expect(page.body.items).toEqual(all.body.items.slice(3, 5));
      const tail = await admin.get(`/api/agencies?limit=50&offset=${total - 1}`);
      expect(tail.body.items).toEqual(all.body.items.slice(total - 1));
      const past = await admin.get(`/api/agencies?offset=${total + 10}`);
      expect(past.body).toEqual({ items: [], total });
      const dflt = await admin.get('/api/agencies');
      expect(dflt.body.items).toEqual(all.body.items.slice(0, 50));

      for (const q of ['limit=0', 'limit=201', 'limit=-1', 'limit=abc', 'limit=1.5', 'offset=-1', 'offset=x', 'limit=', 'limit=2&limit=3']) {
        const res = await admin.get(`/api/agencies?${q}`);
        expect({ q, status: res.status }).toEqual({ q, status: 400 });
      }
      // The same on another list.
      for (let i = 0; i < 3; i++) expect((await sec().post('/api/plans', { title: `Phân trang ${i}`, sections: SECTIONS })).status).toBe(201);
      const allPlans = await sec().get('/api/plans?limit=200');
      const second = await sec().get('/api/plans?limit=1&offset=1');
      expect(second.body).toEqual({ items: allPlans.body.items.slice(1, 2), total: allPlans.body.total });
      const plans = await sec().get('/api/plans?limit=1&offset=0');
      expect(plans.status).toBe(200);
      expect(plans.body.items).toHaveLength(1);
      expect(plans.body.total).toBeGreaterThan(1);
      expect((await sec().get('/api/plans?limit=500')).status).toBe(400);
    });
  });

  // ---------------------------------------------------------------- report order

  describe('the consolidation report', () => {
    it('lists rows in section order with general comments first, numbered from 1', async () => {
      const { planId, keys } = await planWithVersion(w);
      const [a0, a1, a2] = w.agencies;
      const opened = await sec().post(`/api/plans/${planId}/rounds`, {
        title: 'Đợt',
        versionNumber: 1,
        deadline: deadline(),
        agencyIds: [a0.id, a1.id, a2.id],
      });
      const roundId = opened.body.id;
      // Made in an order unlike the report's.
      const c3 = await comment(w, a0, roundId, { sectionKey: keys[2], body: 'Về mục tiêu.' });
      const c1 = await comment(w, a0, roundId, { sectionKey: keys[0], body: 'Về sự cần thiết.' });
      const g0 = await comment(w, a0, roundId, { body: 'Ý kiến chung của đơn vị 1.' });
      const c2 = await comment(w, a1, roundId, { sectionKey: keys[1], quote: '633 hợp tác xã', body: 'Về thực trạng.' });
      const g1 = await comment(w, a1, roundId, { body: 'Ý kiến chung của đơn vị 2.' });
      const c1b = await comment(w, a2, roundId, { sectionKey: keys[0], body: 'Cũng về sự cần thiết.' });
      const unsent = await comment(w, a2, roundId, { sectionKey: keys[1], body: 'Chưa gửi.' });
      await respond(w, a0, roundId);
      await respond(w, a1, roundId);
      // a2 sends c1b only: the other draft is deleted first.
      expect((await ag(a2).delete(`/api/comments/${unsent}`)).status).toBe(204);
      await respond(w, a2, roundId);

      const report = await sec().get(`/api/rounds/${roundId}/report`);
      expect(report.status).toBe(200);
      const rows = report.body.rows as {
        no: number;
        commentId: string;
        sectionKey: string | null;
        sectionHeading: string | null;
        agency: string;
        body: string;
        decision: string | null;
        reason: string | null;
      }[];
      expect(rows.map((r) => r.no)).toEqual([1, 2, 3, 4, 5, 6]);
      const order = rows.map((r) => r.sectionKey);
      expect(order).toEqual([null, null, keys[0], keys[0], keys[1], keys[2]]);
      expect(
        rows
          .slice(0, 2)
          .map((r) => r.commentId)
          .sort(),
      ).toEqual([g0, g1].sort());
      expect(
        rows
          .slice(2, 4)
          .map((r) => r.commentId)
          .sort(),
      ).toEqual([c1, c1b].sort());
      expect(rows[4]).toMatchObject({
        commentId: c2,
        sectionHeading: SECTIONS[1].heading,
        agency: a1.name,
        body: 'Về thực trạng.',
        decision: null,
        reason: null,
      });
      expect(rows[5]).toMatchObject({ commentId: c3, sectionHeading: SECTIONS[2].heading, agency: a0.name });
      expect(rows[0].sectionHeading).toBeNull();
      expect(report.body.totals).toEqual({ comments: 6, accepted: 0, partially_accepted: 0, explained: 0, not_accepted: 0, undecided: 6 });
    });
  });

  // ---------------------------------------------------------------- health

  describe('health', () => {
    it('200 {status: ok, database: up, redis: up} for anyone', async () => {
      const res = await t.http.get('/api/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok', database: 'up', redis: 'up' });
    });

    it('503 with redis: down when Redis cannot be reached', async () => {
      const broken = await startTestApp({ redisUrl: 'redis://127.0.0.1:1' });
      try {
        const res = await broken.http.get('/api/health');
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({ database: 'up', redis: 'down' });
        expect(res.body.status).not.toBe('ok');
      } finally {
        await broken.close();
      }
    });
  });
});

describe('known 500s: now a clear 4xx', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t, 2);
  });
  afterAll(() => t.close());

  const sec = () => as(t, w.secretariat.token);

  it('the sign-in page refuses an e-mail of 4,000 characters with 400 (it overflowed a btree index)', async () => {
    const agent = request.agent(t.url);
    const page = await agent.get('/login');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    // Random, so that PostgreSQL cannot compress it under the index's row limit.
    const email = `${randomBytes(2_000).toString('hex')}@test.vn`;
    const before = await snapshot(t);
    const res = await agent.post('/login').type('form').send({ _csrf: csrf, email, password: 'x', next: '/' });
    expect(res.status).toBe(400);
    // The page names the field as a person does; the API keeps the key beside the name.
    expect(res.text).toContain('Địa chỉ e-mail: dài tối đa 254 ký tự');
    expect(res.text).not.toContain('email: dài');
    expect(res.text).toContain('name="email"');
    expect((await t.db.query('SELECT count(*)::int AS n FROM login_failures'))[0].n).toBe(0);
    expect(await snapshot(t)).toEqual(before);
    const api = await t.http.post('/api/auth/login').send({ email, password: 'x' });
    expect(api.status).toBe(400);
    expect(api.body.message).toContain('Địa chỉ e-mail (email): dài tối đa 254 ký tự');
    // The page still signs in as before.
    const ok = await agent.post('/login').type('form').send({ _csrf: csrf, email: w.secretariat.email, password: PASSWORD, next: '/' });
    expect(ok.status).toBe(303);
  });

  it('a conference opinion carried 20 times at once: one 201, nineteen 409 saying it is already there, one comment', async () => {
    const [a0] = w.agencies;
    const { planId } = await planWithVersion(w);
    const roundId = await openRound(w, planId, [a0]);
    await respond(w, a0, roundId, { noComments: true });
    await sec().post(`/api/rounds/${roundId}/close`).expect(200);
    const conference = await sec().post(`/api/plans/${planId}/conferences`, {
      title: 'Hội nghị góp ý',
      heldAt: '2022-06-08T08:00:00+07:00',
      location: 'Hạ Long',
      chair: 'Phạm Văn Thành',
      secretary: 'Trần Thị Thu Hà',
      attendees: [],
    });
    expect(conference.status).toBe(201);
    const id = conference.body.id;
    await sec()
      .put(`/api/conferences/${id}/minutes`, {
        summary: '',
        opinions: [{ speaker: 'Đại diện đơn vị', agencyId: a0.id, content: 'Đề nghị bổ sung kinh phí.' }],
        conclusions: [],
        directives: [],
        endedAt: '2022-06-08T11:30:00+07:00',
      })
      .expect(200);
    await sec().post(`/api/conferences/${id}/minutes/finalize`).expect(200);

    const answers = await Promise.all(Array.from({ length: 20 }, () => sec().post(`/api/conferences/${id}/opinions/1/comment`, { roundId })));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(19).fill(409)]);
    const created = answers.find((r) => r.status === 201)!;
    for (const refused of answers.filter((r) => r.status === 409)) {
      expect(refused.body).toMatchObject({ statusCode: 409, error: 'Conflict', code: 'opinion_carried' });
      expect(refused.body.message).toContain('Ý kiến số 1 đã được đưa vào đợt lấy ý kiến này');
      expect(refused.body.commentId).toBe(created.body.id);
    }
    const rows = await t.db.query('SELECT id FROM comments WHERE conference_id = $1', [id]);
    expect(rows).toEqual([{ id: created.body.id }]);
  });

  it('every unique index of the schema has its 409 message, so no race on one is a 500', async () => {
    const indexes: { name: string }[] = await t.db.query(
      `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_class tbl ON tbl.oid = i.indrelid
       WHERE i.indisunique AND n.nspname = current_schema() AND tbl.relname <> 'migrations'`,
    );
    expect(indexes.length).toBeGreaterThan(20);
    expect(indexes.map((i) => i.name).filter((name) => !UNIQUE_VIOLATIONS[name])).toEqual([]);
  });
});
