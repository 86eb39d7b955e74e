import { buildMinutesDocument, ConferenceInput } from './minutes-document';

const conference = (): ConferenceInput => ({
  title: 'Hội nghị góp ý dự thảo Đề án phát triển kinh tế tập thể, hợp tác xã',
  heldAt: '2022-06-08T01:00:00.000Z',
  location: 'Trụ sở Liên cơ quan số 3, thành phố Hạ Long',
  chair: 'Phạm Văn Thành, Phó Chủ tịch UBND tỉnh',
  secretary: 'Trần Thị Thu Hà, chuyên viên Sở Kế hoạch và Đầu tư',
  attendees: [
    { name: 'Phạm Văn Thành', position: 'Phó Chủ tịch UBND tỉnh' },
    { name: 'Đại diện Sở Tài chính', position: null, agencyId: 'stc' },
  ],
  minutes: {
    summary: 'Hội nghị nghe báo cáo dự thảo Đề án.\nToàn tỉnh có 633 hợp tác xã.',
    opinions: [
      { no: 1, speaker: 'Đại diện Sở Tài chính', content: 'Đề nghị làm rõ nguồn kinh phí hỗ trợ hợp tác xã điểm.' },
      { no: 2, speaker: 'Đại diện Liên minh Hợp tác xã tỉnh', content: 'Đề nghị đánh giá chất lượng, hiệu quả hoạt động của hợp tác xã.' },
    ],
    conclusions: ['Tiếp tục tuyên truyền về kinh tế tập thể.', '  '],
    directives: [
      { agencyId: 'skhdt', task: 'Rà soát khó khăn, vướng mắc để thành lập mới ít nhất 30 hợp tác xã', dueDate: '2022-12-31', target: 30 },
      { agencyId: 'lmhtx', task: 'Hoàn thành 5 hợp tác xã điểm', dueDate: '2022-06-30', target: 1500.5 },
    ],
    endedAt: '2022-06-08T04:30:00.000Z',
  },
  directives: [{ agencyId: 'lmhtx', agencyName: 'Liên minh Hợp tác xã tỉnh' }],
});

const ctx = { issuingAuthority: 'ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH', place: 'Quảng Ninh', number: '/BB-UBND' };

describe('minutes document (Decree 30/2020 form 1.9)', () => {
  it('prints time, place, people, content and the closing line', () => {
    const m = buildMinutesDocument({ ...ctx, conference: conference(), agencyNames: { skhdt: 'Sở Kế hoạch và Đầu tư' } });
    expect(m.title).toBe('BIÊN BẢN');
    expect(m.header.placeDate).toBeNull();
    expect(m.startedAt).toBe('8 giờ 00 phút, ngày 08 tháng 6 năm 2022');
    expect(m.attendees).toEqual(['Phạm Văn Thành, Phó Chủ tịch UBND tỉnh', 'Đại diện Sở Tài chính']);
    expect(m.summary).toEqual(['Hội nghị nghe báo cáo dự thảo Đề án.', 'Toàn tỉnh có 633 hợp tác xã.']);
    expect(m.headings).toEqual({
      summary: '1. Diễn biến hội nghị',
      opinions: '2. Ý kiến phát biểu',
      conclusions: '3. Kết luận của chủ tọa',
      directives: '4. Nhiệm vụ được giao',
    });
    expect(m.opinions.map((o) => o.label)).toEqual(['2.1.', '2.2.']);
    expect(m.conclusions).toEqual(['Tiếp tục tuyên truyền về kinh tế tập thể.']);
    expect(m.directives).toEqual([
      { no: 1, task: 'Rà soát khó khăn, vướng mắc để thành lập mới ít nhất 30 hợp tác xã', agency: 'Sở Kế hoạch và Đầu tư', due: '31/12/2022', target: '30' },
      { no: 2, task: 'Hoàn thành 5 hợp tác xã điểm', agency: 'Liên minh Hợp tác xã tỉnh', due: '30/6/2022', target: '1.500,5' },
    ]);
    expect(m.closing).toBe('Hội nghị kết thúc vào 11 giờ 30 phút, ngày 08 tháng 6 năm 2022./.');
    expect(m.signatures).toEqual({ secretary: { title: 'THƯ KÝ', name: 'Trần Thị Thu Hà' }, chair: { title: 'CHỦ TỌA', name: 'Phạm Văn Thành' } });
  });

  it('numbers only the parts the minutes have', () => {
    const c = conference();
    c.minutes = { ...c.minutes!, summary: '', opinions: [] };
    const m = buildMinutesDocument({ ...ctx, conference: c });
    expect(m.headings).toEqual({ summary: null, opinions: null, conclusions: '1. Kết luận của chủ tọa', directives: '2. Nhiệm vụ được giao' });
  });

  it('prints a conference whose minutes are not written yet', () => {
    const m = buildMinutesDocument({ ...ctx, conference: { ...conference(), minutes: null } });
    expect(m.closing).toBeNull();
    expect(m.opinions).toEqual([]);
    expect(m.headings).toEqual({ summary: null, opinions: null, conclusions: null, directives: null });
  });
});
