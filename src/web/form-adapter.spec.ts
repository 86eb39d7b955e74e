import { optional, provinceDateTime, provinceInput, rows, text, texts, vnInteger, vnNumber } from './form-adapter';

describe('the form adapter', () => {
  it('reads numbers the Vietnamese way: dot between thousands, comma before decimals', () => {
    expect(vnNumber('1.000')).toBe(1000);
    expect(vnNumber('1.234.567,5')).toBe(1234567.5);
    expect(vnNumber('12,5')).toBe(12.5);
    expect(vnNumber(' 30 ')).toBe(30);
    expect(vnNumber('-3')).toBe(-3);
    expect(vnNumber('')).toBeNull();
    // Anything else is left for the DTO to refuse with its own message.
    for (const typed of ['12.5', '1.00', 'mười hai', '1,2,3', '1e3', '0x10']) expect(vnNumber(typed)).toBe(typed);
    expect(vnInteger('1.000')).toBe(1000);
    expect(vnInteger('2,5')).toBe('2,5');
  });

  it('reads fields, repeated fields, blanks and local times', () => {
    expect(text({ a: ['x', 'y'] }, 'a')).toBe('x');
    expect(text({}, 'a')).toBe('');
    expect(texts({ a: 'x' }, 'a')).toEqual(['x']);
    expect(optional('  ')).toBeNull();
    expect(provinceDateTime('2022-06-30T17:00')).toBe('2022-06-30T17:00:00+07:00');
    expect(provinceDateTime('30/06/2022')).toBe('30/06/2022');
    expect(provinceInput('2022-06-30T10:00:00Z')).toBe('2022-06-30T17:00');
  });

  it('gathers rows of repeated fields, dropping blank ones', () => {
    const body = { n: ['A', '', 'C'], p: ['1', ' ', ''] };
    expect(rows(body, { name: 'n', position: 'p' })).toEqual([
      { name: 'A', position: '1' },
      { name: 'C', position: '' },
    ]);
    expect(rows({}, { name: 'n' })).toEqual([{ name: '' }]);
    expect(rows(body, { name: 'n' }, true)).toHaveLength(3);
  });
});
