/** The province's clock: Vietnam keeps UTC+7 all year. Dates people read are dates there. */
export const PROVINCE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const isoDate = new Intl.DateTimeFormat('en-CA', { timeZone: PROVINCE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date (YYYY-MM-DD) in the province at this instant. */
export function provinceDate(at: Date): string {
  return isoDate.format(at);
}

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: PROVINCE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "17 giờ 00, ngày 31/05/2022": a moment as people in the province say it. */
export function provinceDateTimeText(at: Date): string {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.hour} giờ ${p.minute}, ngày ${p.day}/${p.month}/${p.year}`;
}

/** "31/05/2022" from "2022-05-31". */
export function dateText(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}
