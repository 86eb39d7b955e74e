import { buildComparisonDocument, ComparisonDocumentInput } from '../domain/comparison-document';
import { buildMinutesDocument } from '../domain/minutes-document';
import { buildPlanDocument } from '../domain/plan-document';
import { buildReportDocument } from '../domain/report-document';
import { sampleComparisonInput, sampleMinutesInput, samplePlanInput, sampleReportInput } from '../../../test/fixtures/document-inputs';
import { DOCX_VERSION, renderDocx } from './docx-renderer';
import { readDocxPart } from '../../../test/support/docx-parts';

/** The seed comparison with a passage struck out of the first changed section. */
function withDeletion(input: ComparisonDocumentInput): ComparisonDocumentInput {
  const sections = input.diff.sections.map((sec, i) =>
    i === input.diff.sections.findIndex((x) => x.change === 'changed') ? { ...sec, ops: [...sec.ops, { op: 'delete', text: ' Câu đã bỏ.' }] } : sec,
  );
  return { ...input, diff: { ...input.diff, sections } };
}

/** The four documents of the seed scenario as Word files: the Decree 30 layout in their XML. */
describe('Word documents in the Decree 30/2020 layout', () => {
  const parts: Record<string, { document: string; styles: string; headers: string[] }> = {};

  beforeAll(async () => {
    const files = {
      plan: await renderDocx('plan', buildPlanDocument(samplePlanInput(true))),
      report: await renderDocx('report', buildReportDocument(sampleReportInput())),
      minutes: await renderDocx('minutes', buildMinutesDocument(sampleMinutesInput())),
      comparison: await renderDocx('comparison', buildComparisonDocument(withDeletion(sampleComparisonInput()))),
    };
    for (const [kind, docx] of Object.entries(files)) {
      parts[kind] = {
        document: (await readDocxPart(docx, 'word/document.xml'))!,
        styles: (await readDocxPart(docx, 'word/styles.xml'))!,
        headers: [(await readDocxPart(docx, 'word/header1.xml'))!, (await readDocxPart(docx, 'word/header2.xml'))!],
      };
    }
  });

  const kinds = ['plan', 'report', 'minutes', 'comparison'];

  it.each(kinds)('%s: A4 portrait, margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 14 pt', (kind) => {
    const { document, styles } = parts[kind];
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(document).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(styles).toMatch(/<w:rPrDefault>.*w:ascii="Times New Roman".*<w:sz w:val="28"\/>/s);
  });

  it.each(kinds)('%s: page numbers centred at the top from page 2; the first page has an empty header of its own', (kind) => {
    const { document, headers } = parts[kind];
    expect(document).toContain('<w:titlePg/>');
    const numbered = headers.filter((h) => /<w:instrText[^>]*>PAGE<\/w:instrText>/.test(h));
    expect(numbered).toHaveLength(1);
    expect(numbered[0]).toContain('<w:jc w:val="center"/>');
    const other = headers.find((h) => h !== numbered[0])!;
    expect(other).not.toMatch(/<w:t[ >]/);
    expect(document).toMatch(/<w:headerReference w:type="first"/);
  });

  it.each(kinds)('%s: issuing agency, national title, underlined motto, "Số:", "Nơi nhận:" in bold italic', (kind) => {
    const { document } = parts[kind];
    expect(document).toMatch(/<w:b\/>.*?<w:t[^>]*>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</s);
    expect(document).toMatch(
      /<w:rPr><w:b\/><w:bCs\/><w:sz w:val="27"\/><w:szCs w:val="27"\/><w:u w:val="single"\/><\/w:rPr><w:t[^>]*>Độc lập - Tự do - Hạnh phúc</,
    );
    expect(document).toMatch(/<w:t[^>]*>(ỦY BAN NHÂN DÂN|SỞ KẾ HOẠCH VÀ ĐẦU TƯ)</);
    expect(document).toMatch(/<w:t[^>]*>Số:/);
    expect(document).toMatch(/<w:b\/><w:bCs\/><w:i\/><w:iCs\/>.*?<w:t[^>]*>Nơi nhận:</s);
  });

  it('the plan: parts as Heading 1 ("Phần I" over the title), the approved signature, no Markdown marks', () => {
    const { document } = parts.plan;
    const h1 = document.match(/<w:p><w:pPr><w:pStyle w:val="Heading1"\/>.*?<\/w:p>/gs) ?? [];
    expect(h1).toHaveLength(6);
    expect(h1[0]).toMatch(/Phần I<\/w:t>.*<w:br\/><w:t[^>]*>SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN</s);
    expect(document).toContain('>PHÓ CHỦ TỊCH<');
    expect(document).toContain('>Phạm Văn Thành<');
    expect(document).not.toContain('**');
    expect(document).toMatch(/<w:b\/><w:bCs\/><\/w:rPr><w:t[^>]*>Tồn tại, hạn chế:/);
  });

  it.each(['report', 'comparison', 'minutes'])('%s: its grid as a Word table whose first row repeats on each page', (kind) => {
    const grids = (parts[kind].document.match(/<w:tbl>.*?<\/w:tbl>/gs) ?? []).filter((t) => t.includes('<w:tblBorders><w:top w:val="single"'));
    expect(grids.length).toBeGreaterThan(0);
    for (const t of grids) {
      const rows = t.match(/<w:tr>.*?<\/w:tr>/gs)!;
      expect(rows[0]).toContain('<w:tblHeader/>');
      expect(rows.filter((r) => r.includes('<w:tblHeader/>'))).toHaveLength(1);
    }
  });

  it('the comparison: deletions struck out, insertions bold and underlined', () => {
    const { document } = parts.comparison;
    expect(document).toMatch(/<w:strike\/>.*?<w:t[^>]*> Câu đã bỏ.</s);
    expect(document).toMatch(/<w:b\/><w:bCs\/>(<w:sz[^>]*\/><w:szCs[^>]*\/>)?<w:u w:val="single"\/>.*?<w:t[^>]*>[^<]*12 hợp tác xã giải thể/s);
  });

  it('names its version by the code that writes the files', () => {
    expect(DOCX_VERSION).toMatch(/^[0-9a-f]{64}$/);
  });
});
