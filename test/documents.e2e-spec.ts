import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_SECTIONS } from '../src/demo/demo-data';
import { eventually } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';
import { documentDone, documentSubjects, downloadDocument } from './support/document-subjects';
import { as, buildWorld, planWithVersion, snapshot, World } from './support/world';

const dir = mkdtempSync(join(tmpdir(), 'duthao-docs-'));

/** The text of a PDF, read back with poppler's pdftotext. */
/** The text as laid out, or (raw) in the order it was drawn: a table cell's lines together. */
function pdfText(pdf: Buffer, mode: '-layout' | '-raw' = '-layout'): string {
  const file = join(dir, `${createHash('sha256').update(pdf).digest('hex')}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [mode, file, '-'], { encoding: 'utf8' });
}

/** Documents through the API and the queue: docs/api.md, "Documents (PDF)". */
describe('documents (PDF) through the API', () => {
  let t: TestApp;
  let w: World;
  let planId: string;
  let roundId: string;
  let conferenceId: string;

  const sec = () => as(t, w.secretariat.token);
  const done = (token: string, id: string) => documentDone(t, token, id);
  const download = (token: string, id: string) => downloadDocument(t, token, id);

  beforeAll(async () => {
    t = await startTestApp({ workers: true, outboxPollMs: 200, jobAttempts: 2, jobBackoffMs: 200, renderConcurrency: 2 });
    w = await buildWorld(t, 3);
    ({ planId, roundId, conferenceId } = await documentSubjects(t, w));
  });
  afterAll(() => t.close());

  it('renders each of the four documents through the queue, as Vietnamese PDFs', async () => {
    const requests = [
      { kind: 'plan', planId, versionNumber: 2 },
      { kind: 'report', roundId },
      { kind: 'minutes', conferenceId },
      { kind: 'comparison', planId, from: 1, to: 2 },
    ];
    const expected = [
      ['ĐỀ ÁN', 'Phát triển kinh tế tập thể', '633 hợp tác xã', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
      ['BÁO CÁO TỔNG HỢP, GIẢI TRÌNH, TIẾP THU Ý KIẾN', 'Đề nghị bổ sung số liệu', '215/LMHTX', 'Tiếp thu'],
      ['BIÊN BẢN', 'Phạm Văn Thành', 'Đề nghị làm rõ nguồn kinh phí', 'Thành lập mới ít nhất 30 hợp tác xã'],
      // Beside the changed section, the comment that sits on it now; after the table, the general one.
      ['12 hợp tác xã giải thể', 'Đề nghị nêu tên các hợp tác xã thành lập mới.', 'Dự thảo lần 1 · Vẫn ở chỗ cũ', 'Dự thảo lần 1 · Góp ý chung'],
    ];
    for (const [i, body] of requests.entries()) {
      const res = await sec().post('/api/documents', body);
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ kind: body.kind, status: 'queued', pages: null });
      const doc = await done(w.secretariat.token, res.body.id);
      expect(doc).toMatchObject({ status: 'done', error: null });
      expect(doc.pages).toBeGreaterThan(0);
      const file = await download(w.secretariat.token, res.body.id);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      const pdf = file.body as Buffer;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBe(doc.bytes);
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(doc.sha256);
      const text = pdfText(pdf, body.kind === 'comparison' ? '-raw' : '-layout').replace(/\s+/g, ' ');
      for (const phrase of expected[i]) expect(text).toContain(phrase);
    }
  });

  it('gives the same document for the same input, rendered once', async () => {
    const body = { kind: 'plan', planId, versionNumber: 1 };
    const first = await sec().post('/api/documents', body);
    const again = await sec().post('/api/documents', body);
    const byLeader = await as(t, w.leaders[0].token).post('/api/documents', body);
    expect(again.body.id).toBe(first.body.id);
    expect(byLeader.body.id).toBe(first.body.id);
    await done(w.secretariat.token, first.body.id);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM documents WHERE subject->>'planId' = $1 AND (subject->>'versionNumber')::int = 1`, [
      planId,
    ]);
    expect(n).toBe(1);
    // Another version is another input, so another document.
    const other = await sec().post('/api/documents', { kind: 'plan', planId, versionNumber: 2 });
    expect(other.body.id).not.toBe(first.body.id);
  });

  it('answers 409 for the file until it is done', async () => {
    // An app of its own with no workers: the document stays queued.
    const idle = await startTestApp({ workers: false });
    try {
      const iw = await buildWorld(idle, 1);
      const p = await planWithVersion(iw);
      const res = await as(idle, iw.secretariat.token).post('/api/documents', { kind: 'plan', planId: p.planId, versionNumber: 1 });
      expect(res.status).toBe(202);
      const file = await as(idle, iw.secretariat.token).get(`/api/documents/${res.body.id}/file`);
      expect(file.status).toBe(409);
      expect(file.body.message).toContain('"queued"');
    } finally {
      await idle.close();
    }
  });

  it('lets only readers of the subject ask for and read a document', async () => {
    const [a, b, outsider] = w.agencies;
    const before = await snapshot(t);
    expect((await as(t, outsider.user.token).post('/api/documents', { kind: 'plan', planId, versionNumber: 1 })).status).toBe(404);
    expect((await as(t, a.user.token).post('/api/documents', { kind: 'report', roundId })).status).toBe(403);
    expect((await as(t, outsider.user.token).post('/api/documents', { kind: 'minutes', conferenceId })).status).toBe(404);
    expect((await t.http.post('/api/documents').send({ kind: 'plan', planId, versionNumber: 1 })).status).toBe(401);
    expect(await snapshot(t)).toEqual(before);

    const report = await sec().post('/api/documents', { kind: 'report', roundId });
    expect((await as(t, a.user.token).get(`/api/documents/${report.body.id}`)).status).toBe(404);
    expect((await as(t, w.leaders[0].token).get(`/api/documents/${report.body.id}`)).status).toBe(200);

    // An agency's comparison shows its own comments only: it is a different document, closed to others.
    const mine = await as(t, a.user.token).post('/api/documents', { kind: 'comparison', planId, from: 1, to: 2 });
    expect(mine.status).toBe(202);
    const staff = await sec().post('/api/documents', { kind: 'comparison', planId, from: 1, to: 2 });
    expect(mine.body.id).not.toBe(staff.body.id);
    expect((await as(t, b.user.token).get(`/api/documents/${mine.body.id}`)).status).toBe(404);
    expect((await as(t, a.user.token).get(`/api/documents/${staff.body.id}`)).status).toBe(404);
    await done(a.user.token, mine.body.id);
    expect((await download(b.user.token, mine.body.id)).status).toBe(404);
  });

  it('refuses bad requests with a 400 naming the field, changing nothing', async () => {
    const cases = [
      { kind: 'plan', planId },
      { kind: 'plan', planId, versionNumber: 1, roundId },
      { kind: 'report' },
      { kind: 'minutes', conferenceId: 'abc' },
      { kind: 'comparison', planId, from: 1 },
      { kind: 'poster', planId },
      { kind: 'plan', planId, versionNumber: 0 },
      { kind: 'plan', planId, versionNumber: 1, extra: true },
    ];
    const before = await snapshot(t);
    for (const body of cases) {
      const res = await sec().post('/api/documents', body);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toMatch(/(planId|versionNumber|roundId|conferenceId|from|to|kind|extra)(\)|\\")?:/);
    }
    // The kind is named as a person calls it, not only by its key.
    const missing = await sec().post('/api/documents', { kind: 'comparison', planId, from: 1 });
    expect(JSON.stringify(missing.body.message)).toContain('là bắt buộc với bảng so sánh dự thảo (comparison)');
    expect((await sec().post('/api/documents', { kind: 'plan', planId, versionNumber: 9 })).status).toBe(404);
    expect((await sec().get('/api/documents/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect(await snapshot(t)).toEqual(before);
  });

  it('retries a render that fails, then reports it failed with the reason; asking again tries again', async () => {
    // An app of its own whose renderer cannot find a browser.
    const broken = await startTestApp({
      workers: true,
      puppeteerExecutablePath: '/nonexistent/chromium',
      outboxPollMs: 200,
      jobAttempts: 2,
      jobBackoffMs: 100,
    });
    try {
      const bw = await buildWorld(broken, 1);
      const p = await planWithVersion(bw);
      const body = { kind: 'plan', planId: p.planId, versionNumber: 1 };
      const res = await as(broken, bw.secretariat.token).post('/api/documents', body);
      const failed = await eventually(
        async () => {
          const doc = (await as(broken, bw.secretariat.token).get(`/api/documents/${res.body.id}`)).body;
          return doc.status === 'failed' && doc;
        },
        30_000,
        'the render to fail',
      );
      expect(failed.error).toMatch(/chromium/i);
      const jobs = (await as(broken, bw.admin.token).get('/api/admin/jobs/failed')).body.items;
      expect(jobs).toEqual(expect.arrayContaining([expect.objectContaining({ queue: 'documents', name: 'render-document', attemptsMade: 2 })]));
      // Asking again for the same input gives the same document another try.
      const again = await as(broken, bw.secretariat.token).post('/api/documents', body);
      expect(again.body).toMatchObject({ id: res.body.id, status: 'queued', error: null });
    } finally {
      await broken.close();
    }
  });

  it('survives the browser crashing mid-render: the job is retried and succeeds', async () => {
    const long = Array.from({ length: 150 }, (_, i) => ({ heading: `${i + 1}. Mục ${i + 1}`, body: DEMO_SECTIONS[i % DEMO_SECTIONS.length].body.repeat(3) }));
    const big = await planWithVersion(w, long);
    const res = await sec().post('/api/documents', { kind: 'plan', planId: big.planId, versionNumber: 1 });
    await eventually(async () => (await sec().get(`/api/documents/${res.body.id}`)).body.status === 'rendering', 30_000, 'rendering to start');
    // Kill every Chromium this test process started.
    const browsers = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => /chrom/i.test(l))
      .map((l) => Number(l.trim().split(/\s+/)[0]));
    expect(browsers.length).toBeGreaterThan(0);
    for (const pid of browsers) process.kill(pid, 'SIGKILL');
    const doc = await done(w.secretariat.token, res.body.id);
    expect(doc.status).toBe('done');
    expect(doc.pages).toBeGreaterThan(10);
  });
});
