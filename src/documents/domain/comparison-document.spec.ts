import { DEMO_PLAN_TITLE } from '../../demo/demo-data';
import { diffSections } from '../../plans/domain/section-diff';
import { buildComparisonDocument, sideBySide } from './comparison-document';

const v1 = [
  { key: 'a', heading: 'Phần I. SỰ CẦN THIẾT', body: 'Toàn tỉnh có 633 hợp tác xã.' },
  { key: 'b', heading: 'Phần II. CĂN CỨ', body: 'Luật Hợp tác xã năm 2012.' },
  { key: 'c', heading: 'Phần III. THỰC TRẠNG', body: 'Phần lớn hoạt động trong nông nghiệp.' },
];
const v2 = [
  { key: 'a', heading: 'Phần I. SỰ CẦN THIẾT', body: 'Toàn tỉnh có 633 hợp tác xã, 12 hợp tác xã giải thể.' },
  { key: 'b', heading: 'Phần II. CĂN CỨ', body: 'Luật Hợp tác xã năm 2012.' },
  { key: 'd', heading: 'Phần IV. KINH PHÍ', body: 'Ngân sách tỉnh.' },
];

describe('comparison document', () => {
  it('keeps equal and deleted text on the old side, equal and inserted on the new', () => {
    expect(
      sideBySide([
        { op: 'equal', text: 'có ' },
        { op: 'delete', text: 'nông nghiệp' },
        { op: 'insert', text: 'nông, lâm nghiệp' },
        { op: 'equal', text: '.' },
      ]),
    ).toEqual({
      old: [{ text: 'có ' }, { text: 'nông nghiệp', del: true }, { text: '.' }],
      new: [{ text: 'có ' }, { text: 'nông, lâm nghiệp', ins: true }, { text: '.' }],
    });
  });

  it('drops the bold markers of the Markdown source', () => {
    expect(
      sideBySide([
        { op: 'equal', text: '**Tồn tại, hạn chế:** số' },
        { op: 'insert', text: '**' },
      ]),
    ).toEqual({ old: [{ text: 'Tồn tại, hạn chế: số' }], new: [{ text: 'Tồn tại, hạn chế: số' }] });
  });

  it('shows beside each changed section the comments that sit on it now, with where they stand and their decision', () => {
    const diff = { from: 1, to: 2, sections: diffSections(v1, v2) };
    const m = buildComparisonDocument({
      issuingAuthority: 'ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH',
      place: 'Quảng Ninh',
      planTitle: DEMO_PLAN_TITLE,
      diff,
      dispositions: [
        {
          sectionKey: 'a',
          state: 'changed',
          version: 1,
          quote: '633 hợp tác xã',
          agency: 'Liên minh Hợp tác xã tỉnh',
          body: 'Bổ sung số hợp tác xã giải thể.',
          decision: 'accepted',
          reason: null,
        },
        {
          sectionKey: null,
          state: 'whole_plan',
          version: 1,
          quote: null,
          agency: 'Sở Tài chính',
          body: 'Bổ sung phụ lục kinh phí.',
          decision: 'partially_accepted',
          reason: 'Bổ sung Phần IV.',
        },
        { sectionKey: null, state: 'removed', version: 1, quote: 'Phần lớn', agency: 'Sở Nông nghiệp', body: 'Bỏ câu này.', decision: null, reason: null },
        // Sits on a section the new version left as it was: the comparison answers nothing there.
        {
          sectionKey: 'b',
          state: 'same',
          version: 1,
          quote: null,
          agency: 'Sở Công Thương',
          body: 'Giữ nguyên căn cứ.',
          decision: 'explained',
          reason: 'Đã đủ.',
        },
      ],
    });
    expect(m.title).toBe('BẢNG SO SÁNH');
    expect(m.fromLabel).toBe('Dự thảo lần 1');
    expect(m.toLabel).toBe('Dự thảo lần 2');
    expect(m.rows.map((r) => [r.no, r.change, r.oldHeading, r.newHeading])).toEqual([
      [1, 'Sửa đổi', 'Phần I. SỰ CẦN THIẾT', 'Phần I. SỰ CẦN THIẾT'],
      [2, 'Bỏ mục', 'Phần III. THỰC TRẠNG', null],
      [3, 'Bổ sung mục mới', null, 'Phần IV. KINH PHÍ'],
    ]);
    expect(
      m.rows[0].new
        .filter((s) => s.ins)
        .map((s) => s.text)
        .join(''),
    ).toContain('12 hợp tác xã giải thể');
    expect(m.rows[1].old).toEqual([{ text: 'Phần lớn hoạt động trong nông nghiệp.', del: true }]);
    expect(m.rows[0].dispositions).toEqual([
      {
        agency: 'Liên minh Hợp tác xã tỉnh',
        place: 'Dự thảo lần 1 · Đoạn trích đã được sửa',
        quote: '633 hợp tác xã',
        body: 'Bổ sung số hợp tác xã giải thể.',
        decision: 'Tiếp thu',
        reason: null,
      },
    ]);
    expect(m.otherDispositions.map((d) => [d.agency, d.place, d.decision])).toEqual([
      ['Sở Tài chính', 'Dự thảo lần 1 · Góp ý chung', 'Tiếp thu một phần'],
      ['Sở Nông nghiệp', 'Dự thảo lần 1 · Đoạn trích không còn trong dự thảo', 'Chưa xử lý'],
    ]);
    expect(m.unchanged).toBe('Các mục còn lại (1 mục) giữ nguyên.');
  });

  it('shows a changed heading on each side', () => {
    const diff = { from: 1, to: 2, sections: diffSections([v1[0]], [{ ...v1[0], heading: 'Phần I. SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN' }]) };
    const m = buildComparisonDocument({ issuingAuthority: 'X', place: 'Y', planTitle: 'Z', diff });
    expect([m.rows[0].oldHeading, m.rows[0].newHeading]).toEqual(['Phần I. SỰ CẦN THIẾT', 'Phần I. SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN']);
    expect(m.unchanged).toBeNull();
  });

  it('says so where the diff showed a passage replaced whole', () => {
    const diff = {
      from: 1,
      to: 2,
      sections: diffSections(
        [v1[0], v1[1]],
        [
          { ...v1[0], body: 'Khác hẳn.' },
          { ...v1[1], body: 'Luật Hợp tác xã năm 2023.' },
        ],
        { left: 0 },
      ),
    };
    const m = buildComparisonDocument({ issuingAuthority: 'X', place: 'Y', planTitle: 'Z', diff });
    expect(m.rows.map((r) => r.approximate)).toEqual([expect.stringContaining('so sánh cả đoạn'), expect.stringContaining('so sánh cả đoạn')]);
    const exact = buildComparisonDocument({ issuingAuthority: 'X', place: 'Y', planTitle: 'Z', diff: { from: 1, to: 2, sections: diffSections(v1, v2) } });
    expect(exact.rows.every((r) => r.approximate === null)).toBe(true);
  });
});
