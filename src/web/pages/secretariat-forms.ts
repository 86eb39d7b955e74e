import type { Request } from 'express';
import { LANG_COOKIE } from '../../auth/session-cookie';
import type { Actor } from '../../common/auth/actor';
import { DomainError, ErrorCode } from '../../common/errors/domain-error';
import { toErrorBody } from '../../common/errors/error-body';
import type { FieldErrors } from '../forms';
import type { Lang } from '../page-context';

/** A page request once the session guard has named the person. */
export type SignedIn = Request & { user: Actor };

/** The reader's language, as the page context reads it. */
export function langOf(req: Request): Lang {
  return (req.cookies as Record<string, string> | undefined)?.[LANG_COOKIE] === 'en' ? 'en' : 'vi';
}

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

/** Refusals a person can fix on the form they are on; anything else (404, 403, a bug) becomes an error page. */
const FIXABLE: ReadonlySet<ErrorCode> = new Set(['invalid', 'conflict', 'illegal_transition', 'undecided_comments', 'precondition_failed', 'precondition_required']);

export interface FormProblem {
  status: number;
  code: ErrorCode;
  messages: string[];
  /** Messages of the form "field: text", by field, to show beside that field. */
  fields: FieldErrors;
  details: Record<string, unknown>;
}

/** A service's refusal, ready to show above the form (the person's input is kept by the caller). */
export function formProblem(err: unknown, lang: Lang): FormProblem {
  if (!(err instanceof DomainError) || !FIXABLE.has(err.code)) throw err;
  const body = toErrorBody(err, lang);
  const messages = Array.isArray(body.message) ? body.message : [body.message];
  const fields: FieldErrors = {};
  for (const m of messages) {
    const named = /^([A-Za-z][\w.[\]/]*): ([\s\S]+)$/.exec(m);
    if (named && !(named[1] in fields)) fields[named[1]] = named[2];
  }
  return { status: body.statusCode, code: err.code, messages, fields, details: err.details };
}

/** The problem of a form whose fields failed the DTO's rules. */
export function fieldProblem(fields: FieldErrors, lang: Lang): FormProblem {
  return {
    status: 400,
    code: 'invalid',
    messages: [lang === 'en' ? 'Please correct the marked fields.' : 'Vui lòng sửa các ô được đánh dấu bên dưới.'],
    fields,
    details: {},
  };
}

/** "1,2 MB", "820 KB". */
export function sizeText(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes >= 1_048_576) return `${(bytes / 1_048_576).toFixed(1).replace('.', ',')} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
