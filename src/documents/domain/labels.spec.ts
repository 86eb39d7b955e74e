import { DECISIONS } from '../../consultation/domain/disposition';
import { agencyStateLabel, decisionLabel, sectionChangeLabel } from './labels';

describe('labels', () => {
  it('names each decision as the report prints it', () => {
    expect(DECISIONS.map(decisionLabel)).toEqual(['Tiếp thu', 'Tiếp thu một phần', 'Giải trình', 'Không tiếp thu']);
    expect(decisionLabel(null)).toBe('Chưa xử lý');
  });

  it('names where an agency stands', () => {
    expect(agencyStateLabel('pending', false, false)).toBe('Chưa trả lời');
    expect(agencyStateLabel('pending', false, true)).toBe('Chưa trả lời (quá hạn)');
    expect(agencyStateLabel('responded', false, false)).toBe('Có ý kiến góp ý');
    expect(agencyStateLabel('no_comments', true, false)).toBe('Thống nhất, không có ý kiến');
    expect(agencyStateLabel('late', true, false)).toBe('Trả lời muộn; thống nhất, không có ý kiến');
    expect(agencyStateLabel('late', false, false)).toBe('Trả lời muộn; có ý kiến góp ý');
  });

  it('names section changes, unknown ones as a change', () => {
    expect(['added', 'removed', 'changed', 'same'].map(sectionChangeLabel)).toEqual(['Bổ sung mục mới', 'Bỏ mục', 'Sửa đổi', 'Giữ nguyên']);
    expect(sectionChangeLabel('toString')).toBe('Sửa đổi');
  });
});
