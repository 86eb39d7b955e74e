import { AuditSealerLoop } from '../src/audit/audit-sealer-loop';
import { Checkpoint } from '../src/audit/domain/audit-entry';
import { sealNow } from './support/audit-log';
import { documentDone, documentSubjects, DocumentSubjects, downloadDocument } from './support/document-subjects';
import { readDocxPart } from './support/docx-parts';
import { readPdf } from './pdf-support';
import { eventually } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';
import { as, buildWorld, planWithVersion, World } from './support/world';

/** One space for any run of spaces and line breaks. */
const flat = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ');

/**
 * Every document duthao issues ends with the audit checkpoint it was rendered under (docs/api.md,
 * "Audit"): rendered through the API and the worker, read back from the PDF (pdftotext) and the
 * .docx (its document.xml), the line is the latest checkpoint's as GET /api/audit/checkpoints/latest
 * gave it at render time.
 */
describe('issued documents print the latest audit checkpoint', () => {
  let t: TestApp;
  let w: World;
  let s: DocumentSubjects;
  const sec = () => as(t, w.secretariat.token);

  beforeAll(async () => {
    t = await startTestApp({ workers: true, outboxPollMs: 200, jobAttempts: 2, jobBackoffMs: 200, renderConcurrency: 2 });
    // The workers' sealer would seal at any moment; here the spec seals, so that "the latest checkpoint at
    // render time" is known exactly.
    await t.app.get(AuditSealerLoop, { strict: false }).beforeApplicationShutdown();
    w = await buildWorld(t, 2);
    s = await documentSubjects(t, w);
  }, 120_000);
  afterAll(() => t.close());

  const latest = async () => (await sec().get('/api/audit/checkpoints/latest').expect(200)).body as Checkpoint;
  const lineOf = (c: Checkpoint) => `Nhật ký kiểm tra: ${c.treeSize} · ${c.rootHash.slice(0, 16)}`;

  /** Requests a document, waits for the worker, and returns the text a reader of the file sees. */
  async function issued(body: Record<string, unknown>): Promise<string> {
    const res = await sec().post('/api/documents', body);
    expect(res.status).toBe(202);
    const doc = await documentDone(t, w.secretariat.token, res.body.id);
    expect(doc).toMatchObject({ status: 'done', error: null });
    const file = (await downloadDocument(t, w.secretariat.token, res.body.id).expect(200)).body as Buffer;
    if (body.format === 'docx') return flat((await readDocxPart(file, 'word/document.xml'))!.replace(/<[^>]+>/g, ' '));
    return flat(readPdf(file).text.join('\n'));
  }

  const requests = () => ({
    plan: { kind: 'plan', planId: s.planId, versionNumber: 2 },
    report: { kind: 'report', roundId: s.roundId },
    minutes: { kind: 'minutes', conferenceId: s.conferenceId },
    comparison: { kind: 'comparison', planId: s.planId, from: 1, to: 2 },
  });

  it.each(['pdf', 'docx'])('every kind as %s ends with "Nhật ký kiểm tra: {treeSize} · {first 16 hex}" of the latest checkpoint', async (format) => {
    await sealNow(t);
    const before = await latest();
    expect(before.treeSize).toBeGreaterThan(0);
    const texts = await Promise.all(Object.values(requests()).map((r) => issued({ ...r, format })));
    // Nothing was sealed while they rendered: the checkpoint now is the one at render time.
    expect(await latest()).toEqual(before);
    for (const [kind, text] of Object.keys(requests()).map((k, i) => [k, texts[i]])) {
      expect({ kind, line: text.match(/Nhật ký kiểm tra: \d+ · [0-9a-f]{16}/g) }).toEqual({ kind, line: [lineOf(before)] });
      // It is the last thing in the document.
      expect({ kind, end: text.trim().endsWith(lineOf(before)) }).toEqual({ kind, end: true });
    }
  });

  it('a document rendered after the log has grown prints the newer checkpoint, not the one before', async () => {
    await sealNow(t);
    const first = await latest();
    const pdf = await issued({ kind: 'plan', planId: s.planId, versionNumber: 1, format: 'pdf' });
    expect(pdf).toContain(lineOf(first));
    // The request of that document is in the log; sealed, it makes a new checkpoint.
    await sealNow(t);
    const second = await latest();
    expect(second.treeSize).toBeGreaterThan(first.treeSize);
    const docx = await issued({ kind: 'plan', planId: s.planId, versionNumber: 1, format: 'docx' });
    expect(docx).toContain(lineOf(second));
    expect(docx).not.toContain(lineOf(first));
    expect(await latest()).toEqual(second);
  });

  it("the approved plan, sealed with the organisation's certificate on the last approval, ends with it too", async () => {
    const { planId } = await planWithVersion(w);
    const leader = w.leaders[0];
    await sec()
      .post(`/api/plans/${planId}/approval`, { versionNumber: 1, approverIds: [leader.id] })
      .expect(201);
    await sealNow(t);
    const before = await latest();
    // The last approval queues the approved document; its render reads the latest checkpoint.
    await as(t, leader.token).post(`/api/plans/${planId}/approval/decision`, { decision: 'approve', note: 'Đồng ý.' }).expect(200);
    const view = await eventually(
      async () => {
        const res = await sec().get(`/api/plans/${planId}/approved`);
        return res.status === 200 && res.body.signingStatus !== 'pending' && res.body;
      },
      90_000,
      `signed PDF of ${planId}`,
    );
    expect(view.signingStatus).toBe('signed');
    const file = (
      await sec()
        .get(`/api/plans/${planId}/approved/file`)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200)
    ).body as Buffer;
    const text = flat(readPdf(file).text.join('\n'));
    expect(text.match(/Nhật ký kiểm tra: \d+ · [0-9a-f]{16}/g)).toEqual([lineOf(before)]);
    expect(text.trim().endsWith(lineOf(before))).toBe(true);
    expect(await latest()).toEqual(before);
  }, 120_000);
});
