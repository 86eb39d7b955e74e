import type { Decision } from '../consultation/domain/disposition';
import type { DemoAgencyCode } from './demo-data';

/**
 * The demo's second plan, a round further on: the scheme's plan for 2023. Its first draft went to
 * three agencies; every comment was decided; the second draft takes them in (a target raised, a
 * task moved to a section of its own, a phrase dropped) and is out for comment again. An agency
 * reading draft 2 sees where each of its comments on draft 1 stands now (docs/comment-anchors.md).
 */
export const DEMO_FOLLOW_UP_TITLE = 'Kế hoạch triển khai thực hiện Đề án Phát triển kinh tế tập thể, hợp tác xã năm 2023';

const PURPOSE = {
  heading: 'I. MỤC ĐÍCH, YÊU CẦU',
  body: 'Cụ thể hóa các nhiệm vụ của Đề án Phát triển kinh tế tập thể, hợp tác xã giai đoạn 2021-2025 trong năm 2023; phân công rõ trách nhiệm của từng sở, ngành, địa phương, bảo đảm tiến độ và hiệu quả.',
};
const TARGETS = (n: number) => ({
  heading: 'II. CHỈ TIÊU NĂM 2023',
  body: `Thành lập mới ít nhất ${n} hợp tác xã, nâng tổng số hợp tác xã đang hoạt động lên ${630 + n} hợp tác xã. Hoàn thành 5 hợp tác xã điểm gắn với chuỗi giá trị. Phấn đấu 70% hợp tác xã hoạt động có hiệu quả.`,
});
const TRAINING = 'Tổ chức 10 lớp bồi dưỡng cán bộ quản lý hợp tác xã, ưu tiên các huyện miền núi.';
const OCOP = 'Hỗ trợ hợp tác xã tham gia Chương trình mỗi xã một sản phẩm (OCOP) và các hội chợ xúc tiến thương mại trong và ngoài tỉnh.';
const ORGANISATION = {
  heading: 'VI. TỔ CHỨC THỰC HIỆN',
  body: 'Sở Kế hoạch và Đầu tư chủ trì, theo dõi, tổng hợp kết quả thực hiện, báo cáo Ủy ban nhân dân tỉnh trước ngày 15 tháng 12 năm 2023. Liên minh Hợp tác xã tỉnh phối hợp tổ chức các lớp bồi dưỡng.',
};

export const DEMO_FOLLOW_UP_V1: { heading: string; body: string }[] = [
  PURPOSE,
  TARGETS(30),
  {
    heading: 'III. NHIỆM VỤ VÀ GIẢI PHÁP',
    body: `1. Tuyên truyền, nâng cao nhận thức về kinh tế tập thể trên các phương tiện thông tin đại chúng.\n\n2. ${TRAINING}\n\n3. ${OCOP}`,
  },
  {
    heading: 'IV. KINH PHÍ THỰC HIỆN',
    body: 'Kinh phí thực hiện từ ngân sách tỉnh năm 2023 và lồng ghép các chương trình mục tiêu quốc gia. Sở Tài chính thẩm định, tham mưu bố trí kinh phí.',
  },
  { ...ORGANISATION, heading: 'V. TỔ CHỨC THỰC HIỆN' },
];

/** Draft 2, section by section of draft 1 (`from`), or new (`from: null`). */
export const DEMO_FOLLOW_UP_V2: { from: number | null; heading: string; body: string }[] = [
  { from: 0, ...PURPOSE },
  { from: 1, ...TARGETS(35) },
  {
    from: 2,
    heading: 'III. NHIỆM VỤ VÀ GIẢI PHÁP',
    body: `1. Tuyên truyền, nâng cao nhận thức về kinh tế tập thể trên các phương tiện thông tin đại chúng; hoàn thành trong quý II năm 2023.\n\n2. ${TRAINING}`,
  },
  {
    from: null,
    heading: 'IV. HỖ TRỢ PHÁT TRIỂN SẢN PHẨM OCOP',
    body: `${OCOP} Sở Nông nghiệp và Phát triển nông thôn chủ trì, hoàn thành trong quý III năm 2023.`,
  },
  {
    from: 3,
    heading: 'V. KINH PHÍ THỰC HIỆN',
    body: 'Kinh phí thực hiện từ ngân sách tỉnh năm 2023 theo phân cấp hiện hành. Sở Tài chính thẩm định, tham mưu bố trí kinh phí.',
  },
  { from: 4, ...ORGANISATION },
];

export const DEMO_FOLLOW_UP_INVITED: DemoAgencyCode[] = ['LMHTX', 'SNNPTNT', 'STC'];

/** The first round's comments (on draft 1) and what the secretariat decided; `addressed`: taken into draft 2. */
export const DEMO_FOLLOW_UP_COMMENTS: {
  agency: DemoAgencyCode;
  section: number | null;
  quote: string | null;
  body: string;
  decision: Decision;
  reason: string | null;
  addressed: boolean;
}[] = [
  {
    agency: 'LMHTX',
    section: 1,
    quote: 'Thành lập mới ít nhất 30 hợp tác xã',
    body: 'Đề nghị nâng chỉ tiêu lên ít nhất 35 hợp tác xã, phù hợp với kết quả năm 2022.',
    decision: 'accepted',
    reason: 'Đã nâng chỉ tiêu lên 35 hợp tác xã.',
    addressed: true,
  },
  {
    agency: 'LMHTX',
    section: 2,
    quote: TRAINING.slice(0, -1),
    body: 'Đề nghị giao Liên minh Hợp tác xã tỉnh chủ trì tổ chức các lớp bồi dưỡng.',
    decision: 'explained',
    reason: 'Liên minh Hợp tác xã tỉnh phối hợp tại mục Tổ chức thực hiện; Sở Kế hoạch và Đầu tư chủ trì để bảo đảm kinh phí.',
    addressed: false,
  },
  {
    agency: 'SNNPTNT',
    section: 2,
    quote: 'Hỗ trợ hợp tác xã tham gia Chương trình mỗi xã một sản phẩm (OCOP)',
    body: 'Đề nghị tách nội dung OCOP thành nhiệm vụ riêng do Sở Nông nghiệp và Phát triển nông thôn chủ trì.',
    decision: 'accepted',
    reason: 'Đã tách thành mục IV.',
    addressed: true,
  },
  {
    agency: 'STC',
    section: 3,
    quote: 'lồng ghép các chương trình mục tiêu quốc gia',
    body: 'Đề nghị không ghi lồng ghép khi chưa xác định được chương trình cụ thể.',
    decision: 'accepted',
    reason: null,
    addressed: true,
  },
  {
    agency: 'STC',
    section: null,
    quote: null,
    body: 'Đề nghị bổ sung thời hạn hoàn thành cho từng nhiệm vụ.',
    decision: 'partially_accepted',
    reason: 'Bổ sung thời hạn cho các nhiệm vụ có kinh phí; nhiệm vụ thường xuyên không ghi thời hạn.',
    addressed: true,
  },
];

export const DEMO_FOLLOW_UP_REFERENCES: Partial<Record<DemoAgencyCode, string>> = {
  LMHTX: '58/LMHTX-KHTH',
  SNNPTNT: '412/SNNPTNT-KTHT',
  STC: '690/STC-QLNS',
};
