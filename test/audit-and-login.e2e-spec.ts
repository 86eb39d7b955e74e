import { randomUUID, sign } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { checkpointText } from '../src/audit/domain/audit-entry';
import { otherKey, rewriteTree, sealNow } from './support/audit-log';
import { ADMIN, startTestApp, TestApp } from './support/test-app';
import { DAY, HOUR, MINUTE } from './support/test-clock';
import { useWorld } from './support/use-world';
import { as, buildWorld, comment, login, PASSWORD, planWithVersion, respond, SECTIONS, snapshot, World } from './support/world';

/**
 * The audit log (who did what, when, and a Merkle tree with signed checkpoints that shows tampering) and the doors into the
 * app: login failures, rate limits per account and per address, expired and orphaned tokens.
 * (Device cookies: login-devices.e2e-spec.ts; sessions and logout: sessions.e2e-spec.ts.)
 */

interface Entry {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  data: Record<string, any>;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe('the audit log', () => {
  let t: TestApp;
  let w: World;

  useWorld(2, (app, world) => ((t = app), (w = world)));

  const sec = () => as(t, w.secretariat.token);

  async function entries(entityType: string, entityId: string): Promise<Entry[]> {
    await sealNow(t);
    const res = await as(t, w.admin.token).get(`/api/audit?entityType=${entityType}&entityId=${entityId}&limit=200`);
    expect(res.status).toBe(200);
    return res.body.items;
  }

  /** Runs `act` with the clock moved on, and returns the window in which its audit rows must be dated. */
  async function timed<T>(act: () => Promise<T>): Promise<{ result: T; from: number; to: number }> {
    t.clock.advance(HOUR + Math.floor(Math.random() * MINUTE));
    const from = t.clock.now().getTime();
    const result = await act();
    const to = t.clock.now().getTime();
    return { result, from, to };
  }

  /** Exactly one row of `action` for the entity, by `actorId`, dated within the window. */
  async function expectRow(
    entityType: string,
    entityId: string,
    action: string,
    actorId: string,
    window: { from: number; to: number },
    data: Record<string, unknown> = {},
  ): Promise<Entry> {
    const rows = (await entries(entityType, entityId)).filter((e) => e.action === action);
    expect({ action, count: rows.length }).toEqual({ action, count: 1 });
    const [row] = rows;
    expect(row).toMatchObject({ actorId, entityType, entityId, data: expect.objectContaining(data) });
    expect(row.at).toMatch(ISO_WITH_OFFSET);
    const at = Date.parse(row.at);
    expect({ action, inWindow: at >= window.from - 1 && at <= window.to + 1 }).toEqual({ action, inWindow: true });
    return row;
  }

  it('records every change with its actor and time', async () => {
    const admin = as(t, w.admin.token);
    const [a0, a1] = w.agencies;

    // Users and agencies.
    const ag = await timed(() => admin.post('/api/agencies', { code: 'AUD-1', name: 'Sở Văn hóa' }));
    expect(ag.result.status).toBe(201);
    await expectRow('agency', ag.result.body.id, 'agency.created', w.admin.id, ag, { code: 'AUD-1', name: 'Sở Văn hóa' });
    const us = await timed(() => admin.post('/api/users', { email: 'audit.user@test.vn', fullName: 'Người kiểm tra', password: PASSWORD, role: 'leader' }));
    expect(us.result.status).toBe(201);
    const userRow = await expectRow('user', us.result.body.id, 'user.created', w.admin.id, us, { email: 'audit.user@test.vn', role: 'leader' });
    expect(JSON.stringify(userRow.data)).not.toMatch(/password|hash/i);

    // Plan, draft, version.
    const created = await timed(() => sec().post('/api/plans', { title: 'Đề án kiểm toán', sections: SECTIONS }));
    expect(created.result.status).toBe(201);
    const planId: string = created.result.body.id;
    await expectRow('plan', planId, 'plan.created', w.secretariat.id, created, { title: 'Đề án kiểm toán' });
    const draft = await sec().get(`/api/plans/${planId}/draft`);
    const keys: string[] = draft.body.sections.map((s: { key: string }) => s.key);
    const saved = await timed(() =>
      sec()
        .put(`/api/plans/${planId}/draft`, { sections: [...draft.body.sections, { heading: 'Phần IV', body: 'Mới.' }] })
        .set('If-Match', draft.headers.etag),
    );
    expect(saved.result.status).toBe(200);
    await expectRow('plan', planId, 'draft.saved', w.secretariat.id, saved, { revision: 2 });
    const frozen = await timed(() => sec().post(`/api/plans/${planId}/versions`, { note: 'Dự thảo lần 1' }));
    expect(frozen.result.status).toBe(201);
    await expectRow('plan', planId, 'version.frozen', w.secretariat.id, frozen, {
      number: 1,
      note: 'Dự thảo lần 1',
      contentHash: frozen.result.body.contentHash,
    });

    // Round opened: the round row and the plan's status change.
    const opened = await timed(() =>
      sec().post(`/api/plans/${planId}/rounds`, {
        title: 'Đợt kiểm toán',
        versionNumber: 1,
        deadline: new Date(t.clock.now().getTime() + 30 * DAY).toISOString(),
        agencyIds: [a0.id, a1.id],
      }),
    );
    expect(opened.result.status).toBe(201);
    const roundId: string = opened.result.body.id;
    await expectRow('round', roundId, 'round.opened', w.secretariat.id, opened, { planId, versionNumber: 1 });
    const statusRows = (await entries('plan', planId)).filter((e) => e.action === 'plan.status_changed');
    expect(statusRows[0]).toMatchObject({ actorId: w.secretariat.id, data: expect.objectContaining({ from: 'drafting', to: 'consultation' }) });

    // Comments: created, updated, deleted, by the agency's user.
    const c1 = await timed(() => as(t, a0.user.token).post(`/api/rounds/${roundId}/comments`, { sectionKey: keys[1], body: 'Ý kiến ban đầu.' }));
    expect(c1.result.status).toBe(201);
    const commentId: string = c1.result.body.id;
    await expectRow('comment', commentId, 'comment.created', a0.user.id, c1, { roundId, agencyId: a0.id, sectionKey: keys[1] });
    const upd = await timed(() => as(t, a0.user.token).patch(`/api/comments/${commentId}`, { body: 'Ý kiến đã sửa.' }));
    expect(upd.result.status).toBe(200);
    const updRow = await expectRow('comment', commentId, 'comment.updated', a0.user.id, upd);
    const createdRow = (await entries('comment', commentId)).find((e) => e.action === 'comment.created')!;
    // A draft's text is the agency's own until submitted: the log keeps what changed, not necessarily the words.
    expect(JSON.stringify(updRow.data)).not.toBe(JSON.stringify(createdRow.data));
    const doomed = await comment(w, a0, roundId, { body: 'Sẽ xóa.' });
    const del = await timed(() => as(t, a0.user.token).delete(`/api/comments/${doomed}`));
    expect(del.result.status).toBe(204);
    await expectRow('comment', doomed, 'comment.deleted', a0.user.id, del, { roundId });

    // Response submitted, withdrawn, submitted again (recorded under the round).
    const sub = await timed(() => as(t, a0.user.token).post(`/api/rounds/${roundId}/responses`, { reference: '1/SVH' }));
    expect(sub.result.status).toBe(201);
    const wd = await timed(() => as(t, a0.user.token).post(`/api/rounds/${roundId}/responses/withdraw`));
    expect(wd.result.status).toBe(200);
    await expectRow('round', roundId, 'response.withdrawn', a0.user.id, wd, { agencyId: a0.id, commentIds: [commentId] });
    const roundRows = await entries('round', roundId);
    const submittedRows = roundRows.filter((e) => e.action === 'response.submitted');
    expect(submittedRows).toHaveLength(1);
    expect(submittedRows[0]).toMatchObject({
      actorId: a0.user.id,
      data: expect.objectContaining({ agencyId: a0.id, reference: '1/SVH', commentIds: [commentId] }),
    });
    expect(Date.parse(submittedRows[0].at)).toBeGreaterThanOrEqual(sub.from - 1);
    expect(Date.parse(submittedRows[0].at)).toBeLessThanOrEqual(sub.to + 1);
    await respond(w, a0, roundId, { reference: '2/SVH' });
    await respond(w, a1, roundId, { noComments: true });

    const rem = await timed(() => sec().post(`/api/rounds/${roundId}/remind`));
    expect(rem.result.status).toBe(202);
    const closed = await timed(() => sec().post(`/api/rounds/${roundId}/close`));
    expect(closed.result.status).toBe(200);
    await expectRow('round', roundId, 'round.closed', w.secretariat.id, closed, { planId });

    // Disposition (recorded under the comment).
    const disp = await timed(() => sec().put(`/api/comments/${commentId}/disposition`, { decision: 'explained', reason: 'Đã nêu ở phần II.' }));
    expect(disp.result.status).toBe(200);
    await expectRow('comment', commentId, 'disposition.recorded', w.secretariat.id, disp, { decision: 'explained', reason: 'Đã nêu ở phần II.' });

    // Approval: submitted, returned, submitted, step approved, approved.
    const [l0, l1] = w.leaders;
    const ap1 = await timed(() => sec().post(`/api/plans/${planId}/approval`, { versionNumber: 1, approverIds: [l0.id, l1.id] }));
    expect(ap1.result.status).toBe(201);
    const approval1: string = ap1.result.body.id;
    await expectRow('approval', approval1, 'approval.submitted', w.secretariat.id, ap1, { planId, versionNumber: 1, approverIds: [l0.id, l1.id] });
    const ret = await timed(() => as(t, l0.token).post(`/api/plans/${planId}/approval/decision`, { decision: 'return', note: 'Bổ sung kinh phí.' }));
    expect(ret.result.status).toBe(200);
    await expectRow('approval', approval1, 'approval.returned', l0.id, ret, { note: 'Bổ sung kinh phí.' });
    const ap2 = await sec().post(`/api/plans/${planId}/approval`, { versionNumber: 1, approverIds: [l0.id, l1.id] });
    const approval2: string = ap2.body.id;
    const step = await timed(() => as(t, l0.token).post(`/api/plans/${planId}/approval/decision`, { decision: 'approve', note: 'Đồng ý.' }));
    expect(step.result.status).toBe(200);
    await expectRow('approval', approval2, 'approval.step_approved', l0.id, step, { position: 0 });
    const fin = await timed(() => as(t, l1.token).post(`/api/plans/${planId}/approval/decision`, { decision: 'approve' }));
    expect(fin.result.status).toBe(200);
    await expectRow('approval', approval2, 'approval.approved', l1.id, fin, { versionNumber: 1 });

    // The plan's status history, in order, each with its actor.
    const history = (await entries('plan', planId))
      .filter((e) => e.action === 'plan.status_changed')
      .sort((a, b) => a.seq - b.seq)
      .map((e) => [e.data.from, e.data.to, e.actorId]);
    expect(history).toEqual([
      ['drafting', 'consultation', w.secretariat.id],
      ['consultation', 'consolidating', w.secretariat.id],
      ['consolidating', 'awaiting_approval', w.secretariat.id],
      ['awaiting_approval', 'drafting', l0.id],
      ['drafting', 'awaiting_approval', w.secretariat.id],
      ['awaiting_approval', 'approved', l1.id],
    ]);

    // Every row of the log names an actor except the first administrator's creation at start.
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE actor_id IS NULL AND NOT (action = 'user.created' AND data->>'role' = 'admin')`,
    );
    expect(n).toBe(0);
  });

  it('a refused request writes no audit row', async () => {
    const { planId } = await planWithVersion(w);
    const before = await snapshot(t);
    expect((await sec().post(`/api/plans/${planId}/approval/decision`, { decision: 'approve' })).status).toBe(403);
    expect((await sec().post(`/api/plans/${planId}/versions`, { note: 'Không đổi' })).status).toBe(409);
    expect((await as(t, w.admin.token).post('/api/agencies', { code: w.agencies[0].code, name: 'Trùng' })).status).toBe(409);
    expect(await snapshot(t)).toEqual(before);
  });

  it('lists newest first, filters by type and id, pages, and is closed to agencies', async () => {
    const admin = as(t, w.admin.token);
    await sealNow(t);
    const all = await admin.get('/api/audit?limit=200');
    expect(all.status).toBe(200);
    const seqs = all.body.items.map((e: Entry) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const plans = await admin.get('/api/audit?entityType=plan&limit=200');
    expect(plans.body.items.length).toBeGreaterThan(0);
    expect(plans.body.items.every((e: Entry) => e.entityType === 'plan')).toBe(true);
    const page = await admin.get('/api/audit?limit=2&offset=1');
    expect(page.body.items).toEqual(all.body.items.slice(1, 3));
    expect(page.body.total).toBe(all.body.total);
    for (const token of [w.secretariat.token, w.leaders[0].token]) expect((await as(t, token).get('/api/audit')).status).toBe(200);
    expect((await as(t, w.agencies[0].user.token).get('/api/audit')).status).toBe(403);
    expect((await admin.get('/api/audit?entityType=version')).status).toBe(400);
    expect((await admin.get('/api/audit?entityId=not-a-uuid')).status).toBe(400);
    expect((await sec().get('/api/audit/verify')).status).toBe(403);
  });

  describe('verify', () => {
    const verify = async () => {
      const res = await as(t, w.admin.token).get('/api/audit/verify');
      expect(res.status).toBe(200);
      return res.body as { ok: boolean; checked: number; brokenAt?: number };
    };
    const sealedCount = async () => Number((await t.db.query('SELECT count(*) AS n FROM audit_log WHERE seq IS NOT NULL'))[0].n);
    const TABLES = ['audit_log', 'audit_nodes', 'audit_checkpoints'];

    // Each case tampers, checks, then puts the saved copy back and checks that the log holds again.
    beforeEach(async () => {
      await sealNow(t);
      for (const table of TABLES) await t.db.query(`DROP TABLE IF EXISTS ${table}_saved; CREATE TABLE ${table}_saved AS SELECT * FROM ${table}`);
    });
    const restore = async () => {
      for (const table of TABLES) await t.db.query(`DELETE FROM ${table}; INSERT INTO ${table} SELECT * FROM ${table}_saved`);
    };
    afterEach(async () => {
      await restore();
      expect(await verify()).toMatchObject({ ok: true, checked: await sealedCount() });
    });

    async function middle(): Promise<number> {
      const n = await sealedCount();
      expect(n).toBeGreaterThan(10);
      return Math.floor(n / 2);
    }

    it('is ok on the untouched log, checking every entry and checkpoint', async () => {
      const res = await verify();
      expect(res).toMatchObject({ ok: true, checked: await sealedCount() });
      expect(res.checked).toBeGreaterThan(10);
    });

    it('a changed data field breaks it', async () => {
      const seq = await middle();
      await t.db.query(`UPDATE audit_log SET data = jsonb_set(data, '{tampered}', 'true') WHERE seq = $1`, [seq]);
      expect(await verify()).toMatchObject({ ok: false, brokenAt: seq });
    });

    it('a changed actor, time, action or entity breaks it', async () => {
      const seq = await middle();
      for (const sql of [
        `UPDATE audit_log SET actor_id = '${randomUUID()}' WHERE seq = $1`,
        `UPDATE audit_log SET at = at + interval '1 second' WHERE seq = $1`,
        `UPDATE audit_log SET action = action || '.x' WHERE seq = $1`,
        `UPDATE audit_log SET entity_id = '${randomUUID()}' WHERE seq = $1`,
      ]) {
        await restore();
        await t.db.query(sql, [seq]);
        const res = await verify();
        expect({ sql, ok: res.ok, brokenAt: res.brokenAt }).toEqual({ sql, ok: false, brokenAt: seq });
      }
    });

    it('a deleted middle entry breaks it', async () => {
      const seq = await middle();
      await t.db.query('DELETE FROM audit_log WHERE seq = $1', [seq]);
      expect(await verify()).toMatchObject({ ok: false, brokenAt: seq });
    });

    it('a deleted newest entry breaks it (the last checkpoint is past the entries)', async () => {
      await t.db.query('DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)');
      expect(await verify()).toMatchObject({ ok: false });
    });

    it('two entries swapped break it', async () => {
      const seq = await middle();
      await t.db.query(`UPDATE audit_log SET seq = -1 WHERE seq = $1`, [seq]);
      await t.db.query(`UPDATE audit_log SET seq = $1 WHERE seq = $1 + 1`, [seq]);
      await t.db.query(`UPDATE audit_log SET seq = $1 + 1 WHERE seq = -1`, [seq]);
      expect(await verify()).toMatchObject({ ok: false, brokenAt: seq });
    });

    it('a changed entry with the whole tree and the checkpoints rewritten is caught by the signatures', async () => {
      const seq = await middle();
      await t.db.query(`UPDATE audit_log SET data = jsonb_set(data, '{tampered}', 'true') WHERE seq = $1`, [seq]);
      await rewriteTree(t, null);
      expect(await verify()).toMatchObject({ ok: false });
      await rewriteTree(t, otherKey());
      expect(await verify()).toMatchObject({ ok: false, reason: expect.stringContaining('signature') });
    });

    it('a checkpoint signed by another key breaks it', async () => {
      const [c] = await t.db.query('SELECT * FROM audit_checkpoints ORDER BY tree_size DESC LIMIT 1');
      const key = otherKey();
      const signature = sign(null, checkpointText({ treeSize: Number(c.tree_size), rootHash: c.root_hash, at: c.at.toISOString() }), key).toString('base64');
      await t.db.query('UPDATE audit_checkpoints SET signature = $2 WHERE tree_size = $1', [c.tree_size, signature]);
      expect(await verify()).toMatchObject({ ok: false, brokenAt: Number(c.tree_size) });
    });

    it('a changed inner node of the stored tree (which proofs are built from) breaks it', async () => {
      await t.db.query(`UPDATE audit_nodes SET hash = sha256(hash) WHERE level = 2 AND idx = 1`);
      expect(await verify()).toMatchObject({ ok: false, brokenAt: 4 });
    });
  });
});

describe('login', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp({ loginMaxFailuresPerAccount: 3, loginMaxFailuresPerAddress: 5, loginAddressWindowSeconds: 900 });
    w = await buildWorld(t, 1);
  });
  afterAll(() => t.close());

  const attempt = (email: string, password: string) => t.http.post('/api/auth/login').send({ email, password });

  it('a wrong password and an unknown e-mail get the same 401', async () => {
    const wrong = await attempt(w.secretariat.email, 'not-the-password');
    const unknown = await attempt('khong-co-ai@test.vn', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    const wrongEn = await attempt(w.secretariat.email, 'not-the-password').set('Accept-Language', 'en');
    const unknownEn = await attempt('khong-co-ai@test.vn', 'not-the-password').set('Accept-Language', 'en');
    expect(wrongEn.body).toEqual(unknownEn.body);
    expect(wrongEn.body.accessToken).toBeUndefined();
    // A successful login clears the account's failures (the address keeps its count: 2 so far).
    expect((await attempt(w.secretariat.email, PASSWORD)).status).toBe(200);
    // The window starts over for the next test.
    t.clock.advance(t.config.loginWindowSeconds * 1000 + 1000);
  });

  it('limits failures per account and per address for clients without a device cookie, blocks even the right password, and lifts after the window', async () => {
    const admin = as(t, w.admin.token);
    const make = async (name: string) => {
      const res = await admin.post('/api/users', { email: `${name}@test.vn`, fullName: name, password: PASSWORD, role: 'leader' });
      expect(res.status).toBe(201);
      return res.body.email as string;
    };
    const [a, b, c] = [await make('tai-khoan-a'), await make('tai-khoan-b'), await make('tai-khoan-c')];
    // C's owner signed in from this browser before: it holds C's device cookie.
    const browserOfC = request.agent(t.url);
    expect((await browserOfC.post('/api/auth/login').send({ email: c, password: PASSWORD })).status).toBe(200);

    // Account A: three wrong tries are 401, the fourth is 429 with Retry-After.
    for (let i = 0; i < 3; i++) expect((await attempt(a, 'wrong-password')).status).toBe(401);
    const blocked = await attempt(a, 'wrong-password');
    expect(blocked.status).toBe(429);
    expect(blocked.body.statusCode).toBe(429);
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(t.config.loginWindowSeconds);
    // The right password during the block is still 429; so is the same account in another case.
    expect((await attempt(a, PASSWORD)).status).toBe(429);
    expect((await attempt(a.toUpperCase(), PASSWORD)).status).toBe(429);

    // The address has 3 failures; account B adds two more (401), then the address is blocked.
    expect((await attempt(b, 'wrong-password')).status).toBe(401);
    expect((await attempt(b, 'wrong-password')).status).toBe(401);
    const addressBlocked = await attempt(b, 'wrong-password');
    expect(addressBlocked.status).toBe(429);
    expect(Number(addressBlocked.headers['retry-after'])).toBeGreaterThan(0);
    // Account C never failed, but comes from the same address: blocked, even with the right password.
    expect((await attempt(c, PASSWORD)).status).toBe(429);
    expect((await attempt(ADMIN.email, ADMIN.password)).status).toBe(429);
    // Except from the browser that holds C's device cookie: the address's failures are not its own.
    expect((await browserOfC.post('/api/auth/login').send({ email: c, password: PASSWORD })).status).toBe(200);
    // That cookie is C's only: on A, still blocked.
    expect((await browserOfC.post('/api/auth/login').send({ email: a, password: PASSWORD })).status).toBe(429);
    // A token already issued still works: the block is on logging in.
    expect((await admin.get('/api/me')).status).toBe(200);

    // Retry-After counts down with the clock.
    t.clock.advance(5 * MINUTE);
    const later = await attempt(a, PASSWORD);
    expect(later.status).toBe(429);
    expect(Number(later.headers['retry-after'])).toBeLessThanOrEqual(retryAfter - 5 * 60 + 1);

    // After the window, every account logs in again.
    t.clock.advance(t.config.loginWindowSeconds * 1000);
    for (const email of [a, b, c]) expect((await attempt(email, PASSWORD)).status).toBe(200);
    expect((await attempt(ADMIN.email, ADMIN.password)).status).toBe(200);
  });
});

describe('tokens', () => {
  let t: TestApp;
  let w: World;
  let jwt: JwtService;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t, 1);
    jwt = t.app.get(JwtService);
  });
  afterAll(() => t.close());

  const me = (token: string) => as(t, token).get('/api/me');

  it('a token signed by the app for a live session works; the same claims with exp in the past are 401', async () => {
    const { sid } = jwt.decode(w.secretariat.token) as { sid: string };
    const fresh = await jwt.signAsync({ sub: w.secretariat.id, role: 'secretariat', sid });
    expect((await me(fresh)).status).toBe(200);

    const expired = await jwt.signAsync({ sub: w.secretariat.id, role: 'secretariat', sid }, { expiresIn: -10 });
    const res = await me(expired);
    expect(res.status).toBe(401);
    expect(res.body.statusCode).toBe(401);

    // Issued longer ago than the configured lifetime.
    const old = await jwt.signAsync({ sub: w.secretariat.id, role: 'secretariat', sid, iat: Math.floor(Date.now() / 1000) - t.config.jwtTtlSeconds - 60 });
    expect((await me(old)).status).toBe(401);
    // And a login's token carries an expiry within the configured lifetime.
    const login1 = await t.http.post('/api/auth/login').send({ email: w.secretariat.email, password: PASSWORD });
    const claims = jwt.decode(login1.body.accessToken) as { exp: number; iat: number };
    expect(claims.exp - claims.iat).toBe(t.config.jwtTtlSeconds);
  });

  it('a token with another secret, no signature or a made-up subject is 401', async () => {
    const other = new JwtService({ secret: 'another-secret-that-is-long-enough-for-hs256-xyz', signOptions: { issuer: 'duthao' } });
    expect((await me(await other.signAsync({ sub: w.secretariat.id, role: 'secretariat' }))).status).toBe(401);
    const [header, payload] = (await jwt.signAsync({ sub: w.admin.id, role: 'admin' })).split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    expect((await me(none)).status).toBe(401);
    expect((await me(`${header}.${payload}.`)).status).toBe(401);
    const { sid } = jwt.decode(w.admin.token) as { sid: string };
    expect((await me(await jwt.signAsync({ sub: randomUUID(), role: 'admin', sid }))).status).toBe(401);
    expect((await me(await jwt.signAsync({ sub: 'not-a-uuid', role: 'admin', sid }))).status).toBe(401);
    // Another user's session under the admin's id is no session of the admin.
    const { sid: secretariatSid } = jwt.decode(w.secretariat.token) as { sid: string };
    expect((await me(await jwt.signAsync({ sub: w.admin.id, role: 'admin', sid: secretariatSid }))).status).toBe(401);
  });

  it('a token of a user who was deactivated or removed is 401 at once', async () => {
    const admin = as(t, w.admin.token);
    const make = async (email: string) => {
      const res = await admin.post('/api/users', { email, fullName: 'Tạm thời', password: PASSWORD, role: 'leader' });
      expect(res.status).toBe(201);
      return { id: res.body.id as string, token: await login(t, email, PASSWORD) };
    };
    const inactive = await make('se-nghi@test.vn');
    expect((await me(inactive.token)).status).toBe(200);
    await t.db.query('UPDATE users SET active = false WHERE id = $1', [inactive.id]);
    expect((await me(inactive.token)).status).toBe(401);
    expect((await as(t, inactive.token).get('/api/plans')).status).toBe(401);
    const relogin = await t.http.post('/api/auth/login').send({ email: 'se-nghi@test.vn', password: PASSWORD });
    expect(relogin.status).toBe(401);

    const gone = await make('da-xoa@test.vn');
    expect((await me(gone.token)).status).toBe(200);
    await t.db.query('DELETE FROM users WHERE id = $1', [gone.id]);
    expect((await me(gone.token)).status).toBe(401);
  });
});
