import { ConsolidationBoard1764550000000 } from '../migrations/1764550000000-ConsolidationBoard';
import type { Actor } from '../src/common/auth/actor';
import { BoardService } from '../src/consultation/board.service';
import { isActiveResponse, isPendingAgency, isSubmittedComment, isUndecidedComment } from '../src/consultation/domain/consultation-rules';
import { activeResponseSql, lateResponseSql, pendingAgencySql, submittedCommentSql, undecidedCommentSql } from '../src/consultation/domain/consultation-sql';
import { startTestApp, TestApp } from './support/test-app';
import { DAY } from './support/test-clock';
import { as, buildWorld, comment, openRound, planWithVersion, respond, World } from './support/world';

/**
 * Each consultation rule is defined once in TypeScript (consultation-rules.ts) and once in SQL
 * (consultation-sql.ts): here both answer for every row of a round holding every case, so that
 * neither can drift. Also: the search fold, the version's section keys, the totals of many rounds
 * in one query, and the migration's down and up.
 */

describe('consultation rules in TypeScript and in SQL', () => {
  let t: TestApp;
  let w: World;
  let rounds: string[];
  let board: BoardService;

  const staff = (): Actor => ({ id: w.secretariat.id, role: 'secretariat', agencyId: null, email: w.secretariat.email, fullName: 'x' });

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t, 5);
    board = t.app.get(BoardService);
    const [a0, a1, a2, a3] = w.agencies;
    const { planId, keys } = await planWithVersion(w);
    // Round 1: a0 answered (one comment decided, one not), a1 withdrew and answered again late,
    // a2 holds a draft only (pending), a3 answered "no comments"; a4 was not invited.
    const r1 = await openRound(w, planId, [a0, a1, a2, a3], { deadlineMs: DAY });
    const decided = await comment(w, a0, r1, { sectionKey: keys[0], body: 'Đã quyết định.' });
    await comment(w, a0, r1, { body: 'Chưa quyết định.' });
    await respond(w, a0, r1);
    await comment(w, a1, r1, { sectionKey: keys[1], body: 'Gửi rồi rút.' });
    await respond(w, a1, r1);
    expect((await as(t, a1.user.token).post(`/api/rounds/${r1}/responses/withdraw`)).status).toBe(200);
    await respond(w, a3, r1, { noComments: true });
    t.clock.advance(2 * DAY);
    await respond(w, a1, r1);
    await comment(w, a2, r1, { body: 'Bản nháp.' });
    expect((await as(t, w.secretariat.token).put(`/api/comments/${decided}/disposition`, { decision: 'accepted' })).status).toBe(200);
    rounds = [r1];
  });
  afterAll(() => t.close());

  it('active response, late response: the same rows either way', async () => {
    const rows: { id: string; withdrawn_at: Date | null; late: boolean; active: boolean; late_sql: boolean }[] = await t.db.query(
      `SELECT rs.id, rs.withdrawn_at, rs.late, ${activeResponseSql('rs')} AS active, ${lateResponseSql('rs')} AS late_sql FROM responses rs WHERE rs.round_id = $1`,
      [rounds[0]],
    );
    expect(rows.length).toBe(4);
    expect(rows.filter((r) => !r.active)).toHaveLength(1);
    expect(rows.filter((r) => r.late_sql)).toHaveLength(1);
    for (const r of rows) {
      expect(r.active).toBe(isActiveResponse({ withdrawnAt: r.withdrawn_at }));
      expect(r.late_sql).toBe(r.late);
    }
  });

  it('submitted and undecided comments: the same rows either way', async () => {
    const rows: { status: string; decision: null | 'accepted'; submitted: boolean; undecided: boolean }[] = await t.db.query(
      `SELECT c.status, c.decision, ${submittedCommentSql('c')} AS submitted, ${undecidedCommentSql('c')} AS undecided FROM comments c WHERE c.round_id = $1`,
      [rounds[0]],
    );
    expect(rows.map((r) => `${r.status}/${r.decision}`).sort()).toEqual(['draft/null', 'submitted/accepted', 'submitted/null', 'submitted/null']);
    for (const r of rows) {
      expect(r.submitted).toBe(isSubmittedComment(r));
      expect(r.undecided).toBe(isUndecidedComment(r));
    }
  });

  it('pending agencies: the same invitations either way', async () => {
    const rows: { agency_id: string; pending: boolean; active_response: string | null }[] = await t.db.query(
      `SELECT ra.agency_id, ${pendingAgencySql('ra')} AS pending,
              (SELECT rs.id FROM responses rs WHERE rs.round_id = ra.round_id AND rs.agency_id = ra.agency_id AND ${activeResponseSql('rs')}) AS active_response
       FROM round_agencies ra WHERE ra.round_id = $1`,
      [rounds[0]],
    );
    expect(rows.filter((r) => r.pending).map((r) => r.agency_id)).toEqual([w.agencies[2].id]);
    for (const r of rows) expect(r.pending).toBe(isPendingAgency(r.active_response === null ? null : { id: r.active_response }));
    const round = await as(t, w.secretariat.token).get(`/api/rounds/${rounds[0]}`);
    const states = Object.fromEntries(round.body.agencies.map((x: { agencyId: string; state: string }) => [x.agencyId, x.state]));
    expect(states).toEqual({ [w.agencies[0].id]: 'responded', [w.agencies[1].id]: 'late', [w.agencies[2].id]: 'pending', [w.agencies[3].id]: 'no_comments' });
  });

  it('folds text for search: no diacritics, lower case, single spaces', async () => {
    const cases: [string, string][] = [
      ['Hợp Tác XÃ', 'hop tac xa'],
      ['ĐẦM HÀ', 'dam ha'],
      ['Đề án'.normalize('NFD'), 'de an'],
      ['  một\n\thai   ba ', 'mot hai ba'],
      ['100% _x_', '100% _x_'],
    ];
    for (const [input, folded] of cases) expect((await t.db.query('SELECT duthao_search_fold($1) AS f', [input]))[0].f).toBe(folded);
  });

  it("keeps a version's section keys in order beside it", async () => {
    const [v] = await t.db.query(
      'SELECT pv.section_keys, pv.sections FROM plan_versions pv JOIN rounds r ON r.plan_id = pv.plan_id AND r.version_number = pv.number WHERE r.id = $1',
      [rounds[0]],
    );
    expect(v.section_keys).toEqual(v.sections.map((s: { key: string }) => s.key));
  });

  it('gives the totals of many rounds in one query, narrowed for an agency to its own comments and invitations', async () => {
    const { planId } = await planWithVersion(w);
    const r2 = await openRound(w, planId, [w.agencies[4]]);
    await comment(w, w.agencies[4], r2, { body: 'Ý kiến đợt 2.' });
    await respond(w, w.agencies[4], r2);
    const all = await board.roundTotals(staff(), [rounds[0], r2]);
    expect(all.get(rounds[0])).toEqual({
      roundId: rounds[0],
      comments: 3,
      undecided: 2,
      accepted: 1,
      partially_accepted: 0,
      explained: 0,
      not_accepted: 0,
      invited: 4,
      pending: 1,
    });
    expect(all.get(r2)).toMatchObject({ comments: 1, undecided: 1, invited: 1, pending: 0 });
    expect(await board.undecidedCounts(staff(), [rounds[0], r2, '00000000-0000-4000-8000-000000000000'])).toEqual(
      new Map([
        [rounds[0], 2],
        [r2, 1],
        ['00000000-0000-4000-8000-000000000000', 0],
      ]),
    );
    const a0: Actor = { id: w.agencies[0].user.id, role: 'agency', agencyId: w.agencies[0].id, email: w.agencies[0].user.email, fullName: 'x' };
    const own = await board.roundTotals(a0, [rounds[0], r2]);
    expect([...own.keys()]).toEqual([rounds[0]]);
    expect(own.get(rounds[0])).toMatchObject({ comments: 2, undecided: 1, accepted: 1 });
    expect((await board.undecidedCounts(a0, [rounds[0]])).size).toBe(0);
    const admin: Actor = { id: w.admin.id, role: 'admin', agencyId: null, email: w.admin.email, fullName: 'x' };
    expect((await board.roundTotals(admin, [rounds[0]])).size).toBe(0);
  });

  it("the migration's down removes what its up made, and up makes it again", async () => {
    const migration = new ConsolidationBoard1764550000000();
    const runner = t.db.createQueryRunner();
    const objects = async () =>
      (
        await runner.query(`SELECT (SELECT count(*)::int FROM information_schema.columns WHERE (table_name, column_name) IN (('comments', 'search_text'), ('plan_versions', 'section_keys'))) AS columns,
                                   (SELECT count(*)::int FROM pg_proc WHERE proname IN ('duthao_search_fold', 'duthao_section_keys')) AS functions,
                                   (SELECT count(*)::int FROM pg_class WHERE relname IN ('comments_round_undecided_idx', 'disposition_reasons')) AS relations`)
      )[0];
    try {
      expect(await objects()).toEqual({ columns: 2, functions: 2, relations: 2 });
      await runner.startTransaction();
      await migration.down(runner);
      expect(await objects()).toEqual({ columns: 0, functions: 0, relations: 0 });
      await migration.up(runner);
      await runner.commitTransaction();
      expect(await objects()).toEqual({ columns: 2, functions: 2, relations: 2 });
      expect((await runner.query(`SELECT count(*)::int AS n FROM comments WHERE search_text LIKE '%quyet dinh%'`))[0].n).toBe(2);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
