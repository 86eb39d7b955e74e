import { PROVINCE_TIME_ZONE } from '../../common/time/province-time';

/** A calendar date and clock time as read in the province. */
export interface CivilDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: PROVINCE_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * An instant (Date or ISO date-time) in province time; a bare "YYYY-MM-DD" is already a calendar
 * date (a due date) and is taken as is, never shifted by a time zone.
 */
export function civil(at: Date | string): CivilDateTime {
  if (typeof at === 'string') {
    const m = DATE_ONLY.exec(at);
    if (m) return { year: +m[1], month: +m[2], day: +m[3], hour: 0, minute: 0 };
  }
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: ${String(at)}`);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.formatToParts(date).find((p) => p.type === type)!.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

/** Decree 30/2020, Appendix I, II.5(b): days below 10 and the months 1 and 2 take a leading zero. */
export function dayNumber(day: number): string {
  return String(day).padStart(2, '0');
}

export function monthNumber(month: number): string {
  return month <= 2 ? `0${month}` : String(month);
}

/** "ngày 08 tháng 6 năm 2022" */
export function vnDate(at: Date | string): string {
  const c = civil(at);
  return `ngày ${dayNumber(c.day)} tháng ${monthNumber(c.month)} năm ${c.year}`;
}

/** "08/6/2022": the short form used inside text (as in "Kết luận số 70-KL/TW ngày 09/3/2020"). */
export function vnShortDate(at: Date | string): string {
  const c = civil(at);
  return `${dayNumber(c.day)}/${monthNumber(c.month)}/${c.year}`;
}

/** "8 giờ 00 phút" */
export function vnTime(at: Date | string): string {
  const c = civil(at);
  return `${c.hour} giờ ${String(c.minute).padStart(2, '0')} phút`;
}

/** "11 giờ 30 phút, ngày 08 tháng 6 năm 2022" */
export function vnDateTime(at: Date | string): string {
  return `${vnTime(at)}, ${vnDate(at)}`;
}

const BLANK = '\u00a0'.repeat(6);

/**
 * The place-and-date line: "Quảng Ninh, ngày 08 tháng 6 năm 2022". A document not issued yet
 * leaves day and month blank for the clerk (văn thư) to fill in, keeping the year when known.
 */
export function placeAndDate(place: string, at: Date | string | null, year?: number): string {
  if (at !== null) return `${place}, ${vnDate(at)}`;
  return `${place}, ngày${BLANK}tháng${BLANK}năm${year ? ` ${year}` : BLANK}`;
}
