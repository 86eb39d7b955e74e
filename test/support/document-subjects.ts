import { DEMO_SECTIONS } from '../../src/demo/demo-data';
import { eventually } from './smtp-sink';
import type { TestApp } from './test-app';
import { as, comment, openRound, planWithVersion, respond, World } from './world';

export interface DocumentSubjects {
  planId: string;
  roundId: string;
  conferenceId: string;
}

/**
 * Something of each kind of document to make: the demo plan at two versions (one general comment
 * taken in by the second, one on a passage of the section the second version changed), its closed
 * round with a response, and a conference with its minutes.
 */
export async function documentSubjects(t: TestApp, w: World): Promise<DocumentSubjects> {
  const sec = () => as(t, w.secretariat.token);
  const { planId } = await planWithVersion(w, DEMO_SECTIONS);
  const roundId = await openRound(w, planId, [w.agencies[0], w.agencies[1]]);
  const c = await comment(w, w.agencies[0], roundId, { body: 'Đề nghị bổ sung số liệu hợp tác xã giải thể.' });
  const v1 = await sec().get(`/api/plans/${planId}/versions/1`).expect(200);
  await comment(w, w.agencies[0], roundId, {
    sectionKey: v1.body.sections[2].key,
    quote: 'có 25 hợp tác xã được thành lập mới',
    body: 'Đề nghị nêu tên các hợp tác xã thành lập mới.',
  });
  await respond(w, w.agencies[0], roundId, { reference: '215/LMHTX-KHTH' });
  await sec().post(`/api/rounds/${roundId}/close`).expect(200);
  const draft = await sec().get(`/api/plans/${planId}/draft`);
  const sections = draft.body.sections.map((s: { heading: string; body: string }, i: number) =>
    i === 2 ? { ...s, body: `${s.body}\n\nCó 12 hợp tác xã giải thể trong năm 2021.` } : s,
  );
  await sec().put(`/api/plans/${planId}/draft`, { sections }).set('If-Match', draft.headers.etag).expect(200);
  await sec().post(`/api/plans/${planId}/versions`, { note: 'Dự thảo lần 2' }).expect(201);
  await sec().put(`/api/comments/${c}/disposition`, { decision: 'accepted', addressedInVersion: 2 }).expect(200);
  const conf = await sec().post(`/api/plans/${planId}/conferences`, {
    title: 'Hội nghị góp ý dự thảo Đề án',
    heldAt: '2022-06-08T08:00:00+07:00',
    location: 'Trụ sở UBND tỉnh Quảng Ninh',
    chair: 'Phạm Văn Thành, Phó Chủ tịch UBND tỉnh',
    secretary: 'Trần Thị Thu Hà',
    attendees: [{ name: 'Phạm Văn Thành', position: 'Phó Chủ tịch UBND tỉnh' }],
  });
  const conferenceId = conf.body.id;
  await sec()
    .put(`/api/conferences/${conferenceId}/minutes`, {
      summary: 'Toàn tỉnh có 633 hợp tác xã.',
      opinions: [{ speaker: 'Đại diện Sở Tài chính', agencyId: w.agencies[1].id, content: 'Đề nghị làm rõ nguồn kinh phí.' }],
      conclusions: ['Các đơn vị soạn thảo tiếp thu các ý kiến tại hội nghị.'],
      directives: [{ agencyId: w.agencies[0].id, task: 'Thành lập mới ít nhất 30 hợp tác xã', dueDate: '2022-12-31', target: 30 }],
      endedAt: '2022-06-08T11:30:00+07:00',
    })
    .expect(200);
  return { planId, roundId, conferenceId };
}

/** Waits until the worker is done with a document (or has given up) and returns it. */
export function documentDone(t: TestApp, token: string, id: string) {
  return eventually(
    async () => {
      const res = await as(t, token).get(`/api/documents/${id}`);
      return ['done', 'failed'].includes(res.body.status) && res.body;
    },
    60_000,
    `document ${id}`,
  );
}

/** GET /api/documents/:id/file with the body as bytes. */
export function downloadDocument(t: TestApp, token: string, id: string) {
  return as(t, token)
    .get(`/api/documents/${id}/file`)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
}
