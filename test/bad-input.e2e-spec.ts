import { createHmac, randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from './support/test-app';
import { DAY } from './support/test-clock';
import { useWorld } from './support/use-world';
import { as, buildWorld, comment, planWithVersion, respond, snapshot, World } from './support/world';

/**
 * A corpus of bad inputs across the foundation's endpoints (docs/api.md, "Conventions"). For every one:
 * the expected 4xx (never a 5xx), the error shape {statusCode, error, message}, for validation
 * errors a message naming the bad field, and proof that nothing changed (snapshot before = after).
 */

// ---------------------------------------------------------------------------------------------
// The world every case runs against, built once.

interface F {
  w: World;
  tokens: Record<Who, string | null>;
  agencyIds: string[];
  /** Plan A: drafting, version 1 frozen, no round. */
  planA: string;
  keysA: string[];
  etagA: string;
  draftA: { key: string; heading: string; body: string }[];
  /** Plan B: versions 1 and 2, a round open on version 1 to agencies 0, 1, 2. */
  planB: string;
  keysB: string[];
  roundB: string;
  /** Agency 0's draft comment (no section) and agency 1's submitted comment in round B. */
  draftComment: string;
  submittedComment: string;
  /** Plan C: awaiting approval, leader 0 is the current approver. */
  planC: string;
  /** An Idempotency-Key already used by the admin for one agency creation. */
  usedKey: string;
}

type Who = 'admin' | 'secretariat' | 'leader' | 'leader2' | 'agency0' | 'agency1' | 'agency2' | 'agency3' | 'anonymous';
type V<T> = T | ((f: F) => T);

interface Case {
  name: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: V<string>;
  as: Who;
  body?: V<unknown>;
  rawBody?: V<string>;
  headers?: V<Record<string, string>>;
  expectStatus: number;
  /** For validation errors: the field the message must name. */
  field?: string;
}

function val<T>(v: V<T>, f: F): T {
  return typeof v === 'function' ? (v as (f: F) => T)(f) : v;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  428: 'Precondition Required',
};

// ---------------------------------------------------------------------------------------------
// Building blocks of inputs.

const JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789'; // test/support/test-app.ts
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
function jwt(payload: Record<string, unknown>, opts: { secret?: string; alg?: 'HS256' | 'HS512' | 'none' } = {}): string {
  const alg = opts.alg ?? 'HS256';
  const head = `${b64({ alg, typ: 'JWT' })}.${b64(payload)}`;
  if (alg === 'none') return `${head}.`;
  const sig = createHmac(alg === 'HS512' ? 'sha512' : 'sha256', opts.secret ?? JWT_SECRET)
    .update(head)
    .digest('base64url');
  return `${head}.${sig}`;
}
const nowSec = () => Math.floor(Date.now() / 1000);
/** The session a real token names (a token must name a live session of its user). */
const sidOf = (token: string): string => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sid;
const claims = (f: F, extra: Record<string, unknown> = {}) => ({
  sub: f.w.admin.id,
  role: 'admin',
  sid: sidOf(f.w.admin.token),
  iss: 'duthao',
  iat: nowSec() - 60,
  exp: nowSec() + 3600,
  ...extra,
});

const NO_SUCH_ID = '7f3c2a10-5b1e-4c3d-9a8b-0123456789ab';
const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const FUTURE = '2031-06-30T17:00:00+07:00';

const VI_500 = 'ệ'.repeat(500); // precomposed: one code point each
const EMOJI_500 = '😀'.repeat(500); // one code point, two UTF-16 units each
const SECTION = { heading: 'Phần I. SỰ CẦN THIẾT', body: 'Nội dung mục.' };
const sections = (n: number) => Array.from({ length: n }, (_, i) => ({ heading: `Mục ${i + 1}`, body: 'Nội dung.' }));
const plan = (over: Record<string, unknown> = {}) => ({ title: 'Đề án thử nghiệm đầu vào', kind: 'Đề án', sections: [SECTION], ...over });
const planSection = (over: Record<string, unknown>) => plan({ sections: [{ ...SECTION, ...over }] });
const user = (over: Record<string, unknown> = {}) => ({
  email: `moi-${randomUUID().slice(0, 8)}@test.vn`,
  fullName: 'Lê Văn Mới',
  password: 'password-123',
  role: 'secretariat',
  ...over,
});
const agency = (over: Record<string, unknown> = {}) => ({ code: 'SMOI', name: 'Sở Mới', ...over });
const round =
  (over: Record<string, unknown> = {}) =>
  (f: F) => ({ title: 'Đợt lấy ý kiến', versionNumber: 1, deadline: FUTURE, agencyIds: [f.agencyIds[0]], ...over });
const draftWith = (change: (s: F['draftA']) => unknown) => (f: F) => ({ sections: change(f.draftA.map((s) => ({ ...s }))) });
const ifMatch = (f: F) => ({ 'If-Match': f.etagA });
/** Raw JSON whose `\\ud800`-style escapes become lone surrogates in JSON.parse. */
const rawPlanTitle = (titleJson: string) => `{"title":"${titleJson}","sections":[{"heading":"H","body":"B"}]}`;
const PLAN_JSON = JSON.stringify(plan());

/** `n` unknown keys. */
const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));

/** A JSON value nested `depth` arrays deep, as text. */
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

// ---------------------------------------------------------------------------------------------
// The corpus.

const cases: Case[] = [
  // --- Authentication: no, forged, expired, garbage tokens (401) -----------------------------
  { name: 'no token', method: 'post', path: '/api/plans', as: 'anonymous', body: plan(), expectStatus: 401 },
  {
    name: 'garbage token',
    method: 'post',
    path: '/api/plans',
    as: 'anonymous',
    headers: { Authorization: 'Bearer not-a-token' },
    body: plan(),
    expectStatus: 401,
  },
  {
    name: 'three garbage parts',
    method: 'post',
    path: '/api/plans',
    as: 'anonymous',
    headers: { Authorization: 'Bearer abc.def.ghi' },
    body: plan(),
    expectStatus: 401,
  },
  { name: 'Bearer with nothing after it', method: 'get', path: '/api/me', as: 'anonymous', headers: { Authorization: 'Bearer ' }, expectStatus: 401 },
  {
    name: 'Basic scheme',
    method: 'get',
    path: '/api/me',
    as: 'anonymous',
    headers: { Authorization: `Basic ${Buffer.from('admin@test.duthao:admin-password-1').toString('base64')}` },
    expectStatus: 401,
  },
  {
    name: 'token signed with another secret',
    method: 'post',
    path: '/api/agencies',
    as: 'anonymous',
    headers: (f) => ({ Authorization: `Bearer ${jwt(claims(f), { secret: 'another-secret-another-secret-another-secret' })}` }),
    body: agency(),
    expectStatus: 401,
  },
  {
    name: 'expired token',
    method: 'post',
    path: '/api/agencies',
    as: 'anonymous',
    headers: (f) => ({ Authorization: `Bearer ${jwt(claims(f, { iat: nowSec() - 7200, exp: nowSec() - 3600 }))}` }),
    body: agency(),
    expectStatus: 401,
  },
  {
    name: 'alg "none" token',
    method: 'post',
    path: '/api/agencies',
    as: 'anonymous',
    headers: (f) => ({ Authorization: `Bearer ${jwt(claims(f), { alg: 'none' })}` }),
    body: agency(),
    expectStatus: 401,
  },
  {
    name: 'HS512 token (algorithm not accepted)',
    method: 'post',
    path: '/api/agencies',
    as: 'anonymous',
    headers: (f) => ({ Authorization: `Bearer ${jwt(claims(f), { alg: 'HS512' })}` }),
    body: agency(),
    expectStatus: 401,
  },
  {
    name: 'token from another issuer',
    method: 'post',
    path: '/api/agencies',
    as: 'anonymous',
    headers: (f) => ({ Authorization: `Bearer ${jwt(claims(f, { iss: 'evil' }))}` }),
    body: agency(),
    expectStatus: 401,
  },
  {
    name: 'token for a user that does not exist',
    method: 'get',
    path: '/api/me',
    as: 'anonymous',
    headers: (f) => ({ Authorization: `Bearer ${jwt(claims(f, { sub: NO_SUCH_ID }))}` }),
    expectStatus: 401,
  },
  {
    name: 'token whose subject is not a UUID',
    method: 'get',
    path: '/api/me',
    as: 'anonymous',
    headers: (f) => ({ Authorization: `Bearer ${jwt(claims(f, { sub: "1' OR '1'='1" }))}` }),
    expectStatus: 401,
  },
  {
    name: 'agency token claiming the admin role',
    method: 'post',
    path: '/api/agencies',
    as: 'anonymous',
    headers: (f) => ({ Authorization: `Bearer ${jwt(claims(f, { sub: f.w.agencies[0].user.id, role: 'admin', sid: sidOf(f.w.agencies[0].user.token) }))}` }),
    body: agency(),
    expectStatus: 403,
  },

  // --- Login ----------------------------------------------------------------------------------
  { name: 'login: email missing', method: 'post', path: '/api/auth/login', as: 'anonymous', body: { password: 'x' }, expectStatus: 400, field: 'email' },
  {
    name: 'login: password missing',
    method: 'post',
    path: '/api/auth/login',
    as: 'anonymous',
    body: { email: 'admin@test.duthao' },
    expectStatus: 400,
    field: 'password',
  },
  {
    name: 'login: email is a number',
    method: 'post',
    path: '/api/auth/login',
    as: 'anonymous',
    body: { email: 42, password: 'x' },
    expectStatus: 400,
    field: 'email',
  },
  {
    name: 'login: email is not an address',
    method: 'post',
    path: '/api/auth/login',
    as: 'anonymous',
    body: { email: 'admin', password: 'x' },
    expectStatus: 400,
    field: 'email',
  },
  {
    name: 'login: password is an object',
    method: 'post',
    path: '/api/auth/login',
    as: 'anonymous',
    body: { email: 'admin@test.duthao', password: { $ne: '' } },
    expectStatus: 400,
    field: 'password',
  },
  {
    name: 'login: password with NUL',
    method: 'post',
    path: '/api/auth/login',
    as: 'anonymous',
    body: { email: 'admin@test.duthao', password: 'admin\u0000' },
    expectStatus: 400,
    field: 'password',
  },
  {
    name: 'login: password with a lone surrogate',
    method: 'post',
    path: '/api/auth/login',
    as: 'anonymous',
    rawBody: '{"email":"admin@test.duthao","password":"admin\\ud800"}',
    expectStatus: 400,
    field: 'password',
  },
  {
    name: 'login: unknown field',
    method: 'post',
    path: '/api/auth/login',
    as: 'anonymous',
    body: { email: 'admin@test.duthao', password: 'admin-password-1', remember: true },
    expectStatus: 400,
    field: 'remember',
  },
  {
    name: 'login: wrong password',
    method: 'post',
    path: '/api/auth/login',
    as: 'anonymous',
    body: { email: 'admin@test.duthao', password: 'wrong-password' },
    expectStatus: 401,
  },
  {
    name: 'login: unknown account',
    method: 'post',
    path: '/api/auth/login',
    as: 'anonymous',
    body: { email: 'nobody@test.duthao', password: 'wrong-password' },
    expectStatus: 401,
  },
  // validator's isEmail threw a URIError on a lone surrogate: these were 500s.
  {
    name: 'login: email with a lone high surrogate',
    method: 'post',
    path: '/api/auth/login',
    as: 'anonymous',
    rawBody: '{"email":"admin\\ud800@test.duthao","password":"x"}',
    expectStatus: 400,
    field: 'email',
  },
  {
    name: 'login: email that is a lone surrogate',
    method: 'post',
    path: '/api/auth/login',
    as: 'anonymous',
    rawBody: '{"email":"\\ud800","password":"x"}',
    expectStatus: 400,
    field: 'email',
  },
  {
    name: 'login: email with a lone low surrogate in the domain',
    method: 'post',
    path: '/api/auth/login',
    as: 'anonymous',
    rawBody: '{"email":"admin@test.\\udc00duthao","password":"x"}',
    expectStatus: 400,
    field: 'email',
  },
  {
    name: 'login: email with NUL',
    method: 'post',
    path: '/api/auth/login',
    as: 'anonymous',
    body: { email: 'admin@test.duthao\u0000', password: 'x' },
    expectStatus: 400,
    field: 'email',
  },
  {
    name: 'login: email of 4 MB (over the 64 KB a client without a session may send)',
    method: 'post',
    path: '/api/auth/login',
    as: 'anonymous',
    body: { email: `${'a'.repeat(4_000_000)}@test.duthao`, password: 'x' },
    expectStatus: 413,
    field: '64 KB',
  },
  {
    name: 'login: email of 60,000 characters',
    method: 'post',
    path: '/api/auth/login',
    as: 'anonymous',
    body: { email: `${'a'.repeat(60_000)}@test.duthao`, password: 'x' },
    expectStatus: 400,
    field: 'email',
  },
  {
    name: 'plans: 1 MB body from a client whose token does not verify',
    method: 'post',
    path: '/api/plans',
    as: 'anonymous',
    headers: { Authorization: 'Bearer abc.def.ghi' },
    body: plan({ title: 't'.repeat(1_000_000) }),
    expectStatus: 413,
    field: '64 KB',
  },
  {
    name: 'login: 1,001 keys',
    method: 'post',
    path: '/api/auth/login',
    as: 'anonymous',
    body: { email: 'admin@test.duthao', password: 'x', ...keys(999) },
    expectStatus: 400,
    field: '1.000',
  },
  {
    name: 'login: 200,000 keys',
    method: 'post',
    path: '/api/auth/login',
    as: 'anonymous',
    rawBody: () => JSON.stringify({ email: 'admin@test.duthao', password: 'x', ...keys(200_000) }),
    expectStatus: 400,
    field: '1.000',
  },
  {
    name: 'login: a list of 1,001 items',
    method: 'post',
    path: '/api/auth/login',
    as: 'anonymous',
    body: { email: 'admin@test.duthao', password: Array(1001).fill('x') },
    expectStatus: 400,
    field: 'password',
  },
  {
    name: 'login: body is an array',
    method: 'post',
    path: '/api/auth/login',
    as: 'anonymous',
    body: [{ email: 'admin@test.duthao', password: 'admin-password-1' }],
    expectStatus: 400,
  },

  // --- Agencies -------------------------------------------------------------------------------
  { name: 'agency: code missing', method: 'post', path: '/api/agencies', as: 'admin', body: { name: 'Sở Mới' }, expectStatus: 400, field: 'code' },
  { name: 'agency: code with a space', method: 'post', path: '/api/agencies', as: 'admin', body: agency({ code: 'S MOI' }), expectStatus: 400, field: 'code' },
  {
    name: 'agency: code 51 characters',
    method: 'post',
    path: '/api/agencies',
    as: 'admin',
    body: agency({ code: 'A'.repeat(51) }),
    expectStatus: 400,
    field: 'code',
  },
  {
    name: 'agency: name whitespace only',
    method: 'post',
    path: '/api/agencies',
    as: 'admin',
    body: agency({ name: ' \t\n ' }),
    expectStatus: 400,
    field: 'name',
  },
  {
    name: 'agency: name 501 characters',
    method: 'post',
    path: '/api/agencies',
    as: 'admin',
    body: agency({ name: 'Đ'.repeat(501) }),
    expectStatus: 400,
    field: 'name',
  },
  {
    name: 'agency: name with DEL (\\u007f)',
    method: 'post',
    path: '/api/agencies',
    as: 'admin',
    body: agency({ name: 'Sở\u007fMới' }),
    expectStatus: 400,
    field: 'name',
  },
  {
    name: 'agency: name with a lone surrogate',
    method: 'post',
    path: '/api/agencies',
    as: 'admin',
    rawBody: '{"code":"SMOI","name":"S\\udfff"}',
    expectStatus: 400,
    field: 'name',
  },
  {
    name: 'agency: code taken (another case)',
    method: 'post',
    path: '/api/agencies',
    as: 'admin',
    body: (f: F) => agency({ code: f.w.agencies[0].code.toLowerCase() }),
    expectStatus: 409,
  },
  { name: 'agency: unknown field', method: 'post', path: '/api/agencies', as: 'admin', body: agency({ id: NO_SUCH_ID }), expectStatus: 400, field: 'id' },
  { name: 'agency: by the secretariat', method: 'post', path: '/api/agencies', as: 'secretariat', body: agency(), expectStatus: 403 },
  {
    name: 'agency: "__proto__" field',
    method: 'post',
    path: '/api/agencies',
    as: 'admin',
    rawBody: '{"code":"SMOI","name":"Sở Mới","__proto__":{"isAdmin":true}}',
    expectStatus: 400,
    field: '__proto__',
  },
  { name: 'agency: GET by a bad id', method: 'get', path: '/api/agencies/12345', as: 'admin', expectStatus: 400, field: 'id' },
  { name: 'agency: GET by the nil UUID', method: 'get', path: `/api/agencies/${NIL_UUID}`, as: 'admin', expectStatus: 404 },

  // --- Users ----------------------------------------------------------------------------------
  {
    name: 'user: email missing',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    body: { fullName: 'A', password: 'password-123', role: 'leader' },
    expectStatus: 400,
    field: 'email',
  },
  {
    name: 'user: email not an address',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    body: user({ email: 'not-an-email' }),
    expectStatus: 400,
    field: 'email',
  },
  { name: 'user: email taken', method: 'post', path: '/api/users', as: 'admin', body: user({ email: 'ADMIN@test.duthao' }), expectStatus: 409 },
  {
    name: 'user: password 7 characters',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    body: user({ password: 'short12' }),
    expectStatus: 400,
    field: 'password',
  },
  {
    name: 'user: password 201 characters',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    body: user({ password: 'p'.repeat(201) }),
    expectStatus: 400,
    field: 'password',
  },
  {
    name: 'user: role not one of the four',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    body: user({ role: 'superuser' }),
    expectStatus: 400,
    field: 'role',
  },
  { name: 'user: role in capitals', method: 'post', path: '/api/users', as: 'admin', body: user({ role: 'ADMIN' }), expectStatus: 400, field: 'role' },
  {
    name: 'user: email with a lone high surrogate',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    rawBody: '{"email":"moi\\ud800@test.vn","fullName":"Lê Văn Mới","password":"password-123","role":"secretariat"}',
    expectStatus: 400,
    field: 'email',
  },
  {
    name: 'user: email with a lone low surrogate',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    rawBody: '{"email":"\\udfffmoi@test.vn","fullName":"Lê Văn Mới","password":"password-123","role":"leader"}',
    expectStatus: 400,
    field: 'email',
  },
  {
    name: 'user: email with DEL',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    body: user({ email: 'moi\u007f@test.vn' }),
    expectStatus: 400,
    field: 'email',
  },
  {
    name: 'user: password of spaces only',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    body: user({ password: ' '.repeat(12) }),
    expectStatus: 400,
    field: 'password',
  },
  {
    name: 'user: agency role without agencyId',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    body: user({ role: 'agency' }),
    expectStatus: 400,
    field: 'agencyId',
  },
  {
    name: 'user: agencyId not a UUID',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    body: user({ role: 'agency', agencyId: 'SKHDT' }),
    expectStatus: 400,
    field: 'agencyId',
  },
  {
    name: 'user: unknown agencyId',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    body: user({ role: 'agency', agencyId: NO_SUCH_ID }),
    expectStatus: 400,
    field: 'agencyId',
  },
  { name: 'user: fullName blank', method: 'post', path: '/api/users', as: 'admin', body: user({ fullName: '' }), expectStatus: 400, field: 'fullName' },
  {
    name: 'user: fullName with NEL (\\u0085)',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    body: user({ fullName: 'Lê\u0085Văn' }),
    expectStatus: 400,
    field: 'fullName',
  },
  {
    name: 'user: fullName with a lone surrogate',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    rawBody: '{"email":"x1@test.vn","fullName":"L\\ud83d","password":"password-123","role":"leader"}',
    expectStatus: 400,
    field: 'fullName',
  },
  {
    name: 'user: unknown field passwordHash',
    method: 'post',
    path: '/api/users',
    as: 'admin',
    body: user({ passwordHash: '$argon2id$...' }),
    expectStatus: 400,
    field: 'passwordHash',
  },
  { name: 'user: by the secretariat', method: 'post', path: '/api/users', as: 'secretariat', body: user(), expectStatus: 403 },

  // --- Plans: the body as a whole -------------------------------------------------------------
  { name: 'plan: malformed JSON', method: 'post', path: '/api/plans', as: 'secretariat', rawBody: '{"title": "Đề án", "sections": [', expectStatus: 400 },
  {
    name: 'plan: trailing comma',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    rawBody: '{"title":"Đề án","sections":[{"heading":"H","body":"B"}],}',
    expectStatus: 400,
  },
  { name: 'plan: JSON is an array', method: 'post', path: '/api/plans', as: 'secretariat', rawBody: `[${PLAN_JSON}]`, expectStatus: 400 },
  { name: 'plan: JSON is a string', method: 'post', path: '/api/plans', as: 'secretariat', rawBody: '"Đề án"', expectStatus: 400 },
  { name: 'plan: JSON is null', method: 'post', path: '/api/plans', as: 'secretariat', rawBody: 'null', expectStatus: 400 },
  { name: 'plan: no body', method: 'post', path: '/api/plans', as: 'secretariat', expectStatus: 400, field: 'title' },
  {
    name: 'plan: Content-Type text/plain',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    rawBody: PLAN_JSON,
    headers: { 'Content-Type': 'text/plain' },
    expectStatus: 400,
    field: 'title',
  },
  {
    name: 'plan: Content-Type form-urlencoded',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    rawBody: 'title=x&sections=y',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    expectStatus: 400,
    field: 'title',
  },
  {
    name: 'plan: JSON in a charset other than UTF-8',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    rawBody: PLAN_JSON,
    headers: { 'Content-Type': 'application/json; charset=latin1' },
    expectStatus: 415,
  },
  {
    name: 'plan: body over 5 MB',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    rawBody: JSON.stringify(plan({ sections: [{ heading: 'H', body: 'a'.repeat(5 * 1024 * 1024 + 1024) }] })),
    expectStatus: 413,
  },
  {
    name: 'plan: unknown top-level field',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: plan({ status: 'approved' }),
    expectStatus: 400,
    field: 'status',
  },
  {
    name: 'plan: unknown nested field',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: planSection({ author: 'x' }),
    expectStatus: 400,
    field: 'sections[0].author',
  },
  {
    name: 'plan: deeply nested unknown field',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    rawBody: `{"title":"T","sections":[{"heading":"H","body":"B"}],"junk":${nested(5000)}}`,
    expectStatus: 400,
    field: 'junk',
  },
  {
    name: 'plan: nested a million levels deep',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    rawBody: `{"title":"T","sections":${nested(1_000_000)}}`,
    expectStatus: 400,
    field: 'sections',
  },
  {
    name: 'plan: "constructor" field',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    rawBody: PLAN_JSON.replace(/^\{/, '{"constructor":{"name":"x"},'),
    expectStatus: 400,
    field: 'constructor',
  },
  {
    name: 'plan: "prototype" field in a section',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    rawBody: '{"title":"T","sections":[{"heading":"H","body":"B","prototype":{}}]}',
    expectStatus: 400,
    field: 'sections[0].prototype',
  },
  {
    name: 'plan: "__proto__" field in a section',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    rawBody: '{"title":"T","sections":[{"heading":"H","body":"B","__proto__":{"isAdmin":true}}]}',
    expectStatus: 400,
    field: 'sections[0].__proto__',
  },
  {
    name: 'plan: deeply nested, with an Idempotency-Key',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    headers: { 'Idempotency-Key': 'deep-1' },
    rawBody: `{"title":"T","sections":[{"heading":"H","body":"B"}],"junk":${nested(20_000)}}`,
    expectStatus: 400,
    field: 'junk',
  },
  { name: 'plan: by an agency user', method: 'post', path: '/api/plans', as: 'agency0', body: plan(), expectStatus: 403 },
  { name: 'plan: by a leader', method: 'post', path: '/api/plans', as: 'leader', body: plan(), expectStatus: 403 },

  // --- Plans: title ----------------------------------------------------------------------------
  {
    name: 'title missing, in English',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    headers: { 'Accept-Language': 'en-US,en;q=0.9' },
    body: { sections: [SECTION] },
    expectStatus: 400,
    field: 'title: is required',
  },
  { name: 'title missing', method: 'post', path: '/api/plans', as: 'secretariat', body: { sections: [SECTION] }, expectStatus: 400, field: 'title' },
  { name: 'title null', method: 'post', path: '/api/plans', as: 'secretariat', body: plan({ title: null }), expectStatus: 400, field: 'title' },
  { name: 'title a number', method: 'post', path: '/api/plans', as: 'secretariat', body: plan({ title: 2022 }), expectStatus: 400, field: 'title' },
  { name: 'title an array', method: 'post', path: '/api/plans', as: 'secretariat', body: plan({ title: ['Đề án'] }), expectStatus: 400, field: 'title' },
  { name: 'title an object', method: 'post', path: '/api/plans', as: 'secretariat', body: plan({ title: { vi: 'Đề án' } }), expectStatus: 400, field: 'title' },
  { name: 'title empty', method: 'post', path: '/api/plans', as: 'secretariat', body: plan({ title: '' }), expectStatus: 400, field: 'title' },
  {
    name: 'title whitespace only',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: plan({ title: ' \t \n\r\n ' }),
    expectStatus: 400,
    field: 'title',
  },
  {
    name: 'title 501 ASCII characters',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: plan({ title: 'a'.repeat(501) }),
    expectStatus: 400,
    field: 'title',
  },
  {
    name: 'title 501 Vietnamese characters',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: plan({ title: `${VI_500}ơ` }),
    expectStatus: 400,
    field: 'title',
  },
  {
    name: 'title 501 emoji',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: plan({ title: `${EMOJI_500}🎉` }),
    expectStatus: 400,
    field: 'title',
  },
  {
    name: 'title with NUL (\\u0000)',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: plan({ title: 'Đề án\u0000' }),
    expectStatus: 400,
    field: 'title',
  },
  {
    name: 'title with BEL (\\u0007)',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: plan({ title: 'Đề\u0007án' }),
    expectStatus: 400,
    field: 'title',
  },
  {
    name: 'title with ESC (\\u001b)',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: plan({ title: '\u001b[31mĐề án' }),
    expectStatus: 400,
    field: 'title',
  },
  {
    name: 'title with DEL (\\u007f)',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: plan({ title: 'Đề án\u007f' }),
    expectStatus: 400,
    field: 'title',
  },
  {
    name: 'title with NEL (\\u0085)',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: plan({ title: 'Đề\u0085án' }),
    expectStatus: 400,
    field: 'title',
  },
  {
    name: 'title with a lone \\r',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: plan({ title: 'Đề án\rkế hoạch' }),
    expectStatus: 400,
    field: 'title',
  },
  {
    name: 'title with vertical tab',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: plan({ title: 'Đề án\u000bkế hoạch' }),
    expectStatus: 400,
    field: 'title',
  },
  {
    name: 'title with a lone high surrogate',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    rawBody: rawPlanTitle('Đề án \\ud800'),
    expectStatus: 400,
    field: 'title',
  },
  {
    name: 'title with a lone low surrogate',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    rawBody: rawPlanTitle('\\udc00 Đề án'),
    expectStatus: 400,
    field: 'title',
  },
  {
    name: 'title with a reversed surrogate pair',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    rawBody: rawPlanTitle('\\ude00\\ud83d'),
    expectStatus: 400,
    field: 'title',
  },

  // --- Plans: other fields ----------------------------------------------------------------------
  {
    name: 'kind 101 characters',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: plan({ kind: 'k'.repeat(101) }),
    expectStatus: 400,
    field: 'kind',
  },
  { name: 'kind a boolean', method: 'post', path: '/api/plans', as: 'secretariat', body: plan({ kind: true }), expectStatus: 400, field: 'kind' },
  {
    name: 'ownerAgencyId not a UUID',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: plan({ ownerAgencyId: 'SKHDT' }),
    expectStatus: 400,
    field: 'ownerAgencyId',
  },
  {
    name: 'ownerAgencyId a UUID in braces',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: plan({ ownerAgencyId: `{${NO_SUCH_ID}}` }),
    expectStatus: 400,
    field: 'ownerAgencyId',
  },
  {
    name: 'ownerAgencyId of no agency',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: plan({ ownerAgencyId: NO_SUCH_ID }),
    expectStatus: 400,
    field: 'ownerAgencyId',
  },
  { name: 'sections missing', method: 'post', path: '/api/plans', as: 'secretariat', body: { title: 'Đề án' }, expectStatus: 400, field: 'sections' },
  { name: '0 sections', method: 'post', path: '/api/plans', as: 'secretariat', body: plan({ sections: [] }), expectStatus: 400, field: 'sections' },
  {
    name: '501 sections',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: plan({ sections: sections(501) }),
    expectStatus: 400,
    field: 'sections',
  },
  {
    name: 'sections an object',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: plan({ sections: SECTION }),
    expectStatus: 400,
    field: 'sections',
  },
  {
    name: 'sections a string',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: plan({ sections: 'Phần I' }),
    expectStatus: 400,
    field: 'sections',
  },
  {
    name: 'a section that is a string',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: plan({ sections: ['Phần I'] }),
    expectStatus: 400,
    field: 'sections',
  },
  {
    name: 'a section that is an array',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: plan({ sections: [[SECTION]] }),
    expectStatus: 400,
    field: 'sections',
  },
  {
    name: 'a section that is null',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: plan({ sections: [null] }),
    expectStatus: 400,
    field: 'sections',
  },
  {
    name: 'section heading missing',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: plan({ sections: [{ body: 'B' }] }),
    expectStatus: 400,
    field: 'sections[0].heading',
  },
  {
    name: 'section body missing',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: plan({ sections: [{ heading: 'H' }] }),
    expectStatus: 400,
    field: 'sections[0].body',
  },
  {
    name: 'section heading whitespace only',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: planSection({ heading: '\u00a0 \t ' }),
    expectStatus: 400,
    field: 'sections[0].heading',
  },
  {
    name: 'section heading 501 characters',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: planSection({ heading: 'ữ'.repeat(501) }),
    expectStatus: 400,
    field: 'sections[0].heading',
  },
  {
    name: 'section body 200,001 characters',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: planSection({ body: 'a'.repeat(200_001) }),
    expectStatus: 400,
    field: 'sections[0].body',
  },
  {
    name: 'section body with NUL',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: planSection({ body: 'Nội dung\u0000' }),
    expectStatus: 400,
    field: 'sections[0].body',
  },
  {
    name: 'section body a number',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: planSection({ body: 633 }),
    expectStatus: 400,
    field: 'sections[0].body',
  },
  {
    name: 'section body with a lone surrogate',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    rawBody: '{"title":"T","sections":[{"heading":"H","body":"a\\udbffb"}]}',
    expectStatus: 400,
    field: 'sections[0].body',
  },
  {
    name: 'section key given on a new plan',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: planSection({ key: 's-0123456789' }),
    expectStatus: 400,
    field: 'sections[0].key',
  },
  {
    name: 'section key with bad characters',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: planSection({ key: "s'; DROP TABLE plans;--" }),
    expectStatus: 400,
    field: 'sections[0].key',
  },
  {
    name: 'second section with an unknown field',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    body: plan({ sections: [SECTION, { ...SECTION, order: 2 }] }),
    expectStatus: 400,
    field: 'sections[1].order',
  },

  // --- Plan paths and versions ------------------------------------------------------------------
  { name: 'plan id not a UUID', method: 'get', path: '/api/plans/123', as: 'secretariat', expectStatus: 400, field: 'id' },
  { name: 'plan id with SQL', method: 'get', path: `/api/plans/${encodeURIComponent("1' OR '1'='1")}`, as: 'secretariat', expectStatus: 400, field: 'id' },
  { name: 'plan id with an encoded NUL', method: 'get', path: '/api/plans/%00', as: 'secretariat', expectStatus: 400, field: 'id' },
  { name: 'plan id almost a UUID', method: 'get', path: '/api/plans/7f3c2a10-5b1e-4c3d-9a8b-0123456789ag', as: 'secretariat', expectStatus: 400, field: 'id' },
  { name: 'plan id of no plan', method: 'get', path: `/api/plans/${NO_SUCH_ID}`, as: 'secretariat', expectStatus: 404 },
  {
    name: 'freeze: note missing',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/versions`,
    as: 'secretariat',
    body: {},
    expectStatus: 400,
    field: 'note',
  },
  {
    name: 'freeze: note blank',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/versions`,
    as: 'secretariat',
    body: { note: '   ' },
    expectStatus: 400,
    field: 'note',
  },
  {
    name: 'freeze: note with ESC',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/versions`,
    as: 'secretariat',
    body: { note: 'Lần 2\u001b' },
    expectStatus: 400,
    field: 'note',
  },
  {
    name: 'freeze: note 2,001 characters',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/versions`,
    as: 'secretariat',
    body: { note: 'n'.repeat(2001) },
    expectStatus: 400,
    field: 'note',
  },
  {
    name: 'freeze: nothing changed since version 1',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/versions`,
    as: 'secretariat',
    body: { note: 'Dự thảo lần 2' },
    expectStatus: 409,
  },
  { name: 'freeze: bad plan id', method: 'post', path: '/api/plans/abc/versions', as: 'secretariat', body: { note: 'Lần 2' }, expectStatus: 400, field: 'id' },
  { name: 'version 0', method: 'get', path: (f) => `/api/plans/${f.planA}/versions/0`, as: 'secretariat', expectStatus: 400, field: 'n' },
  { name: 'version -1', method: 'get', path: (f) => `/api/plans/${f.planA}/versions/-1`, as: 'secretariat', expectStatus: 400, field: 'n' },
  { name: 'version abc', method: 'get', path: (f) => `/api/plans/${f.planA}/versions/abc`, as: 'secretariat', expectStatus: 400, field: 'n' },
  { name: 'version 1.5', method: 'get', path: (f) => `/api/plans/${f.planA}/versions/1.5`, as: 'secretariat', expectStatus: 400, field: 'n' },
  {
    name: 'version 2147483648 (over int4)',
    method: 'get',
    path: (f) => `/api/plans/${f.planA}/versions/2147483648`,
    as: 'secretariat',
    expectStatus: 400,
    field: 'n',
  },
  {
    name: 'version 1e20',
    method: 'get',
    path: (f) => `/api/plans/${f.planA}/versions/100000000000000000000`,
    as: 'secretariat',
    expectStatus: 400,
    field: 'n',
  },
  { name: 'version that does not exist', method: 'get', path: (f) => `/api/plans/${f.planA}/versions/7`, as: 'secretariat', expectStatus: 404 },
  { name: 'diff: from missing', method: 'get', path: (f) => `/api/plans/${f.planB}/versions/2/diff`, as: 'secretariat', expectStatus: 400, field: 'from' },
  { name: 'diff: from abc', method: 'get', path: (f) => `/api/plans/${f.planB}/versions/2/diff?from=abc`, as: 'secretariat', expectStatus: 400, field: 'from' },
  { name: 'diff: from 0', method: 'get', path: (f) => `/api/plans/${f.planB}/versions/2/diff?from=0`, as: 'secretariat', expectStatus: 400, field: 'from' },
  { name: 'diff: from -1', method: 'get', path: (f) => `/api/plans/${f.planB}/versions/2/diff?from=-1`, as: 'secretariat', expectStatus: 400, field: 'from' },
  { name: 'diff: from 1.5', method: 'get', path: (f) => `/api/plans/${f.planB}/versions/2/diff?from=1.5`, as: 'secretariat', expectStatus: 400, field: 'from' },
  { name: 'diff: from empty', method: 'get', path: (f) => `/api/plans/${f.planB}/versions/2/diff?from=`, as: 'secretariat', expectStatus: 400, field: 'from' },
  {
    name: 'diff: from 2147483648',
    method: 'get',
    path: (f) => `/api/plans/${f.planB}/versions/2/diff?from=2147483648`,
    as: 'secretariat',
    expectStatus: 400,
    field: 'from',
  },
  {
    name: 'diff: from repeated',
    method: 'get',
    path: (f) => `/api/plans/${f.planB}/versions/2/diff?from=1&from=2`,
    as: 'secretariat',
    expectStatus: 400,
    field: 'from',
  },
  {
    name: 'diff: unknown query parameter',
    method: 'get',
    path: (f) => `/api/plans/${f.planB}/versions/2/diff?from=1&mode=words`,
    as: 'secretariat',
    expectStatus: 400,
    field: 'mode',
  },
  {
    name: 'diff: from a version that does not exist',
    method: 'get',
    path: (f) => `/api/plans/${f.planB}/versions/2/diff?from=9`,
    as: 'secretariat',
    expectStatus: 404,
  },

  // --- Draft PUT ----------------------------------------------------------------------------------
  {
    name: 'draft: If-Match missing',
    method: 'put',
    path: (f) => `/api/plans/${f.planA}/draft`,
    as: 'secretariat',
    body: draftWith((s) => s),
    expectStatus: 428,
  },
  {
    name: 'draft: stale If-Match',
    method: 'put',
    path: (f) => `/api/plans/${f.planA}/draft`,
    as: 'secretariat',
    headers: { 'If-Match': '"draft-0"' },
    body: draftWith((s) => s),
    expectStatus: 412,
  },
  {
    name: 'draft: garbage If-Match',
    method: 'put',
    path: (f) => `/api/plans/${f.planA}/draft`,
    as: 'secretariat',
    headers: { 'If-Match': 'W/"whatever"' },
    body: draftWith((s) => s),
    expectStatus: 412,
  },
  {
    name: 'draft: If-Match with a huge revision',
    method: 'put',
    path: (f) => `/api/plans/${f.planA}/draft`,
    as: 'secretariat',
    headers: { 'If-Match': '"draft-99999999999999999999"' },
    body: draftWith((s) => s),
    expectStatus: 412,
  },
  {
    name: 'draft: sections missing',
    method: 'put',
    path: (f) => `/api/plans/${f.planA}/draft`,
    as: 'secretariat',
    headers: ifMatch,
    body: {},
    expectStatus: 400,
    field: 'sections',
  },
  {
    name: 'draft: 0 sections',
    method: 'put',
    path: (f) => `/api/plans/${f.planA}/draft`,
    as: 'secretariat',
    headers: ifMatch,
    body: { sections: [] },
    expectStatus: 400,
    field: 'sections',
  },
  {
    name: 'draft: 501 sections',
    method: 'put',
    path: (f) => `/api/plans/${f.planA}/draft`,
    as: 'secretariat',
    headers: ifMatch,
    body: { sections: sections(501) },
    expectStatus: 400,
    field: 'sections',
  },
  {
    name: 'draft: section body 200,001 characters',
    method: 'put',
    path: (f) => `/api/plans/${f.planA}/draft`,
    as: 'secretariat',
    headers: ifMatch,
    body: draftWith((s) => [{ ...s[0], body: 'b'.repeat(200_001) }, ...s.slice(1)]),
    expectStatus: 400,
    field: 'sections[0].body',
  },
  {
    name: 'draft: heading blank in the third section',
    method: 'put',
    path: (f) => `/api/plans/${f.planA}/draft`,
    as: 'secretariat',
    headers: ifMatch,
    body: draftWith((s) => [s[0], s[1], { ...s[2], heading: '  ' }]),
    expectStatus: 400,
    field: 'sections[2].heading',
  },
  {
    name: 'draft: unknown nested field',
    method: 'put',
    path: (f) => `/api/plans/${f.planA}/draft`,
    as: 'secretariat',
    headers: ifMatch,
    body: draftWith((s) => [{ ...s[0], locked: true }, ...s.slice(1)]),
    expectStatus: 400,
    field: 'sections[0].locked',
  },
  {
    name: 'draft: unknown top-level field',
    method: 'put',
    path: (f) => `/api/plans/${f.planA}/draft`,
    as: 'secretariat',
    headers: ifMatch,
    body: (f: F) => ({ sections: f.draftA, revision: 1 }),
    expectStatus: 400,
    field: 'revision',
  },
  {
    name: 'draft: key of no section of the plan',
    method: 'put',
    path: (f) => `/api/plans/${f.planA}/draft`,
    as: 'secretariat',
    headers: ifMatch,
    body: draftWith((s) => [{ ...s[0], key: 's-ffffffffff' }, ...s.slice(1)]),
    expectStatus: 400,
    field: 'sections[0].key',
  },
  {
    name: 'draft: a key twice',
    method: 'put',
    path: (f) => `/api/plans/${f.planA}/draft`,
    as: 'secretariat',
    headers: ifMatch,
    body: draftWith((s) => [s[0], { ...s[1], key: s[0].key }, s[2]]),
    expectStatus: 400,
    field: 'sections[1].key',
  },
  {
    name: 'draft: key 65 characters',
    method: 'put',
    path: (f) => `/api/plans/${f.planA}/draft`,
    as: 'secretariat',
    headers: ifMatch,
    body: draftWith((s) => [{ ...s[0], key: 'k'.repeat(65) }, ...s.slice(1)]),
    expectStatus: 400,
    field: 'sections[0].key',
  },
  {
    name: 'draft: heading with a lone \\r',
    method: 'put',
    path: (f) => `/api/plans/${f.planA}/draft`,
    as: 'secretariat',
    headers: ifMatch,
    body: draftWith((s) => [{ ...s[0], heading: 'Phần I\r' }, ...s.slice(1)]),
    expectStatus: 400,
    field: 'sections[0].heading',
  },
  {
    name: 'draft: heading with a lone surrogate',
    method: 'put',
    path: (f) => `/api/plans/${f.planA}/draft`,
    as: 'secretariat',
    headers: ifMatch,
    rawBody: '{"sections":[{"heading":"Ph\\udc01n I","body":"x"}]}',
    expectStatus: 400,
    field: 'sections[0].heading',
  },
  {
    name: 'draft: by an agency user',
    method: 'put',
    path: (f) => `/api/plans/${f.planA}/draft`,
    as: 'agency0',
    headers: ifMatch,
    body: draftWith((s) => s),
    expectStatus: 403,
  },
  {
    name: 'draft: plan of no plan',
    method: 'put',
    path: `/api/plans/${NO_SUCH_ID}/draft`,
    as: 'secretariat',
    headers: ifMatch,
    body: draftWith((s) => s),
    expectStatus: 404,
  },

  // --- Rounds -------------------------------------------------------------------------------------
  {
    name: 'round: title missing',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: (f: F) => ({ ...round()(f), title: undefined }),
    expectStatus: 400,
    field: 'title',
  },
  {
    name: 'round: title 501 characters',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: round({ title: 'ợ'.repeat(501) }),
    expectStatus: 400,
    field: 'title',
  },
  {
    name: 'round: versionNumber a string',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: round({ versionNumber: '1' }),
    expectStatus: 400,
    field: 'versionNumber',
  },
  {
    name: 'round: versionNumber 0',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: round({ versionNumber: 0 }),
    expectStatus: 400,
    field: 'versionNumber',
  },
  {
    name: 'round: versionNumber -1',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: round({ versionNumber: -1 }),
    expectStatus: 400,
    field: 'versionNumber',
  },
  {
    name: 'round: versionNumber 1.5',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: round({ versionNumber: 1.5 }),
    expectStatus: 400,
    field: 'versionNumber',
  },
  {
    name: 'round: versionNumber 2147483648',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: round({ versionNumber: 2147483648 }),
    expectStatus: 400,
    field: 'versionNumber',
  },
  {
    name: 'round: versionNumber 1e20',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: round({ versionNumber: 1e20 }),
    expectStatus: 400,
    field: 'versionNumber',
  },
  {
    name: 'round: version the plan does not have',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: round({ versionNumber: 2 }),
    expectStatus: 400,
    field: 'versionNumber',
  },
  {
    name: 'round: deadline without offset',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: round({ deadline: '2031-06-30T17:00:00' }),
    expectStatus: 400,
    field: 'deadline',
  },
  {
    name: 'round: deadline 30 February',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: round({ deadline: '2031-02-30T17:00:00+07:00' }),
    expectStatus: 400,
    field: 'deadline',
  },
  {
    name: 'round: deadline 29 February of a common year',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: round({ deadline: '2031-02-29T17:00:00Z' }),
    expectStatus: 400,
    field: 'deadline',
  },
  {
    name: 'round: deadline in year 99999',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: round({ deadline: '+099999-06-30T17:00:00Z' }),
    expectStatus: 400,
    field: 'deadline',
  },
  {
    name: 'round: deadline 99999-06-30',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: round({ deadline: '99999-06-30T17:00:00Z' }),
    expectStatus: 400,
    field: 'deadline',
  },
  {
    name: 'round: deadline empty',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: round({ deadline: '' }),
    expectStatus: 400,
    field: 'deadline',
  },
  {
    name: 'round: deadline a date only',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: round({ deadline: '2031-06-30' }),
    expectStatus: 400,
    field: 'deadline',
  },
  {
    name: 'round: deadline hour 24',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: round({ deadline: '2031-06-30T24:00:00Z' }),
    expectStatus: 400,
    field: 'deadline',
  },
  {
    name: 'round: deadline offset +25:00',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: round({ deadline: '2031-06-30T17:00:00+25:00' }),
    expectStatus: 400,
    field: 'deadline',
  },
  {
    name: 'round: deadline epoch milliseconds',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: round({ deadline: 1940000000000 }),
    expectStatus: 400,
    field: 'deadline',
  },
  {
    name: 'round: deadline in the past',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: round({ deadline: '2001-01-01T00:00:00+07:00' }),
    expectStatus: 400,
    field: 'deadline',
  },
  {
    name: 'round: agencyIds empty',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: round({ agencyIds: [] }),
    expectStatus: 400,
    field: 'agencyIds',
  },
  {
    name: 'round: agencyIds a string',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: (f: F) => round({ agencyIds: f.agencyIds[0] })(f),
    expectStatus: 400,
    field: 'agencyIds',
  },
  {
    name: 'round: agencyIds not UUIDs',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: round({ agencyIds: ['SKHDT'] }),
    expectStatus: 400,
    field: 'agencyIds',
  },
  {
    name: 'round: agencyIds of no agency',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: (f: F) => round({ agencyIds: [f.agencyIds[0], NO_SUCH_ID] })(f),
    expectStatus: 400,
    field: 'agencyIds',
  },
  {
    name: 'round: duplicate agencyIds',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: (f: F) => round({ agencyIds: [f.agencyIds[0], f.agencyIds[0]] })(f),
    expectStatus: 400,
    field: 'Các đơn vị (agencyIds): có mục bị trùng',
  },
  {
    name: 'round: duplicate agencyIds in other case',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: (f: F) => round({ agencyIds: [f.agencyIds[0], f.agencyIds[0].toUpperCase()] })(f),
    expectStatus: 400,
    field: 'Các đơn vị (agencyIds): có mục bị trùng',
  },
  {
    name: 'round: 501 agencyIds',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: round({ agencyIds: Array.from({ length: 501 }, () => randomUUID()) }),
    expectStatus: 400,
    field: 'agencyIds',
  },
  {
    name: 'round: unknown field',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/rounds`,
    as: 'secretariat',
    body: round({ status: 'closed' }),
    expectStatus: 400,
    field: 'status',
  },
  {
    name: 'round: plan already in consultation',
    method: 'post',
    path: (f) => `/api/plans/${f.planB}/rounds`,
    as: 'secretariat',
    body: round(),
    expectStatus: 409,
  },
  { name: 'round: by a leader', method: 'post', path: (f) => `/api/plans/${f.planA}/rounds`, as: 'leader', body: round(), expectStatus: 403 },
  { name: 'round: GET by a bad id', method: 'get', path: '/api/rounds/round-1', as: 'secretariat', expectStatus: 400, field: 'id' },
  { name: 'round: GET by an uninvited agency', method: 'get', path: (f) => `/api/rounds/${f.roundB}`, as: 'agency3', expectStatus: 404 },

  // --- Comments: create -------------------------------------------------------------------------------
  { name: 'comment: body missing', method: 'post', path: (f) => `/api/rounds/${f.roundB}/comments`, as: 'agency0', body: {}, expectStatus: 400, field: 'body' },
  {
    name: 'comment: body whitespace only',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/comments`,
    as: 'agency0',
    body: { body: '\n\n\t ' },
    expectStatus: 400,
    field: 'body',
  },
  {
    name: 'comment: body 20,001 characters',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/comments`,
    as: 'agency0',
    body: { body: 'ý'.repeat(20_001) },
    expectStatus: 400,
    field: 'body',
  },
  {
    name: 'comment: body with BEL',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/comments`,
    as: 'agency0',
    body: { body: 'Đề nghị\u0007' },
    expectStatus: 400,
    field: 'body',
  },
  {
    name: 'comment: body with a reversed surrogate pair',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/comments`,
    as: 'agency0',
    rawBody: '{"body":"\\udc00\\ud800"}',
    expectStatus: 400,
    field: 'body',
  },
  {
    name: 'comment: body a number',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/comments`,
    as: 'agency0',
    body: { body: 1 },
    expectStatus: 400,
    field: 'body',
  },
  {
    name: 'comment: quote without sectionKey',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/comments`,
    as: 'agency0',
    body: { quote: '633 hợp tác xã', body: 'Đề nghị làm rõ.' },
    expectStatus: 400,
    field: 'sectionKey',
  },
  {
    name: 'comment: quote that does not occur in the section',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/comments`,
    as: 'agency0',
    body: (f: F) => ({ sectionKey: f.keysB[1], quote: '999 hợp tác xã', body: 'Đề nghị làm rõ.' }),
    expectStatus: 400,
    field: 'quote',
  },
  {
    name: 'comment: quote from another section',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/comments`,
    as: 'agency0',
    body: (f: F) => ({ sectionKey: f.keysB[0], quote: '633 hợp tác xã', body: 'Đề nghị làm rõ.' }),
    expectStatus: 400,
    field: 'quote',
  },
  {
    name: 'comment: quote only in version 2, round on version 1',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/comments`,
    as: 'agency0',
    body: (f: F) => ({ sectionKey: f.keysB[1], quote: 'giải thể trong cùng kỳ', body: 'Đề nghị làm rõ.' }),
    expectStatus: 400,
    field: 'quote',
  },
  {
    name: 'comment: quote whitespace only',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/comments`,
    as: 'agency0',
    body: (f: F) => ({ sectionKey: f.keysB[1], quote: '   ', body: 'Đề nghị làm rõ.' }),
    expectStatus: 400,
    field: 'quote',
  },
  {
    name: 'comment: quote 20,001 characters',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/comments`,
    as: 'agency0',
    body: (f: F) => ({ sectionKey: f.keysB[1], quote: 'q'.repeat(20_001), body: 'Đề nghị.' }),
    expectStatus: 400,
    field: 'quote',
  },
  {
    name: 'comment: sectionKey of no section',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/comments`,
    as: 'agency0',
    body: { sectionKey: 's-0000000000', body: 'Đề nghị.' },
    expectStatus: 400,
    field: 'sectionKey',
  },
  {
    name: 'comment: sectionKey with bad characters',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/comments`,
    as: 'agency0',
    body: { sectionKey: '../etc/passwd', body: 'Đề nghị.' },
    expectStatus: 400,
    field: 'sectionKey',
  },
  {
    name: 'comment: sectionKey a number',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/comments`,
    as: 'agency0',
    body: { sectionKey: 1, body: 'Đề nghị.' },
    expectStatus: 400,
    field: 'sectionKey',
  },
  {
    name: 'comment: unknown field',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/comments`,
    as: 'agency0',
    body: { body: 'Đề nghị.', status: 'submitted' },
    expectStatus: 400,
    field: 'status',
  },
  {
    name: 'comment: JSON is an array',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/comments`,
    as: 'agency0',
    rawBody: '[{"body":"Đề nghị."}]',
    expectStatus: 400,
  },
  {
    name: 'comment: round id not a UUID',
    method: 'post',
    path: '/api/rounds/1/comments',
    as: 'agency0',
    body: { body: 'Đề nghị.' },
    expectStatus: 400,
    field: 'id',
  },
  {
    name: 'comment: round of no round',
    method: 'post',
    path: `/api/rounds/${NO_SUCH_ID}/comments`,
    as: 'agency0',
    body: { body: 'Đề nghị.' },
    expectStatus: 404,
  },
  {
    name: 'comment: by an uninvited agency',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/comments`,
    as: 'agency3',
    body: { body: 'Đề nghị.' },
    expectStatus: 404,
  },
  {
    name: 'comment: by an agency that already responded',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/comments`,
    as: 'agency1',
    body: { body: 'Đề nghị.' },
    expectStatus: 409,
  },
  {
    name: 'comment: by the secretariat',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/comments`,
    as: 'secretariat',
    body: { body: 'Đề nghị.' },
    expectStatus: 403,
  },

  // --- Comments: patch --------------------------------------------------------------------------------
  { name: 'patch comment: empty object', method: 'patch', path: (f) => `/api/comments/${f.draftComment}`, as: 'agency0', body: {}, expectStatus: 400 },
  {
    name: 'patch comment: body null',
    method: 'patch',
    path: (f) => `/api/comments/${f.draftComment}`,
    as: 'agency0',
    body: { body: null },
    expectStatus: 400,
    field: 'body',
  },
  {
    name: 'patch comment: body blank',
    method: 'patch',
    path: (f) => `/api/comments/${f.draftComment}`,
    as: 'agency0',
    body: { body: '' },
    expectStatus: 400,
    field: 'body',
  },
  {
    name: 'patch comment: body 20,001 characters',
    method: 'patch',
    path: (f) => `/api/comments/${f.draftComment}`,
    as: 'agency0',
    body: { body: '😀'.repeat(20_001) },
    expectStatus: 400,
    field: 'body',
  },
  {
    name: 'patch comment: body with NUL',
    method: 'patch',
    path: (f) => `/api/comments/${f.draftComment}`,
    as: 'agency0',
    body: { body: 'x\u0000' },
    expectStatus: 400,
    field: 'body',
  },
  {
    name: 'patch comment: quote without sectionKey',
    method: 'patch',
    path: (f) => `/api/comments/${f.draftComment}`,
    as: 'agency0',
    body: { quote: '633 hợp tác xã' },
    expectStatus: 400,
    field: 'sectionKey',
  },
  {
    name: 'patch comment: quote not in the section',
    method: 'patch',
    path: (f) => `/api/comments/${f.draftComment}`,
    as: 'agency0',
    body: (f: F) => ({ sectionKey: f.keysB[2], quote: 'không có đoạn này' }),
    expectStatus: 400,
    field: 'quote',
  },
  {
    name: 'patch comment: sectionKey of no section',
    method: 'patch',
    path: (f) => `/api/comments/${f.draftComment}`,
    as: 'agency0',
    body: { sectionKey: 'khong-co' },
    expectStatus: 400,
    field: 'sectionKey',
  },
  {
    name: 'patch comment: unknown field',
    method: 'patch',
    path: (f) => `/api/comments/${f.draftComment}`,
    as: 'agency0',
    body: { body: 'Sửa.', agencyId: NO_SUCH_ID },
    expectStatus: 400,
    field: 'agencyId',
  },
  {
    name: 'patch comment: JSON is a string',
    method: 'patch',
    path: (f) => `/api/comments/${f.draftComment}`,
    as: 'agency0',
    rawBody: '"Sửa."',
    expectStatus: 400,
  },
  {
    name: 'patch comment: another agency',
    method: 'patch',
    path: (f) => `/api/comments/${f.draftComment}`,
    as: 'agency1',
    body: { body: 'Sửa.' },
    expectStatus: 404,
  },
  {
    name: 'patch comment: after submission',
    method: 'patch',
    path: (f) => `/api/comments/${f.submittedComment}`,
    as: 'agency1',
    body: { body: 'Sửa.' },
    expectStatus: 409,
  },
  { name: 'patch comment: bad id', method: 'patch', path: '/api/comments/not-a-uuid', as: 'agency0', body: { body: 'Sửa.' }, expectStatus: 400, field: 'id' },
  { name: 'delete comment: after submission', method: 'delete', path: (f) => `/api/comments/${f.submittedComment}`, as: 'agency1', expectStatus: 409 },
  { name: 'delete comment: another agency', method: 'delete', path: (f) => `/api/comments/${f.draftComment}`, as: 'agency2', expectStatus: 404 },

  // --- Responses --------------------------------------------------------------------------------------
  {
    name: 'response: noComments a string',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/responses`,
    as: 'agency2',
    body: { noComments: 'true' },
    expectStatus: 400,
    field: 'noComments',
  },
  {
    name: 'response: noComments a number',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/responses`,
    as: 'agency2',
    body: { noComments: 1 },
    expectStatus: 400,
    field: 'noComments',
  },
  {
    name: 'response: no comments and no noComments',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/responses`,
    as: 'agency2',
    body: {},
    expectStatus: 400,
  },
  {
    name: 'response: noComments false and no comments',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/responses`,
    as: 'agency2',
    body: { noComments: false, reference: '12/SXD' },
    expectStatus: 400,
  },
  {
    name: 'response: noComments true with draft comments',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/responses`,
    as: 'agency0',
    body: { noComments: true },
    expectStatus: 400,
    field: 'noComments',
  },
  {
    name: 'response: reference 201 characters',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/responses`,
    as: 'agency0',
    body: { reference: 'r'.repeat(201) },
    expectStatus: 400,
    field: 'reference',
  },
  {
    name: 'response: reference with a lone \\r',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/responses`,
    as: 'agency0',
    body: { reference: '215/\rLMHTX' },
    expectStatus: 400,
    field: 'reference',
  },
  {
    name: 'response: unknown field',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/responses`,
    as: 'agency0',
    body: { reference: '1/X', late: false },
    expectStatus: 400,
    field: 'late',
  },
  {
    name: 'response: already responded',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/responses`,
    as: 'agency1',
    body: { noComments: true },
    expectStatus: 409,
  },
  {
    name: 'response: uninvited agency',
    method: 'post',
    path: (f) => `/api/rounds/${f.roundB}/responses`,
    as: 'agency3',
    body: { noComments: true },
    expectStatus: 404,
  },

  // --- Dispositions -----------------------------------------------------------------------------------
  {
    name: 'disposition: decision missing',
    method: 'put',
    path: (f) => `/api/comments/${f.submittedComment}/disposition`,
    as: 'secretariat',
    body: { reason: 'Lý do.' },
    expectStatus: 400,
    field: 'decision',
  },
  {
    name: 'disposition: decision not one of the four',
    method: 'put',
    path: (f) => `/api/comments/${f.submittedComment}/disposition`,
    as: 'secretariat',
    body: { decision: 'rejected', reason: 'Lý do.' },
    expectStatus: 400,
    field: 'decision',
  },
  {
    name: 'disposition: decision in Vietnamese',
    method: 'put',
    path: (f) => `/api/comments/${f.submittedComment}/disposition`,
    as: 'secretariat',
    body: { decision: 'Tiếp thu' },
    expectStatus: 400,
    field: 'decision',
  },
  {
    name: 'disposition: explained without reason',
    method: 'put',
    path: (f) => `/api/comments/${f.submittedComment}/disposition`,
    as: 'secretariat',
    body: { decision: 'explained' },
    expectStatus: 400,
    field: 'reason',
  },
  {
    name: 'disposition: not_accepted with a null reason',
    method: 'put',
    path: (f) => `/api/comments/${f.submittedComment}/disposition`,
    as: 'secretariat',
    body: { decision: 'not_accepted', reason: null },
    expectStatus: 400,
    field: 'reason',
  },
  {
    name: 'disposition: partially_accepted with a blank reason',
    method: 'put',
    path: (f) => `/api/comments/${f.submittedComment}/disposition`,
    as: 'secretariat',
    body: { decision: 'partially_accepted', reason: '  \n ' },
    expectStatus: 400,
    field: 'reason',
  },
  {
    name: 'disposition: reason 20,001 characters',
    method: 'put',
    path: (f) => `/api/comments/${f.submittedComment}/disposition`,
    as: 'secretariat',
    body: { decision: 'explained', reason: 'l'.repeat(20_001) },
    expectStatus: 400,
    field: 'reason',
  },
  {
    name: 'disposition: reason with NUL',
    method: 'put',
    path: (f) => `/api/comments/${f.submittedComment}/disposition`,
    as: 'secretariat',
    body: { decision: 'explained', reason: 'Lý do\u0000' },
    expectStatus: 400,
    field: 'reason',
  },
  {
    name: 'disposition: reason with a lone surrogate',
    method: 'put',
    path: (f) => `/api/comments/${f.submittedComment}/disposition`,
    as: 'secretariat',
    rawBody: '{"decision":"explained","reason":"L\\ud800"}',
    expectStatus: 400,
    field: 'reason',
  },
  {
    name: "disposition: addressedInVersion = the round's version",
    method: 'put',
    path: (f) => `/api/comments/${f.submittedComment}/disposition`,
    as: 'secretariat',
    body: { decision: 'accepted', addressedInVersion: 1 },
    expectStatus: 400,
    field: 'addressedInVersion',
  },
  {
    name: 'disposition: addressedInVersion not yet frozen',
    method: 'put',
    path: (f) => `/api/comments/${f.submittedComment}/disposition`,
    as: 'secretariat',
    body: { decision: 'accepted', addressedInVersion: 3 },
    expectStatus: 400,
    field: 'addressedInVersion',
  },
  {
    name: 'disposition: addressedInVersion 0',
    method: 'put',
    path: (f) => `/api/comments/${f.submittedComment}/disposition`,
    as: 'secretariat',
    body: { decision: 'accepted', addressedInVersion: 0 },
    expectStatus: 400,
    field: 'addressedInVersion',
  },
  {
    name: 'disposition: addressedInVersion -2',
    method: 'put',
    path: (f) => `/api/comments/${f.submittedComment}/disposition`,
    as: 'secretariat',
    body: { decision: 'accepted', addressedInVersion: -2 },
    expectStatus: 400,
    field: 'addressedInVersion',
  },
  {
    name: 'disposition: addressedInVersion 2.5',
    method: 'put',
    path: (f) => `/api/comments/${f.submittedComment}/disposition`,
    as: 'secretariat',
    body: { decision: 'accepted', addressedInVersion: 2.5 },
    expectStatus: 400,
    field: 'addressedInVersion',
  },
  {
    name: 'disposition: addressedInVersion "2"',
    method: 'put',
    path: (f) => `/api/comments/${f.submittedComment}/disposition`,
    as: 'secretariat',
    body: { decision: 'accepted', addressedInVersion: '2' },
    expectStatus: 400,
    field: 'addressedInVersion',
  },
  {
    name: 'disposition: addressedInVersion 2147483648',
    method: 'put',
    path: (f) => `/api/comments/${f.submittedComment}/disposition`,
    as: 'secretariat',
    body: { decision: 'accepted', addressedInVersion: 2147483648 },
    expectStatus: 400,
    field: 'addressedInVersion',
  },
  {
    name: 'disposition: addressedInVersion 1e20',
    method: 'put',
    path: (f) => `/api/comments/${f.submittedComment}/disposition`,
    as: 'secretariat',
    rawBody: '{"decision":"accepted","addressedInVersion":1e20}',
    expectStatus: 400,
    field: 'addressedInVersion',
  },
  {
    name: 'disposition: unknown field',
    method: 'put',
    path: (f) => `/api/comments/${f.submittedComment}/disposition`,
    as: 'secretariat',
    body: { decision: 'accepted', decidedBy: NO_SUCH_ID },
    expectStatus: 400,
    field: 'decidedBy',
  },
  {
    name: 'disposition: on a draft comment',
    method: 'put',
    path: (f) => `/api/comments/${f.draftComment}/disposition`,
    as: 'secretariat',
    body: { decision: 'accepted' },
    expectStatus: 409,
  },
  {
    name: 'disposition: by an agency',
    method: 'put',
    path: (f) => `/api/comments/${f.submittedComment}/disposition`,
    as: 'agency1',
    body: { decision: 'accepted' },
    expectStatus: 403,
  },
  {
    name: 'disposition: comment of no comment',
    method: 'put',
    path: `/api/comments/${NO_SUCH_ID}/disposition`,
    as: 'secretariat',
    body: { decision: 'accepted' },
    expectStatus: 404,
  },
  {
    name: 'disposition: bad comment id',
    method: 'put',
    path: '/api/comments/42/disposition',
    as: 'secretariat',
    body: { decision: 'accepted' },
    expectStatus: 400,
    field: 'id',
  },

  // --- Approval: submit -------------------------------------------------------------------------------
  {
    name: 'approval: versionNumber missing',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/approval`,
    as: 'secretariat',
    body: (f: F) => ({ approverIds: [f.w.leaders[0].id] }),
    expectStatus: 400,
    field: 'versionNumber',
  },
  {
    name: 'approval: versionNumber not the latest',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/approval`,
    as: 'secretariat',
    body: (f: F) => ({ versionNumber: 2, approverIds: [f.w.leaders[0].id] }),
    expectStatus: 400,
    field: 'versionNumber',
  },
  {
    name: 'approval: versionNumber a string',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/approval`,
    as: 'secretariat',
    body: (f: F) => ({ versionNumber: '1', approverIds: [f.w.leaders[0].id] }),
    expectStatus: 400,
    field: 'versionNumber',
  },
  {
    name: 'approval: versionNumber 1e20',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/approval`,
    as: 'secretariat',
    body: (f: F) => ({ versionNumber: 1e20, approverIds: [f.w.leaders[0].id] }),
    expectStatus: 400,
    field: 'versionNumber',
  },
  {
    name: 'approval: approverIds empty',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/approval`,
    as: 'secretariat',
    body: { versionNumber: 1, approverIds: [] },
    expectStatus: 400,
    field: 'approverIds',
  },
  {
    name: 'approval: approverIds not UUIDs',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/approval`,
    as: 'secretariat',
    body: { versionNumber: 1, approverIds: ['pct'] },
    expectStatus: 400,
    field: 'approverIds',
  },
  {
    name: 'approval: approverIds repeated',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/approval`,
    as: 'secretariat',
    body: (f: F) => ({ versionNumber: 1, approverIds: [f.w.leaders[0].id, f.w.leaders[0].id] }),
    expectStatus: 400,
    field: 'approverIds',
  },
  {
    name: 'approval: approverIds repeated in other case',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/approval`,
    as: 'secretariat',
    body: (f: F) => ({ versionNumber: 1, approverIds: [f.w.leaders[0].id, f.w.leaders[0].id.toUpperCase()] }),
    expectStatus: 400,
    field: 'Người phê duyệt (approverIds): có mục bị trùng',
  },
  {
    name: 'approval: approver who is not a leader',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/approval`,
    as: 'secretariat',
    body: (f: F) => ({ versionNumber: 1, approverIds: [f.w.leaders[0].id, f.w.secretariat.id] }),
    expectStatus: 400,
    field: 'approverIds',
  },
  {
    name: 'approval: approver of no user',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/approval`,
    as: 'secretariat',
    body: { versionNumber: 1, approverIds: [NO_SUCH_ID] },
    expectStatus: 400,
    field: 'approverIds',
  },
  {
    name: 'approval: 11 approvers',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/approval`,
    as: 'secretariat',
    body: { versionNumber: 1, approverIds: Array.from({ length: 11 }, () => randomUUID()) },
    expectStatus: 400,
    field: 'approverIds',
  },
  {
    name: 'approval: unknown field',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/approval`,
    as: 'secretariat',
    body: (f: F) => ({ versionNumber: 1, approverIds: [f.w.leaders[0].id], skipGate: true }),
    expectStatus: 400,
    field: 'skipGate',
  },
  {
    name: 'approval: plan in consultation',
    method: 'post',
    path: (f) => `/api/plans/${f.planB}/approval`,
    as: 'secretariat',
    body: (f: F) => ({ versionNumber: 2, approverIds: [f.w.leaders[0].id] }),
    expectStatus: 409,
  },
  {
    name: 'approval: by a leader',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/approval`,
    as: 'leader',
    body: (f: F) => ({ versionNumber: 1, approverIds: [f.w.leaders[0].id] }),
    expectStatus: 403,
  },

  // --- Approval: decision -----------------------------------------------------------------------------
  {
    name: 'decision: missing',
    method: 'post',
    path: (f) => `/api/plans/${f.planC}/approval/decision`,
    as: 'leader',
    body: { note: 'Đồng ý.' },
    expectStatus: 400,
    field: 'decision',
  },
  {
    name: 'decision: "approved" is not an option',
    method: 'post',
    path: (f) => `/api/plans/${f.planC}/approval/decision`,
    as: 'leader',
    body: { decision: 'approved' },
    expectStatus: 400,
    field: 'decision',
  },
  {
    name: 'decision: a boolean',
    method: 'post',
    path: (f) => `/api/plans/${f.planC}/approval/decision`,
    as: 'leader',
    body: { decision: true },
    expectStatus: 400,
    field: 'decision',
  },
  {
    name: 'decision: return without a note',
    method: 'post',
    path: (f) => `/api/plans/${f.planC}/approval/decision`,
    as: 'leader',
    body: { decision: 'return' },
    expectStatus: 400,
    field: 'note',
  },
  {
    name: 'decision: return with a blank note',
    method: 'post',
    path: (f) => `/api/plans/${f.planC}/approval/decision`,
    as: 'leader',
    body: { decision: 'return', note: ' \t' },
    expectStatus: 400,
    field: 'note',
  },
  {
    name: 'decision: note with BEL',
    method: 'post',
    path: (f) => `/api/plans/${f.planC}/approval/decision`,
    as: 'leader',
    body: { decision: 'approve', note: 'Đồng ý\u0007' },
    expectStatus: 400,
    field: 'note',
  },
  {
    name: 'decision: note 20,001 characters',
    method: 'post',
    path: (f) => `/api/plans/${f.planC}/approval/decision`,
    as: 'leader',
    body: { decision: 'return', note: 'n'.repeat(20_001) },
    expectStatus: 400,
    field: 'note',
  },
  {
    name: 'decision: unknown field',
    method: 'post',
    path: (f) => `/api/plans/${f.planC}/approval/decision`,
    as: 'leader',
    body: { decision: 'approve', position: 1 },
    expectStatus: 400,
    field: 'position',
  },
  {
    name: 'decision: by the leader whose turn it is not',
    method: 'post',
    path: (f) => `/api/plans/${f.planC}/approval/decision`,
    as: 'leader2',
    body: { decision: 'approve' },
    expectStatus: 403,
  },
  {
    name: 'decision: by the secretariat',
    method: 'post',
    path: (f) => `/api/plans/${f.planC}/approval/decision`,
    as: 'secretariat',
    body: { decision: 'approve' },
    expectStatus: 403,
  },
  {
    name: 'decision: on a plan not awaiting approval',
    method: 'post',
    path: (f) => `/api/plans/${f.planA}/approval/decision`,
    as: 'leader',
    body: { decision: 'approve' },
    expectStatus: 409,
  },
  {
    name: 'decision: bad plan id',
    method: 'post',
    path: '/api/plans/xyz/approval/decision',
    as: 'leader',
    body: { decision: 'approve' },
    expectStatus: 400,
    field: 'id',
  },

  // --- Audit query --------------------------------------------------------------------------------
  { name: 'audit: entityType not one of the list', method: 'get', path: '/api/audit?entityType=version', as: 'admin', expectStatus: 400, field: 'entityType' },
  {
    name: 'audit: entityType with SQL',
    method: 'get',
    path: `/api/audit?entityType=${encodeURIComponent("plan' OR 1=1 --")}`,
    as: 'admin',
    expectStatus: 400,
    field: 'entityType',
  },
  { name: 'audit: entityId not a UUID', method: 'get', path: '/api/audit?entityId=42', as: 'admin', expectStatus: 400, field: 'entityId' },
  { name: 'audit: entityId with NUL', method: 'get', path: '/api/audit?entityId=%00', as: 'admin', expectStatus: 400, field: 'entityId' },
  { name: 'audit: unknown parameter', method: 'get', path: '/api/audit?actorId=x', as: 'admin', expectStatus: 400, field: 'actorId' },
  { name: 'audit: by an agency', method: 'get', path: '/api/audit', as: 'agency0', expectStatus: 403 },

  // --- List pagination --------------------------------------------------------------------------------
  { name: 'list: limit 0', method: 'get', path: '/api/plans?limit=0', as: 'secretariat', expectStatus: 400, field: 'limit' },
  { name: 'list: limit 201', method: 'get', path: '/api/plans?limit=201', as: 'secretariat', expectStatus: 400, field: 'limit' },
  { name: 'list: limit -1', method: 'get', path: '/api/agencies?limit=-1', as: 'agency0', expectStatus: 400, field: 'limit' },
  { name: 'list: limit 1.5', method: 'get', path: '/api/users?limit=1.5', as: 'admin', expectStatus: 400, field: 'limit' },
  { name: 'list: limit abc', method: 'get', path: '/api/audit?limit=abc', as: 'admin', expectStatus: 400, field: 'limit' },
  { name: 'list: limit empty', method: 'get', path: '/api/plans?limit=', as: 'secretariat', expectStatus: 400, field: 'limit' },
  { name: 'list: limit 1e2', method: 'get', path: '/api/plans?limit=1e2', as: 'secretariat', expectStatus: 400, field: 'limit' },
  { name: 'list: limit 0x10', method: 'get', path: '/api/plans?limit=0x10', as: 'secretariat', expectStatus: 400, field: 'limit' },
  { name: 'list: limit +5', method: 'get', path: '/api/plans?limit=%2B5', as: 'secretariat', expectStatus: 400, field: 'limit' },
  { name: 'list: limit huge', method: 'get', path: '/api/plans?limit=99999999999999999999', as: 'secretariat', expectStatus: 400, field: 'limit' },
  { name: 'list: limit repeated', method: 'get', path: '/api/plans?limit=1&limit=2', as: 'secretariat', expectStatus: 400, field: 'limit' },
  { name: 'list: offset -1', method: 'get', path: (f) => `/api/rounds/${f.roundB}/comments?offset=-1`, as: 'secretariat', expectStatus: 400, field: 'offset' },
  { name: 'list: offset 2147483648', method: 'get', path: '/api/agencies?offset=2147483648', as: 'admin', expectStatus: 400, field: 'offset' },
  { name: 'list: offset abc', method: 'get', path: (f) => `/api/plans/${f.planB}/rounds?offset=abc`, as: 'secretariat', expectStatus: 400, field: 'offset' },
  { name: 'list: unknown parameter', method: 'get', path: '/api/plans?sort=title', as: 'secretariat', expectStatus: 400, field: 'sort' },
  { name: 'list: bracketed parameter', method: 'get', path: '/api/plans?limit[gt]=1', as: 'secretariat', expectStatus: 400 },
  { name: 'list: "__proto__" parameter', method: 'get', path: '/api/plans?__proto__=1', as: 'secretariat', expectStatus: 400, field: '__proto__' },
  {
    name: 'list: 1,001 query parameters',
    method: 'get',
    path: `/api/plans?${Array.from({ length: 1001 }, (_, i) => `p${i}=1`).join('&')}`,
    as: 'secretariat',
    expectStatus: 400,
    field: '1.000',
  },
  { name: 'list: "constructor" parameter', method: 'get', path: '/api/agencies?constructor=x', as: 'secretariat', expectStatus: 400, field: 'constructor' },
  { name: 'users: role filter not a role', method: 'get', path: '/api/users?role=root', as: 'admin', expectStatus: 400, field: 'role' },
  { name: 'users: agencyId filter not a UUID', method: 'get', path: '/api/users?agencyId=SKHDT', as: 'admin', expectStatus: 400, field: 'agencyId' },

  // --- Idempotency-Key ---------------------------------------------------------------------------
  {
    name: 'Idempotency-Key with spaces',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    headers: { 'Idempotency-Key': 'my key 1' },
    body: plan(),
    expectStatus: 400,
    field: 'Idempotency-Key',
  },
  {
    name: 'Idempotency-Key of 300 characters',
    method: 'post',
    path: '/api/plans',
    as: 'secretariat',
    headers: { 'Idempotency-Key': 'k'.repeat(300) },
    body: plan(),
    expectStatus: 400,
    field: 'Idempotency-Key',
  },
  {
    name: 'Idempotency-Key empty',
    method: 'post',
    path: '/api/agencies',
    as: 'admin',
    headers: { 'Idempotency-Key': '' },
    body: agency(),
    expectStatus: 400,
    field: 'Idempotency-Key',
  },
  {
    name: 'Idempotency-Key with a non-ASCII letter',
    method: 'post',
    path: '/api/agencies',
    as: 'admin',
    headers: { 'Idempotency-Key': 'khóa-1' },
    body: agency(),
    expectStatus: 400,
    field: 'Idempotency-Key',
  },
  {
    name: 'Idempotency-Key reused with another body',
    method: 'post',
    path: '/api/agencies',
    as: 'admin',
    headers: (f) => ({ 'Idempotency-Key': f.usedKey }),
    body: agency({ code: 'SKHAC', name: 'Sở Khác' }),
    expectStatus: 422,
  },
];

// ---------------------------------------------------------------------------------------------

describe('bad input is refused with a clear 4xx and changes nothing', () => {
  let t: TestApp;
  let f: F;

  beforeAll(async () => {
    t = await startTestApp();
    const w = await buildWorld(t, 4);
    const sec = as(t, w.secretariat.token);

    const a = await planWithVersion(w);
    const draftA = await sec.get(`/api/plans/${a.planId}/draft`);
    expect(draftA.status).toBe(200);

    // Plan B: version 1, then version 2 (a sentence added), a round on version 1.
    const b = await planWithVersion(w);
    const draftB = await sec.get(`/api/plans/${b.planId}/draft`);
    const edited = draftB.body.sections.map((s: { key: string; body: string }) =>
      s.key === b.keys[1] ? { ...s, body: `${s.body} Có 12 hợp tác xã giải thể trong cùng kỳ.` } : s,
    );
    await sec.put(`/api/plans/${b.planId}/draft`, { sections: edited }).set('If-Match', draftB.headers.etag).expect(200);
    await sec.post(`/api/plans/${b.planId}/versions`, { note: 'Dự thảo lần 2' }).expect(201);
    const [ag0, ag1, ag2] = w.agencies;
    const roundB = await (async () => {
      const res = await sec.post(`/api/plans/${b.planId}/rounds`, {
        title: 'Lấy ý kiến dự thảo lần 1',
        versionNumber: 1,
        deadline: new Date(t.clock.now().getTime() + 7 * DAY).toISOString(),
        agencyIds: [ag0.id, ag1.id, ag2.id],
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    })();
    const draftComment = await comment(w, ag0, roundB, { body: 'Ý kiến nháp chung cho cả dự thảo.' });
    const submittedComment = await comment(w, ag1, roundB, { sectionKey: b.keys[1], quote: '633 hợp tác xã', body: 'Đề nghị cập nhật số liệu.' });
    await respond(w, ag1, roundB, { reference: '215/LMHTX-KHTH' });

    // Plan C: awaiting approval by leader 0, then leader 1.
    const c = await planWithVersion(w);
    await sec.post(`/api/plans/${c.planId}/approval`, { versionNumber: 1, approverIds: w.leaders.map((l) => l.id) }).expect(201);

    const usedKey = `agency-${randomUUID()}`;
    await as(t, w.admin.token).post('/api/agencies', { code: 'SDUNGKHOA', name: 'Sở dùng khóa' }).set('Idempotency-Key', usedKey).expect(201);

    f = {
      w,
      tokens: {
        admin: w.admin.token,
        secretariat: w.secretariat.token,
        leader: w.leaders[0].token,
        leader2: w.leaders[1].token,
        agency0: w.agencies[0].user.token,
        agency1: w.agencies[1].user.token,
        agency2: w.agencies[2].user.token,
        agency3: w.agencies[3].user.token,
        anonymous: null,
      },
      agencyIds: w.agencies.map((x) => x.id),
      planA: a.planId,
      keysA: a.keys,
      etagA: draftA.headers.etag,
      draftA: draftA.body.sections,
      planB: b.planId,
      keysB: b.keys,
      roundB,
      draftComment,
      submittedComment,
      planC: c.planId,
      usedKey,
    };
  });
  afterAll(() => t.close());

  it(`has a corpus of at least 120 bad inputs (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(120);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [`${c.expectStatus} ${c.method.toUpperCase()} ${c.name}`, c] as const))('%s', async (_label, c) => {
    const before = await snapshot(t);

    let req = t.http[c.method](val(c.path, f));
    const token = f.tokens[c.as];
    if (token) req = req.set('Authorization', `Bearer ${token}`);
    const headers = c.headers ? val(c.headers, f) : {};
    for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
    if (c.rawBody !== undefined) {
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) req = req.set('Content-Type', 'application/json');
      req = req.send(val(c.rawBody, f));
    } else if (c.body !== undefined) {
      req = req.send(val(c.body, f) as object);
    }
    const res = await req;

    const context = `${res.status} ${JSON.stringify(res.body).slice(0, 600)}`;
    expect(res.status).toBeLessThan(500);
    expect({ status: res.status, context }).toEqual({ status: c.expectStatus, context });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    // However bad the input, the answer is small (error-body.ts caps the messages).
    expect(Buffer.byteLength(res.text)).toBeLessThan(4_096);
    expect(res.body).toEqual(expect.objectContaining({ statusCode: c.expectStatus, error: REASONS[c.expectStatus] }));
    const message: unknown = res.body.message;
    const messages = Array.isArray(message) ? message : [message];
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) {
      expect(typeof m).toBe('string');
      expect((m as string).trim().length).toBeGreaterThan(0);
    }
    if (c.field) expect(messages.some((m) => (m as string).includes(c.field!))).toBe(true);
    // In Vietnamese a field is named in Vietnamese, its key only beside the name ("Lý do (reason): …", never "reason: …").
    if (!/^en/i.test(headers['Accept-Language'] ?? '')) for (const m of messages) expect(m).not.toMatch(/^[A-Za-z_$][\w$.[\]]*: /);

    expect(await snapshot(t)).toEqual(before);
  });
});

describe('text that looks like code, or is Vietnamese, is still text: stored as written', () => {
  let t: TestApp;
  let w: World;

  useWorld(1, (app, world) => ((t = app), (w = world)));

  const LOOKS_LIKE_CODE = ['<script>alert(1)</script>', "'; DROP TABLE plans; --", '{{7*7}}', '${7*7} <img src=x onerror=alert(1)> &amp; \\" \\u0000'];
  // "Tiếng Việt có dấu" with combining marks (NFD), and a mix of NFC and NFD: neither is normalised.
  const NFD = 'Tie\u0302\u0301ng Vie\u0323\u0302t co\u0301 da\u0302\u0301u';
  const MIXED = `Kế hoạch ${NFD} — Quảng Ninh`;

  it.each(LOOKS_LIKE_CODE)('stores %j as a title, heading, body and comment, byte for byte', async (text) => {
    const sec = as(t, w.secretariat.token);
    const created = await sec.post('/api/plans', { title: text, kind: text, sections: [{ heading: text, body: `${text}\n${text}` }] });
    expect(created.status).toBe(201);
    expect(created.body.title).toBe(text);

    const read = await sec.get(`/api/plans/${created.body.id}`);
    expect(read.body).toMatchObject({ title: text, kind: text });
    const draft = await sec.get(`/api/plans/${created.body.id}/draft`);
    expect(draft.body.sections).toEqual([{ key: expect.any(String), heading: text, body: `${text}\n${text}` }]);
    expect(Buffer.from(draft.body.sections[0].heading)).toEqual(Buffer.from(text));

    await sec.post(`/api/plans/${created.body.id}/versions`, { note: text }).expect(201);
    const v1 = await sec.get(`/api/plans/${created.body.id}/versions/1`);
    expect(v1.body).toMatchObject({ note: text, sections: [{ heading: text, body: `${text}\n${text}` }] });

    const roundId = (
      await sec
        .post(`/api/plans/${created.body.id}/rounds`, {
          title: text,
          versionNumber: 1,
          deadline: new Date(t.clock.now().getTime() + DAY).toISOString(),
          agencyIds: [w.agencies[0].id],
        })
        .expect(201)
    ).body.id;
    const agencyUser = as(t, w.agencies[0].user.token);
    const made = await agencyUser.post(`/api/rounds/${roundId}/comments`, { sectionKey: v1.body.sections[0].key, quote: text, body: text });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ quote: text, body: text });
    expect((await agencyUser.get(`/api/comments/${made.body.id}`)).body).toMatchObject({ quote: text, body: text });
  });

  it('takes a UUID in capitals as the same id', async () => {
    const sec = as(t, w.secretariat.token);
    const created = await sec.post('/api/plans', { title: 'Chữ hoa', ownerAgencyId: w.agencies[0].id.toUpperCase(), sections: [SECTION] });
    expect(created.status).toBe(201);
    await sec.post(`/api/plans/${created.body.id}/versions`, { note: 'Lần 1' }).expect(201);
    const opened = await sec.post(`/api/plans/${created.body.id.toUpperCase()}/rounds`, {
      title: 'Đợt',
      versionNumber: 1,
      deadline: new Date(t.clock.now().getTime() + DAY).toISOString(),
      agencyIds: [w.agencies[0].id.toUpperCase()],
    });
    expect(opened.status).toBe(201);
    expect(opened.body.agencies.map((a: { agencyId: string }) => a.agencyId)).toEqual([w.agencies[0].id]);
  });

  it('keeps Vietnamese with combining marks exactly as sent (no normalisation)', async () => {
    const sec = as(t, w.secretariat.token);
    const created = await sec.post('/api/plans', { title: MIXED, sections: [{ heading: NFD, body: `${MIXED}\n\t${NFD}` }] });
    expect(created.status).toBe(201);
    const read = await sec.get(`/api/plans/${created.body.id}`);
    expect(read.body.title).toBe(MIXED);
    expect(read.body.title).not.toBe(MIXED.normalize('NFC'));
    const draft = await sec.get(`/api/plans/${created.body.id}/draft`);
    expect(draft.body.sections[0].heading).toBe(NFD);
    expect(draft.body.sections[0].body).toBe(`${MIXED}\n\t${NFD}`);
    expect([...draft.body.sections[0].heading].map((ch: string) => ch.codePointAt(0))).toEqual([...NFD].map((ch) => ch.codePointAt(0)));
  });

  it('accepts a title of exactly 500 Vietnamese characters and one of 500 emoji (counted in characters)', async () => {
    const sec = as(t, w.secretariat.token);
    for (const title of [VI_500, EMOJI_500, 'a'.repeat(500)]) {
      const created = await sec.post('/api/plans', { title, sections: [SECTION] });
      expect(created.status).toBe(201);
      expect((await sec.get(`/api/plans/${created.body.id}`)).body.title).toBe(title);
    }
    expect(EMOJI_500.length).toBe(1000); // UTF-16 units: the limit is not counted in those
  });

  it('accepts a body of exactly 200,000 characters, a comment of 20,000, 500 sections, and turns CRLF into LF', async () => {
    const sec = as(t, w.secretariat.token);
    const big = await sec.post('/api/plans', { title: 'Giới hạn', sections: [{ heading: 'H', body: 'ạ'.repeat(200_000) }] });
    expect(big.status).toBe(201);
    const many = await sec.post('/api/plans', { title: 'Năm trăm mục', sections: sections(500) });
    expect(many.status).toBe(201);
    const crlf = await sec.post('/api/plans', { title: 'Xuống dòng', sections: [{ heading: 'H', body: 'Dòng 1\r\nDòng 2\n\tDòng 3' }] });
    expect(crlf.status).toBe(201);
    expect((await sec.get(`/api/plans/${crlf.body.id}/draft`)).body.sections[0].body).toBe('Dòng 1\nDòng 2\n\tDòng 3');

    await sec.post(`/api/plans/${crlf.body.id}/versions`, { note: 'Lần 1' }).expect(201);
    const roundId = (
      await sec
        .post(`/api/plans/${crlf.body.id}/rounds`, {
          title: 'Đợt',
          versionNumber: 1,
          deadline: new Date(t.clock.now().getTime() + DAY).toISOString(),
          agencyIds: [w.agencies[0].id],
        })
        .expect(201)
    ).body.id;
    const long = await as(t, w.agencies[0].user.token).post(`/api/rounds/${roundId}/comments`, { body: 'ý'.repeat(20_000) });
    expect(long.status).toBe(201);
    expect(long.body.body).toBe('ý'.repeat(20_000));
  });
});
