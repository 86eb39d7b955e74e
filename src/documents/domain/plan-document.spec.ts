import { DEMO_PLAN_TITLE, DEMO_SECTIONS } from '../../demo/demo-data';
import { buildPlanDocument, PlanDocumentInput, splitTitle } from './plan-document';

const sections = DEMO_SECTIONS.map((s, i) => ({ key: `s-${i}`, ...s }));
const base = (over: Partial<PlanDocumentInput> = {}): PlanDocumentInput => ({
  issuingAuthority: 'ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH',
  place: 'Quảng Ninh',
  number: '15/ĐA-UBND',
  plan: { title: DEMO_PLAN_TITLE, kind: 'Đề án', approvedVersion: null },
  version: { number: 2, createdAt: '2022-06-01T02:00:00.000Z', sections },
  ...over,
});
const approval = {
  versionNumber: 2,
  status: 'approved',
  decidedAt: '2022-06-08T03:00:00.000Z',
  steps: [
    { position: 0, approverName: 'Nguyễn Hoàng Nam', state: 'approved', decidedAt: '2022-06-07T03:00:00.000Z' },
    { position: 1, approverName: 'Phạm Văn Thành', state: 'approved', decidedAt: '2022-06-08T03:00:00.000Z' },
  ],
};

describe('plan document', () => {
  it('splits the title into the document type and its subject', () => {
    expect(splitTitle(DEMO_PLAN_TITLE, 'Đề án')).toEqual({
      docType: 'ĐỀ ÁN',
      subject: 'Phát triển kinh tế tập thể, hợp tác xã giai đoạn 2021-2025, định hướng đến năm 2030',
    });
    expect(splitTitle('Kế hoạch chuyển đổi số', null)).toEqual({ docType: 'KẾ HOẠCH', subject: 'chuyển đổi số' });
    expect(splitTitle('Phát triển du lịch', 'Đề án')).toEqual({ docType: 'ĐỀ ÁN', subject: 'Phát triển du lịch' });
    expect(splitTitle('Phát triển du lịch', null)).toEqual({ docType: null, subject: 'Phát triển du lịch' });
  });

  it('prints a draft as "DỰ THẢO LẦN n", unsigned, with day and month left blank', () => {
    const m = buildPlanDocument(base());
    expect(m.draftMark).toBe('DỰ THẢO LẦN 2');
    expect(m.signature).toBeNull();
    expect(m.header.authority).toEqual(['ỦY BAN NHÂN DÂN', 'TỈNH QUẢNG NINH']);
    expect(m.header.number).toBe('Số: 15/ĐA-UBND');
    expect(m.header.placeDate?.replace(/\u00a0+/g, ' ')).toBe('Quảng Ninh, ngày tháng năm 2022');
    expect(m.recipients).toEqual(['- Lưu: VT.']);
  });

  it('numbers the seed sections once and keeps their Markdown bodies', () => {
    const m = buildPlanDocument(base());
    expect(m.sections.map((s) => [s.label, s.title, s.part])).toEqual([
      ['Phần I', 'SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN', true],
      ['Phần II', 'CĂN CỨ XÂY DỰNG ĐỀ ÁN', true],
      ['Phần III', 'THỰC TRẠNG PHÁT TRIỂN KINH TẾ TẬP THỂ, HỢP TÁC XÃ', true],
      ['Phần IV', 'MỤC TIÊU', true],
      ['Phần V', 'NHIỆM VỤ VÀ GIẢI PHÁP', true],
      ['Phần VI', 'TỔ CHỨC THỰC HIỆN', true],
    ]);
    expect(m.sections[2].body).toContain('**Tồn tại, hạn chế:**');
    expect(m.sections.map((s) => s.key)).toEqual(sections.map((s) => s.key));
  });

  it('signs an approved version with the final approver, dated the day of approval', () => {
    const m = buildPlanDocument(
      base({ plan: { title: DEMO_PLAN_TITLE, kind: 'Đề án', approvedVersion: 2 }, approval, signer: { position: 'Phó Chủ tịch UBND tỉnh' } }),
    );
    expect(m.draftMark).toBeNull();
    expect(m.signature).toEqual({ authority: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], name: 'Phạm Văn Thành' });
    expect(m.header.placeDate).toBe('Quảng Ninh, ngày 08 tháng 6 năm 2022');
  });

  it('does not sign with an approval of another version', () => {
    const m = buildPlanDocument(base({ version: { number: 3, createdAt: '2022-06-10T00:00:00Z', sections }, approval }));
    expect(m.signature).toBeNull();
    expect(m.draftMark).toBe('DỰ THẢO LẦN 3');
  });

  it('takes the date given by the caller', () => {
    expect(buildPlanDocument(base({ date: '2022-02-03' })).header.placeDate).toBe('Quảng Ninh, ngày 03 tháng 02 năm 2022');
  });
});
