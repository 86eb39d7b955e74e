import { provinceDate } from '../../common/time/province-time';
import { directiveStatus } from './directive-status';

describe('directive status', () => {
  it('is open through the whole due date in Vietnam, overdue from the next day', () => {
    // 30 June 2022, 23:59 in Quảng Ninh is 16:59 UTC.
    expect(directiveStatus('open', '2022-06-30', new Date('2022-06-30T16:59:59Z'))).toBe('open');
    expect(directiveStatus('open', '2022-06-30', new Date('2022-06-30T17:00:00Z'))).toBe('overdue');
  });

  it('is done once done, whatever the date', () => {
    expect(directiveStatus('done', '2022-06-30', new Date('2030-01-01T00:00:00Z'))).toBe('done');
  });

  it('takes the date in the province, not in UTC', () => {
    expect(provinceDate(new Date('2022-06-07T18:00:00Z'))).toBe('2022-06-08');
    expect(provinceDate(new Date('2022-06-08T16:59:59Z'))).toBe('2022-06-08');
  });
});
