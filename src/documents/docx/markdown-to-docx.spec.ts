import { Packer } from 'docx';
import { decreeDocument } from './docx-layout';
import { readDocxPart } from '../../../test/support/docx-parts';
import { ListNumbering, markdownToDocx } from './markdown-to-docx';

/** The body part of a document holding just this Markdown, and its numbering part. */
async function convert(source: string): Promise<{ body: string; numbering: string; styles: string }> {
  const lists = new ListNumbering();
  const children = markdownToDocx(source, lists);
  const docx = await Packer.toBuffer(decreeDocument({ title: 't', children, numbering: lists.options() }));
  const xml = (await readDocxPart(docx, 'word/document.xml'))!;
  const body = xml.slice(xml.indexOf('<w:body>'), xml.indexOf('<w:sectPr'));
  return { body, numbering: (await readDocxPart(docx, 'word/numbering.xml')) ?? '', styles: (await readDocxPart(docx, 'word/styles.xml')) ?? '' };
}

const paragraphsOf = (xml: string) => xml.match(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/gs) ?? [];
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

describe('Markdown of section bodies as Word paragraphs, runs and tables', () => {
  it('makes one paragraph per Markdown paragraph, justified and first-line indented by the document default', async () => {
    const { body, styles } = await convert('Một đoạn văn.\n\nĐoạn thứ hai\nnối dòng.');
    const ps = paragraphsOf(body);
    expect(ps.map(textOf)).toEqual(['Một đoạn văn.', 'Đoạn thứ hai nối dòng.']);
    for (const p of ps) expect(p).not.toContain('<w:pPr>');
    const defaults = /<w:pPrDefault>.*?<\/w:pPrDefault>/s.exec(styles)![0];
    expect(defaults).toContain('<w:jc w:val="both"/>');
    expect(defaults).toMatch(/<w:ind w:firstLine="567"\/>/);
    expect(defaults).toMatch(/<w:spacing w:after="120"\/>/);
    expect(styles).toMatch(/<w:rPrDefault>.*w:ascii="Times New Roman".*<w:sz w:val="28"\/>.*<\/w:rPrDefault>/s);
  });

  it('keeps bold and italic as run properties, without the markers', async () => {
    const { body } = await convert('Tồn tại: **số hợp tác xã** hoạt động *hiệu quả* chưa ***nhiều***.');
    expect(textOf(body)).toBe('Tồn tại: số hợp tác xã hoạt động hiệu quả chưa nhiều.');
    expect(body).not.toContain('**');
    const runs = body.match(/<w:r>.*?<\/w:r>/gs)!;
    const run = (text: string) => runs.find((r) => textOf(r) === text)!;
    expect(run('số hợp tác xã')).toContain('<w:b/>');
    expect(run('số hợp tác xã')).not.toContain('<w:i/>');
    expect(run('hiệu quả')).toContain('<w:i/>');
    expect(run('hiệu quả')).not.toContain('<w:b/>');
    expect(run('nhiều')).toMatch(/<w:b\/>.*<w:i\/>/s);
    expect(run('Tồn tại: ')).not.toMatch(/<w:[bi]\/>/);
  });

  it('turns a hard line break into a Word line break', async () => {
    const { body } = await convert('Dòng một\\\nDòng hai');
    expect(paragraphsOf(body)).toHaveLength(1);
    expect(body).toMatch(/Dòng một<\/w:t><\/w:r><w:r>(<w:rPr>.*?<\/w:rPr>)?<w:br\/><w:t[^>]*>Dòng hai/s);
  });

  it('makes bullet lists "-" then "+" by depth, and numbered lists that restart at their own start', async () => {
    const { body, numbering } = await convert('- Luật Hợp tác xã;\n- Nghị định 193:\n  - Điều 1\n\n3. Ba\n4. Bốn\n\nđoạn\n\n1. Một');
    const ps = paragraphsOf(body);
    expect(ps.map(textOf)).toEqual(['Luật Hợp tác xã;', 'Nghị định 193:', 'Điều 1', 'Ba', 'Bốn', 'đoạn', 'Một']);
    const num = (p: string) => /<w:ilvl w:val="(\d)"\/><w:numId w:val="(\d+)"\/>/.exec(p)?.slice(1).map(Number) ?? null;
    const [b1, b2, nested, o1, o2, plain, o3] = ps.map(num);
    expect(b1).toEqual(b2);
    expect(b1![0]).toBe(0);
    expect(nested![0]).toBe(1);
    expect(o1).toEqual(o2);
    expect(o1![1]).not.toBe(b1![1]);
    expect(plain).toBeNull();
    expect(o3![1]).not.toBe(o1![1]);
    expect(numbering).toContain('<w:lvlText w:val="-"/>');
    expect(numbering).toContain('<w:lvlText w:val="+"/>');
    expect(numbering).toContain('<w:lvlText w:val="%1."/>');
    expect(numbering).toContain('<w:start w:val="3"/>');
  });

  it('keeps the second paragraph of a list item in the item, unnumbered and indented', async () => {
    const { body } = await convert('- Mục một\n\n  tiếp theo của mục một\n- Mục hai');
    const ps = paragraphsOf(body);
    expect(ps.map(textOf)).toEqual(['Mục một', 'tiếp theo của mục một', 'Mục hai']);
    expect(ps[1]).not.toContain('<w:numPr>');
    expect(ps[1]).toContain('w:firstLine="567"');
  });

  it('makes a Markdown table a bordered Word table with a repeated header row, cell alignment and bold kept', async () => {
    const { body } = await convert('| Năm | **Số** HTX |\n| --- | ---: |\n| 2022 | **633** |\n| 2023 |\n');
    expect(body.match(/<w:tbl>/g)).toHaveLength(1);
    const rows = body.match(/<w:tr>.*?<\/w:tr>/gs)!;
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows[1]).not.toContain('<w:tblHeader/>');
    expect(rows.map((r) => (r.match(/<w:tc>.*?<\/w:tc>/gs) ?? []).map(textOf))).toEqual([
      ['Năm', 'Số HTX'],
      ['2022', '633'],
      ['2023', ''],
    ]);
    const cells = rows[1].match(/<w:tc>.*?<\/w:tc>/gs)!;
    expect(cells[1]).toContain('<w:jc w:val="right"/>');
    expect(cells[1]).toContain('<w:b/>');
    expect(body).toContain('<w:tblBorders>');
  });

  it('keeps as text what the app does not parse: raw HTML, links, headings', async () => {
    const { body } = await convert('<b>x</b> [trang](http://127.0.0.1:1/) ![a](http://127.0.0.1:1/i)\n\n# Tiêu đề');
    expect(textOf(body)).toBe('&lt;b&gt;x&lt;/b&gt; [trang](http://127.0.0.1:1/) ![a](http://127.0.0.1:1/i)# Tiêu đề');
    expect(body).not.toMatch(/<w:hyperlink|<w:drawing/);
  });

  it('writes text in NFC and an empty body as nothing', async () => {
    expect(textOf((await convert('Hợp tác xã'.normalize('NFD'))).body)).toBe('Hợp tác xã');
    expect(markdownToDocx('', new ListNumbering())).toEqual([]);
  });
});
