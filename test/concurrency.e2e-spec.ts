import { randomUUID } from 'node:crypto';
import { TestApp } from './support/test-app';
import { DAY } from './support/test-clock';
import { useWorld } from './support/use-world';
import { AgencyWithUser, as, comment, login, PASSWORD, planWithVersion, respond, snapshot, World } from './support/world';
import { sealNow } from './support/audit-log';

/**
 * What happens when requests meet: two editors saving the same draft, a client retrying a POST
 * with its Idempotency-Key, an agency racing its own response, and a round closing while
 * agencies are still typing.
 */

type Res = { status: number; body: any; headers: Record<string, string> };

const count = async (t: TestApp, sql: string, params: unknown[] = []): Promise<number> => {
  const [row] = await t.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return row.n;
};

describe('concurrency', () => {
  let t: TestApp;
  let w: World;

  useWorld(3, (app, world) => ((t = app), (w = world)));

  const sec = () => as(t, w.secretariat.token);
  const ag = (a: AgencyWithUser) => as(t, a.user.token);

  async function openRoundOn(planId: string, agencies = w.agencies): Promise<string> {
    const res = await sec().post(`/api/plans/${planId}/rounds`, {
      title: 'Lấy ý kiến',
      versionNumber: 1,
      deadline: new Date(t.clock.now().getTime() + 7 * DAY).toISOString(),
      agencyIds: agencies.map((a) => a.id),
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  // ------------------------------------------------------------------ (a) two editors, one ETag

  describe('two writers with the same ETag', () => {
    it('exactly one 200 and one 412 each time, and the stored draft is the winner’s (20 rounds)', async () => {
      const { planId } = await planWithVersion(w);
      for (let i = 0; i < 20; i++) {
        const draft = await sec().get(`/api/plans/${planId}/draft`);
        const [{ draft_revision: revisionBefore }] = await t.db.query('SELECT draft_revision FROM plans WHERE id = $1', [planId]);
        const versions = ['A', 'B'].map((who) =>
          draft.body.sections.map((s: { key: string; heading: string; body: string }, j: number) =>
            j === i % 3 ? { ...s, body: `Lần ${i}: bản của biên tập viên ${who}.` } : s,
          ),
        );
        const results: Res[] = await Promise.all(
          versions.map((sections) => sec().put(`/api/plans/${planId}/draft`, { sections }).set('If-Match', draft.headers.etag)),
        );
        const statuses = results.map((r) => r.status);
        expect({ i, statuses: [...statuses].sort() }).toEqual({ i, statuses: [200, 412] });
        const winner = statuses.indexOf(200);
        const loser = 1 - winner;
        expect(results[winner].headers.etag).not.toBe(draft.headers.etag);
        expect(results[loser].body.currentEtag).toBe(results[winner].headers.etag);

        const stored = await sec().get(`/api/plans/${planId}/draft`);
        expect(stored.body.sections).toEqual(versions[winner]);
        expect(stored.headers.etag).toBe(results[winner].headers.etag);
        const [{ draft_revision: revisionAfter }] = await t.db.query('SELECT draft_revision FROM plans WHERE id = $1', [planId]);
        expect(revisionAfter).toBe(revisionBefore + 1);
      }
      // One audit row per successful save, none for the refusals.
      expect(await count(t, `audit_log WHERE action = 'draft.saved' AND entity_id = $1`, [planId])).toBe(20);
    });

    it('five writers at once: one wins, four get 412', async () => {
      const { planId } = await planWithVersion(w);
      const draft = await sec().get(`/api/plans/${planId}/draft`);
      const versions = [0, 1, 2, 3, 4].map((n) =>
        draft.body.sections.map((s: { body: string }, j: number) => (j === 0 ? { ...s, body: `Người viết số ${n}.` } : s)),
      );
      const results: Res[] = await Promise.all(
        versions.map((sections) => sec().put(`/api/plans/${planId}/draft`, { sections }).set('If-Match', draft.headers.etag)),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 412, 412, 412, 412]);
      const winner = results.findIndex((r) => r.status === 200);
      expect((await sec().get(`/api/plans/${planId}/draft`)).body.sections).toEqual(versions[winner]);
    });
  });

  // ------------------------------------------------------------------ (b) Idempotency-Key

  describe('Idempotency-Key', () => {
    it('same key and body: the first response again, marked replayed, and nothing new', async () => {
      const admin = as(t, w.admin.token);
      const key = randomUUID();
      const first = await admin.post('/api/agencies', { code: 'IDEM-1', name: 'Sở Nội vụ' }).set('Idempotency-Key', key);
      expect(first.status).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const before = await snapshot(t);
      for (let i = 0; i < 3; i++) {
        const again = await admin.post('/api/agencies', { code: 'IDEM-1', name: 'Sở Nội vụ' }).set('Idempotency-Key', key);
        expect(again.status).toBe(201);
        expect(again.body).toEqual(first.body);
        expect(again.headers['idempotent-replayed']).toBe('true');
      }
      // Key order in the body does not make it another request.
      const reordered = await admin.post('/api/agencies', { name: 'Sở Nội vụ', code: 'IDEM-1' }).set('Idempotency-Key', key);
      expect(reordered.status).toBe(201);
      expect(reordered.body).toEqual(first.body);
      expect(await snapshot(t)).toEqual(before);
      expect(await count(t, `agencies WHERE code = 'IDEM-1'`)).toBe(1);
    });

    it('a replay after the object changed still answers the first response and re-creates nothing', async () => {
      const { planId } = await planWithVersion(w);
      const roundId = await openRoundOn(planId);
      const a = w.agencies[0];
      const key = randomUUID();
      const body = { body: 'Đề nghị bổ sung chỉ tiêu.' };
      const first = await ag(a).post(`/api/rounds/${roundId}/comments`, body).set('Idempotency-Key', key);
      expect(first.status).toBe(201);
      expect((await ag(a).delete(`/api/comments/${first.body.id}`)).status).toBe(204);
      const again = await ag(a).post(`/api/rounds/${roundId}/comments`, body).set('Idempotency-Key', key);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await count(t, 'comments WHERE round_id = $1', [roundId])).toBe(0);
    });

    it('same key with another body: 422, and nothing is created', async () => {
      const admin = as(t, w.admin.token);
      const key = randomUUID();
      expect((await admin.post('/api/agencies', { code: 'IDEM-2', name: 'Sở Tư pháp' }).set('Idempotency-Key', key)).status).toBe(201);
      const before = await snapshot(t);
      const other = await admin.post('/api/agencies', { code: 'IDEM-3', name: 'Sở Tư pháp' }).set('Idempotency-Key', key);
      expect(other.status).toBe(422);
      expect(other.body).toMatchObject({ statusCode: 422 });
      // Another path with the same key is another request too.
      const otherPath = await admin
        .post('/api/users', { email: 'idem@test.vn', fullName: 'Idem', password: PASSWORD, role: 'leader' })
        .set('Idempotency-Key', key);
      expect(otherPath.status).toBe(422);
      expect(await snapshot(t)).toEqual(before);
      expect(await count(t, `agencies WHERE code = 'IDEM-3'`)).toBe(0);
    });

    it('the same key used by another user is independent', async () => {
      const { planId } = await planWithVersion(w);
      const roundId = await openRoundOn(planId);
      const [a0, a1] = w.agencies;
      const key = `shared-key-${randomUUID()}`;
      const body = { body: 'Cùng nội dung, cùng khóa.' };
      const mine = await ag(a0).post(`/api/rounds/${roundId}/comments`, body).set('Idempotency-Key', key);
      const theirs = await ag(a1).post(`/api/rounds/${roundId}/comments`, body).set('Idempotency-Key', key);
      expect([mine.status, theirs.status]).toEqual([201, 201]);
      expect(theirs.headers['idempotent-replayed']).toBeUndefined();
      expect(theirs.body.id).not.toBe(mine.body.id);
      expect(theirs.body.agencyId).toBe(a1.id);
      // And a different body under that key is no 422 for the other user either.
      const admin2 = await as(t, w.admin.token).post('/api/users', {
        email: `admin2-${randomUUID()}@test.vn`,
        fullName: 'Quản trị 2',
        password: PASSWORD,
        role: 'admin',
      });
      const token2 = await login(t, admin2.body.email, PASSWORD);
      const k = randomUUID();
      expect((await as(t, w.admin.token).post('/api/agencies', { code: 'IDEM-U1', name: 'Một' }).set('Idempotency-Key', k)).status).toBe(201);
      const other = await as(t, token2).post('/api/agencies', { code: 'IDEM-U2', name: 'Hai' }).set('Idempotency-Key', k);
      expect(other.status).toBe(201);
      expect(other.headers['idempotent-replayed']).toBeUndefined();
      // The same body under one key by the other admin runs again (no replay): the code is now taken.
      const k2 = randomUUID();
      expect((await as(t, w.admin.token).post('/api/agencies', { code: 'IDEM-U3', name: 'Ba' }).set('Idempotency-Key', k2)).status).toBe(201);
      const same = await as(t, token2).post('/api/agencies', { code: 'IDEM-U3', name: 'Ba' }).set('Idempotency-Key', k2);
      expect(same.status).toBe(409);
      expect(same.headers['idempotent-replayed']).toBeUndefined();
    });

    it('a 4xx is replayed too, even after the request would now succeed', async () => {
      const { planId } = await planWithVersion(w);
      const roundId = await openRoundOn(planId);
      const a = w.agencies[2];
      const key = randomUUID();
      const refused = await ag(a).post(`/api/rounds/${roundId}/responses`, { reference: '5/UBND' }).set('Idempotency-Key', key);
      expect(refused.status).toBe(400);
      await comment(w, a, roundId, { body: 'Bây giờ đã có ý kiến.' });
      const replayed = await ag(a).post(`/api/rounds/${roundId}/responses`, { reference: '5/UBND' }).set('Idempotency-Key', key);
      expect(replayed.status).toBe(400);
      expect(replayed.body).toEqual(refused.body);
      expect(replayed.headers['idempotent-replayed']).toBe('true');
      expect(await count(t, 'responses WHERE round_id = $1', [roundId])).toBe(0);
      // A 409 as well.
      const admin = as(t, w.admin.token);
      const k2 = randomUUID();
      const taken = await admin.post('/api/agencies', { code: w.agencies[0].code, name: 'Trùng' }).set('Idempotency-Key', k2);
      expect(taken.status).toBe(409);
      const taken2 = await admin.post('/api/agencies', { code: w.agencies[0].code, name: 'Trùng' }).set('Idempotency-Key', k2);
      expect({ status: taken2.status, body: taken2.body, replayed: taken2.headers['idempotent-replayed'] }).toEqual({
        status: 409,
        body: taken.body,
        replayed: 'true',
      });
      // A fresh key runs the request now.
      expect((await ag(a).post(`/api/rounds/${roundId}/responses`, { reference: '5/UBND' }).set('Idempotency-Key', randomUUID())).status).toBe(201);
    });

    it('a malformed key is a 400', async () => {
      const res = await as(t, w.admin.token).post('/api/agencies', { code: 'IDEM-BAD', name: 'x' }).set('Idempotency-Key', 'has spaces in it');
      expect(res.status).toBe(400);
      expect(await count(t, `agencies WHERE code = 'IDEM-BAD'`)).toBe(0);
    });

    async function tenAtOnce(send: () => PromiseLike<Res>): Promise<Res[]> {
      const results: Res[] = await Promise.all(Array.from({ length: 10 }, () => send()));
      const first = results.find((r) => r.headers['idempotent-replayed'] === undefined);
      expect(results.filter((r) => r.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
      for (const r of results) expect({ status: r.status, body: r.body }).toEqual({ status: first!.status, body: first!.body });
      return results;
    }

    it('10 concurrent duplicates creating an agency: one agency, ten equal answers', async () => {
      const key = randomUUID();
      const results = await tenAtOnce(() => as(t, w.admin.token).post('/api/agencies', { code: 'IDEM-10', name: 'Sở Xây dựng' }).set('Idempotency-Key', key));
      expect(results[0].status).toBe(201);
      expect(await count(t, `agencies WHERE code = 'IDEM-10'`)).toBe(1);
      expect(await count(t, `audit_log WHERE action = 'agency.created' AND entity_id = $1`, [results[0].body.id])).toBe(1);
    });

    it('10 concurrent duplicates creating a comment: one comment', async () => {
      const { planId } = await planWithVersion(w);
      const roundId = await openRoundOn(planId);
      const key = randomUUID();
      const results = await tenAtOnce(() =>
        ag(w.agencies[0]).post(`/api/rounds/${roundId}/comments`, { body: 'Một ý kiến, gửi mười lần.' }).set('Idempotency-Key', key),
      );
      expect(results[0].status).toBe(201);
      expect(await count(t, 'comments WHERE round_id = $1', [roundId])).toBe(1);
    });

    it('10 concurrent duplicates submitting a response: one response', async () => {
      const { planId } = await planWithVersion(w);
      const roundId = await openRoundOn(planId);
      const a = w.agencies[1];
      const c = await comment(w, a, roundId, { body: 'Ý kiến trong văn bản.' });
      const key = randomUUID();
      const results = await tenAtOnce(() => ag(a).post(`/api/rounds/${roundId}/responses`, { reference: '77/SNV' }).set('Idempotency-Key', key));
      expect(results[0].status).toBe(201);
      expect(results[0].body.commentIds).toEqual([c]);
      expect(await count(t, 'responses WHERE round_id = $1', [roundId])).toBe(1);
      expect(await count(t, `audit_log WHERE action = 'response.submitted' AND entity_id = $1`, [roundId])).toBe(1);
    });

    it('10 concurrent duplicates creating an agency without a key: one 201, nine 409, one agency', async () => {
      const results: Res[] = await Promise.all(
        Array.from({ length: 10 }, () => as(t, w.admin.token).post('/api/agencies', { code: 'NOKEY-10', name: 'Sở Giao thông' })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
      expect(await count(t, `agencies WHERE code = 'NOKEY-10'`)).toBe(1);
    });
  });

  // ------------------------------------------------------------------ (c) an agency races itself

  describe('one agency, concurrent comments and responses', () => {
    it('never leaves a draft comment behind a submitted response (10 rounds of racing)', async () => {
      const { planId } = await planWithVersion(w);
      const roundId = await openRoundOn(planId);
      const a = w.agencies[0];
      await comment(w, a, roundId, { body: 'Ý kiến đầu tiên.' });
      let total = 1;
      for (let i = 0; i < 10; i++) {
        const requests: PromiseLike<Res>[] = [];
        for (let j = 0; j < 6; j++) {
          requests.push(ag(a).post(`/api/rounds/${roundId}/comments`, { body: `Vòng ${i}, ý kiến ${j}.` }));
          if (j === 2) requests.push(ag(a).post(`/api/rounds/${roundId}/responses`, { reference: `R${i}` }));
          if (j === 4) requests.push(ag(a).post(`/api/rounds/${roundId}/responses`, { reference: `R${i}b` }));
        }
        const results: Res[] = await Promise.all(requests);
        for (const r of results) expect([201, 409]).toContain(r.status);
        const responses = results.filter((r) => r.status === 201 && Array.isArray(r.body.commentIds));
        expect(responses).toHaveLength(1); // one of the two responses wins, the other gets 409
        const createdIds = results.filter((r) => r.status === 201 && typeof r.body.body === 'string').map((r) => r.body.id as string);
        total += createdIds.length;

        const rows: { id: string; status: string; response_id: string | null }[] = await t.db.query(
          'SELECT id, status, response_id FROM comments WHERE round_id = $1 AND agency_id = $2',
          [roundId, a.id],
        );
        // Every comment that got 201 exists, and only those: a 409 created nothing.
        const ids = new Set(rows.map((r) => r.id));
        for (const id of createdIds) expect(ids.has(id)).toBe(true);
        expect(rows).toHaveLength(total);
        // The active response holds every comment of the agency: no draft is left behind it.
        const [active] = await t.db.query('SELECT id FROM responses WHERE round_id = $1 AND agency_id = $2 AND withdrawn_at IS NULL', [roundId, a.id]);
        expect(active.id).toBe(responses[0].body.id);
        expect(rows.filter((r) => r.status === 'draft')).toEqual([]);
        expect(rows.every((r) => r.response_id === active.id)).toBe(true);
        expect([...responses[0].body.commentIds].sort()).toEqual(rows.map((r) => r.id).sort());

        // Withdraw for the next turn: every comment goes back to draft.
        const withdrawn = await ag(a).post(`/api/rounds/${roundId}/responses/withdraw`);
        expect(withdrawn.status).toBe(200);
        expect(await count(t, `comments WHERE round_id = $1 AND agency_id = $2 AND status = 'draft'`, [roundId, a.id])).toBe(total);
      }
    });

    it('concurrent withdraw and resend keep exactly one active response and no orphan', async () => {
      const { planId } = await planWithVersion(w);
      const roundId = await openRoundOn(planId);
      const a = w.agencies[1];
      await comment(w, a, roundId, { body: 'Ý kiến.' });
      await respond(w, a, roundId);
      for (let i = 0; i < 10; i++) {
        const results: Res[] = await Promise.all([
          ag(a).post(`/api/rounds/${roundId}/responses/withdraw`),
          ag(a).post(`/api/rounds/${roundId}/comments`, { body: `Bổ sung ${i}.` }),
          ag(a).post(`/api/rounds/${roundId}/responses`, {}),
          ag(a).post(`/api/rounds/${roundId}/responses/withdraw`),
          ag(a).post(`/api/rounds/${roundId}/responses`, {}),
        ]);
        for (const r of results) expect([200, 201, 400, 409]).toContain(r.status);
        const active: { id: string }[] = await t.db.query('SELECT id FROM responses WHERE round_id = $1 AND agency_id = $2 AND withdrawn_at IS NULL', [
          roundId,
          a.id,
        ]);
        expect(active.length).toBeLessThanOrEqual(1);
        const drafts = await count(t, `comments WHERE round_id = $1 AND agency_id = $2 AND status = 'draft'`, [roundId, a.id]);
        const orphans = await count(
          t,
          `comments c WHERE round_id = $1 AND agency_id = $2 AND status = 'submitted'
          AND NOT EXISTS (SELECT 1 FROM responses r WHERE r.id = c.response_id AND r.withdrawn_at IS NULL)`,
          [roundId, a.id],
        );
        expect(orphans).toBe(0);
        if (active.length === 1) expect(drafts).toBe(0);
        // Leave a response in place for the next turn.
        if (active.length === 0) await respond(w, a, roundId);
      }
    });
  });

  // ------------------------------------------------------------------ (d) closing under load

  describe('a round closes while two agencies comment', () => {
    it('every comment that got 201 exists, every refusal is 409 round closed, nothing lands after the close (5 rounds)', async () => {
      let refusedInFlight = 0;
      for (let i = 0; i < 5; i++) {
        const { planId } = await planWithVersion(w);
        const [a0, a1] = w.agencies;
        const roundId = await openRoundOn(planId, [a0, a1]);
        // Four writers (two per agency) comment one after another; once a few comments are in, the
        // secretariat closes the round while each writer still sends up to five more.
        const comments: Res[] = [];
        let startClosing!: () => void;
        const enough = new Promise<void>((resolve) => (startClosing = resolve));
        let closeSent = false;
        const writer = async (a: AgencyWithUser, n: number) => {
          let after = 0;
          for (let j = 0; after < 5; j++) {
            if (closeSent) after++;
            const res: Res = await ag(a).post(`/api/rounds/${roundId}/comments`, { body: `${a.code}, người ${n}, ý kiến ${j}.` });
            comments.push(res);
            if (comments.filter((c) => c.status === 201).length >= 4) startClosing();
            if (res.status !== 201) return;
            // A moment of typing between comments: back-to-back writers would hold the round's share lock without a gap.
            if (closeSent) await new Promise((r) => setTimeout(r, Math.random() * 15));
          }
        };
        const closing = enough.then(() => {
          closeSent = true;
          return sec().post(`/api/rounds/${roundId}/close`) as PromiseLike<Res>;
        });
        const [close] = await Promise.all([closing, writer(a0, 1), writer(a0, 2), writer(a1, 1), writer(a1, 2)]);
        expect(close.status).toBe(200);
        for (const c of comments) {
          expect([201, 409]).toContain(c.status);
          if (c.status === 409) expect(c.body.roundStatus).toBe('closed');
        }
        const created = comments.filter((c) => c.status === 201).map((c) => c.body.id as string);
        expect(created.length).toBeGreaterThanOrEqual(4);
        refusedInFlight += comments.length - created.length;
        const rows: { id: string }[] = await t.db.query('SELECT id FROM comments WHERE round_id = $1', [roundId]);
        expect(rows.map((r) => r.id).sort()).toEqual([...created].sort());

        // Nothing after the close: in the audit log (sealed in an order consistent with commit) every comment precedes it.
        await sealNow(t);
        const [closed] = await t.db.query(`SELECT seq FROM audit_log WHERE action = 'round.closed' AND entity_id = $1`, [roundId]);
        const [{ latest }] = await t.db.query(`SELECT max(seq) AS latest FROM audit_log WHERE action = 'comment.created' AND data->>'roundId' = $1`, [roundId]);
        if (latest !== null) expect(Number(latest)).toBeLessThan(Number(closed.seq));
        expect(await count(t, `audit_log WHERE action = 'comment.created' AND data->>'roundId' = $1`, [roundId])).toBe(created.length);

        // And after it, nothing more gets in.
        const late = await ag(a0).post(`/api/rounds/${roundId}/comments`, { body: 'Muộn.' });
        expect(late.status).toBe(409);
        expect(await count(t, 'comments WHERE round_id = $1', [roundId])).toBe(created.length);
        expect((await sec().get(`/api/plans/${planId}`)).body.status).toBe('consolidating');
      }
      // The close did land among comments still in flight (the race was real).
      expect(refusedInFlight).toBeGreaterThan(0);
    });

    it('responses racing the close: each 201 is recorded, each refusal is 409, the round ends closed', async () => {
      const { planId } = await planWithVersion(w);
      const roundId = await openRoundOn(planId);
      for (const a of w.agencies) await comment(w, a, roundId, { body: `Ý kiến của ${a.name}.` });
      const results: Res[] = await Promise.all([
        ag(w.agencies[0]).post(`/api/rounds/${roundId}/responses`, {}),
        sec().post(`/api/rounds/${roundId}/close`),
        ag(w.agencies[1]).post(`/api/rounds/${roundId}/responses`, {}),
        ag(w.agencies[2]).post(`/api/rounds/${roundId}/responses`, {}),
      ]);
      expect(results[1].status).toBe(200);
      const responded = [results[0], results[2], results[3]];
      for (const r of responded) expect([201, 409]).toContain(r.status);
      const ok = responded.filter((r) => r.status === 201);
      expect(await count(t, 'responses WHERE round_id = $1', [roundId])).toBe(ok.length);
      expect(await count(t, `comments WHERE round_id = $1 AND status = 'submitted'`, [roundId])).toBe(ok.length);
      const report = await sec().get(`/api/rounds/${roundId}/report`);
      expect(report.body.totals.comments).toBe(ok.length);
    });
  });
});
