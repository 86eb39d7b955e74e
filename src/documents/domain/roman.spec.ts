import { fromRoman, toRoman } from './roman';

describe('Roman numerals', () => {
  it('numbers parts', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 19, 20].map(toRoman)).toEqual([
      'I',
      'II',
      'III',
      'IV',
      'V',
      'VI',
      'VII',
      'VIII',
      'IX',
      'X',
      'XI',
      'XIV',
      'XIX',
      'XX',
    ]);
    expect(toRoman(40)).toBe('XL');
    expect(toRoman(90)).toBe('XC');
    expect(toRoman(400)).toBe('CD');
    expect(toRoman(1994)).toBe('MCMXCIV');
    expect(toRoman(3999)).toBe('MMMCMXCIX');
  });

  it('reads back every numeral it writes, and nothing malformed', () => {
    for (let n = 1; n <= 3999; n++) expect(fromRoman(toRoman(n))).toBe(n);
    for (const bad of ['', 'IIII', 'VV', 'IC', 'ABC', 'MMMM']) expect(fromRoman(bad)).toBeNull();
  });

  it('has no numeral for 0, fractions or 4000', () => {
    for (const n of [0, -1, 1.5, 4000]) expect(() => toRoman(n)).toThrow(RangeError);
  });
});
