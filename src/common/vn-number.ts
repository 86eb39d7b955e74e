import type { Lang } from './http/lang';

/**
 * Numbers as a person in Viet Nam reads and writes them: a dot between thousands, a comma before
 * the decimals ("1.234.567,5"). The one parser (forms) and the one formatter (pages, documents);
 * the API keeps JSON numbers.
 */

// "1.000", "1.234.567,5", "12,5", "-3": groups of three after the first, a comma before decimals.
const VN_NUMBER = /^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/;

/** The number a person typed ("1.000" is a thousand, "12,5" twelve and a half); null when it is not one ("12.5", "1,2,3"). */
export function parseVnNumber(typed: string): number | null {
  const v = typed.trim();
  return VN_NUMBER.test(v) ? Number(v.replace(/\./g, '').replace(',', '.')) : null;
}

const FORMATS: Record<Lang, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6 }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 }),
};

/** A number for a person: "1.500.000", "12,5" (in English "1,500,000", "12.5"); '' for none. */
export function vnNumberText(n: number | null | undefined, lang: Lang = 'vi'): string {
  return typeof n === 'number' && Number.isFinite(n) ? FORMATS[lang].format(n) : '';
}
