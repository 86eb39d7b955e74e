import { parseVnNumber, vnNumberText } from './vn-number';

describe('Vietnamese numbers', () => {
  it('reads a dot between thousands and a comma before decimals', () => {
    expect(parseVnNumber('1.000')).toBe(1000);
    expect(parseVnNumber('1.500.000')).toBe(1_500_000);
    expect(parseVnNumber('1.234.567,5')).toBe(1234567.5);
    expect(parseVnNumber('12,5')).toBe(12.5);
    expect(parseVnNumber(' 30 ')).toBe(30);
    expect(parseVnNumber('-3')).toBe(-3);
    for (const typed of ['', '12.5', '1.00', '1.5000', 'mười hai', '1,2,3', '1e3', '0x10', '1 000', '.5', '5,']) expect(parseVnNumber(typed)).toBeNull();
  });

  it('writes them the same way, so that what a page shows reads back as the same number', () => {
    expect(vnNumberText(1000)).toBe('1.000');
    expect(vnNumberText(1_500_000)).toBe('1.500.000');
    expect(vnNumberText(12.5)).toBe('12,5');
    expect(vnNumberText(0)).toBe('0');
    expect(vnNumberText(null)).toBe('');
    expect(vnNumberText(Number.NaN)).toBe('');
    expect(vnNumberText(1_500_000.25, 'en')).toBe('1,500,000.25');
    for (const n of [0, 7, 1000, 12.5, 1234567.125, 999_999_999_999]) expect(parseVnNumber(vnNumberText(n))).toBe(n);
  });
});
