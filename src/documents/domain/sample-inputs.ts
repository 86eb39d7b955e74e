import { DEMO_AGENCIES, DEMO_COMMENTS, DEMO_DISPOSITIONS, DEMO_PLAN_TITLE, DEMO_SECTIONS, DemoAgencyCode } from '../../demo/demo-data';
import { diffSections } from '../../plans/domain/section-diff';
import type { ComparisonDocumentInput } from './comparison-document';
import type { DocumentContext } from './document-parts';
import type { MinutesDocumentInput } from './minutes-document';
import type { PlanDocumentInput } from './plan-document';
import type { ReportDocumentInput } from './report-document';

/**
 * The four documents of the seed scenario (docs/product.md, "The demo"), as the documents service would
 * pass them: for tests, the benchmark and a renderer self-check.
 */
export const SAMPLE_CONTEXT: DocumentContext = {
  issuingAuthority: 'ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH',
  place: 'Quảng Ninh',
  recipients: ['Thường trực Tỉnh ủy (b/c)', 'Thường trực HĐND tỉnh (b/c)', 'CT, các PCT UBND tỉnh', 'Các sở, ban, ngành', 'UBND các huyện, thị xã, thành phố', 'Lưu: VT, KTTH'],
};

const agencyName = (code: DemoAgencyCode) => DEMO_AGENCIES.find((a) => a.code === code)!.name;

export const SAMPLE_VERSION_1 = DEMO_SECTIONS.map((s, i) => ({ key: `s-${i + 1}`, heading: s.heading, body: s.body }));

/** Version 2 takes in the two decided comments: dissolved cooperatives (Phần III) and funding (Phần V). */
export const SAMPLE_VERSION_2 = SAMPLE_VERSION_1.map((s) =>
  s.key === 's-3'
    ? { ...s, body: s.body.replace('từ đầu năm 2022.', 'từ đầu năm 2022; 12 hợp tác xã giải thể, ngừng hoạt động trong cùng kỳ.') }
    : s.key === 's-5'
      ? { ...s, body: `${s.body}\n\n6. Bố trí kinh phí từ ngân sách tỉnh, lồng ghép các chương trình mục tiêu và huy động xã hội hóa.` }
      : s,
);

export function samplePlanInput(approved: boolean): PlanDocumentInput {
  return {
    ...SAMPLE_CONTEXT,
    number: approved ? '15/ĐA-UBND' : '/ĐA-UBND',
    plan: { title: DEMO_PLAN_TITLE, kind: 'Đề án', approvedVersion: approved ? 2 : null },
    version: { number: 2, createdAt: '2022-06-06T02:00:00.000Z', sections: SAMPLE_VERSION_2 },
    approval: approved
      ? { versionNumber: 2, status: 'approved', decidedAt: '2022-06-08T09:00:00.000Z', steps: [{ position: 0, approverName: 'Phạm Văn Thành', state: 'approved', decidedAt: '2022-06-08T09:00:00.000Z' }] }
      : null,
    signer: { position: 'Phó Chủ tịch UBND tỉnh' },
  };
}

export function sampleReportInput(): ReportDocumentInput {
  const commented = new Set(DEMO_COMMENTS.map((c) => c.agency));
  const invited: DemoAgencyCode[] = ['LMHTX', 'SNNPTNT', 'STC', 'SCT', 'SLDTBXH', 'NHNN', 'UBND-DAMHA'];
  const references: Partial<Record<DemoAgencyCode, string>> = { LMHTX: '215/LMHTX-KHTH', SNNPTNT: '1876/SNNPTNT-PTNT', STC: '2043/STC-QLNS', SCT: '1120/SCT-QLTM' };
  const decided = (i: number) => DEMO_DISPOSITIONS.find((d) => d.comment === i);
  return {
    ...SAMPLE_CONTEXT,
    issuingAuthority: 'UBND TỈNH QUẢNG NINH\nSỞ KẾ HOẠCH VÀ ĐẦU TƯ',
    number: '/BC-SKHĐT',
    recipients: ['UBND tỉnh (b/c)', 'Các sở, ngành, địa phương', 'Lưu: VT, KTTH'],
    planTitle: DEMO_PLAN_TITLE,
    report: {
      title: 'Lấy ý kiến các sở, ngành, địa phương về dự thảo Đề án lần 1',
      versionNumber: 1,
      deadline: '2022-06-01T10:00:00.000Z',
      totals: { comments: 5, accepted: 1, partially_accepted: 1, explained: 0, not_accepted: 0, undecided: 3 },
      agencies: invited.map((code) => ({
        name: agencyName(code),
        state: references[code] ? (commented.has(code) ? 'responded' : 'no_comments') : 'pending',
        reference: references[code] ?? null,
        noComments: !!references[code] && !commented.has(code),
        overdue: !references[code],
        comments: DEMO_COMMENTS.filter((c) => c.agency === code).length,
      })),
      rows: DEMO_COMMENTS.map((c, i) => ({
        no: i + 1,
        sectionHeading: c.section === null ? null : SAMPLE_VERSION_1[c.section].heading,
        quote: c.quote,
        agency: agencyName(c.agency),
        body: c.body,
        decision: decided(i)?.decision ?? null,
        reason: decided(i)?.reason ?? null,
        addressedInVersion: decided(i) ? 2 : null,
        late: false,
        source: 'agency',
      })),
    },
  };
}

export function sampleMinutesInput(): MinutesDocumentInput {
  return {
    ...SAMPLE_CONTEXT,
    number: '/BB-UBND',
    recipients: ['Các thành phần dự hội nghị', 'Lưu: VT, hồ sơ'],
    conference: {
      title: 'Hội nghị góp ý dự thảo Đề án phát triển kinh tế tập thể, hợp tác xã giai đoạn 2021-2025, định hướng đến năm 2030',
      heldAt: '2022-06-08T08:00:00+07:00',
      location: 'Trụ sở Liên cơ quan số 3, thành phố Hạ Long',
      chair: 'Phạm Văn Thành, Phó Chủ tịch UBND tỉnh',
      secretary: 'Trần Thị Thu Hà, chuyên viên Sở Kế hoạch và Đầu tư',
      attendees: [
        { name: 'Phạm Văn Thành', position: 'Phó Chủ tịch UBND tỉnh' },
        ...(['SKHDT', 'LMHTX', 'SNNPTNT', 'STC', 'SCT', 'SLDTBXH', 'STNMT', 'NHNN', 'UBND-DAMHA'] as const).map((code) => ({ name: `Đại diện lãnh đạo ${agencyName(code)}`, position: null, agencyId: code })),
      ],
      minutes: {
        summary:
          'Hội nghị nghe đại diện Sở Kế hoạch và Đầu tư báo cáo tóm tắt dự thảo Đề án. Đến nay, toàn tỉnh có 633 hợp tác xã, trong đó có 25 hợp tác xã được thành lập mới từ đầu năm 2022.',
        opinions: [
          { no: 1, speaker: 'Đại diện Sở Tài chính', content: 'Đề nghị làm rõ nguồn kinh phí thực hiện Đề án và kinh phí hỗ trợ các hợp tác xã điểm.' },
          { no: 2, speaker: 'Đại diện Liên minh Hợp tác xã tỉnh', content: 'Đề nghị đánh giá chất lượng, hiệu quả hoạt động của các hợp tác xã, không chỉ số lượng.' },
          { no: 3, speaker: 'Đại diện Sở Nông nghiệp và Phát triển nông thôn', content: 'Đề nghị gắn mô hình hợp tác xã điểm với Chương trình OCOP và xây dựng nông thôn mới.' },
        ],
        conclusions: [
          'Các đơn vị soạn thảo tiếp thu các ý kiến tại hội nghị, hoàn thiện Đề án bảo đảm phù hợp với kế hoạch của Trung ương và của tỉnh.',
          'Phân tích, đánh giá chất lượng, hiệu quả hoạt động của các hợp tác xã.',
          'Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Liên minh Hợp tác xã tỉnh rà soát khó khăn, vướng mắc để thành lập mới ít nhất 30 hợp tác xã theo kế hoạch.',
          'Hoàn thành 5 hợp tác xã điểm trong tháng 6 năm 2022.',
          'Tiếp tục đẩy mạnh công tác tuyên truyền về kinh tế tập thể.',
        ],
        directives: [
          { agencyId: 'SKHDT', task: 'Chủ trì, phối hợp với Liên minh Hợp tác xã tỉnh rà soát khó khăn, vướng mắc để thành lập mới ít nhất 30 hợp tác xã theo kế hoạch', dueDate: '2022-12-31', target: 30 },
          { agencyId: 'LMHTX', task: 'Hoàn thành 5 hợp tác xã điểm', dueDate: '2022-06-30', target: 5 },
          { agencyId: 'SKHDT', task: 'Hoàn thiện dự thảo Đề án, trình Ủy ban nhân dân tỉnh', dueDate: '2022-07-15', target: null },
        ],
        endedAt: '2022-06-08T11:30:00+07:00',
      },
    },
    agencyNames: Object.fromEntries(DEMO_AGENCIES.map((a) => [a.code, a.name])),
  };
}

export function sampleComparisonInput(): ComparisonDocumentInput {
  const report = sampleReportInput().report;
  return {
    ...SAMPLE_CONTEXT,
    number: '/BSS-SKHĐT',
    planTitle: DEMO_PLAN_TITLE,
    diff: { from: 1, to: 2, sections: diffSections(SAMPLE_VERSION_1, SAMPLE_VERSION_2) },
    dispositions: report.rows.map((r, i) => ({
      sectionKey: DEMO_COMMENTS[i].section === null ? null : SAMPLE_VERSION_1[DEMO_COMMENTS[i].section!].key,
      quote: r.quote,
      agency: r.agency,
      body: r.body,
      decision: r.decision,
      reason: r.reason,
      addressedInVersion: r.addressedInVersion,
    })),
  };
}
