import { createHash } from 'node:crypto';
import { numberHeadings } from '../src/documents/domain/heading-numbering';
import { readDocxPart } from './support/docx-parts';
import { plainText } from '../src/web/view-helpers';
import { documentDone, documentSubjects, DocumentSubjects, downloadDocument } from './support/document-subjects';
import { pageText, readPdf } from './pdf-support';
import { libreOfficeConvert, libreOfficeText } from './support/libreoffice';
import { startTestApp, TestApp } from './support/test-app';
import { as, buildWorld, snapshot, World } from './support/world';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** One space for any run of spaces, so a line LibreOffice wraps or indents still matches. */
const flat = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Word files through the API and the worker, opened by LibreOffice: docs/api.md, "Documents". */
describe('documents as Word files (.docx) through the API', () => {
  let t: TestApp;
  let w: World;
  let s: DocumentSubjects;
  const files: Record<string, Buffer> = {};
  const ids: Record<string, string> = {};
  let text: Record<string, string>;

  const sec = () => as(t, w.secretariat.token);

  beforeAll(async () => {
    t = await startTestApp({ workers: true, outboxPollMs: 200, jobAttempts: 2, jobBackoffMs: 200, renderConcurrency: 2 });
    w = await buildWorld(t, 3);
    s = await documentSubjects(t, w);
    const requests = {
      plan: { kind: 'plan', planId: s.planId, versionNumber: 2 },
      report: { kind: 'report', roundId: s.roundId },
      minutes: { kind: 'minutes', conferenceId: s.conferenceId },
      comparison: { kind: 'comparison', planId: s.planId, from: 1, to: 2 },
    };
    for (const [kind, body] of Object.entries(requests)) {
      const res = await sec().post('/api/documents', { ...body, format: 'docx' });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ kind, format: 'docx', status: 'queued' });
      ids[kind] = res.body.id;
    }
    for (const [kind, id] of Object.entries(ids)) {
      const doc = await documentDone(t, w.secretariat.token, id);
      expect(doc).toMatchObject({ status: 'done', error: null, format: 'docx', pages: null });
      const file = await downloadDocument(t, w.secretariat.token, id);
      expect(file.status).toBe(200);
      files[kind] = file.body as Buffer;
      expect(files[kind].length).toBe(doc.bytes);
      expect(createHash('sha256').update(files[kind]).digest('hex')).toBe(doc.sha256);
    }
    text = await libreOfficeText(files);
  }, 180_000);
  afterAll(() => t.close());

  it.each(['plan', 'report', 'minutes', 'comparison'])('%s: LibreOffice opens it; national title, motto, issuing agency, "Nơi nhận"', (kind) => {
    const lines = text[kind].split('\n').map(flat);
    expect(lines).toEqual(expect.arrayContaining(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Nơi nhận:', '- Lưu: VT.']));
    expect(lines.slice(0, 3)).toEqual(['ỦY BAN NHÂN DÂN', 'TỈNH QUẢNG NINH', '']);
    expect(lines.find((l) => l.startsWith('Số:'))).toBeDefined();
  });

  it('LibreOffice lays the plan out on A4 with the page number at the top from page 2, none on page 1', async () => {
    const { plan } = await libreOfficeConvert({ plan: files.plan }, 'pdf');
    const info = readPdf(plan);
    expect(info.size).toEqual([595, 842]);
    expect(info.pages).toBeGreaterThanOrEqual(2);
    const firstLines = Array.from({ length: info.pages }, (_, i) =>
      pageText(plan, i + 1)
        .trim()
        .split('\n')[0]
        .trim(),
    );
    expect(firstLines[0]).toBe('ỦY BAN NHÂN DÂN');
    expect(firstLines.slice(1)).toEqual(Array.from({ length: info.pages - 1 }, (_, i) => String(i + 2)));
  });

  it('serves the Word file with its content type and a Vietnamese file name like the PDF', async () => {
    for (const [kind, name] of [
      ['plan', 'du-thao'],
      ['report', 'bao-cao-tong-hop'],
      ['minutes', 'bien-ban'],
      ['comparison', 'bang-so-sanh'],
    ]) {
      const file = await downloadDocument(t, w.secretariat.token, ids[kind]);
      expect(file.headers['content-type']).toBe(DOCX);
      expect(file.headers['content-disposition']).toBe(`attachment; filename="${name}-${ids[kind].slice(0, 8)}.docx"`);
      expect((file.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    }
  });

  it('the plan: every heading, numbered as in the PDF, and every body text', async () => {
    const version = (await sec().get(`/api/plans/${s.planId}/versions/2`).expect(200)).body as { sections: { heading: string; body: string }[] };
    const all = flat(text.plan);
    expect(all).toContain('ĐỀ ÁN');
    expect(all).toContain('DỰ THẢO LẦN 2');
    const headings = numberHeadings(version.sections.map((x) => x.heading));
    expect(headings.length).toBeGreaterThan(3);
    for (const [i, section] of version.sections.entries()) {
      const h = headings[i];
      expect(all).toContain(h.level === 1 ? flat(`${h.label} ${h.title.toLocaleUpperCase('vi')}`) : flat(`${h.label} ${h.title}`));
      const body = plainText(section.body)
        .split(/[\n\t]/)
        .map(flat)
        .filter(Boolean);
      expect(body.length).toBeGreaterThan(0);
      for (const line of body) expect(all).toContain(line);
    }
    expect(all).toContain('Có 12 hợp tác xã giải thể trong năm 2021.');
    expect(all).not.toContain('**');
  });

  it('the report, the minutes and the comparison: their headings, tables and text', () => {
    const report = flat(text.report);
    for (const phrase of [
      'BÁO CÁO TỔNG HỢP, GIẢI TRÌNH, TIẾP THU Ý KIẾN',
      'I. TÌNH HÌNH LẤY Ý KIẾN',
      'II. TỔNG HỢP, GIẢI TRÌNH, TIẾP THU Ý KIẾN',
      'Số cơ quan, đơn vị được xin ý kiến: 2.',
      'Nội dung dự thảo',
      'Giải trình, tiếp thu',
      'Đề nghị bổ sung số liệu hợp tác xã giải thể.',
      '215/LMHTX-KHTH',
      'Tiếp thu',
    ]) {
      expect(report).toContain(phrase);
    }
    const minutes = flat(text.minutes);
    for (const phrase of [
      'BIÊN BẢN',
      'Hội nghị góp ý dự thảo Đề án',
      '1. Diễn biến hội nghị',
      'Toàn tỉnh có 633 hợp tác xã.',
      '2. Ý kiến phát biểu',
      'Đề nghị làm rõ nguồn kinh phí.',
      '3. Kết luận của chủ tọa',
      '4. Nhiệm vụ được giao',
      'Thành lập mới ít nhất 30 hợp tác xã',
      'THƯ KÝ',
      'CHỦ TỌA',
      'Trần Thị Thu Hà',
    ]) {
      expect(minutes).toContain(phrase);
    }
    const comparison = flat(text.comparison);
    for (const phrase of [
      'BẢNG SO SÁNH',
      'Dự thảo lần 1',
      'Dự thảo lần 2',
      'Giải trình, tiếp thu',
      'Có 12 hợp tác xã giải thể trong năm 2021.',
      'Đề nghị bổ sung số liệu hợp tác xã giải thể.',
      '(Dự thảo lần 1 · Góp ý chung)',
      'Đề nghị nêu tên các hợp tác xã thành lập mới.',
      '(Dự thảo lần 1 · Vẫn ở chỗ cũ)',
    ]) {
      expect(comparison).toContain(phrase);
    }
  });

  it('writes the report and the comparison as real Word tables whose header row repeats on each page', async () => {
    for (const kind of ['report', 'comparison', 'minutes']) {
      const xml = (await readDocxPart(files[kind], 'word/document.xml'))!;
      const grids = (xml.match(/<w:tbl>.*?<\/w:tbl>/gs) ?? []).filter((tbl) => tbl.includes('<w:tblHeader/>'));
      expect(grids.length).toBeGreaterThan(0);
      for (const tbl of grids) {
        const rows = tbl.match(/<w:tr>.*?<\/w:tr>/gs)!;
        expect(rows[0]).toMatch(/<w:trPr>.*<w:tblHeader\/>.*<\/w:trPr>/s);
        expect(rows.slice(1).some((r) => r.includes('<w:tblHeader/>'))).toBe(false);
        for (const r of rows) expect(r).toContain('<w:cantSplit/>');
      }
    }
    const report = (await readDocxPart(files.report, 'word/document.xml'))!;
    expect(report).toMatch(/<w:tblHeader\/>.*Nội dung dự thảo.*Ý kiến góp ý/s);
  });

  it('gives the same document for the same input and format; the PDF of it is another document', async () => {
    const body = { kind: 'plan', planId: s.planId, versionNumber: 2, format: 'docx' };
    const again = await sec().post('/api/documents', body);
    const byLeader = await as(t, w.leaders[0].token).post('/api/documents', body);
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(ids.plan);
    expect(byLeader.body.id).toBe(ids.plan);
    const pdf = await sec().post('/api/documents', { kind: 'plan', planId: s.planId, versionNumber: 2 });
    const pdfAgain = await sec().post('/api/documents', { kind: 'plan', planId: s.planId, versionNumber: 2, format: 'pdf' });
    expect(pdf.body).toMatchObject({ format: 'pdf' });
    expect(pdf.body.id).not.toBe(ids.plan);
    expect(pdfAgain.body.id).toBe(pdf.body.id);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM documents WHERE plan_id = $1 AND kind = 'plan' AND (subject->>'versionNumber')::int = 2`, [
      s.planId,
    ]);
    expect(n).toBe(2);
  });

  it('refuses a format it does not make with a 400 naming the field, changing nothing', async () => {
    const before = await snapshot(t);
    for (const format of ['xlsx', 'DOCX', '', 1]) {
      const res = await sec().post('/api/documents', { kind: 'plan', planId: s.planId, versionNumber: 1, format });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain('format');
    }
    expect(await snapshot(t)).toEqual(before);
  });
});
