import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { startTestApp, TestApp } from './support/test-app';
import { DAY } from './support/test-clock';
import { AgencyWithUser, as, buildWorld, comment, login, openRound, planWithVersion, respond, SECTIONS, snapshot, World } from './support/world';

/**
 * The authorization matrix: every endpoint of the foundation × every kind of caller, on objects
 * the caller owns and on objects of another agency.
 *
 * Callers (the columns):
 *   none         no Authorization header
 *   admin        the administrator
 *   secretariat  the secretariat
 *   leader       leader 1, the current approver of plan Z
 *   A            agency A: invited to round rx (plan X), has answered it with comment cA; owns plan Z
 *   B            agency B: invited to round rx too, holds the draft comment cB, has not answered
 *   C            agency C: invited only to round ry (plan Y), has answered it with comment cC
 *
 * Objects (the {placeholders} in paths), rebuilt identically for every write that is allowed:
 *   X   plan in consultation: version 1, round rx open to A and B
 *   Y   plan in consultation: version 1 (other text), round ry open to C
 *   Z   plan owned by A, never sent to a round, awaiting approval by leader 1 then leader 2
 *   D   plan in drafting: version 1 frozen and the working draft changed since
 *   cA  A's submitted comment in rx; cB B's draft comment in rx; cC C's submitted comment in ry
 *
 * Every refused write is checked to have changed nothing (row counts, states, audit log, outbox).
 * Every 404 for an object outside the caller's reach is checked to read exactly like the 404 for
 * an id that does not exist, so existence does not leak.
 */

type Who = 'none' | 'admin' | 'secretariat' | 'leader' | 'A' | 'B' | 'C';
const WHO: readonly Who[] = ['none', 'admin', 'secretariat', 'leader', 'A', 'B', 'C'];
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type IdName = 'X' | 'Y' | 'Z' | 'D' | 'rx' | 'ry' | 'cA' | 'cB' | 'cC' | 'agencyA';

interface Scene {
  ids: Record<IdName, string>;
  xKeys: string[];
  yKeys: string[];
  xDraft: { etag: string; sections: { key: string; heading: string; body: string }[] };
}

interface Row {
  method: Method;
  path: string;
  expect: Record<Who, number>;
  body?: (s: Scene) => unknown;
  headers?: (s: Scene) => Record<string, string>;
}

let uniq = 0;
const next = () => `${Date.now().toString(36)}${uniq++}`;
const future = () => new Date(Date.now() + 30 * DAY).toISOString();

/** One row of the matrix: the answer each caller gets, in the order of WHO. */
function row(method: Method, path: string, statuses: [number, number, number, number, number, number, number], opts: Pick<Row, 'body' | 'headers'> = {}): Row {
  const expect = Object.fromEntries(WHO.map((who, i) => [who, statuses[i]])) as Record<Who, number>;
  return { method, path, expect, ...opts };
}

// Filled in beforeAll; the bodies below only read them when a test runs.
let t: TestApp;
let w: World;
let shared: Scene;
let A: AgencyWithUser;
let B: AgencyWithUser;
let C: AgencyWithUser;

const commentBody = () => ({ body: 'Đề nghị bổ sung đánh giá hiệu quả hoạt động của hợp tác xã.' });

// prettier-ignore
const MATRIX: Row[] = [
  //        endpoint                                                  none admin  sec  lead   A    B    C
  row('GET',    '/api/health',                                      [200, 200, 200, 200, 200, 200, 200]),
  row('GET',    '/api/me',                                          [401, 200, 200, 200, 200, 200, 200]),
  // agencies and users
  row('GET',    '/api/agencies',                                    [401, 200, 200, 200, 200, 200, 200]),
  row('GET',    '/api/agencies/{agencyA}',                          [401, 200, 200, 200, 200, 200, 200]),
  row('POST',   '/api/agencies',                                    [401, 201, 403, 403, 403, 403, 403], { body: () => ({ code: `AUTHZ-${next()}`, name: 'Sở Khoa học và Công nghệ' }) }),
  row('GET',    '/api/users',                                       [401, 200, 200, 403, 403, 403, 403]),
  row('POST',   '/api/users',                                       [401, 201, 403, 403, 403, 403, 403], { body: () => ({ email: `authz-${next()}@test.vn`, fullName: 'Lê Văn Mới', password: 'password-123', role: 'leader' }) }),
  // plans, draft, versions, diff
  row('GET',    '/api/plans',                                       [401, 200, 200, 200, 200, 200, 200]),
  row('POST',   '/api/plans',                                       [401, 403, 201, 403, 403, 403, 403], { body: () => ({ title: 'Kế hoạch mới', sections: [{ heading: 'Mục 1', body: 'Nội dung.' }] }) }),
  row('GET',    '/api/plans/{X}',                                   [401, 200, 200, 200, 200, 200, 404]),
  row('GET',    '/api/plans/{Y}',                                   [401, 200, 200, 200, 404, 404, 200]),
  row('GET',    '/api/plans/{Z}',                                   [401, 200, 200, 200, 200, 404, 404]),
  row('GET',    '/api/plans/{X}/draft',                             [401, 403, 200, 403, 403, 403, 403]),
  row('PUT',    '/api/plans/{X}/draft',                             [401, 403, 200, 403, 403, 403, 403], { body: (s) => ({ sections: s.xDraft.sections }), headers: (s) => ({ 'If-Match': s.xDraft.etag }) }),
  row('POST',   '/api/plans/{D}/versions',                          [401, 403, 201, 403, 403, 403, 403], { body: () => ({ note: 'Dự thảo lần 2' }) }),
  row('GET',    '/api/plans/{X}/versions/1',                        [401, 200, 200, 200, 200, 200, 404]),
  row('GET',    '/api/plans/{Z}/versions/1',                        [401, 200, 200, 200, 200, 404, 404]),
  row('GET',    '/api/plans/{X}/versions/1/diff?from=1',            [401, 200, 200, 200, 200, 200, 404]),
  row('GET',    '/api/plans/{Z}/versions/1/diff?from=1',            [401, 200, 200, 200, 200, 404, 404]),
  // rounds
  row('POST',   '/api/plans/{D}/rounds',                            [401, 403, 201, 403, 403, 403, 403], { body: () => ({ title: 'Lấy ý kiến', versionNumber: 1, deadline: future(), agencyIds: [A.id] }) }),
  row('GET',    '/api/plans/{X}/rounds',                            [401, 403, 200, 200, 200, 200, 404]),
  row('GET',    '/api/plans/{Z}/rounds',                            [401, 403, 200, 200, 200, 404, 404]),
  row('GET',    '/api/rounds/{rx}',                                 [401, 403, 200, 200, 200, 200, 404]),
  row('GET',    '/api/rounds/{ry}',                                 [401, 403, 200, 200, 404, 404, 200]),
  row('POST',   '/api/rounds/{rx}/close',                           [401, 403, 200, 403, 403, 403, 403]),
  row('POST',   '/api/rounds/{rx}/remind',                          [401, 403, 202, 403, 403, 403, 403]),
  row('GET',    '/api/rounds/{rx}/report',                          [401, 403, 200, 200, 403, 403, 403]),
  // comments (A has answered rx, so it can add nothing more; B can)
  row('POST',   '/api/rounds/{rx}/comments',                        [401, 403, 403, 403, 409, 201, 404], { body: commentBody }),
  row('GET',    '/api/rounds/{rx}/comments',                        [401, 403, 200, 200, 200, 200, 404]),
  row('GET',    '/api/rounds/{ry}/comments',                        [401, 403, 200, 200, 404, 404, 200]),
  row('GET',    '/api/comments/{cA}',                               [401, 403, 200, 200, 200, 404, 404]),
  row('GET',    '/api/comments/{cB}',                               [401, 403, 404, 404, 404, 200, 404]),
  row('GET',    '/api/comments/{cC}',                               [401, 403, 200, 200, 404, 404, 200]),
  row('PATCH',  '/api/comments/{cA}',                               [401, 403, 403, 403, 409, 404, 404], { body: commentBody }),
  row('PATCH',  '/api/comments/{cB}',                               [401, 403, 403, 403, 404, 200, 404], { body: commentBody }),
  row('DELETE', '/api/comments/{cA}',                               [401, 403, 403, 403, 409, 404, 404]),
  row('DELETE', '/api/comments/{cB}',                               [401, 403, 403, 403, 404, 204, 404]),
  // responses
  row('POST',   '/api/rounds/{rx}/responses',                       [401, 403, 403, 403, 409, 201, 404], { body: () => ({ reference: '45/SO-KHTH' }) }),
  row('POST',   '/api/rounds/{rx}/responses/withdraw',              [401, 403, 403, 403, 200, 409, 404]),
  // dispositions (a draft comment takes none: 409)
  row('PUT',    '/api/comments/{cA}/disposition',                   [401, 403, 200, 403, 403, 403, 403], { body: () => ({ decision: 'explained', reason: 'Đã nêu ở Phần III.' }) }),
  row('PUT',    '/api/comments/{cB}/disposition',                   [401, 403, 409, 403, 403, 403, 403], { body: () => ({ decision: 'explained', reason: 'Đã nêu ở Phần III.' }) }),
  // approval
  row('POST',   '/api/plans/{D}/approval',                          [401, 403, 201, 403, 403, 403, 403], { body: () => ({ versionNumber: 1, approverIds: [w.leaders[0].id] }) }),
  row('GET',    '/api/plans/{Z}/approval',                          [401, 200, 200, 200, 200, 404, 404]),
  row('POST',   '/api/plans/{Z}/approval/decision',                 [401, 403, 403, 200, 403, 403, 403], { body: () => ({ decision: 'approve', note: 'Đồng ý.' }) }),
  // audit
  row('GET',    '/api/audit',                                       [401, 200, 200, 200, 403, 403, 403]),
  row('GET',    '/api/audit/verify',                                [401, 200, 403, 403, 403, 403, 403]),
  row('GET',    '/api/audit/checkpoints',                           [401, 200, 200, 200, 403, 403, 403]),
  row('GET',    '/api/audit/consistency?from=0&to=0',               [401, 200, 200, 200, 403, 403, 403]),
];

const Y_SECTIONS = [
  { heading: 'Mục 1. CĂN CỨ', body: 'Luật Hợp tác xã năm 2012 và các văn bản hướng dẫn thi hành.' },
  { heading: 'Mục 2. NHIỆM VỤ', body: 'Rà soát các hợp tác xã ngừng hoạt động trên địa bàn tỉnh.' },
];

/** Builds the objects of the legend above, from nothing, through HTTP only. */
async function buildScene(): Promise<Scene> {
  const sec = as(t, w.secretariat.token);
  const expectStatus = (res: request.Response, status: number, what: string) => {
    if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };

  const x = await planWithVersion(w);
  const y = await planWithVersion(w, Y_SECTIONS);
  const rx = await openRound(w, x.planId, [A, B]);
  const ry = await openRound(w, y.planId, [C]);
  const cA = await comment(w, A, rx, { sectionKey: x.keys[1], quote: '633 hợp tác xã', body: 'Đề nghị bổ sung số hợp tác xã giải thể.' });
  await respond(w, A, rx, { reference: '215/LMHTX-KHTH' });
  const cB = await comment(w, B, rx, { sectionKey: x.keys[2], body: 'Bản nháp: đề nghị nêu rõ danh sách hợp tác xã điểm.' });
  const cC = await comment(w, C, ry, { sectionKey: y.keys[0], body: 'Đề nghị cập nhật Luật Hợp tác xã năm 2023.' });
  await respond(w, C, ry, { reference: '77/STP-XDPL' });

  const z = expectStatus(
    await sec.post('/api/plans', { title: 'Kế hoạch của đơn vị A', kind: 'Kế hoạch', ownerAgencyId: A.id, sections: SECTIONS }),
    201,
    'plan Z',
  );
  expectStatus(await sec.post(`/api/plans/${z.body.id}/versions`, { note: 'Dự thảo lần 1' }), 201, 'freeze Z');
  expectStatus(await sec.post(`/api/plans/${z.body.id}/approval`, { versionNumber: 1, approverIds: w.leaders.map((l) => l.id) }), 201, 'submit Z');

  const d = expectStatus(await sec.post('/api/plans', { title: 'Kế hoạch đang soạn', sections: SECTIONS }), 201, 'plan D');
  expectStatus(await sec.post(`/api/plans/${d.body.id}/versions`, { note: 'Dự thảo lần 1' }), 201, 'freeze D');
  const dDraft = await sec.get(`/api/plans/${d.body.id}/draft`);
  const dSections = dDraft.body.sections.map((s: { key: string; heading: string; body: string }, i: number) =>
    i === 0 ? { ...s, body: `${s.body} Bổ sung.` } : s,
  );
  expectStatus(await sec.put(`/api/plans/${d.body.id}/draft`, { sections: dSections }).set('If-Match', dDraft.headers.etag), 200, 'edit D');

  const xDraft = expectStatus(await sec.get(`/api/plans/${x.planId}/draft`), 200, 'draft X');
  return {
    ids: { X: x.planId, Y: y.planId, Z: z.body.id, D: d.body.id, rx, ry, cA, cB, cC, agencyA: A.id },
    xKeys: x.keys,
    yKeys: y.keys,
    xDraft: { etag: xDraft.headers.etag, sections: xDraft.body.sections },
  };
}

function resolve(path: string, s: Scene): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const id = s.ids[name as IdName];
    if (!id) throw new Error(`no object ${name} in the scene`);
    return id;
  });
}

function tokenOf(who: Who): string | null {
  switch (who) {
    case 'none':
      return null;
    case 'admin':
      return w.admin.token;
    case 'secretariat':
      return w.secretariat.token;
    case 'leader':
      return w.leaders[0].token;
    case 'A':
      return A.user.token;
    case 'B':
      return B.user.token;
    case 'C':
      return C.user.token;
  }
}

/** A request with a raw Authorization header (or none). */
function call(method: Method, path: string, authorization: string | null, body?: unknown, headers: Record<string, string> = {}): request.Test {
  const verbs = { GET: t.http.get, POST: t.http.post, PUT: t.http.put, PATCH: t.http.patch, DELETE: t.http.delete };
  let r: request.Test = verbs[method].call(t.http, path);
  if (authorization !== null) r = r.set('Authorization', authorization);
  for (const [name, value] of Object.entries(headers)) r = r.set(name, value);
  return body === undefined ? r : r.send(body as object);
}

function callAs(who: Who, method: Method, path: string, body?: unknown, headers?: Record<string, string>): request.Test {
  const token = tokenOf(who);
  return call(method, path, token ? `Bearer ${token}` : null, body, headers);
}

/** snapshot() of world.ts plus the states a refused write could flip without adding a row. */
async function state(): Promise<Record<string, unknown>> {
  const [extra] = await t.db.query(`
    SELECT (SELECT md5(coalesce(string_agg(id::text || status || coalesce(closed_at::text, ''), ',' ORDER BY id), '')) FROM rounds) AS round_state,
           (SELECT count(*) FROM round_agencies) AS invitations,
           (SELECT md5(coalesce(string_agg(id::text || coalesce(withdrawn_at::text, ''), ',' ORDER BY id), '')) FROM responses) AS response_state,
           (SELECT md5(coalesce(string_agg(id::text || coalesce(reason, '') || coalesce(addressed_in_version::text, '') || coalesce(response_id::text, ''), ',' ORDER BY id), '')) FROM comments) AS disposition_state,
           (SELECT md5(coalesce(string_agg(id::text || status || latest_version || coalesce(approved_version::text, ''), ',' ORDER BY id), '')) FROM plans) AS plan_versions,
           (SELECT md5(coalesce(string_agg(id::text || status, ',' ORDER BY id), '')) FROM approvals) AS approval_state,
           (SELECT md5(coalesce(string_agg(approval_id::text || position || state || coalesce(note, ''), ',' ORDER BY approval_id, position), '')) FROM approval_steps) AS step_state`);
  return { ...(await snapshot(t)), ...extra };
}

/** Runs `send`, then proves the database is as it was before. */
async function refusedWithoutChange(send: () => request.Test, status: number): Promise<request.Response> {
  const before = await state();
  const res = await send();
  expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { statusCode: status } });
  expect(await state()).toEqual(before);
  return res;
}

const errorOf = (res: request.Response) => ({
  status: res.status,
  statusCode: res.body.statusCode,
  error: res.body.error,
  message: res.body.message,
  code: res.body.code,
});
const idsOf = (items: { id: string }[]) => items.map((i) => i.id).sort();

const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);
/** Signs with the app's own secret (or `secret`), as the server would, with any claims. */
const sign = (claims: Record<string, unknown>, opts: { secret?: string; issuer?: string; expiresIn?: number } = {}) =>
  new JwtService({}).sign(claims, {
    secret: opts.secret ?? t.config.jwtSecret!,
    algorithm: 'HS256',
    issuer: opts.issuer ?? 'duthao',
    ...(opts.expiresIn === undefined ? {} : { expiresIn: opts.expiresIn }),
  });
/** A's real token with its payload rewritten but its signature kept. */
function editedToken(): string {
  const [head, payload, signature] = A.user.token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  return `${head}.${b64url({ ...claims, sub: w.admin.id, role: 'admin' })}.${signature}`;
}

// Authorization headers that must all be refused (built when a test runs).
// prettier-ignore
const BAD_TOKENS: [string, () => string][] = [
  ['a token that is not a JWT',                         () => 'Bearer not-a-jwt'],
  ['a token signed with another secret',                () => `Bearer ${sign({ sub: w.admin.id, role: 'admin' }, { secret: 'another-secret-that-is-long-enough-0123456789', expiresIn: 3600 })}`],
  ['an expired token',                                  () => `Bearer ${sign({ sub: w.admin.id, role: 'admin', iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 })}`],
  ['a token of another issuer',                         () => `Bearer ${sign({ sub: w.admin.id, role: 'admin' }, { issuer: 'someone-else', expiresIn: 3600 })}`],
  ['an unsigned token (alg none)',                      () => `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: w.admin.id, role: 'admin', iss: 'duthao', iat: nowSeconds(), exp: nowSeconds() + 3600 })}.`],
  ['a real token with its claims edited',               () => `Bearer ${editedToken()}`],
  ['a well-signed token of a user that does not exist', () => `Bearer ${sign({ sub: randomUUID(), role: 'admin' }, { expiresIn: 3600 })}`],
  ['a real token in another scheme',                    () => `Basic ${A.user.token}`],
  ['a real token without a scheme',                     () => A.user.token],
];

describe('authorization matrix', () => {
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t, 3);
    [A, B, C] = w.agencies;
    shared = await buildScene();
  });
  afterAll(() => t?.close());

  describe.each(MATRIX)('$method $path', (r) => {
    it.each(WHO.map((who) => [who, r.expect[who]] as const))('%s → %i', async (who, status) => {
      const write = r.method !== 'GET';
      // An allowed write runs on a scene of its own, so that it changes nothing the other cells read.
      const s = write && status < 300 ? await buildScene() : shared;
      const path = resolve(r.path, s);
      const send = () => callAs(who, r.method, path, r.body?.(s), r.headers?.(s));

      if (status < 300) {
        const before = write ? await state() : null;
        const res = await send();
        expect({ status: res.status, body: res.body }).toMatchObject({ status });
        if (before) expect((await state()).audit).not.toEqual(before.audit);
        return;
      }
      const res = write ? await refusedWithoutChange(send, status) : await send();
      expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { statusCode: status } });
      if (status === 404) {
        // Hidden reads exactly like missing: the same answer for an id that names nothing.
        const missing = await callAs(who, r.method, resolve(r.path.replace(/\{\w+\}/, randomUUID()), s), r.body?.(s), r.headers?.(s));
        expect(errorOf(res)).toEqual(errorOf(missing));
      }
    });
  });

  describe('a token that is missing, forged, expired or altered is refused everywhere', () => {
    describe.each(MATRIX)('$method $path', (r) => {
      it.each(BAD_TOKENS)('%s', async (_, authorization) => {
        const path = resolve(r.path, shared);
        const send = () => call(r.method, path, authorization(), r.body?.(shared), r.headers?.(shared));
        // Only public routes (health) answer; they ignore the header.
        const status = r.expect.none === 401 ? 401 : r.expect.none;
        if (r.method === 'GET') {
          const res = await send();
          expect({ status: res.status, body: res.body }).toMatchObject({ status });
        } else {
          await refusedWithoutChange(send, status);
        }
      });
    });

    it('login is public: a bad Authorization header does not matter, a wrong password is 401 and changes nothing', async () => {
      const ok = await call('POST', '/api/auth/login', 'Bearer not-a-jwt', { email: A.user.email, password: 'password-123' });
      expect(ok.status).toBe(200);
      expect(ok.body.user).toMatchObject({ id: A.user.id, role: 'agency', agencyId: A.id });
      await refusedWithoutChange(() => call('POST', '/api/auth/login', null, { email: A.user.email, password: 'wrong-password-1' }), 401);
      await refusedWithoutChange(() => call('POST', '/api/auth/login', null, { email: 'nobody@test.vn', password: 'password-123' }), 401);
    });

    it('a token stops working as soon as its account is deactivated', async () => {
      const email = `tam-${next()}@test.vn`;
      const created = await as(t, w.admin.token).post('/api/users', { email, fullName: 'Tài khoản tạm', password: 'password-123', role: 'secretariat' });
      expect(created.status).toBe(201);
      const token = await login(t, email, 'password-123');
      expect((await call('GET', '/api/me', `Bearer ${token}`)).status).toBe(200);
      // No endpoint removes an account yet: switch it off where the app reads it, on every request.
      await t.db.query('UPDATE users SET active = false WHERE id = $1', [created.body.id]);
      expect((await call('GET', '/api/me', `Bearer ${token}`)).status).toBe(401);
      await refusedWithoutChange(
        () => call('POST', '/api/plans', `Bearer ${token}`, { title: 'Kế hoạch', sections: [{ heading: 'Mục 1', body: 'Nội dung.' }] }),
        401,
      );
    });

    it('the role comes from the account, not from the token: a well-signed token that claims "admin" for an agency user acts as that agency', async () => {
      // A's own session (a token must name a live one), with the role claim changed.
      const { sid } = JSON.parse(Buffer.from(A.user.token.split('.')[1], 'base64url').toString());
      const claimsAdmin = sign({ sub: A.user.id, role: 'admin', sid }, { expiresIn: 3600 });
      const me = await call('GET', '/api/me', `Bearer ${claimsAdmin}`);
      expect(me.body).toMatchObject({ id: A.user.id, role: 'agency', agencyId: A.id });
      await refusedWithoutChange(() => call('POST', '/api/agencies', `Bearer ${claimsAdmin}`, { code: `X-${next()}`, name: 'Sở giả' }), 403);
      await refusedWithoutChange(
        () => call('POST', '/api/users', `Bearer ${claimsAdmin}`, { email: `x-${next()}@test.vn`, fullName: 'Giả', password: 'password-123', role: 'admin' }),
        403,
      );
      expect((await call('GET', '/api/audit/verify', `Bearer ${claimsAdmin}`)).status).toBe(403);
      expect((await call('GET', `/api/plans/${shared.ids.Y}`, `Bearer ${claimsAdmin}`)).status).toBe(404);
    });
  });

  describe('the role is checked before the body: a caller without the role learns nothing about validation', () => {
    // prettier-ignore
    const WRONG_ROLE_BAD_BODY: [Who, Method, string, unknown][] = [
      ['secretariat', 'POST',  '/api/agencies',                     { code: '', unknown: 1 }],
      ['A',           'POST',  '/api/users',                        { role: 'admin' }],
      ['leader',      'POST',  '/api/plans',                        { sections: [] }],
      ['admin',       'POST',  '/api/plans/{D}/versions',           {}],
      ['leader',      'POST',  '/api/plans/{D}/rounds',             { agencyIds: 'all' }],
      ['secretariat', 'POST',  '/api/rounds/{rx}/comments',         { body: '' }],
      ['leader',      'POST',  '/api/rounds/{rx}/responses',        { noComments: 'yes' }],
      ['A',           'PUT',   '/api/comments/{cA}/disposition',    { decision: 'maybe' }],
      ['secretariat', 'PATCH', '/api/comments/{cB}',                { status: 'submitted' }],
      ['B',           'POST',  '/api/plans/{D}/approval',           { approverIds: [] }],
      ['secretariat', 'POST',  '/api/plans/{Z}/approval/decision',  { decision: 'approve', extra: true }],
    ];
    it.each(WRONG_ROLE_BAD_BODY)('%s: %s %s with an invalid body → 403, nothing changes', async (who, method, path, body) => {
      await refusedWithoutChange(() => callAs(who, method, resolve(path, shared), body), 403);
    });
  });

  describe('what each caller sees in lists', () => {
    it.each(['admin', 'secretariat', 'leader', 'A', 'B', 'C'] as const)('GET /api/plans as %s lists exactly the plans it may read', async (who) => {
      const res = await callAs(who, 'GET', '/api/plans?limit=200');
      expect(res.status).toBe(200);
      const agencyId = { A: A.id, B: B.id, C: C.id }[who as 'A' | 'B' | 'C'];
      const expected: { id: string }[] = agencyId
        ? await t.db.query(
            `SELECT p.id FROM plans p WHERE p.owner_agency_id = $1
             OR p.id IN (SELECT r.plan_id FROM rounds r JOIN round_agencies ra ON ra.round_id = r.id WHERE ra.agency_id = $1)`,
            [agencyId],
          )
        : await t.db.query('SELECT id FROM plans');
      expect(res.body.total).toBe(expected.length);
      expect(idsOf(res.body.items)).toEqual(idsOf(expected));
      const { X, Y, Z, D } = shared.ids;
      const sees = { admin: [X, Y, Z, D], secretariat: [X, Y, Z, D], leader: [X, Y, Z, D], A: [X, Z], B: [X], C: [Y] }[who];
      const hidden = [X, Y, Z, D].filter((id) => !sees.includes(id));
      const listed = idsOf(res.body.items);
      for (const id of sees) expect(listed).toContain(id);
      for (const id of hidden) expect(listed).not.toContain(id);
    });

    // prettier-ignore
    const ROUND_LISTS: [Who, string, IdName[]][] = [
      ['secretariat', '/api/plans/{X}/rounds', ['rx']],
      ['secretariat', '/api/plans/{Y}/rounds', ['ry']],
      ['secretariat', '/api/plans/{Z}/rounds', []],
      ['leader',      '/api/plans/{X}/rounds', ['rx']],
      ['leader',      '/api/plans/{Y}/rounds', ['ry']],
      ['A',           '/api/plans/{X}/rounds', ['rx']],
      ['A',           '/api/plans/{Z}/rounds', []],
      ['B',           '/api/plans/{X}/rounds', ['rx']],
      ['C',           '/api/plans/{Y}/rounds', ['ry']],
    ];
    it.each(ROUND_LISTS)("%s: GET %s holds only that plan's rounds %j", async (who, path, expected) => {
      const res = await callAs(who, 'GET', resolve(path, shared));
      expect(res.status).toBe(200);
      expect(idsOf(res.body.items)).toEqual(expected.map((n) => shared.ids[n]).sort());
      expect(res.body.total).toBe(expected.length);
    });

    // prettier-ignore
    const COMMENT_LISTS: [Who, string, IdName[]][] = [
      ['secretariat', '/api/rounds/{rx}/comments', ['cA']],        // not B's draft, not C's comment of ry
      ['secretariat', '/api/rounds/{ry}/comments', ['cC']],
      ['leader',      '/api/rounds/{rx}/comments', ['cA']],
      ['leader',      '/api/rounds/{ry}/comments', ['cC']],
      ['A',           '/api/rounds/{rx}/comments', ['cA']],        // its own only
      ['B',           '/api/rounds/{rx}/comments', ['cB']],        // its own draft, not A's submitted comment
      ['C',           '/api/rounds/{ry}/comments', ['cC']],
    ];
    it.each(COMMENT_LISTS)('%s: GET %s lists %j', async (who, path, expected) => {
      const res = await callAs(who, 'GET', resolve(path, shared));
      expect(res.status).toBe(200);
      expect(idsOf(res.body.items)).toEqual(expected.map((n) => shared.ids[n]).sort());
      expect(res.body.total).toBe(expected.length);
    });

    // prettier-ignore
    const ROUND_LINES: [Who, IdName, ('A' | 'B' | 'C')[]][] = [
      ['secretariat', 'rx', ['A', 'B']],
      ['leader',      'rx', ['A', 'B']],
      ['A',           'rx', ['A']],
      ['B',           'rx', ['B']],
      ['secretariat', 'ry', ['C']],
      ['C',           'ry', ['C']],
    ];
    it.each(ROUND_LINES)('%s: GET /api/rounds/{%s} shows the lines of %j', async (who, round, lines) => {
      const res = await callAs(who, 'GET', `/api/rounds/${shared.ids[round]}`);
      expect(res.status).toBe(200);
      const ids = { A: A.id, B: B.id, C: C.id };
      expect(res.body.agencies.map((a: { agencyId: string }) => a.agencyId).sort()).toEqual(lines.map((l) => ids[l]).sort());
    });

    it('an agency sees only its own line in the rounds it lists, too', async () => {
      const res = await callAs('B', 'GET', `/api/plans/${shared.ids.X}/rounds`);
      expect(res.body.items[0].agencies.map((a: { agencyId: string }) => a.agencyId)).toEqual([B.id]);
    });

    it.each([
      ['secretariat', 'rx', ['cA']],
      ['leader', 'rx', ['cA']],
      ['leader', 'ry', ['cC']],
    ] as [Who, IdName, IdName[]][])('%s: the report of {%s} holds only its submitted comments %j', async (who, round, expected) => {
      const res = await callAs(who, 'GET', `/api/rounds/${shared.ids[round]}/report`);
      expect(res.status).toBe(200);
      expect(res.body.rows.map((r: { commentId: string }) => r.commentId)).toEqual(expected.map((n) => shared.ids[n]));
      expect(res.body.totals.comments).toBe(expected.length);
    });
  });

  describe('ids of one object used where another is expected', () => {
    // prettier-ignore
    const MISPLACED: [Who, Method, string, number, ((s: Scene) => unknown)?][] = [
      ['secretariat', 'GET',    '/api/rounds/{cA}',                      404],
      ['secretariat', 'GET',    '/api/rounds/{X}',                       404],
      ['secretariat', 'GET',    '/api/plans/{rx}',                       404],
      ['secretariat', 'GET',    '/api/comments/{rx}',                    404],
      ['secretariat', 'GET',    '/api/rounds/{cA}/comments',             404],
      ['secretariat', 'GET',    '/api/plans/{rx}/rounds',                404],
      ['secretariat', 'POST',   '/api/rounds/{X}/close',                 404],
      ['secretariat', 'POST',   '/api/rounds/{X}/remind',                404],
      ['secretariat', 'PUT',    '/api/comments/{rx}/disposition',        404, () => ({ decision: 'accepted' })],
      ['leader',      'POST',   '/api/plans/{rx}/approval/decision',     404, () => ({ decision: 'approve' })],
      ['B',           'POST',   '/api/rounds/{cB}/responses',            404, () => ({})],
      ['B',           'POST',   '/api/rounds/{X}/comments',              404, commentBody],
      ['A',           'POST',   '/api/rounds/{ry}/responses/withdraw',   404],  // A answered rx, not ry
      ['C',           'POST',   '/api/rounds/{rx}/responses/withdraw',   404],  // C answered ry, not rx
      ['A',           'PATCH',  '/api/comments/{rx}',                    404, commentBody],
    ];
    // Rows padded to one length: jest takes a short row's missing argument for a `done` callback.
    it.each(MISPLACED.map(([who, method, path, status, body]) => [who, method, path, status, body ?? null] as const))(
      '%s: %s %s → %i',
      async (who, method, path, status, body) => {
        const send = () => callAs(who, method, resolve(path, shared), body?.(shared));
        if (method === 'GET') expect((await send()).status).toBe(status);
        else await refusedWithoutChange(send, status);
      },
    );

    it("a comment cannot anchor to a section of another plan: round rx (plan X) refuses plan Y's section key and text", async () => {
      const rx = shared.ids.rx;
      await refusedWithoutChange(
        () => callAs('B', 'POST', `/api/rounds/${rx}/comments`, { sectionKey: shared.yKeys[0], body: 'Ý kiến về mục của kế hoạch khác.' }),
        400,
      );
      await refusedWithoutChange(
        () =>
          callAs('B', 'POST', `/api/rounds/${rx}/comments`, {
            sectionKey: shared.xKeys[0],
            quote: 'Luật Hợp tác xã năm 2012',
            body: 'Trích dẫn từ kế hoạch khác.',
          }),
        400,
      );
      await refusedWithoutChange(() => callAs('B', 'PATCH', `/api/comments/${shared.ids.cB}`, { sectionKey: shared.yKeys[1] }), 400);
      // and the draft is still where it was
      const cB = await callAs('B', 'GET', `/api/comments/${shared.ids.cB}`);
      expect(cB.body).toMatchObject({ roundId: rx, sectionKey: shared.xKeys[2] });
    });

    it('the current approver of plan Z decides nothing on plans X and D, which have no pending approval', async () => {
      const leader = w.leaders[0];
      for (const plan of [shared.ids.X, shared.ids.D]) {
        await refusedWithoutChange(() => callAs('leader', 'POST', `/api/plans/${plan}/approval/decision`, { decision: 'approve', note: 'Đồng ý.' }), 409);
      }
      const approval = await as(t, leader.token).get(`/api/plans/${shared.ids.Z}/approval`);
      expect(approval.body.steps.map((s: { state: string }) => s.state)).toEqual(['current', 'waiting']);
    });
  });

  describe('the approval decision belongs to the current approver alone', () => {
    // prettier-ignore
    const DECIDERS: [string, () => string | null, 'approve' | 'return', number][] = [
      ['the second leader, approving out of turn', () => w.leaders[1].token,      'approve', 403],
      ['the second leader, returning out of turn', () => w.leaders[1].token,      'return',  403],
      ['the secretariat',                          () => w.secretariat.token,     'approve', 403],
      ['the administrator',                        () => w.admin.token,           'approve', 403],
      ['agency A, which owns the plan',            () => A.user.token,            'approve', 403],
      ['agency B',                                 () => B.user.token,            'return',  403],
      ['nobody signed in',                         () => null,                    'approve', 401],
    ];
    it.each(DECIDERS)('%s (%s): %i, nothing changes', async (_, token, decision, status) => {
      const tk = token();
      await refusedWithoutChange(
        () => call('POST', `/api/plans/${shared.ids.Z}/approval/decision`, tk ? `Bearer ${tk}` : null, { decision, note: 'Lý do.' }),
        status,
      );
    });

    it('after the first leader approves, the turn passes: the first leader is refused, the second decides', async () => {
      const s = await buildScene();
      const path = `/api/plans/${s.ids.Z}/approval/decision`;
      const [first, second] = w.leaders;
      expect((await as(t, first.token).post(path, { decision: 'approve', note: 'Đồng ý.' })).status).toBe(200);
      await refusedWithoutChange(() => call('POST', path, `Bearer ${first.token}`, { decision: 'approve' }), 403);
      const last = await as(t, second.token).post(path, { decision: 'approve', note: 'Đồng ý ban hành.' });
      expect(last.status).toBe(200);
      expect(last.body).toMatchObject({ status: 'approved' });
      await refusedWithoutChange(() => call('POST', path, `Bearer ${second.token}`, { decision: 'approve' }), 409);
    });
  });

  describe('a comment is seen by the secretariat and leaders only while submitted', () => {
    it("B's draft is hidden from staff; submitted it shows; withdrawn it hides again", async () => {
      const s = await buildScene();
      const path = `/api/comments/${s.ids.cB}`;
      const staffSee = async () => [(await callAs('secretariat', 'GET', path)).status, (await callAs('leader', 'GET', path)).status];
      expect(await staffSee()).toEqual([404, 404]);
      await respond(w, B, s.ids.rx, { reference: '9/SO-B' });
      expect(await staffSee()).toEqual([200, 200]);
      expect((await callAs('A', 'GET', path)).status).toBe(404);
      expect((await callAs('B', 'POST', `/api/rounds/${s.ids.rx}/responses/withdraw`)).status).toBe(200);
      expect(await staffSee()).toEqual([404, 404]);
      expect((await callAs('B', 'GET', path)).body).toMatchObject({ status: 'draft' });
      await refusedWithoutChange(() => callAs('secretariat', 'PUT', `${path}/disposition`, { decision: 'accepted' }), 409);
    });

    it('an Idempotency-Key used by one agency does not replay its answer to another', async () => {
      const s = await buildScene();
      const path = `/api/rounds/${s.ids.rx}/comments`;
      const key = `authz-${next()}`;
      const first = await callAs('B', 'POST', path, commentBody(), { 'Idempotency-Key': key });
      expect(first.status).toBe(201);
      const other = await refusedWithoutChange(() => callAs('C', 'POST', path, commentBody(), { 'Idempotency-Key': key }), 404);
      expect(other.body.id).toBeUndefined();
      expect(other.headers['idempotent-replayed']).toBeUndefined();
    });
  });
});
