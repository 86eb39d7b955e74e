import { TestApp } from './support/test-app';
import { useWorld } from './support/use-world';
import { as, comment, openRound, planWithVersion, World } from './support/world';

/** A draft is its agency's own until submitted: staff never read its text, not even in the audit log. */
describe('draft comments stay private', () => {
  let t: TestApp;
  let w: World;

  useWorld(1, (app, world) => ((t = app), (w = world)));

  it('keeps the text of drafts, edited and deleted ones included, out of what staff can read', async () => {
    const { planId, keys } = await planWithVersion(w);
    const roundId = await openRound(w, planId);
    const agency = as(t, w.agencies[0].user.token);
    const secret = 'Nội dung nháp riêng của đơn vị';
    const id = await comment(w, w.agencies[0], roundId, { sectionKey: keys[0], quote: 'Kinh tế tập thể', body: `${secret} 1` });
    await agency.patch(`/api/comments/${id}`, { body: `${secret} 2` }).expect(200);
    await agency.delete(`/api/comments/${id}`).expect(204);

    for (const reader of [w.secretariat, w.leaders[0], w.admin]) {
      expect((await as(t, reader.token).get(`/api/comments/${id}`)).status).toBe(reader === w.admin ? 403 : 404);
      const audit = await as(t, reader.token).get(`/api/audit?entityType=comment&entityId=${id}`);
      expect(audit.status).toBe(200);
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['comment.deleted', 'comment.updated', 'comment.created']);
      const text = JSON.stringify(audit.body);
      expect(text).not.toContain(secret);
      expect(text).not.toContain('Kinh tế tập thể');
      expect(audit.body.items[1].data).toMatchObject({ fields: ['body'], contentSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }
  });
});
