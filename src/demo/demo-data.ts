/**
 * The seed scenario (docs/product.md, "The demo"): the Quảng Ninh scheme on the collective economy
 * and cooperatives, 2021-2025 with a view to 2030, and its conference of 8 June 2022. Used by
 * `npm run demo` and by the tests.
 */

export const DEMO_PASSWORD = 'duthao@2022';

export const DEMO_PLAN_TITLE = 'Đề án Phát triển kinh tế tập thể, hợp tác xã giai đoạn 2021-2025, định hướng đến năm 2030';

export const DEMO_AGENCIES = [
  { code: 'SKHDT', name: 'Sở Kế hoạch và Đầu tư' },
  { code: 'LMHTX', name: 'Liên minh Hợp tác xã tỉnh' },
  { code: 'SNNPTNT', name: 'Sở Nông nghiệp và Phát triển nông thôn' },
  { code: 'STC', name: 'Sở Tài chính' },
  { code: 'SCT', name: 'Sở Công Thương' },
  { code: 'SLDTBXH', name: 'Sở Lao động - Thương binh và Xã hội' },
  { code: 'STNMT', name: 'Sở Tài nguyên và Môi trường' },
  { code: 'NHNN', name: 'Ngân hàng Nhà nước chi nhánh tỉnh Quảng Ninh' },
  { code: 'UBND-DAMHA', name: 'Ủy ban nhân dân huyện Đầm Hà' },
] as const;

export type DemoAgencyCode = (typeof DEMO_AGENCIES)[number]['code'];

export const DEMO_USERS: { email: string; fullName: string; role: 'admin' | 'secretariat' | 'leader' | 'agency'; agency?: DemoAgencyCode; title: string }[] = [
  { email: 'quantri@duthao.local', fullName: 'Quản trị hệ thống', role: 'admin', title: 'Quản trị' },
  { email: 'bientap@skhdt.quangninh.gov.vn', fullName: 'Trần Thị Thu Hà', role: 'secretariat', agency: 'SKHDT', title: 'Tổ biên tập, Sở Kế hoạch và Đầu tư' },
  { email: 'pct.thanh@quangninh.gov.vn', fullName: 'Phạm Văn Thành', role: 'leader', title: 'Phó Chủ tịch UBND tỉnh' },
  { email: 'chutich@quangninh.gov.vn', fullName: 'Nguyễn Hoàng Nam', role: 'leader', title: 'Chủ tịch UBND tỉnh (tài khoản minh họa)' },
  { email: 'lmhtx@quangninh.gov.vn', fullName: 'Vũ Thị Hằng', role: 'agency', agency: 'LMHTX', title: 'Chuyên viên, Liên minh HTX tỉnh' },
  { email: 'snnptnt@quangninh.gov.vn', fullName: 'Đỗ Văn Minh', role: 'agency', agency: 'SNNPTNT', title: 'Chuyên viên, Sở NN và PTNT' },
  { email: 'stc@quangninh.gov.vn', fullName: 'Lê Thị Ngọc Anh', role: 'agency', agency: 'STC', title: 'Chuyên viên, Sở Tài chính' },
  { email: 'sct@quangninh.gov.vn', fullName: 'Hoàng Văn Dũng', role: 'agency', agency: 'SCT', title: 'Chuyên viên, Sở Công Thương' },
  { email: 'sldtbxh@quangninh.gov.vn', fullName: 'Ngô Thị Mai', role: 'agency', agency: 'SLDTBXH', title: 'Chuyên viên, Sở LĐ-TB và XH' },
  { email: 'stnmt@quangninh.gov.vn', fullName: 'Bùi Quang Huy', role: 'agency', agency: 'STNMT', title: 'Chuyên viên, Sở TN và MT' },
  { email: 'nhnn@quangninh.gov.vn', fullName: 'Phan Thị Lý', role: 'agency', agency: 'NHNN', title: 'Chuyên viên, NHNN chi nhánh Quảng Ninh' },
  { email: 'damha@quangninh.gov.vn', fullName: 'Đinh Văn Quân', role: 'agency', agency: 'UBND-DAMHA', title: 'Chuyên viên, UBND huyện Đầm Hà' },
];

export const DEMO_SECTIONS: { heading: string; body: string }[] = [
  {
    heading: 'Phần I. SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN',
    body: [
      'Kinh tế tập thể, hợp tác xã là thành phần kinh tế quan trọng, cùng với kinh tế nhà nước trở thành nền tảng vững chắc của nền kinh tế quốc dân. Những năm qua, kinh tế tập thể, hợp tác xã trên địa bàn tỉnh Quảng Ninh đã có bước phát triển, góp phần giải quyết việc làm, nâng cao thu nhập cho thành viên và người lao động, bảo đảm an sinh xã hội ở khu vực nông thôn, miền núi, hải đảo.',
      'Tuy nhiên, quy mô hợp tác xã còn nhỏ, năng lực quản trị, khả năng tiếp cận vốn, đất đai, khoa học công nghệ và thị trường còn hạn chế; liên kết giữa hợp tác xã với doanh nghiệp chưa bền vững; một bộ phận hợp tác xã hoạt động cầm chừng, hình thức.',
      'Để thực hiện Kết luận số 70-KL/TW ngày 09/3/2020 của Bộ Chính trị và Chiến lược phát triển kinh tế tập thể, hợp tác xã giai đoạn 2021-2030, việc xây dựng Đề án Phát triển kinh tế tập thể, hợp tác xã tỉnh Quảng Ninh giai đoạn 2021-2025, định hướng đến năm 2030 là cần thiết.',
    ].join('\n\n'),
  },
  {
    heading: 'Phần II. CĂN CỨ XÂY DỰNG ĐỀ ÁN',
    body: [
      '- Luật Hợp tác xã năm 2012;',
      '- Nghị định số 193/2013/NĐ-CP ngày 21/11/2013 của Chính phủ quy định chi tiết một số điều của Luật Hợp tác xã;',
      '- Quyết định số 340/QĐ-TTg ngày 12/3/2021 của Thủ tướng Chính phủ phê duyệt Chiến lược phát triển kinh tế tập thể, hợp tác xã giai đoạn 2021-2030;',
      '- Quyết định số 1804/QĐ-TTg ngày 13/11/2020 của Thủ tướng Chính phủ phê duyệt Chương trình hỗ trợ phát triển kinh tế tập thể, hợp tác xã giai đoạn 2021-2025;',
      '- Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Quảng Ninh lần thứ XV, nhiệm kỳ 2020-2025.',
    ].join('\n'),
  },
  {
    heading: 'Phần III. THỰC TRẠNG PHÁT TRIỂN KINH TẾ TẬP THỂ, HỢP TÁC XÃ',
    body: [
      'Đến nay, toàn tỉnh có 633 hợp tác xã, trong đó có 25 hợp tác xã được thành lập mới từ đầu năm 2022. Phần lớn hợp tác xã hoạt động trong lĩnh vực nông nghiệp; số còn lại hoạt động trong các lĩnh vực công nghiệp - tiểu thủ công nghiệp, thương mại - dịch vụ, vận tải, xây dựng và quỹ tín dụng nhân dân.',
      'Nhiều hợp tác xã đã tham gia Chương trình mỗi xã một sản phẩm (OCOP), xây dựng được thương hiệu sản phẩm, liên kết tiêu thụ với doanh nghiệp, mang lại thu nhập ổn định cho thành viên.',
      '**Tồn tại, hạn chế:** số hợp tác xã hoạt động hiệu quả chưa nhiều; trình độ cán bộ quản lý hợp tác xã còn thấp; việc tiếp cận các chính sách hỗ trợ về đất đai, tín dụng còn khó khăn; công tác tuyên truyền về kinh tế tập thể có nơi chưa thường xuyên.',
    ].join('\n\n'),
  },
  {
    heading: 'Phần IV. MỤC TIÊU',
    body: [
      '1. Mục tiêu chung: phát triển kinh tế tập thể, hợp tác xã theo hướng bền vững, hiệu quả, tự chủ, tự chịu trách nhiệm; nâng cao chất lượng hoạt động và vai trò của hợp tác xã trong phát triển kinh tế - xã hội của tỉnh.',
      '2. Mục tiêu cụ thể năm 2022: thành lập mới ít nhất 30 hợp tác xã theo kế hoạch; hoàn thành 5 hợp tác xã điểm trong tháng 6 năm 2022.',
      '3. Mục tiêu đến năm 2025: phấn đấu có ít nhất 60% số hợp tác xã hoạt động đạt loại khá, tốt; 100% cán bộ quản lý hợp tác xã được bồi dưỡng kiến thức quản trị.',
      '4. Định hướng đến năm 2030: kinh tế tập thể, hợp tác xã phát triển vững chắc, là lực lượng nòng cốt trong xây dựng nông thôn mới và phát triển kinh tế nông thôn.',
    ].join('\n\n'),
  },
  {
    heading: 'Phần V. NHIỆM VỤ VÀ GIẢI PHÁP',
    body: [
      '1. Đẩy mạnh công tác tuyên truyền, nâng cao nhận thức về kinh tế tập thể, hợp tác xã.',
      '2. Rà soát, tháo gỡ khó khăn, vướng mắc để thành lập mới hợp tác xã; củng cố, tổ chức lại các hợp tác xã hoạt động yếu kém.',
      '3. Hỗ trợ hợp tác xã tiếp cận nguồn vốn, đất đai, khoa học công nghệ, chuyển đổi số và mở rộng thị trường tiêu thụ sản phẩm.',
      '4. Xây dựng và nhân rộng mô hình hợp tác xã điểm, hợp tác xã liên kết theo chuỗi giá trị với doanh nghiệp.',
      '5. Nâng cao chất lượng nguồn nhân lực, thu hút lao động trẻ có trình độ về làm việc tại hợp tác xã.',
    ].join('\n\n'),
  },
  {
    heading: 'Phần VI. TỔ CHỨC THỰC HIỆN',
    body: [
      'Sở Kế hoạch và Đầu tư là cơ quan thường trực, chủ trì phối hợp với Liên minh Hợp tác xã tỉnh theo dõi, đôn đốc, tổng hợp tình hình thực hiện Đề án, định kỳ báo cáo Ủy ban nhân dân tỉnh.',
      'Các sở, ban, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố căn cứ chức năng, nhiệm vụ xây dựng kế hoạch triển khai thực hiện Đề án.',
    ].join('\n\n'),
  },
];

/** Comments of the first round: [agency, section index or null for the whole plan, quote or null, body]. */
export const DEMO_COMMENTS: { agency: DemoAgencyCode; section: number | null; quote: string | null; body: string }[] = [
  {
    agency: 'LMHTX',
    section: 2,
    quote: 'trong đó có 25 hợp tác xã được thành lập mới từ đầu năm 2022',
    body: 'Đề nghị bổ sung số liệu về số hợp tác xã giải thể, ngừng hoạt động trong cùng kỳ để phản ánh đầy đủ thực trạng.',
  },
  {
    agency: 'LMHTX',
    section: 3,
    quote: 'hoàn thành 5 hợp tác xã điểm trong tháng 6 năm 2022',
    body: 'Đề nghị nêu rõ danh sách 5 hợp tác xã điểm và đơn vị chịu trách nhiệm hỗ trợ từng hợp tác xã.',
  },
  {
    agency: 'SNNPTNT',
    section: 4,
    quote: 'Xây dựng và nhân rộng mô hình hợp tác xã điểm',
    body: 'Đề nghị gắn mô hình hợp tác xã điểm với Chương trình OCOP và Chương trình mục tiêu quốc gia xây dựng nông thôn mới.',
  },
  {
    agency: 'STC',
    section: 4,
    quote: 'Hỗ trợ hợp tác xã tiếp cận nguồn vốn',
    body: 'Đề nghị làm rõ nguồn kinh phí thực hiện (ngân sách tỉnh, lồng ghép chương trình mục tiêu, xã hội hóa) và cơ chế quản lý Quỹ hỗ trợ phát triển hợp tác xã.',
  },
  {
    agency: 'STC',
    section: null,
    quote: null,
    body: 'Đề nghị bổ sung phụ lục khái toán kinh phí thực hiện Đề án theo từng năm.',
  },
];

/** Dispositions recorded on the first comments: [comment index, decision, reason]. */
export const DEMO_DISPOSITIONS: { comment: number; decision: 'accepted' | 'partially_accepted' | 'explained' | 'not_accepted'; reason: string | null }[] = [
  { comment: 0, decision: 'accepted', reason: 'Đã bổ sung số liệu hợp tác xã giải thể, ngừng hoạt động tại Phần III.' },
  {
    comment: 3,
    decision: 'partially_accepted',
    reason: 'Bổ sung nguồn kinh phí; cơ chế quản lý Quỹ thực hiện theo quy định hiện hành nên không nêu lại trong Đề án.',
  },
];

/**
 * The seed's own event: the conference of 8 June 2022 on the scheme, chaired by Vice Chairman Phạm
 * Văn Thành. Its times are history and stay in 2022; `agency` names the agency a line belongs to.
 */
export const DEMO_CONFERENCE: {
  title: string;
  heldAt: string;
  endedAt: string;
  location: string;
  chair: string;
  secretary: string;
  attendees: { name: string; position: string | null; agency: DemoAgencyCode | null }[];
  summary: string;
  opinions: { speaker: string; agency: DemoAgencyCode | null; content: string }[];
  conclusions: string[];
  directives: { agency: DemoAgencyCode; task: string; dueDate: string; target: number | null }[];
} = {
  title: 'Hội nghị góp ý dự thảo Đề án Phát triển kinh tế tập thể, hợp tác xã giai đoạn 2021-2025, định hướng đến năm 2030',
  heldAt: '2022-06-08T08:00:00+07:00',
  endedAt: '2022-06-08T11:30:00+07:00',
  location: 'Trụ sở UBND tỉnh Quảng Ninh',
  chair: 'Phạm Văn Thành, Phó Chủ tịch UBND tỉnh',
  secretary: 'Trần Thị Thu Hà, chuyên viên Sở Kế hoạch và Đầu tư',
  attendees: [
    { name: 'Phạm Văn Thành', position: 'Phó Chủ tịch UBND tỉnh', agency: null },
    { name: 'Lãnh đạo Văn phòng UBND tỉnh', position: null, agency: null },
    ...(['SKHDT', 'STC', 'SNNPTNT', 'SCT', 'SLDTBXH', 'STNMT', 'NHNN'] as const).map((agency) => ({
      name: `Đại diện lãnh đạo ${DEMO_AGENCIES.find((a) => a.code === agency)!.name}`,
      position: null,
      agency,
    })),
    { name: 'Đại diện lãnh đạo Liên minh Hợp tác xã tỉnh', position: null, agency: 'LMHTX' },
    { name: 'Đại diện lãnh đạo Ủy ban nhân dân huyện Đầm Hà', position: null, agency: 'UBND-DAMHA' },
    { name: 'Đại diện lãnh đạo UBND các huyện, thị xã, thành phố', position: 'dự trực tuyến tại điểm cầu các địa phương', agency: null },
  ],
  summary: [
    'Hội nghị nghe đại diện Sở Kế hoạch và Đầu tư, cơ quan chủ trì soạn thảo, báo cáo tóm tắt dự thảo Đề án Phát triển kinh tế tập thể, hợp tác xã giai đoạn 2021-2025, định hướng đến năm 2030.',
    'Đến nay, toàn tỉnh có 633 hợp tác xã, trong đó có 25 hợp tác xã được thành lập mới từ đầu năm 2022. Kinh tế tập thể, hợp tác xã đã góp phần giải quyết việc làm, nâng cao thu nhập cho thành viên và người lao động; tuy nhiên quy mô hợp tác xã còn nhỏ, năng lực quản trị và khả năng tiếp cận vốn, đất đai, thị trường còn hạn chế.',
    'Các đại biểu thảo luận, góp ý vào dự thảo Đề án; đồng chí Phó Chủ tịch UBND tỉnh kết luận hội nghị.',
  ].join('\n\n'),
  opinions: [
    {
      speaker: 'Đại diện Liên minh Hợp tác xã tỉnh',
      agency: 'LMHTX',
      content:
        'Đề nghị đánh giá rõ chất lượng, hiệu quả hoạt động của các hợp tác xã (doanh thu, thu nhập của thành viên, số hợp tác xã xếp loại khá, tốt), không chỉ nêu số lượng; bổ sung giải pháp củng cố, tổ chức lại các hợp tác xã hoạt động cầm chừng, hình thức.',
    },
    {
      speaker: 'Đại diện Ủy ban nhân dân huyện Đầm Hà',
      agency: 'UBND-DAMHA',
      content:
        'Việc thành lập mới hợp tác xã ở địa phương còn vướng về mặt bằng sản xuất, thủ tục giao đất, thuê đất và vốn đối ứng. Đề nghị Đề án có giải pháp cụ thể tháo gỡ các vướng mắc này để các huyện hoàn thành chỉ tiêu thành lập mới hợp tác xã.',
    },
    {
      speaker: 'Đại diện Sở Tài chính',
      agency: 'STC',
      content:
        'Đề nghị rà soát, lồng ghép nguồn kinh phí hỗ trợ hợp tác xã từ các chương trình mục tiêu quốc gia, tránh trùng lặp; kinh phí hỗ trợ các hợp tác xã điểm cần được xác định trong dự toán năm 2022.',
    },
    {
      speaker: 'Đại diện Ngân hàng Nhà nước chi nhánh tỉnh Quảng Ninh',
      agency: 'NHNN',
      content:
        'Đề nghị bổ sung giải pháp kết nối ngân hàng với hợp tác xã, hướng dẫn hợp tác xã xây dựng phương án sản xuất, kinh doanh khả thi để tiếp cận các chương trình tín dụng ưu đãi.',
    },
    {
      speaker: 'Đại diện Sở Nông nghiệp và Phát triển nông thôn',
      agency: 'SNNPTNT',
      content:
        'Thống nhất với mục tiêu của dự thảo; đề nghị gắn phát triển hợp tác xã với Chương trình OCOP, chuỗi giá trị nông sản và xây dựng nông thôn mới nâng cao.',
    },
  ],
  conclusions: [
    'Các đơn vị chủ trì soạn thảo tiếp thu các ý kiến tại hội nghị, hoàn thiện Đề án bảo đảm phù hợp với kế hoạch, chương trình của Trung ương và của tỉnh.',
    'Phân tích, đánh giá rõ chất lượng, hiệu quả hoạt động của các hợp tác xã.',
    'Sở Kế hoạch và Đầu tư phối hợp với Liên minh Hợp tác xã tỉnh rà soát, tháo gỡ khó khăn, vướng mắc để thành lập mới ít nhất 30 hợp tác xã theo kế hoạch.',
    'Hoàn thành 5 hợp tác xã điểm trong tháng 6 năm 2022.',
    'Tiếp tục đẩy mạnh công tác thông tin, tuyên truyền về kinh tế tập thể, hợp tác xã.',
  ],
  directives: [
    {
      agency: 'SKHDT',
      task: 'Tiếp thu các ý kiến tại hội nghị, hoàn thiện dự thảo Đề án bảo đảm phù hợp với kế hoạch, chương trình của Trung ương và của tỉnh, trình UBND tỉnh',
      dueDate: '2022-06-30',
      target: null,
    },
    {
      agency: 'LMHTX',
      task: 'Phân tích, đánh giá chất lượng, hiệu quả hoạt động của các hợp tác xã trên địa bàn tỉnh, gửi Sở Kế hoạch và Đầu tư tổng hợp vào Đề án',
      dueDate: '2022-06-30',
      target: null,
    },
    {
      agency: 'SKHDT',
      task: 'Chủ trì, phối hợp với Liên minh Hợp tác xã tỉnh rà soát, tháo gỡ khó khăn, vướng mắc để thành lập mới ít nhất 30 hợp tác xã theo kế hoạch năm 2022',
      dueDate: '2022-12-31',
      target: 30,
    },
    { agency: 'LMHTX', task: 'Hoàn thành 5 hợp tác xã điểm', dueDate: '2022-06-30', target: 5 },
    { agency: 'LMHTX', task: 'Tiếp tục đẩy mạnh công tác thông tin, tuyên truyền về kinh tế tập thể, hợp tác xã', dueDate: '2022-12-31', target: null },
  ],
};

/**
 * Opinions of the conference carried into the open round as comments of the speakers' agencies
 * (numbers in the minutes, from 1), one of them already decided.
 */
export const DEMO_CARRIED_OPINIONS: { no: number; decision?: 'accepted' | 'partially_accepted' | 'explained' | 'not_accepted'; reason?: string }[] = [
  { no: 1, decision: 'accepted', reason: 'Bổ sung đánh giá chất lượng, hiệu quả hoạt động của hợp tác xã tại Phần III theo kết luận của hội nghị.' },
  { no: 2 },
  { no: 4 },
];
