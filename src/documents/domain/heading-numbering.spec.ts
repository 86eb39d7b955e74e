import { DEMO_SECTIONS } from '../../demo/demo-data';
import { numberHeadings, parseHeading } from './heading-numbering';

describe('heading numbering', () => {
  it('numbers the seed parts I to VI without doubling the "Phần I." they already carry', () => {
    const numbered = numberHeadings(DEMO_SECTIONS.map((s) => s.heading));
    expect(numbered.map((h) => h.label)).toEqual(['Phần I', 'Phần II', 'Phần III', 'Phần IV', 'Phần V', 'Phần VI']);
    expect(numbered[0].title).toBe('SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN');
    expect(numbered[5].title).toBe('TỔ CHỨC THỰC HIỆN');
    for (const h of numbered) {
      expect(h.level).toBe(1);
      expect(h.title).not.toMatch(/^phần/iu);
      expect(`${h.label} ${h.title}`).not.toMatch(/Phần\s+[IVX]+\.?\s+Phần/u);
    }
  });

  it('strips the numbering an author typed, in any of the usual forms', () => {
    expect(parseHeading('Phần I. SỰ CẦN THIẾT')).toEqual({ level: 1, title: 'SỰ CẦN THIẾT' });
    expect(parseHeading('PHẦN II - CĂN CỨ')).toEqual({ level: 1, title: 'CĂN CỨ' });
    expect(parseHeading('Phần 3: Thực trạng')).toEqual({ level: 1, title: 'Thực trạng' });
    expect(parseHeading('Phần thứ nhất. MỞ ĐẦU')).toEqual({ level: 1, title: 'MỞ ĐẦU' });
    expect(parseHeading('IV. MỤC TIÊU')).toEqual({ level: 1, title: 'MỤC TIÊU' });
    expect(parseHeading('1. Mục tiêu chung')).toEqual({ level: 2, title: 'Mục tiêu chung' });
    expect(parseHeading('2) Mục tiêu cụ thể')).toEqual({ level: 2, title: 'Mục tiêu cụ thể' });
    expect(parseHeading('1.2. Về vốn')).toEqual({ level: 3, title: 'Về vốn' });
    expect(parseHeading('1.2 Về đất đai')).toEqual({ level: 3, title: 'Về đất đai' });
    expect(parseHeading('1.2.3. Chi tiết')).toEqual({ level: 4, title: 'Chi tiết' });
    expect(parseHeading('Phần I')).toEqual({ level: 1, title: '' });
  });

  it('keeps words that only look like numbering', () => {
    expect(parseHeading('Phần lớn hợp tác xã')).toEqual({ level: 1, title: 'Phần lớn hợp tác xã' });
    expect(parseHeading('5 hợp tác xã điểm')).toEqual({ level: 1, title: '5 hợp tác xã điểm' });
    expect(parseHeading('Mục tiêu đến năm 2030')).toEqual({ level: 1, title: 'Mục tiêu đến năm 2030' });
    expect(parseHeading('2030 tầm nhìn')).toEqual({ level: 1, title: '2030 tầm nhìn' });
  });

  it('numbers by position, restarting the sub-levels in each part', () => {
    const numbered = numberHeadings([
      'MỞ ĐẦU',
      '1. Bối cảnh',
      '1.1. Trong nước',
      '1.1. Quốc tế', // typed twice: numbered by position
      '5. Sự cần thiết', // out of sequence: becomes 2.
      'Phần VII. NỘI DUNG', // becomes Phần II
      '1.1.1. Chi tiết', // no parent typed: parents count as 1
      '3. Tổ chức',
    ]);
    expect(numbered.map((h) => `${h.label} ${h.title}`)).toEqual([
      'Phần I MỞ ĐẦU',
      '1. Bối cảnh',
      '1.1. Trong nước',
      '1.2. Quốc tế',
      '2. Sự cần thiết',
      'Phần II NỘI DUNG',
      '1.1.1. Chi tiết',
      '2. Tổ chức',
    ]);
    expect(numbered.map((h) => h.level)).toEqual([1, 2, 3, 3, 2, 1, 4, 2]);
  });

  it('numbers a plan without parts 1., 2., …', () => {
    expect(numberHeadings(['1. Mục tiêu', '2. Nhiệm vụ', '2.1. Cụ thể']).map((h) => h.label)).toEqual(['1.', '2.', '2.1.']);
  });

  it('reads headings typed in decomposed Unicode', () => {
    expect(parseHeading('Phần I. MỤC TIÊU'.normalize('NFD'))).toEqual({ level: 1, title: 'MỤC TIÊU' });
  });
});
