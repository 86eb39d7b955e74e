import { buildReportDocument } from '../src/documents/domain/report-document';
import { renderHtml } from '../src/documents/render/document-templates';
import { PdfRenderer } from '../src/documents/render/pdf-renderer';
import { bare, largeReportInput, readPdf, ReadPdf } from './pdf-support';

/** docs/architecture.md, "The PDF renderer": long tables repeat their header row and never split a row across pages. */
describe('a 300-row consolidation report', () => {
  const renderer = new PdfRenderer({ concurrency: 1 });
  const ROWS = 300;
  let doc: ReadPdf;
  let pages: number;

  beforeAll(async () => {
    const out = await renderer.render(renderHtml('report', buildReportDocument(largeReportInput(ROWS))));
    pages = out.pages;
    doc = readPdf(out.pdf);
  }, 120_000);
  afterAll(() => renderer.close());

  const mark = (letter: string, i: number) => `${letter}${String(i + 1).padStart(4, '0')}`;
  /** Marks in the first cell (A), at both ends of the comment (B, C) and of the reason (D, E). */
  const marksOf = (i: number) => (i % 5 === 4 ? ['A', 'B', 'C'] : ['A', 'B', 'C', 'D', 'E']).map((l) => mark(l, i));

  it('runs over many pages, counted as pdfinfo counts them', () => {
    expect(pages).toBe(doc.pages);
    expect(doc.pages).toBeGreaterThan(15);
  });

  it('prints every row whole on exactly one page', () => {
    const wordsOnPage = doc.words.map((page) => new Set(page.map((w) => w.text)));
    for (let i = 0; i < ROWS; i++) {
      const where = marksOf(i).map((m) => wordsOnPage.flatMap((words, p) => (words.has(m) ? [p] : [])));
      // Each mark once in the document, and all the marks of a row on the same page.
      expect([i, where.map((p) => p.length)]).toEqual([i, where.map(() => 1)]);
      expect([i, new Set(where.flat()).size]).toEqual([i, 1]);
    }
  });

  it('repeats the header row at the top of the table on every page it runs over', () => {
    const header = bare('TT Nội dung dự thảo Ý kiến góp ý Đơn vị Giải trình, tiếp thu');
    const tablePages: number[] = [];
    for (let p = 0; p < doc.pages; p++) {
      const marks = doc.words[p].filter((w) => /^[A-E]\d{4}$/.test(w.text));
      if (!marks.length) continue;
      tablePages.push(p);
      const text = bare(doc.text[p]);
      expect([p + 1, text.split(header).length - 1]).toEqual([p + 1, 1]);
      const headerTop = doc.words[p].find((w) => w.text === 'Nội' && doc.words[p].some((x) => x.text === 'dung' && Math.abs(x.yMin - w.yMin) < 1))!;
      expect(headerTop.yMin).toBeLessThan(Math.min(...marks.map((m) => m.yMin)));
    }
    // The table runs without a gap from the first page it starts on to the last.
    expect(tablePages.length).toBe(tablePages[tablePages.length - 1] - tablePages[0] + 1);
    expect(tablePages.length).toBeGreaterThanOrEqual(doc.pages - 2);
  });
});
