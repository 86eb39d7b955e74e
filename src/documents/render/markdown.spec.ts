import { renderMarkdown } from './markdown';

describe('Markdown of section bodies', () => {
  it('renders paragraphs, lists, tables, bold and italic', () => {
    expect(renderMarkdown('Một **đậm** và *nghiêng*.\n\nHai.')).toBe('<p>Một <strong>đậm</strong> và <em>nghiêng</em>.</p>\n<p>Hai.</p>\n');
    expect(renderMarkdown('- Luật Hợp tác xã năm 2012;\n- Nghị định số 193/2013/NĐ-CP')).toBe(
      '<ul>\n<li>Luật Hợp tác xã năm 2012;</li>\n<li>Nghị định số 193/2013/NĐ-CP</li>\n</ul>\n',
    );
    expect(renderMarkdown('1. Mục tiêu chung\n2. Mục tiêu cụ thể')).toContain('<ol>\n<li>Mục tiêu chung</li>');
    const table = renderMarkdown('| Năm | Số HTX |\n| --- | ---: |\n| 2022 | 633 |');
    expect(table).toContain('<table>');
    expect(table).toContain('<th>Năm</th>');
    expect(table).toContain('<td style="text-align:right">633</td>');
  });

  it('prints raw HTML as text', () => {
    const html = renderMarkdown('<img src=http://127.0.0.1:1/x> <script>alert(1)</script>\n\n<iframe src="file:///etc/passwd"></iframe>');
    expect(html).not.toMatch(/<(img|script|iframe)/);
    expect(html).toContain('&lt;img src=http://127.0.0.1:1/x&gt;');
    expect(html).toContain('&lt;iframe src=&quot;file:///etc/passwd&quot;&gt;&lt;/iframe&gt;');
  });

  it('parses no images, links, autolinks, headings, code or quotes', () => {
    const html = renderMarkdown(
      '![x](http://127.0.0.1:1/md) [trang](http://127.0.0.1:1/link) <http://127.0.0.1:1/auto> www.example.com\n\n# Tiêu đề\n\n> trích\n\n    mã\n\n`mã`\n\n[ref]: http://127.0.0.1:1/ref',
    );
    expect(html).not.toMatch(/<(img|a|h1|blockquote|pre|code)\b/);
    expect(html).toContain('![x](http://127.0.0.1:1/md)');
    expect(html).toContain('[trang](http://127.0.0.1:1/link)');
    expect(html).toContain('# Tiêu đề');
  });

  it('gives text in NFC', () => {
    expect(renderMarkdown('Hợp tác xã'.normalize('NFD'))).toBe('<p>Hợp tác xã</p>\n');
  });
});
