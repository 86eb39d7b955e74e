import request from 'supertest';
import { ADMIN, TestApp } from './test-app';
import { DAY } from './test-clock';

export const PASSWORD = 'password-123';

export interface Person {
  id: string;
  email: string;
  token: string;
}

export interface AgencyWithUser {
  id: string;
  code: string;
  name: string;
  user: Person;
}

export interface World {
  t: TestApp;
  admin: Person;
  secretariat: Person;
  leaders: Person[];
  agencies: AgencyWithUser[];
}

/** An HTTP client acting as one person. */
export function as(t: TestApp, token: string | null) {
  const auth = (r: request.Test) => (token ? r.set('Authorization', `Bearer ${token}`) : r);
  return {
    get: (path: string) => auth(t.http.get(path)),
    post: (path: string, body?: unknown) => auth(t.http.post(path)).send(body as object),
    put: (path: string, body?: unknown) => auth(t.http.put(path)).send(body as object),
    patch: (path: string, body?: unknown) => auth(t.http.patch(path)).send(body as object),
    delete: (path: string) => auth(t.http.delete(path)),
  };
}

export async function login(t: TestApp, email: string, password: string): Promise<string> {
  const res = await t.http.post('/api/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken;
}

async function createUser(t: TestApp, adminToken: string, body: Record<string, unknown>): Promise<Person> {
  const res = await as(t, adminToken).post('/api/users', { password: PASSWORD, ...body });
  if (res.status !== 201) throw new Error(`create user: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, email: res.body.email, token: await login(t, res.body.email, PASSWORD) };
}

let counter = 0;

/** An administrator, a secretariat user, two leaders and `agencies` agencies with a user each. */
export async function buildWorld(t: TestApp, agencies = 3): Promise<World> {
  const tag = `${Date.now().toString(36)}${counter++}`;
  const adminToken = await login(t, ADMIN.email, ADMIN.password);
  const me = await as(t, adminToken).get('/api/me');
  const admin = { id: me.body.id, email: ADMIN.email, token: adminToken };
  const secretariat = await createUser(t, adminToken, { email: `bientap-${tag}@test.vn`, fullName: 'Trần Thị Thu Hà', role: 'secretariat' });
  const leaders = [
    await createUser(t, adminToken, { email: `pct-${tag}@test.vn`, fullName: 'Phạm Văn Thành', role: 'leader' }),
    await createUser(t, adminToken, { email: `ct-${tag}@test.vn`, fullName: 'Nguyễn Hoàng Nam', role: 'leader' }),
  ];
  const list: AgencyWithUser[] = [];
  for (let i = 0; i < agencies; i++) {
    const code = `DV${tag}${i}`.toUpperCase();
    const res = await as(t, adminToken).post('/api/agencies', { code, name: `Sở thử nghiệm số ${i + 1}` });
    if (res.status !== 201) throw new Error(`create agency: ${res.status} ${JSON.stringify(res.body)}`);
    const user = await createUser(t, adminToken, {
      email: `donvi${i}-${tag}@test.vn`,
      fullName: `Chuyên viên đơn vị ${i + 1}`,
      role: 'agency',
      agencyId: res.body.id,
    });
    list.push({ id: res.body.id, code, name: res.body.name, user });
  }
  return { t, admin, secretariat, leaders, agencies: list };
}

export const SECTIONS = [
  { heading: 'Phần I. SỰ CẦN THIẾT', body: 'Kinh tế tập thể, hợp tác xã là thành phần kinh tế quan trọng của tỉnh.' },
  { heading: 'Phần II. THỰC TRẠNG', body: 'Toàn tỉnh có 633 hợp tác xã, trong đó có 25 hợp tác xã thành lập mới từ đầu năm 2022.' },
  { heading: 'Phần III. MỤC TIÊU', body: 'Thành lập mới ít nhất 30 hợp tác xã; hoàn thành 5 hợp tác xã điểm trong tháng 6 năm 2022.' },
];

export interface PlanFixture {
  planId: string;
  keys: string[];
}

/** A plan with version 1 frozen. */
export async function planWithVersion(w: World, sections = SECTIONS): Promise<PlanFixture> {
  const s = as(w.t, w.secretariat.token);
  const created = await s.post('/api/plans', { title: 'Đề án thử nghiệm', kind: 'Đề án', sections });
  if (created.status !== 201) throw new Error(`create plan: ${created.status} ${JSON.stringify(created.body)}`);
  const frozen = await s.post(`/api/plans/${created.body.id}/versions`, { note: 'Dự thảo lần 1' });
  if (frozen.status !== 201) throw new Error(`freeze: ${frozen.status} ${JSON.stringify(frozen.body)}`);
  const v1 = await s.get(`/api/plans/${created.body.id}/versions/1`);
  return { planId: created.body.id, keys: v1.body.sections.map((x: { key: string }) => x.key) };
}

/** Opens a round on version `versionNumber` to the given agencies (all by default). */
export async function openRound(w: World, planId: string, agencies = w.agencies, opts: { versionNumber?: number; deadlineMs?: number } = {}): Promise<string> {
  const res = await as(w.t, w.secretariat.token).post(`/api/plans/${planId}/rounds`, {
    title: 'Lấy ý kiến dự thảo',
    versionNumber: opts.versionNumber ?? 1,
    deadline: new Date(w.t.clock.now().getTime() + (opts.deadlineMs ?? 7 * DAY)).toISOString(),
    agencyIds: agencies.map((a) => a.id),
  });
  if (res.status !== 201) throw new Error(`open round: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** An agency comments (as a draft) and returns the comment id. */
export async function comment(w: World, agency: AgencyWithUser, roundId: string, body: Record<string, unknown>): Promise<string> {
  const res = await as(w.t, agency.user.token).post(`/api/rounds/${roundId}/comments`, body);
  if (res.status !== 201) throw new Error(`comment: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function respond(w: World, agency: AgencyWithUser, roundId: string, body: Record<string, unknown> = {}): Promise<void> {
  const res = await as(w.t, agency.user.token).post(`/api/rounds/${roundId}/responses`, body);
  if (res.status !== 201) throw new Error(`respond: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Counts rows of the tables an input could change: proof that a refused request changed nothing. */
export async function snapshot(t: TestApp): Promise<Record<string, unknown>> {
  const [row] = await t.db.query(`
    SELECT (SELECT count(*) FROM agencies) AS agencies, (SELECT count(*) FROM users) AS users,
           (SELECT count(*) FROM plans) AS plans, (SELECT coalesce(sum(draft_revision), 0) FROM plans) AS revisions,
           (SELECT count(*) FROM plan_versions) AS versions, (SELECT count(*) FROM rounds) AS rounds,
           (SELECT count(*) FROM comments) AS comments, (SELECT count(*) FROM responses) AS responses,
           (SELECT md5(coalesce(string_agg(id::text || status || body || coalesce(decision, '') || coalesce(section_key, '') || coalesce(quote, ''), ',' ORDER BY id), '')) FROM comments) AS comment_state,
           (SELECT md5(coalesce(string_agg(id::text || status || draft::text, ',' ORDER BY id), '')) FROM plans) AS plan_state,
           (SELECT count(*) FROM approvals) AS approvals, (SELECT count(*) FROM approval_steps WHERE state <> 'waiting') AS steps_moved,
           (SELECT count(*) FROM audit_log) AS audit, (SELECT count(*) FROM outbox_events) AS events`);
  return row;
}
