import { draftFromBlocks } from './draft-sections';
import { htmlBlocks } from './html-blocks';

/** mammoth's HTML in, a plan out: the outline splitter without a file. */
const split = (html: string, fileTitle: string | null = null) => draftFromBlocks(htmlBlocks(html)!, fileTitle);

const TITLE_BLOCK = `<table><tr><td><p>ỦY BAN NHÂN DÂN<br /><strong>TỈNH QUẢNG NINH</strong></p></td><td><p><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br /><strong>Độc lập - Tự do - Hạnh phúc</strong></p></td></tr></table>
<p>Số: 12/KH-UBND</p><p><em>Quảng Ninh, ngày 10 tháng 6 năm 2022</em></p>`;

describe('sections from the Vietnamese outline (no heading styles)', () => {
  it('"Phần I" with its capital title line below; the title block gives the title and is not a section', () => {
    const d = split(`${TITLE_BLOCK}<p><strong>ĐỀ ÁN</strong></p><p><strong>Phát triển kinh tế tập thể</strong></p>
      <p><strong>Phần I</strong></p><p>SỰ CẦN THIẾT</p><p>Văn bản phần một.</p><p><strong>Phần II</strong></p><p><strong>MỤC TIÊU</strong></p><p>Văn bản phần hai.</p>`);
    expect(d.title).toBe('Đề án Phát triển kinh tế tập thể');
    expect(d.kind).toBe('Đề án');
    expect(d.sections).toEqual([
      { heading: 'Phần I. SỰ CẦN THIẾT', body: 'Văn bản phần một.' },
      { heading: 'Phần II. MỤC TIÊU', body: 'Văn bản phần hai.' },
    ]);
  });

  it('the highest level present starts sections; lower levels ("I.", "1.", "a)") stay in the body as bold paragraphs', () => {
    const d = split(
      `<p>KẾ HOẠCH</p><p><strong>Thực hiện chuyển đổi số</strong></p><p>Chương I. QUY ĐỊNH CHUNG</p><p>I. Phạm vi</p><p>1. Đối tượng</p><p>a) Các sở, ngành.</p><p>Nội dung.</p><p>Chương II. TỔ CHỨC</p><p>Giao các sở.</p>`,
    );
    expect(d.title).toBe('Kế hoạch Thực hiện chuyển đổi số');
    expect(d.sections.map((s) => s.heading)).toEqual(['Chương I. QUY ĐỊNH CHUNG', 'Chương II. TỔ CHỨC']);
    expect(d.sections[0].body).toBe('**I. Phạm vi**\n\n**1. Đối tượng**\n\n**a) Các sở, ngành.**\n\nNội dung.');
  });

  it('"Điều 3." and Roman numerals: each level in turn is the top when nothing is above it', () => {
    expect(
      split('<p>QUY CHẾ</p><p><strong>Làm việc</strong></p><p>Điều 1. Phạm vi</p><p>Nội dung.</p><p>Điều 2. Đối tượng</p>').sections.map((s) => s.heading),
    ).toEqual(['Điều 1. Phạm vi', 'Điều 2. Đối tượng']);
    expect(split('<p>ĐỀ ÁN</p><p>Tên</p><p>I. MỤC TIÊU</p><p>Một.</p><p>II. GIẢI PHÁP</p><p>Hai.</p>').sections.map((s) => s.heading)).toEqual([
      'I. MỤC TIÊU',
      'II. GIẢI PHÁP',
    ]);
    expect(split('<p>ĐỀ ÁN</p><p>Tên</p><p>Mục 1</p><p><strong>CĂN CỨ</strong></p><p>Một.</p>').sections).toEqual([{ heading: 'Mục 1. CĂN CỨ', body: 'Một.' }]);
  });

  it('a bare marker whose next line is ordinary text keeps that line in its body; a heading with nothing under it has an empty body', () => {
    const d = split('<p>ĐỀ ÁN</p><p>Tên</p><p>Phần I</p><p>Văn bản thường ở đây.</p><p>Phần II:</p><p><strong>HIỆU LỰC</strong></p>');
    expect(d.sections).toEqual([
      { heading: 'Phần I', body: 'Văn bản thường ở đây.' },
      { heading: 'Phần II: HIỆU LỰC', body: '' },
    ]);
  });

  it('words that look like markers but are not ("Mục tiêu", "Phần lớn", "633 hợp tác xã") are text', () => {
    const d = split(
      '<p>ĐỀ ÁN</p><p>Tên</p><p>I. MỞ ĐẦU</p><p>Mục tiêu chung là phát triển.</p><p>Phần lớn hợp tác xã nhỏ.</p><p>633 hợp tác xã.</p><p>Chương II là chương cuối.</p>',
    );
    expect(d.sections).toEqual([
      { heading: 'I. MỞ ĐẦU', body: 'Mục tiêu chung là phát triển.\n\nPhần lớn hợp tác xã nhỏ.\n\n633 hợp tác xã.\n\nChương II là chương cuối.' },
    ]);
  });

  it('text before the first heading that is not title-block furniture becomes a first section, "Mở đầu"', () => {
    const d = split(
      `${TITLE_BLOCK}<p>ĐỀ ÁN</p><p><strong>Tên đề án</strong></p><p>Căn cứ Luật Tổ chức chính quyền địa phương năm 2015, Ủy ban nhân dân tỉnh xây dựng Đề án như sau.</p><p>I. MỤC TIÊU</p><p>Một.</p>`,
    );
    expect(d.sections.map((s) => s.heading)).toEqual(['Mở đầu', 'I. MỤC TIÊU']);
    expect(d.sections[0].body).toContain('Căn cứ Luật');
  });

  it('a file with no heading at all is one section named after the file title', () => {
    expect(split('<p>Chỉ một đoạn văn.</p>', 'Ghi chú').sections).toEqual([{ heading: 'Ghi chú', body: 'Chỉ một đoạn văn.' }]);
  });
});

describe('sections from heading styles', () => {
  it('Heading 1 and 2 start sections, Heading 3 is a bold paragraph; the outline does not matter then', () => {
    const d = split(
      '<p><strong>KẾ HOẠCH</strong></p><p><strong>Tên</strong></p><h1>Mở đầu</h1><p>Phần I là đoạn văn.</p><h2>Chi tiết</h2><h3>Ghi chú</h3><p>Hết.</p>',
    );
    expect(d.sections).toEqual([
      { heading: 'Mở đầu', body: 'Phần I là đoạn văn.' },
      { heading: 'Chi tiết', body: '**Ghi chú**\n\nHết.' },
    ]);
  });
});

describe('bodies as the Markdown the app renders', () => {
  const body = (html: string) => split(`<p>ĐỀ ÁN</p><p>Tên</p><h1>Mục</h1>${html}`).sections[0].body;

  it('bold and italic with their spaces outside the markers; Markdown characters typed in Word stay text', () => {
    expect(body('<p>Có <strong>633 </strong>hợp tác xã, <em>tăng</em> 5*2 = 10_a.</p>')).toBe('Có **633** hợp tác xã, *tăng* 5\\*2 = 10\\_a.');
    expect(body('<p>1. Không phải danh sách</p><p>- cũng không</p>')).toBe('**1. Không phải danh sách**\n\n\\- cũng không');
  });

  it('lists, nested; tables with a header row, pipes escaped, merged cells padded', () => {
    expect(body('<ol><li>Một<ul><li>con</li></ul></li><li>Hai</li></ol>')).toBe('1. Một\n   - con\n2. Hai');
    expect(body('<table><tr><td><p>A|B</p></td><td colspan="2"><p>C</p></td></tr><tr><td><p>1</p></td><td><p>2</p></td><td><p>3</p></td></tr></table>')).toBe(
      '| A\\|B | C |  |\n| --- | --- | --- |\n| 1 | 2 | 3 |',
    );
  });

  it('line breaks, control characters as spaces; images and footnotes listed where they were, the note kept as text', () => {
    const d = split(
      '<p>ĐỀ ÁN</p><p>Tên</p><h1>Mục một</h1><p>Dòng 1<br />Dòng\u000b2<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup></p><p><img src="" /></p><ol><li id="footnote-1"><p>Chú thích. <a href="#footnote-ref-1">↑</a></p></li></ol>',
    );
    expect(d.sections[0].body).toBe('Dòng 1\\\nDòng 2[1]\n\n[1] Chú thích.');
    expect(d.skipped).toEqual([
      { what: 'footnote', where: 'Mục một' },
      { what: 'image', where: 'Mục một' },
    ]);
  });
});
