import { createHash } from 'node:crypto';
import { letterPdf } from './support/letter-pdf';
import { documentDone, downloadDocument } from './support/document-subjects';
import { TestApp } from './support/test-app';
import { useWorld } from './support/use-world';
import { as, comment, planWithVersion, openRound, respond, snapshot, World } from './support/world';
import { bareText, readPdf } from './pdf-support';

const LIMIT = 64 * 1024;

/**
 * The signed official letter (PDF) an agency attaches to its response: PUT
 * /api/rounds/:id/responses/letter, GET /api/rounds/:id/responses/:agencyId/letter; shown in the
 * round's agencies and listed in the consolidation report.
 */
describe("an agency's signed letter", () => {
  let t: TestApp;
  let w: World;
  useWorld(3, (app, world) => ((t = app), (w = world)), { workers: true, outboxPollMs: 200, letterMaxBytes: LIMIT });

  const put = (token: string | null, roundId: string, file: Buffer, name = 'Công văn 1234-SKHĐT.pdf', type = 'application/pdf') => {
    const r = t.http.put(`/api/rounds/${roundId}/responses/letter`);
    if (token) r.set('Authorization', `Bearer ${token}`);
    return r.attach('file', file, { filename: name, contentType: type });
  };
  const get = (token: string, roundId: string, agencyId: string) =>
    as(t, token)
      .get(`/api/rounds/${roundId}/responses/${agencyId}/letter`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });

  let roundId: string;
  let otherRound: string;

  beforeAll(async () => {
    const { planId, keys } = await planWithVersion(w);
    roundId = await openRound(w, planId, w.agencies.slice(0, 2));
    await comment(w, w.agencies[0], roundId, { sectionKey: keys[0], body: 'Đề nghị bổ sung số liệu năm 2021.' });
    const other = await planWithVersion(w);
    otherRound = await openRound(w, other.planId, [w.agencies[2]]);
  });

  it('is refused before the agency has responded (409 no_response), and changes nothing', async () => {
    const before = await snapshot(t);
    const res = await put(w.agencies[0].user.token, roundId, await letterPdf());
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('no_response');
    expect(res.body.message).toMatch(/chưa gửi văn bản góp ý/);
    expect(await snapshot(t)).toEqual(before);
  });

  it('is attached to the response, shown to the secretariat and leaders, downloaded as sent, and audited', async () => {
    const a0 = w.agencies[0];
    await respond(w, a0, roundId, { reference: '1234/SKHĐT-KTN' });
    const pdf = await letterPdf();
    const res = await put(a0.user.token, roundId, pdf);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      agencyId: a0.id,
      fileName: 'Công văn 1234-SKHĐT.pdf',
      bytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      uploadedBy: a0.user.id,
      uploadedByName: 'Chuyên viên đơn vị 1',
    });

    for (const reader of [w.secretariat, w.leaders[0], a0.user]) {
      const file = await get(reader.token, roundId, a0.id);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toContain("filename*=UTF-8''C%C3%B4ng%20v%C4%83n");
      expect(Buffer.compare(file.body as Buffer, pdf)).toBe(0);
    }
    const round = await as(t, w.secretariat.token).get(`/api/rounds/${roundId}`);
    const line = round.body.agencies.find((a: { agencyId: string }) => a.agencyId === a0.id);
    expect(line.letter).toMatchObject({ fileName: 'Công văn 1234-SKHĐT.pdf', bytes: pdf.length, uploadedByName: 'Chuyên viên đơn vị 1' });
    expect(round.body.agencies.find((a: { agencyId: string }) => a.agencyId === w.agencies[1].id).letter).toBeNull();

    const audit = await as(t, w.admin.token).get(`/api/audit?entityType=round&entityId=${roundId}&limit=200`);
    const row = audit.body.items.find((e: { action: string }) => e.action === 'response.letter_attached');
    expect(row).toMatchObject({ actorId: a0.user.id, data: { agencyId: a0.id, fileName: 'Công văn 1234-SKHĐT.pdf', bytes: pdf.length, replacedSha256: null } });

    // Sent again, it replaces the first, and the audit says which it replaced.
    const second = await letterPdf('Cong van so 1234/SKHDT-KTN (ban ky lai)');
    expect((await put(a0.user.token, roundId, second, 'ban-ky-lai.pdf')).status).toBe(200);
    expect(Buffer.compare((await get(w.secretariat.token, roundId, a0.id)).body as Buffer, second)).toBe(0);
    const again = await as(t, w.admin.token).get(`/api/audit?entityType=round&entityId=${roundId}&limit=200`);
    const rows = again.body.items.filter((e: { action: string }) => e.action === 'response.letter_attached');
    expect(rows.map((r: { data: { replacedSha256: string | null } }) => r.data.replacedSha256)).toContain(res.body.sha256);
  });

  it('is listed in the consolidation report (API and PDF): file name, size, who and when', async () => {
    const report = await as(t, w.secretariat.token).get(`/api/rounds/${roundId}/report`);
    expect(report.body.agencies.find((a: { agencyId: string }) => a.agencyId === w.agencies[0].id).letter.fileName).toBe('ban-ky-lai.pdf');
    const made = await as(t, w.secretariat.token).post('/api/documents', { kind: 'report', roundId });
    expect(made.status).toBe(202);
    const doc = await documentDone(t, w.secretariat.token, made.body.id);
    expect(doc.status).toBe('done');
    const pdf = (await downloadDocument(t, w.secretariat.token, made.body.id)).body as Buffer;
    const text = bareText(readPdf(pdf));
    expect(text).toContain('Côngvănkèmtheo:ban-ky-lai.pdf');
    expect(text).toContain('doChuyênviênđơnvị1đínhkèmlúc');
  });

  it('refuses what is not a PDF (415), a damaged PDF (400), a file over LETTER_MAX_BYTES (413) and a missing file (400)', async () => {
    const a0 = w.agencies[0];
    const before = await snapshot(t);
    const notPdf = await put(a0.user.token, roundId, Buffer.from('Xin chào, đây không phải PDF'), 'cong-van.pdf');
    expect(notPdf.status).toBe(415);
    expect(notPdf.body.message).toMatch(/không phải là tệp PDF/);
    const docx = await put(
      a0.user.token,
      roundId,
      Buffer.from('PK\u0003\u0004 word/document.xml'),
      'cong-van.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(docx.status).toBe(415);
    const damaged = await put(a0.user.token, roundId, Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nendobj\n%%EOF\n'));
    expect(damaged.status).toBe(400);
    const big = await put(a0.user.token, roundId, await letterPdf('x', LIMIT));
    expect(big.status).toBe(413);
    expect(big.body.message).toMatch(/vượt quá giới hạn 64 KB/);
    const huge = await put(a0.user.token, roundId, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(21 * 1024 * 1024)]));
    expect(huge.status).toBe(413);
    const none = await t.http.put(`/api/rounds/${roundId}/responses/letter`).set('Authorization', `Bearer ${a0.user.token}`).field('x', '1');
    expect(none.status).toBe(400);
    const json = await as(t, a0.user.token).put(`/api/rounds/${roundId}/responses/letter`, { file: 'x' });
    expect(json.status).toBe(415);
    expect((await put(a0.user.token, 'not-a-uuid', await letterPdf())).status).toBe(400);
    expect((await get(w.secretariat.token, roundId, 'nope')).status).toBe(400);
    expect(await snapshot(t)).toEqual(before);
  });

  it("keeps each agency to its own: another agency's letter or round is 404, other roles 403, no token 401", async () => {
    const [a0, a1, a2] = w.agencies;
    // a1 is invited but cannot read a0's letter; a2 is not invited to the round at all.
    expect((await get(a1.user.token, roundId, a0.id)).status).toBe(404);
    expect((await get(a2.user.token, roundId, a0.id)).status).toBe(404);
    expect((await get(a2.user.token, roundId, a2.id)).status).toBe(404);
    expect((await put(a2.user.token, roundId, await letterPdf())).status).toBe(404);
    // A letter nobody attached is 404 for the secretariat too.
    expect((await get(w.secretariat.token, roundId, a1.id)).status).toBe(404);
    expect((await get(w.secretariat.token, otherRound, a0.id)).status).toBe(404);
    for (const who of [w.secretariat, w.leaders[0], w.admin]) expect((await put(who.token, roundId, await letterPdf())).status).toBe(403);
    expect((await get(w.admin.token, roundId, a0.id)).status).toBe(403);
    expect((await put(null, roundId, await letterPdf())).status).toBe(401);
  });

  it('goes with its response: withdrawn, the letter is no longer shown; a closed round takes none (409 round_closed)', async () => {
    const a0 = w.agencies[0];
    expect((await as(t, a0.user.token).post(`/api/rounds/${roundId}/responses/withdraw`)).status).toBe(200);
    expect((await get(w.secretariat.token, roundId, a0.id)).status).toBe(404);
    expect((await put(a0.user.token, roundId, await letterPdf())).body.code).toBe('no_response');
    await respond(w, a0, roundId);
    expect((await put(a0.user.token, roundId, await letterPdf())).status).toBe(200);
    expect((await as(t, w.secretariat.token).post(`/api/rounds/${roundId}/close`)).status).toBe(200);
    const closed = await put(a0.user.token, roundId, await letterPdf());
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('round_closed');
    expect((await get(w.leaders[0].token, roundId, a0.id)).status).toBe(200);
  });
});
