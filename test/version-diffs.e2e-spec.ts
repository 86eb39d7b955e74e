import * as sectionDiff from '../src/plans/domain/section-diff';
import { VersionDiffs } from '../src/plans/diff/version-diffs';
import { startTestApp, TestApp } from './support/test-app';
import { edited, vnText } from './support/vn-text';
import { as, buildWorld, openRound, snapshot, World } from './support/world';

interface Op {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}
const side = (ops: Op[], which: 'from' | 'to') =>
  ops
    .filter((o) => o.op === 'equal' || o.op === (which === 'from' ? 'delete' : 'insert'))
    .map((o) => o.text)
    .join('');

/** GET …/versions/:n/diff (docs/api.md "Plans and versions"): bounded, stored, never on the HTTP thread. */
describe('version diffs', () => {
  let t: TestApp;
  let w: World;
  let planId: string;
  const sec = () => as(t, w.secretariat.token);

  /** Saves the working draft with these bodies (by position) and freezes it. */
  async function freeze(bodies: string[], note: string): Promise<number> {
    const draft = await sec().get(`/api/plans/${planId}/draft`);
    const sections = draft.body.sections.map((s: { key: string; heading: string }, i: number) => ({ ...s, body: bodies[i] }));
    await sec().put(`/api/plans/${planId}/draft`, { sections }).set('If-Match', draft.headers.etag).expect(200);
    return (await sec().post(`/api/plans/${planId}/versions`, { note }).expect(201)).body.number;
  }

  const stored = async () =>
    (await t.db.query('SELECT from_number AS "from", to_number AS "to", approximate FROM plan_version_diffs WHERE plan_id = $1 ORDER BY 1, 2', [planId])) as {
      from: number;
      to: number;
      approximate: boolean;
    }[];

  const v1 = Array.from({ length: 12 }, (_, i) => vnText(35_000, 100 + i));
  const v2 = v1.map((b, i) => edited(b, 0.02, 200 + i));
  // Every section rewritten: the worst case of the issue, 12 × 35,000 characters.
  const v3 = v1.map((_, i) => vnText(35_000, 300 + i));

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t, 2);
    const created = await sec()
      .post('/api/plans', { title: 'Đề án dài', sections: v1.map((body, i) => ({ heading: `Mục ${i + 1}`, body })) })
      .expect(201);
    planId = created.body.id;
    await sec().post(`/api/plans/${planId}/versions`, { note: 'Dự thảo lần 1' }).expect(201);
  });
  afterAll(() => t.close());

  it('stores the diff with the previous version when a version is frozen, and serves it as stored', async () => {
    expect(await stored()).toEqual([]);
    expect(await freeze(v2, 'Dự thảo lần 2')).toBe(2);
    expect(await stored()).toEqual([{ from: 1, to: 2, approximate: false }]);
    const res = await sec().get(`/api/plans/${planId}/versions/2/diff?from=1`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ from: 1, to: 2, approximate: false });
    expect(res.body.sections).toHaveLength(12);
    for (const [i, s] of res.body.sections.entries()) {
      expect(Object.keys(s)).toEqual(['key', 'change', 'heading', 'ops']);
      expect(s.change).toBe('changed');
      expect(side(s.ops, 'from')).toBe(v1[i]);
      expect(side(s.ops, 'to')).toBe(v2[i]);
      // Word by word: what changed is a small part of the section.
      expect(s.ops.filter((o: Op) => o.op === 'insert').reduce((n: number, o: Op) => n + o.text.length, 0)).toBeLessThan(v2[i].length / 4);
    }
  });

  it('computes another pair when first asked, off the HTTP thread, and keeps it', async () => {
    expect(await freeze(v3, 'Dự thảo lần 3')).toBe(3);
    const onThisThread = jest.spyOn(sectionDiff, 'diffSections');
    try {
      const [a, b] = await Promise.all([sec().get(`/api/plans/${planId}/versions/3/diff?from=1`), sec().get(`/api/plans/${planId}/versions/3/diff?from=1`)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(b.body).toEqual(a.body);
      expect(a.body).toMatchObject({ from: 1, to: 3 });
      for (const [i, s] of a.body.sections.entries()) {
        expect(side(s.ops, 'from')).toBe(v1[i]);
        expect(side(s.ops, 'to')).toBe(v3[i]);
      }
      // A version's diff in the other direction is a pair of its own.
      const back = await sec().get(`/api/plans/${planId}/versions/1/diff?from=3`).expect(200);
      expect(side(back.body.sections[0].ops, 'from')).toBe(v3[0]);
      expect(onThisThread).not.toHaveBeenCalled();
    } finally {
      onThisThread.mockRestore();
    }
    expect(await stored()).toEqual([
      { from: 1, to: 2, approximate: false },
      { from: 1, to: 3, approximate: expect.any(Boolean) },
      { from: 2, to: 3, approximate: expect.any(Boolean) },
      { from: 3, to: 1, approximate: expect.any(Boolean) },
    ]);
    expect(t.app.get(VersionDiffs).stats()).toMatchObject({ threads: 1, busy: 0, waiting: 0 });
  });

  it('answers other requests while diffs are being computed', async () => {
    // Three pairs never asked for, each the 12 rewritten sections: computed one after another in the thread.
    await freeze(
      v1.map((_, i) => vnText(35_000, 400 + i)),
      'Dự thảo lần 4',
    );
    await freeze(
      v1.map((_, i) => vnText(35_000, 500 + i)),
      'Dự thảo lần 5',
    );
    const order: string[] = [];
    const diffs = [1, 2, 3].map((from) =>
      sec()
        .get(`/api/plans/${planId}/versions/5/diff?from=${from}`)
        .then((r) => {
          order.push(`diff ${r.status}`);
        }),
    );
    const diffsStarted = async () => {
      while (t.app.get(VersionDiffs).stats().busy === 0) await new Promise((r) => setImmediate(r));
    };
    await diffsStarted();
    const health = await t.http.get('/api/health');
    order.push(`health ${health.status}`);
    await Promise.all(diffs);
    expect(order[0]).toBe('health 200');
    expect(order.slice(1)).toEqual(['diff 200', 'diff 200', 'diff 200']);
  });

  it('refuses what is not a version pair of a plan the reader may see, changing nothing', async () => {
    const before = await snapshot(t);
    const outsider = as(t, w.agencies[1].user.token);
    expect((await sec().get(`/api/plans/${planId}/versions/9/diff?from=1`)).status).toBe(404);
    expect((await sec().get(`/api/plans/${planId}/versions/2/diff?from=9`)).status).toBe(404);
    expect((await sec().get(`/api/plans/${planId}/versions/2/diff?from=0`)).status).toBe(400);
    expect((await sec().get(`/api/plans/${planId}/versions/2/diff?from=x`)).status).toBe(400);
    expect((await sec().get(`/api/plans/${planId}/versions/2/diff`)).status).toBe(400);
    expect((await sec().get(`/api/plans/00000000-0000-4000-8000-000000000000/versions/2/diff?from=1`)).status).toBe(404);
    expect((await outsider.get(`/api/plans/${planId}/versions/2/diff?from=1`)).status).toBe(404);
    expect((await t.http.get(`/api/plans/${planId}/versions/2/diff?from=1`)).status).toBe(401);
    expect(await snapshot(t)).toEqual(before);
    // Once invited, the agency reads the stored diff like anyone else.
    await sec()
      .post(`/api/rounds/${await openRound(w, planId, [w.agencies[1]], { versionNumber: 5 })}/close`)
      .expect(200);
    expect((await outsider.get(`/api/plans/${planId}/versions/2/diff?from=1`)).status).toBe(200);
  });
});
