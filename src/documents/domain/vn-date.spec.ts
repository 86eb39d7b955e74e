import { civil, dayNumber, monthNumber, placeAndDate, vnDate, vnDateTime, vnShortDate, vnTime } from './vn-date';

describe('Vietnamese dates (Decree 30/2020, Appendix I, II.5.b)', () => {
  it('writes the seed conference date as the decree does', () => {
    expect(vnDate('2022-06-08T08:00:00+07:00')).toBe('ngày 08 tháng 6 năm 2022');
    expect(placeAndDate('Quảng Ninh', '2022-06-08T08:00:00+07:00')).toBe('Quảng Ninh, ngày 08 tháng 6 năm 2022');
  });

  it('pads days below 10 and the months 1 and 2, and nothing else', () => {
    expect(vnDate('2022-01-05')).toBe('ngày 05 tháng 01 năm 2022');
    expect(vnDate('2022-02-28')).toBe('ngày 28 tháng 02 năm 2022');
    expect(vnDate('2022-03-09')).toBe('ngày 09 tháng 3 năm 2022');
    expect(vnDate('2022-10-10')).toBe('ngày 10 tháng 10 năm 2022');
    expect(vnDate('2022-12-31')).toBe('ngày 31 tháng 12 năm 2022');
    for (let m = 1; m <= 12; m++) expect(monthNumber(m)).toBe(m <= 2 ? `0${m}` : String(m));
    for (let d = 1; d <= 31; d++) expect(dayNumber(d)).toBe(d < 10 ? `0${d}` : String(d));
  });

  it('reads an instant in province time (UTC+7), a bare date as it is', () => {
    expect(vnDate('2022-06-07T17:30:00Z')).toBe('ngày 08 tháng 6 năm 2022');
    expect(vnDate(new Date('2022-12-31T17:00:00Z'))).toBe('ngày 01 tháng 01 năm 2023');
    expect(vnDate('2022-06-30')).toBe('ngày 30 tháng 6 năm 2022');
    expect(civil('2022-06-30')).toEqual({ year: 2022, month: 6, day: 30, hour: 0, minute: 0 });
  });

  it('writes clock times and the short date used inside text', () => {
    expect(vnTime('2022-06-08T08:00:00+07:00')).toBe('8 giờ 00 phút');
    expect(vnDateTime('2022-06-08T04:30:00Z')).toBe('11 giờ 30 phút, ngày 08 tháng 6 năm 2022');
    expect(vnTime('2022-06-08T00:05:00+07:00')).toBe('0 giờ 05 phút');
    expect(vnShortDate('2022-06-30')).toBe('30/6/2022');
    expect(vnShortDate('2023-01-05')).toBe('05/01/2023');
    expect(vnShortDate('2020-03-09')).toBe('09/3/2020');
  });

  it('leaves day and month blank for a document not issued yet', () => {
    const line = placeAndDate('Quảng Ninh', null, 2022);
    expect(line.replace(/\u00a0+/g, ' ')).toBe('Quảng Ninh, ngày tháng năm 2022');
    expect(
      placeAndDate('Quảng Ninh', null)
        .replace(/\u00a0+/g, ' ')
        .trim(),
    ).toBe('Quảng Ninh, ngày tháng năm');
  });

  it('refuses what is not a date', () => {
    expect(() => vnDate('not a date')).toThrow(RangeError);
  });
});
