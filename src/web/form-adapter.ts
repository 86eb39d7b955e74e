/**
 * The browser's strings, turned into the values the API's DTOs take. Only the shape changes here
 * (a number written the Vietnamese way, a local date and time, an empty optional field): whatever
 * cannot be read is passed on as typed, so that the DTO refuses it with the API's own message.
 */

import { parseVnNumber } from '../common/vn-number';

export type FormBody = Record<string, unknown>;

/** A form field as one string ('' when absent); forms send strings or repeated strings. */
export function text(body: FormBody, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
}

/** A repeated form field as a list of strings. */
export function texts(body: FormBody, name: string): string[] {
  const v = body[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
}

/** An optional text: left blank, it is absent (null), not an empty string the DTO would refuse. */
export function optional(value: string): string | null {
  return value.trim() === '' ? null : value;
}

/** A number as Vietnamese write it (vn-number.ts): "1.000" is a thousand, "12,5" twelve and a half; "" is null. */
export function vnNumber(value: string): number | string | null {
  if (value.trim() === '') return null;
  return parseVnNumber(value) ?? value;
}

/** A whole number the same way ("1.000"); a fraction or anything else goes on as typed. */
export function vnInteger(value: string): number | string | null {
  const n = vnNumber(value);
  return typeof n === 'number' && !Number.isInteger(n) ? value : n;
}

const PROVINCE_OFFSET_MS = 7 * 3_600_000;

/** "2022-06-30T17:00" from <input type=datetime-local>, read as the province's time (UTC+7). */
export function provinceDateTime(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+07:00` : value;
}

/** The value of an <input type=datetime-local> showing this instant in the province's time. */
export function provinceInput(at: Date | string): string {
  return new Date(new Date(at).getTime() + PROVINCE_OFFSET_MS).toISOString().slice(0, 16);
}

/** A sensible deadline to offer: `days` from now, at 17:00 in the province. */
export function defaultDeadline(now: Date, days: number): string {
  return `${provinceInput(new Date(now.getTime() + days * 86_400_000)).slice(0, 10)}T17:00`;
}

/** Rows of repeated fields (`names`: row key → field name); rows left wholly blank are dropped, `extra` adds an empty one. */
export function rows<K extends string>(body: FormBody, names: Record<K, string>, extra = false): Record<K, string>[] {
  const columns = (Object.entries(names) as [K, string][]).map(([k, name]) => [k, texts(body, name)] as const);
  const count = Math.max(0, ...columns.map(([, v]) => v.length));
  const out = Array.from({ length: count }, (_, i) => Object.fromEntries(columns.map(([k, v]) => [k, v[i] ?? ''])) as Record<K, string>);
  const kept = out.filter((r) => Object.values<string>(r).some((v) => v.trim() !== ''));
  if (extra || kept.length === 0) kept.push(Object.fromEntries(columns.map(([k]) => [k, ''])) as Record<K, string>);
  return kept;
}
