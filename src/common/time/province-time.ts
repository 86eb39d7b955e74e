/** The province's clock: Vietnam keeps UTC+7 all year. Dates people read are dates there. */
export const PROVINCE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const isoDate = new Intl.DateTimeFormat('en-CA', { timeZone: PROVINCE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date (YYYY-MM-DD) in the province at this instant. */
export function provinceDate(at: Date): string {
  return isoDate.format(at);
}
