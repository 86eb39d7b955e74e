import { DEMO_AGENCIES, DEMO_COMMENTS, DEMO_DISPOSITIONS, DEMO_PLAN_TITLE, DEMO_SECTIONS } from '../../demo/demo-data';
import { buildReportDocument, ReportInput, summarizeAgencies } from './report-document';

const name = (code: string) => DEMO_AGENCIES.find((a) => a.code === code)!.name;

function demoReport(): ReportInput {
  return {
    title: 'Lấy ý kiến các sở, ngành, địa phương về dự thảo Đề án lần 1',
    versionNumber: 1,
    deadline: '2022-05-30T10:00:00.000Z',
    totals: { comments: 5, accepted: 1, partially_accepted: 1, explained: 0, not_accepted: 0, undecided: 3 },
    agencies: [
      {
        name: name('LMHTX'),
        state: 'responded',
        reference: '215/LMHTX-KHTH',
        noComments: false,
        overdue: false,
        comments: 2,
        letter: { fileName: '215-LMHTX <ký số>.pdf', bytes: 250_880, uploadedAt: '2022-05-27T02:30:00Z', uploadedByName: 'Vũ Thị Hoa' },
      },
      { name: name('SNNPTNT'), state: 'responded', reference: '1876/SNNPTNT-PTNT', noComments: false, overdue: false, comments: 1 },
      { name: name('STC'), state: 'late', reference: '2043/STC-QLNS', noComments: false, overdue: false, comments: 2 },
      { name: name('SCT'), state: 'no_comments', reference: '1120/SCT-QLTM', noComments: true, overdue: false, comments: 0 },
      { name: name('SLDTBXH'), state: 'pending', reference: null, noComments: false, overdue: true, comments: 0 },
      { name: name('NHNN'), state: 'pending', reference: null, noComments: false, overdue: false, comments: 0 },
    ],
    rows: DEMO_COMMENTS.map((c, i) => {
      const d = DEMO_DISPOSITIONS.find((x) => x.comment === i);
      return {
        no: i + 1,
        sectionHeading: c.section === null ? null : DEMO_SECTIONS[c.section].heading,
        quote: c.quote,
        agency: name(c.agency),
        body: c.body,
        decision: d?.decision ?? null,
        reason: d?.reason ?? null,
        addressedInVersion: d ? 2 : null,
        late: c.agency === 'STC',
        source: 'agency',
      };
    }),
  };
}

describe('consolidation report document', () => {
  const ctx = { issuingAuthority: 'SỞ KẾ HOẠCH VÀ ĐẦU TƯ', place: 'Quảng Ninh', number: '/BC-SKHĐT' };

  it('counts who was asked and who answered', () => {
    expect(summarizeAgencies(demoReport().agencies)).toEqual({ invited: 6, answered: 4, withComments: 3, noComments: 1, late: 1, pending: 2, overdue: 1 });
  });

  it('prints the summary, the agencies and one row a comment with its disposition', () => {
    const m = buildReportDocument({ ...ctx, planTitle: DEMO_PLAN_TITLE, report: demoReport() });
    expect(m.title).toBe('BÁO CÁO TỔNG HỢP, GIẢI TRÌNH, TIẾP THU Ý KIẾN');
    expect(m.subject).toBe(`Về dự thảo ${DEMO_PLAN_TITLE} (dự thảo lần 1)`);
    expect(m.summary).toEqual([
      'Số cơ quan, đơn vị được xin ý kiến: 6.',
      'Số cơ quan, đơn vị đã có văn bản trả lời: 4, trong đó: có ý kiến góp ý: 3; thống nhất, không có ý kiến: 1; trả lời sau thời hạn: 1.',
      'Số cơ quan, đơn vị chưa trả lời: 2 (đã quá hạn: 1).',
    ]);
    expect(m.round).toBe(
      'Đợt lấy ý kiến: Lấy ý kiến các sở, ngành, địa phương về dự thảo Đề án lần 1; thời hạn góp ý: 17 giờ 00 phút, ngày 30 tháng 5 năm 2022.',
    );
    expect(m.agencies[4]).toEqual({
      no: 5,
      name: 'Sở Lao động - Thương binh và Xã hội',
      reference: null,
      letter: null,
      comments: '0',
      state: 'Chưa trả lời (quá hạn)',
    });
    // The signed letter an agency attached: its file, size, who and when (province time).
    expect(m.agencies[0].letter).toBe('Công văn kèm theo: 215-LMHTX <ký số>.pdf (245 KB), do Vũ Thị Hoa đính kèm lúc 9 giờ 30 phút, ngày 27 tháng 5 năm 2022.');
    expect(m.totals).toBe('Tổng số ý kiến: 5; tiếp thu: 1; tiếp thu một phần: 1; giải trình: 0; không tiếp thu: 0; chưa xử lý: 3.');
    expect(m.rows[0]).toEqual({
      no: 1,
      section: 'Phần III. THỰC TRẠNG PHÁT TRIỂN KINH TẾ TẬP THỂ, HỢP TÁC XÃ',
      quote: 'trong đó có 25 hợp tác xã được thành lập mới từ đầu năm 2022',
      body: DEMO_COMMENTS[0].body,
      notes: [],
      agency: 'Liên minh Hợp tác xã tỉnh',
      decision: 'Tiếp thu',
      undecided: false,
      reason: 'Đã bổ sung số liệu hợp tác xã giải thể, ngừng hoạt động tại Phần III.',
      addressed: 'Đã thể hiện tại dự thảo lần 2.',
    });
    expect(m.rows[3]).toMatchObject({ decision: 'Tiếp thu một phần', notes: ['(gửi sau thời hạn)'] });
    expect(m.rows[4]).toMatchObject({ section: 'Ý kiến chung', quote: null, decision: 'Chưa xử lý', undecided: true, reason: null, addressed: null });
    expect(m.signature).toBeNull();
    expect(m.header.placeDate?.replace(/\u00a0+/g, ' ')).toBe('Quảng Ninh, ngày tháng năm 2022');
  });

  it('marks opinions carried from a conference', () => {
    const report = demoReport();
    report.rows[1] = { ...report.rows[1], source: 'conference' };
    expect(buildReportDocument({ ...ctx, planTitle: 'X', report }).rows[1].notes).toEqual(['(ý kiến tại hội nghị)']);
  });

  it('says a suggested wording: what in place of what, or what to add or drop', () => {
    const report = demoReport();
    report.rows[0] = { ...report.rows[0], suggestion: { delete: '30 hợp tác xã', insert: '35 hợp tác xã' } };
    report.rows[1] = { ...report.rows[1], suggestion: { delete: '', insert: 'và 5 hợp tác xã điểm' } };
    report.rows[2] = { ...report.rows[2], suggestion: { delete: 'trong tháng 6', insert: ' ' } };
    const rows = buildReportDocument({ ...ctx, planTitle: 'X', report }).rows;
    expect(rows[0].notes[0]).toBe('Đề nghị sửa: thay “30 hợp tác xã” bằng “35 hợp tác xã”.');
    expect(rows[1].notes[0]).toBe('Đề nghị thêm: “và 5 hợp tác xã điểm”.');
    expect(rows[2].notes[0]).toBe('Đề nghị bỏ: “trong tháng 6”.');
  });
});
