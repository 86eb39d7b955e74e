import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import type { Request } from 'express';
import { LANG_COOKIE } from '../auth/session-cookie';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { toErrorBody } from '../common/errors/error-body';
import type { Lang } from './page-context';

export type FieldErrors = Record<string, string>;

function collect(errors: ValidationError[], lang: Lang, parent = '', out: FieldErrors = {}): FieldErrors {
  for (const e of errors) {
    const path = parent ? (/^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    const [name, message] = Object.entries(e.constraints ?? {})[0] ?? [];
    if (name && !(path in out)) {
      const ctx = e.contexts?.[name] as { vi: string; en: string } | undefined;
      out[path] = ctx ? ctx[lang] : (message ?? '');
    }
    if (e.children?.length) collect(e.children, lang, path, out);
  }
  return out;
}

/**
 * Checks a form against the API's own DTO (same rules, same messages), so that a page can show each
 * field's problem next to it and keep what the person typed.
 */
export async function validateForm<T extends object>(dto: new () => T, input: object, lang: Lang): Promise<{ value: T; errors: FieldErrors | null }> {
  const value = plainToInstance(dto, input, { enableImplicitConversion: false });
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: false });
  return { value, errors: errors.length ? collect(errors, lang) : null };
}

/** A form field as one string ('' when absent); forms send strings or repeated strings. */
export function field(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
}

/** A repeated form field as a list of strings. */
export function fields(body: Record<string, unknown>, name: string): string[] {
  const v = body[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
}

/** "2022-06-30T17:00" from <input type=datetime-local>, read as the province's time (UTC+7). */
export function localDateTime(value: string): string | null {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+07:00` : null;
}

/** The reader's language, as the page context reads it. */
export function langOf(req: Request): Lang {
  return (req.cookies as Record<string, string> | undefined)?.[LANG_COOKIE] === 'en' ? 'en' : 'vi';
}

/** Refusals a person can fix on the form they are on; anything else (404, 403, a bug) becomes an error page. */
const FIXABLE: ReadonlySet<ErrorCode> = new Set(['invalid', 'conflict', 'illegal_transition', 'undecided_comments', 'precondition_failed', 'precondition_required']);

export interface FormProblem {
  status: number;
  code: ErrorCode;
  /** Every message, as the service gave them. */
  messages: string[];
  /** Messages of the form "field: text", by field, to show beside that field. */
  fields: FieldErrors;
  /** The messages that name none of the form's fields (all of them when the form's fields are not given). */
  unattached: string[];
  details: Record<string, unknown>;
}

/**
 * A service's refusal, ready to show on the form (the person's input is kept by the caller); other
 * errors are rethrown for the error page. `fieldNames`, when given, limits which fields a message
 * may be attached to.
 */
export function formProblem(err: unknown, lang: Lang, fieldNames?: readonly string[]): FormProblem {
  if (!(err instanceof DomainError) || !FIXABLE.has(err.code)) throw err;
  const body = toErrorBody(err, lang);
  const messages = Array.isArray(body.message) ? body.message : [body.message];
  const fields: FieldErrors = {};
  const unattached: string[] = [];
  for (const m of messages) {
    const named = /^([A-Za-z][\w.[\]/]*): ([\s\S]+)$/.exec(m);
    if (named && (!fieldNames || fieldNames.includes(named[1])) && !(named[1] in fields)) fields[named[1]] = named[2];
    else unattached.push(m);
  }
  return { status: body.statusCode, code: err.code, messages, fields, unattached, details: err.details };
}

/** The problem of a form whose fields failed the DTO's rules. */
export function fieldProblem(fields: FieldErrors, lang: Lang): FormProblem {
  const message = lang === 'en' ? 'Please correct the marked fields.' : 'Vui lòng sửa các ô được đánh dấu bên dưới.';
  return { status: 400, code: 'invalid', messages: [message], fields, unattached: [], details: {} };
}
