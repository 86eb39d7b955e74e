import { buildComparisonDocument } from '../src/documents/domain/comparison-document';
import { buildMinutesDocument } from '../src/documents/domain/minutes-document';
import { buildPlanDocument } from '../src/documents/domain/plan-document';
import { buildReportDocument } from '../src/documents/domain/report-document';
import { sampleComparisonInput, sampleMinutesInput, samplePlanInput, sampleReportInput, SAMPLE_VERSION_2 } from './fixtures/document-inputs';
import { renderHtml } from '../src/documents/render/document-templates';
import { PdfRenderer } from '../src/documents/render/pdf-renderer';
import { DEMO_COMMENTS, DEMO_PLAN_TITLE } from '../src/demo/demo-data';
import { bare, bareText, pageText, readPdf, ReadPdf, TEXT_CENTRE_X, topMarginWords } from './pdf-support';

/** The four documents of the seed scenario through real Chromium, read back with poppler-utils. */
describe('PDF documents in the Decree 30/2020 layout', () => {
  const renderer = new PdfRenderer({ concurrency: 2 });
  const docs: Record<string, { pdf: Buffer; pages: number; read: ReadPdf }> = {};

  beforeAll(async () => {
    const html = {
      plan: renderHtml('plan', buildPlanDocument(samplePlanInput(true))),
      draft: renderHtml('plan', buildPlanDocument(samplePlanInput(false))),
      report: renderHtml('report', buildReportDocument(sampleReportInput())),
      minutes: renderHtml('minutes', buildMinutesDocument(sampleMinutesInput())),
      comparison: renderHtml('comparison', buildComparisonDocument(sampleComparisonInput())),
    };
    await Promise.all(
      Object.entries(html).map(async ([kind, h]) => {
        const out = await renderer.render(h);
        docs[kind] = { ...out, read: readPdf(out.pdf) };
      }),
    );
  });
  afterAll(() => renderer.close());

  const kinds = ['plan', 'draft', 'report', 'minutes', 'comparison'];

  it.each(kinds)('%s: A4 portrait, page count as pdfinfo reads it, Tinos embedded and nothing else', (kind) => {
    const { read, pages } = docs[kind];
    expect(read.size).toEqual([595, 842]);
    expect(pages).toBe(read.pages);
    expect(read.fonts.length).toBeGreaterThan(0);
    for (const f of read.fonts) {
      expect(f.name).toMatch(/^[A-Z]{6}\+Tinos-(Regular|Bold|Italic|BoldItalic)$/);
      expect(f.embedded).toBe(true);
    }
    expect(read.fonts.map((f) => f.name.split('+')[1])).toEqual(expect.arrayContaining(['Tinos-Regular', 'Tinos-Bold']));
  });

  it.each(kinds)('%s: national title, motto and issuing agency with their diacritics', (kind) => {
    const page1 = bare(docs[kind].read.text[0]);
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Nơi nhận:']) expect(bareText(docs[kind].read)).toContain(bare(s));
    expect(page1).toContain(bare('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'));
    expect(page1).toContain(bare('Độc lập - Tự do - Hạnh phúc'));
    expect(page1).toMatch(/ỦYBANNHÂNDÂN|SỞKẾHOẠCHVÀĐẦUTƯ/);
  });

  it.each(kinds)('%s: page numbers centred in the top margin from page 2, none on page 1', (kind) => {
    const { read } = docs[kind];
    expect(read.pages).toBeGreaterThanOrEqual(2);
    const margins = topMarginWords(read);
    expect(margins[0]).toEqual([]);
    for (let p = 2; p <= read.pages; p++) {
      expect(margins[p - 1].map((w) => w.text)).toEqual([String(p)]);
      const w = margins[p - 1][0];
      expect(Math.abs((w.xMin + w.xMax) / 2 - TEXT_CENTRE_X)).toBeLessThan(3);
    }
  });

  it.each(kinds)('%s: each page read on its own starts with its number, except the first', (kind) => {
    const { pdf, pages } = docs[kind];
    const firstLines = Array.from(
      { length: pages },
      (_, i) =>
        pageText(pdf, i + 1)
          .trim()
          .split('\n')[0],
    );
    expect(firstLines[0]).toMatch(/^(ỦY BAN NHÂN DÂN|UBND TỈNH QUẢNG NINH)$/);
    expect(firstLines.slice(1)).toEqual(Array.from({ length: pages - 1 }, (_, i) => String(i + 2)));
  });

  it('the approved plan: title, parts numbered once, Markdown body, signature of the approving leader', () => {
    const { read } = docs.plan;
    const text = bareText(read);
    expect(text).toContain(bare('ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH'));
    expect(text).toContain(bare('Số: 15/ĐA-UBND Quảng Ninh, ngày 08 tháng 6 năm 2022'));
    expect(text).toContain(bare(`ĐỀ ÁN ${DEMO_PLAN_TITLE.replace('Đề án ', '')}`));
    for (const [i, title] of [
      'SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN',
      'CĂN CỨ XÂY DỰNG ĐỀ ÁN',
      'THỰC TRẠNG PHÁT TRIỂN KINH TẾ TẬP THỂ, HỢP TÁC XÃ',
      'MỤC TIÊU',
      'NHIỆM VỤ VÀ GIẢI PHÁP',
      'TỔ CHỨC THỰC HIỆN',
    ].entries()) {
      expect(text).toContain(bare(`Phần ${['I', 'II', 'III', 'IV', 'V', 'VI'][i]} ${title}`));
    }
    expect(text).not.toContain(bare('Phần I. SỰ CẦN THIẾT'));
    expect(text).not.toMatch(/PhầnIPhầnI/);
    expect(text).toContain(bare('Đến nay, toàn tỉnh có 633 hợp tác xã, trong đó có 25 hợp tác xã được thành lập mới từ đầu năm 2022; 12 hợp tác xã giải thể'));
    expect(text).toContain(bare('Tồn tại, hạn chế: số hợp tác xã hoạt động hiệu quả chưa nhiều'));
    expect(text).not.toContain('**');
    expect(text).toContain(bare('- Nghị định số 193/2013/NĐ-CP ngày 21/11/2013 của Chính phủ'));
    expect(text).toContain(bare('TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH'));
    expect(bare(read.text[read.pages - 1])).toContain(bare('Phạm Văn Thành'));
    expect(text).toContain(bare('- Lưu: VT, KTTH.'));
    expect(text).not.toContain(bare('DỰ THẢO LẦN'));
  });

  it('the draft plan: marked as a draft, unsigned, number and date left for the clerk', () => {
    const text = bareText(docs.draft.read);
    expect(text).toContain(bare('DỰ THẢO LẦN 2'));
    expect(text).toContain(bare('Số: /ĐA-UBND Quảng Ninh, ngày tháng năm 2022'));
    expect(text).not.toContain(bare('KT. CHỦ TỊCH'));
    expect(text).toContain(bare(SAMPLE_VERSION_2[5].body.split('\n\n')[0]));
  });

  it('the consolidation report: who answered, then every comment with its disposition', () => {
    const text = bareText(docs.report.read);
    expect(text).toContain(bare('BÁO CÁO TỔNG HỢP, GIẢI TRÌNH, TIẾP THU Ý KIẾN'));
    expect(text).toContain(bare(`Về dự thảo ${DEMO_PLAN_TITLE} (dự thảo lần 1)`));
    expect(text).toContain(bare('Số cơ quan, đơn vị được xin ý kiến: 7.'));
    expect(text).toContain(bare('Số cơ quan, đơn vị chưa trả lời: 3 (đã quá hạn: 3).'));
    expect(text).toContain(bare('Sở Công Thương 1120/SCT-QLTM 0 Thống nhất, không có ý kiến'));
    expect(text).toContain(bare('TT Nội dung dự thảo Ý kiến góp ý Đơn vị Giải trình, tiếp thu'));
    for (const c of DEMO_COMMENTS) expect(text).toContain(bare(c.body));
    expect(text).toContain(bare('“trong đó có 25 hợp tác xã được thành lập mới từ đầu năm 2022”'));
    expect(text).toContain(bare('Tiếp thu Đã bổ sung số liệu hợp tác xã giải thể, ngừng hoạt động tại Phần III.'));
    expect(text).toContain(bare('Tiếp thu một phần Bổ sung nguồn kinh phí'));
    expect(text).toContain(bare('Ý kiến chung'));
    expect(text).toContain(bare('Chưa xử lý'));
  });

  it('the minutes (form 1.9): time, place, people, content, directives, closing line, THƯ KÝ left and CHỦ TỌA right', () => {
    const { read } = docs.minutes;
    const text = bareText(read);
    expect(text).toContain(bare('Số: /BB-UBND'));
    expect(text).toContain(bare('BIÊN BẢN Hội nghị góp ý dự thảo Đề án phát triển kinh tế tập thể, hợp tác xã'));
    expect(text).toContain(bare('- Thời gian bắt đầu: 8 giờ 00 phút, ngày 08 tháng 6 năm 2022.'));
    expect(text).toContain(bare('- Địa điểm: Trụ sở Liên cơ quan số 3, thành phố Hạ Long'));
    expect(text).toContain(bare('- Chủ trì (chủ tọa): Phạm Văn Thành, Phó Chủ tịch UBND tỉnh'));
    expect(text).toContain(bare('- Thư ký (người ghi biên bản): Trần Thị Thu Hà'));
    expect(text).toContain(bare('toàn tỉnh có 633 hợp tác xã, trong đó có 25 hợp tác xã được thành lập mới từ đầu năm 2022'));
    expect(text).toContain(bare('2.1. Đại diện Sở Tài chính:'));
    expect(text).toContain(bare('thành lập mới ít nhất 30 hợp tác xã theo kế hoạch'));
    expect(text).toContain(bare('Hoàn thành 5 hợp tác xã điểm Liên minh Hợp tác xã tỉnh 30/6/2022 5'));
    expect(text).toContain(bare('Hội nghị kết thúc vào 11 giờ 30 phút, ngày 08 tháng 6 năm 2022./.'));
    const last = read.words[read.pages - 1];
    const at = (word: string) => last.find((w) => w.text === word)!;
    expect(at('THƯ').xMax).toBeLessThan(TEXT_CENTRE_X);
    expect(at('CHỦ').xMin).toBeGreaterThan(TEXT_CENTRE_X);
    expect(at('Trần').xMax).toBeLessThan(TEXT_CENTRE_X);
    expect(at('Phạm').xMin).toBeGreaterThan(TEXT_CENTRE_X);
    expect(text).toContain(bare('- Lưu: VT, hồ sơ.'));
  });

  it('the comparison: old and new text side by side, with the dispositions taken in', () => {
    const { read } = docs.comparison;
    const text = bareText(read);
    expect(text).toContain(bare('BẢNG SO SÁNH'));
    expect(text).toContain(bare('TT Dự thảo lần 1 Dự thảo lần 2 Giải trình, tiếp thu'));
    expect(text).toContain(bare('12 hợp tác xã giải thể, ngừng hoạt động trong cùng kỳ'));
    expect(text).toContain(bare('6. Bố trí kinh phí từ ngân sách tỉnh'));
    expect(text).toContain(bare('Liên minh Hợp tác xã tỉnh (Dự thảo lần 1 · Đoạn trích đã được sửa):'));
    expect(text).toContain(bare('Tiếp thu: Đã bổ sung số liệu hợp tác xã giải thể'));
    expect(text).toContain(bare('Tiếp thu một phần: Bổ sung nguồn kinh phí'));
    expect(text).toContain(bare('Các mục còn lại (4 mục) giữ nguyên.'));
  });

  it('renders the same HTML twice to the same pages and text', async () => {
    const html = renderHtml('report', buildReportDocument(sampleReportInput()));
    const [a, b] = [await renderer.render(html), await renderer.render(html)];
    expect(a.pages).toBe(b.pages);
    expect(readPdf(a.pdf).text).toEqual(readPdf(b.pdf).text);
    expect(readPdf(a.pdf).words).toEqual(readPdf(b.pdf).words);
  });
});
