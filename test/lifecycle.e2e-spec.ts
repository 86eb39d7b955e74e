import { TestApp } from './support/test-app';
import { DAY } from './support/test-clock';
import { useWorld } from './support/use-world';
import { as, comment, planWithVersion, respond, World } from './support/world';

/**
 * The foundation's scenario through HTTP only: version 1 → a round to three agencies → comments
 * on quoted passages, one "no comments", one late → close → dispositions → version 2 → two-step
 * approval where the first leader returns once → approved → nothing editable.
 */
describe('the life of a plan, end to end', () => {
  let t: TestApp;
  let w: World;

  useWorld(3, (app, world) => ((t = app), (w = world)));

  it('runs from first draft to approved, locked text', async () => {
    const sec = as(t, w.secretariat.token);
    const [lmhtx, snn, stc] = w.agencies;

    const { planId, keys } = await planWithVersion(w);
    let plan = await sec.get(`/api/plans/${planId}`);
    expect(plan.body).toMatchObject({ status: 'drafting', latestVersion: 1, versions: [{ number: 1, note: 'Dự thảo lần 1' }] });

    const opened = await sec.post(`/api/plans/${planId}/rounds`, {
      title: 'Lấy ý kiến dự thảo lần 1',
      versionNumber: 1,
      deadline: new Date(t.clock.now().getTime() + 5 * DAY).toISOString(),
      agencyIds: [lmhtx.id, snn.id, stc.id],
    });
    expect(opened.status).toBe(201);
    const roundId = opened.body.id;
    expect(opened.body.agencies.map((a: { state: string }) => a.state)).toEqual(['pending', 'pending', 'pending']);
    expect((await sec.get(`/api/plans/${planId}`)).body.status).toBe('consultation');

    // Comments anchored to quoted passages of version 1.
    const c1 = await comment(w, lmhtx, roundId, { sectionKey: keys[1], quote: 'trong đó có 25 hợp tác xã', body: 'Đề nghị bổ sung số hợp tác xã giải thể.' });
    const c2 = await comment(w, lmhtx, roundId, { sectionKey: keys[2], quote: '5 hợp tác xã điểm', body: 'Đề nghị nêu rõ danh sách 5 hợp tác xã điểm.' });
    const c3 = await comment(w, stc, roundId, { body: 'Đề nghị bổ sung phụ lục khái toán kinh phí.' });
    await respond(w, lmhtx, roundId, { reference: '215/LMHTX-KHTH' });
    await respond(w, snn, roundId, { noComments: true, reference: '1876/SNNPTNT-PTNT' });

    // STC answers after the deadline: accepted, and marked late.
    t.clock.advance(6 * DAY);
    await respond(w, stc, roundId, { reference: '2043/STC-QLNS' });
    const round = await sec.get(`/api/rounds/${roundId}`);
    const state = Object.fromEntries(round.body.agencies.map((a: { agencyId: string; state: string }) => [a.agencyId, a.state]));
    expect(state).toEqual({ [lmhtx.id]: 'responded', [snn.id]: 'no_comments', [stc.id]: 'late' });
    expect((await sec.get(`/api/comments/${c3}`)).body).toMatchObject({ status: 'submitted', late: true });
    expect((await sec.get(`/api/comments/${c1}`)).body).toMatchObject({ status: 'submitted', late: false });

    expect((await sec.post(`/api/rounds/${roundId}/close`)).status).toBe(200);
    expect((await sec.get(`/api/plans/${planId}`)).body.status).toBe('consolidating');

    // The gate: three undecided comments stop the plan from going up.
    const refused = await sec.post(`/api/plans/${planId}/approval`, { versionNumber: 1, approverIds: w.leaders.map((l) => l.id) });
    expect(refused.status).toBe(409);
    expect(refused.body.undecidedCommentIds.sort()).toEqual([c1, c2, c3].sort());

    // Revise the draft, freeze version 2, decide every comment against it.
    const draft = await sec.get(`/api/plans/${planId}/draft`);
    const sections = draft.body.sections.map((s: { key: string; heading: string; body: string }) =>
      s.key === keys[1] ? { ...s, body: `${s.body} Có 12 hợp tác xã giải thể trong cùng kỳ.` } : s,
    );
    const saved = await sec.put(`/api/plans/${planId}/draft`, { sections }).set('If-Match', draft.headers.etag);
    expect(saved.status).toBe(200);
    expect((await sec.post(`/api/plans/${planId}/versions`, { note: 'Dự thảo lần 2 sau tiếp thu' })).body.number).toBe(2);
    expect((await sec.get(`/api/plans/${planId}`)).body.status).toBe('drafting');

    const diff = await sec.get(`/api/plans/${planId}/versions/2/diff?from=1`);
    expect(diff.body.sections.find((s: { key: string }) => s.key === keys[1])).toMatchObject({
      change: 'changed',
      ops: expect.arrayContaining([{ op: 'insert', text: expect.stringContaining('12 hợp tác xã giải thể') }]),
    });

    await sec.put(`/api/comments/${c1}/disposition`, { decision: 'accepted', addressedInVersion: 2 }).expect(200);
    await sec.put(`/api/comments/${c2}/disposition`, { decision: 'explained', reason: 'Danh sách do UBND cấp huyện đề xuất.' }).expect(200);
    await sec.put(`/api/comments/${c3}/disposition`, { decision: 'partially_accepted', reason: 'Bổ sung khái toán tổng thể.' }).expect(200);

    const report = await sec.get(`/api/rounds/${roundId}/report`);
    expect(report.body.totals).toEqual({ comments: 3, accepted: 1, partially_accepted: 1, explained: 1, not_accepted: 0, undecided: 0 });
    expect(report.body.rows.map((r: { commentId: string }) => r.commentId)).toEqual([c3, c1, c2]);

    // Two leaders in order; the first returns once with reasons, then approves.
    const submitted = await sec.post(`/api/plans/${planId}/approval`, { versionNumber: 2, approverIds: w.leaders.map((l) => l.id) });
    expect(submitted.status).toBe(201);
    expect((await sec.get(`/api/plans/${planId}`)).body.status).toBe('awaiting_approval');
    const [pct, ct] = w.leaders;
    expect((await as(t, ct.token).post(`/api/plans/${planId}/approval/decision`, { decision: 'approve' })).status).toBe(403);
    const returned = await as(t, pct.token).post(`/api/plans/${planId}/approval/decision`, { decision: 'return', note: 'Làm rõ nguồn lực thực hiện.' });
    expect(returned.status).toBe(200);
    expect(returned.body.steps[0]).toMatchObject({ state: 'returned', note: 'Làm rõ nguồn lực thực hiện.' });
    expect((await sec.get(`/api/plans/${planId}`)).body.status).toBe('drafting');

    const again = await sec.post(`/api/plans/${planId}/approval`, { versionNumber: 2, approverIds: w.leaders.map((l) => l.id) });
    expect(again.status).toBe(201);
    expect(
      (await as(t, pct.token).post(`/api/plans/${planId}/approval/decision`, { decision: 'approve', note: 'Đồng ý.' })).body.steps.map(
        (s: { state: string }) => s.state,
      ),
    ).toEqual(['approved', 'current']);
    const approved = await as(t, ct.token).post(`/api/plans/${planId}/approval/decision`, { decision: 'approve' });
    expect(approved.body.status).toBe('approved');
    plan = await sec.get(`/api/plans/${planId}`);
    expect(plan.body).toMatchObject({ status: 'approved', approvedVersion: 2 });

    // Approved: nothing of the plan changes any more.
    const latest = await sec.get(`/api/plans/${planId}/draft`);
    const edits = [
      await sec.put(`/api/plans/${planId}/draft`, { sections: latest.body.sections }).set('If-Match', latest.headers.etag),
      await sec.post(`/api/plans/${planId}/versions`, { note: 'Dự thảo lần 3' }),
      await sec.post(`/api/plans/${planId}/rounds`, {
        title: 'Đợt mới',
        versionNumber: 2,
        deadline: new Date(t.clock.now().getTime() + DAY).toISOString(),
        agencyIds: [lmhtx.id],
      }),
      await sec.put(`/api/comments/${c2}/disposition`, { decision: 'accepted' }),
      await sec.post(`/api/plans/${planId}/approval`, { versionNumber: 2, approverIds: [pct.id] }),
    ];
    for (const res of edits) {
      expect(res.status).toBe(409);
      expect(res.body.message).toContain('"approved"');
    }

    // Every step is in the audit log, and the chain holds.
    const audit = await as(t, w.admin.token).get(`/api/audit?entityType=plan&entityId=${planId}&limit=200`);
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['plan.created', 'version.frozen', 'draft.saved', 'plan.status_changed']));
    expect((await as(t, w.admin.token).get('/api/audit/verify')).body).toMatchObject({ ok: true });
  });
});
