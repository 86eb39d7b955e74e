import { countPdfPages } from './pdf-pages';

const pdf = (body: string) => Buffer.from(`%PDF-1.4\n${body}\n%%EOF`, 'latin1');

describe('counting PDF pages', () => {
  it('counts page objects, not the page tree', () => {
    expect(
      countPdfPages(
        pdf(
          '1 0 obj <</Type /Pages /Kids [2 0 R 3 0 R] /Count 2>> endobj 2 0 obj <</Type /Page /Parent 1 0 R>> endobj 3 0 obj <</Type/Page/Parent 1 0 R>> endobj',
        ),
      ),
    ).toBe(2);
  });

  it('falls back to the page tree count when pages are hidden in object streams', () => {
    expect(countPdfPages(pdf('1 0 obj <</Type /Pages /Count 7>> endobj 2 0 obj <</Type /ObjStm /N 7>> stream ... endstream endobj'))).toBe(7);
  });

  it('refuses what it cannot count', () => {
    expect(() => countPdfPages(pdf('nothing'))).toThrow('Could not count');
  });
});
