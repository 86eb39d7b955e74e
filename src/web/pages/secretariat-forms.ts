import type { Request } from 'express';
import type { Actor } from '../../common/auth/actor';
import { langOf } from '../forms';

export { fieldProblem, formProblem, FormProblem, langOf } from '../forms';

/** A page request once the session guard has named the person. */
export type SignedIn = Request & { user: Actor };

/** A page title in the reader's language. */
export function pageTitle(req: Request, vi: string, en: string): string {
  return langOf(req) === 'en' ? en : vi;
}

const PROVINCE_OFFSET_MS = 7 * 3_600_000;

/** The value of an <input type=datetime-local> showing this instant in the province's time (UTC+7). */
export function provinceInput(at: Date | string): string {
  return new Date(new Date(at).getTime() + PROVINCE_OFFSET_MS).toISOString().slice(0, 16);
}

/** A sensible deadline to offer: `days` from now, at 17:00 in the province. */
export function defaultDeadline(now: Date, days: number): string {
  return `${provinceInput(new Date(now.getTime() + days * 86_400_000)).slice(0, 10)}T17:00`;
}

/** "12" → 12; "" → null; anything else stays text, so that the DTO names the problem. */
export function intOrNull(value: string): number | string | null {
  const v = value.trim();
  if (v === '') return null;
  return /^-?\d{1,10}$/.test(v) ? Number(v) : v;
}

/** A number as typed in a form: "" → null; "1,5" and "1.5" → 1.5; anything else stays text for the DTO to refuse. */
export function numberOrNull(value: string): number | string | null {
  const v = value.trim().replace(',', '.');
  if (v === '') return null;
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
}

/** "1,2 MB", "820 KB". */
export function sizeText(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes >= 1_048_576) return `${(bytes / 1_048_576).toFixed(1).replace('.', ',')} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
