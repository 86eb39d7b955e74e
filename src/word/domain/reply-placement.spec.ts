import { keepKeysByHeading } from './heading-match';
import { placeReply } from './reply-placement';
import { readReply } from './reply-marks';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const doc = (body: string) => `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`;
const p = (...runs: string[]) => `<w:p><w:pPr><w:rPr><w:ins w:id="99" w:author="x"/></w:rPr></w:pPr>${runs.join('')}</w:p>`;
const r = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const comments = (...items: [string, string][]) =>
  `<w:comments ${W}>${items.map(([id, text]) => `<w:comment w:id="${id}" w:author="Sở Tài chính"><w:p>${r(text)}</w:p></w:comment>`).join('')}</w:comments>`;

const SECTIONS = [
  { key: 's1', heading: 'Phần I. THỰC TRẠNG', body: 'Toàn tỉnh có **633 hợp tác xã**, trong đó 25 hợp tác xã mới.' },
  { key: 's2', heading: 'Phần II. MỤC TIÊU', body: 'Thành lập mới 30 hợp tác xã.\n\n- Mỗi huyện 2 hợp tác xã.' },
];

describe('reading a marked-up reply', () => {
  it('the text as sent (deletions in, insertions out), comment ranges, changes grouped into replacements', () => {
    const marks = readReply(
      doc(
        p(r('Phần I')) +
          p(
            r('Toàn tỉnh có '),
            '<w:commentRangeStart w:id="0"/>',
            r('633 hợp tác xã'),
            '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>',
            r(', trong đó 25.'),
          ) +
          p(
            r('Thành lập mới '),
            '<w:del w:author="STC"><w:r><w:delText>30</w:delText></w:r></w:del><w:ins w:author="STC"><w:r><w:t>35</w:t></w:r></w:ins>',
            r(' hợp tác xã.'),
          ),
      ),
      comments(['0', 'Cập nhật số liệu.']),
    );
    expect(marks.text).toBe('Phần I\nToàn tỉnh có 633 hợp tác xã, trong đó 25.\nThành lập mới 30 hợp tác xã.\n');
    expect(marks.comments).toEqual([{ id: '0', author: 'Sở Tài chính', body: 'Cập nhật số liệu.', start: 20, end: 34 }]);
    expect(marks.text.slice(20, 34)).toBe('633 hợp tác xã');
    expect(marks.changes).toEqual([{ author: 'STC', start: 63, end: 65, delete: '30', insert: '35' }]);
  });

  it('refuses XML that is not well-formed', () => {
    expect(() => readReply('<w:document><w:body>', null)).toThrow();
  });
});

describe('placing a reply on the round version', () => {
  const place = (body: string, notes: [string, string][] = []) => placeReply(readReply(doc(body), notes.length ? comments(...notes) : null), SECTIONS, 1);

  it('a passage across bold markers is quoted as the body holds it; under its heading first', () => {
    const { placed, unplaced } = place(
      p(r('Phần I')) + p(r('THỰC TRẠNG')) + p('<w:commentRangeStart w:id="1"/>', r('633 hợp tác xã'), '<w:commentRangeEnd w:id="1"/>'),
      [['1', 'Số liệu cũ.']],
    );
    expect(unplaced).toEqual([]);
    expect(placed).toEqual([{ sectionKey: 's1', quote: '633 hợp tác xã', body: 'Số liệu cũ.', suggestion: null }]);
  });

  it('a passage in two sections, not under either heading, is ambiguous; one found nowhere is not found', () => {
    const { placed, unplaced } = place(
      p('<w:commentRangeStart w:id="1"/>', r('hợp tác xã'), '<w:commentRangeEnd w:id="1"/>') +
        p('<w:commentRangeStart w:id="2"/>', r('không có'), '<w:commentRangeEnd w:id="2"/>'),
      [
        ['1', 'Mơ hồ.'],
        ['2', 'Không thấy.'],
      ],
    );
    expect(placed).toEqual([]);
    expect(unplaced.map((u) => [u.text, u.code])).toEqual([
      ['Mơ hồ.', 'ambiguous'],
      ['Không thấy.', 'not_found'],
    ]);
  });

  it('a tracked change: the quote widened until it is one passage of the section; list markers do not get in the way', () => {
    const { placed } = place(
      p(r('Phần II. MỤC TIÊU')) +
        p(r('Mỗi huyện '), '<w:del><w:r><w:delText>2</w:delText></w:r></w:del><w:ins><w:r><w:t>3</w:t></w:r></w:ins>', r(' hợp tác xã.')),
    );
    expect(placed).toEqual([{ sectionKey: 's2', quote: 'Mỗi huyện 2 hợp tác', body: 'Đề nghị sửa “2” thành “3”.', suggestion: { delete: '2', insert: '3' } }]);
  });

  it('a comment with no text, or attached to nothing, is listed, never dropped', () => {
    const { unplaced } = place(p(r('x')), [
      ['1', ''],
      ['2', 'Không gắn.'],
    ]);
    expect(unplaced.map((u) => u.code)).toEqual(['empty', 'not_attached']);
  });
});

describe('keeping keys on a re-import', () => {
  it('same heading first, then the same words under another number; each key once', () => {
    const draft = [
      { key: 'a', heading: 'Phần I. SỰ CẦN THIẾT', body: '' },
      { key: 'b', heading: 'Phần II. MỤC TIÊU', body: '' },
      { key: 'c', heading: 'Phần III. GIẢI PHÁP', body: '' },
    ];
    const out = keepKeysByHeading(draft, [
      { heading: 'phần i.  sự cần thiết', body: '1' },
      { heading: 'I. MỤC TIÊU', body: '2' },
      { heading: 'Phần IV. KINH PHÍ', body: '3' },
    ]);
    expect(out.sections.map((s) => s.key)).toEqual(['a', 'b', undefined]);
    expect(out).toMatchObject({ matched: 2, added: 1, removed: 1 });
  });
});
