import type { Request, Response } from 'express';
import { LANG_COOKIE } from '../../auth/session-cookie';
import { DomainError, ERROR_STATUS } from '../../common/errors/domain-error';
import { toErrorBody } from '../../common/errors/error-body';
import type { FieldErrors } from '../forms';
import type { Lang } from '../page-context';

/** What a refused form shows: each problem next to its field when it names one, the rest above the form. */
export interface FormProblem {
  status: number;
  errors: FieldErrors;
  messages: string[];
}

export function langOf(req: Request): Lang {
  return (req.cookies as Record<string, string> | undefined)?.[LANG_COOKIE] === 'en' ? 'en' : 'vi';
}

/** The text in the reader's language, for flash messages. */
export function say(req: Request, vi: string, en: string): string {
  return langOf(req) === 'en' ? en : vi;
}

/**
 * A service's refusal the person can fix on the same form (invalid input, or a move not possible
 * now) becomes a FormProblem; anything else (not found, not allowed, a bug) is rethrown for the
 * error page. Messages of the form "field: text" are put next to that field when the form has it.
 */
export function formProblem(err: unknown, lang: Lang, fieldNames: readonly string[]): FormProblem {
  if (!(err instanceof DomainError)) throw err;
  const status = ERROR_STATUS[err.code];
  if (status !== 400 && status !== 409) throw err;
  const body = toErrorBody(err, lang);
  const errors: FieldErrors = {};
  const messages: string[] = [];
  for (const message of Array.isArray(body.message) ? body.message : [body.message]) {
    const named = /^([A-Za-z][\w.[\]]*): ([\s\S]+)$/.exec(message);
    if (named && fieldNames.includes(named[1]) && !(named[1] in errors)) errors[named[1]] = named[2];
    else messages.push(message);
  }
  return { status, errors, messages };
}

/** A validation result (field → message) as a FormProblem. */
export function invalidForm(errors: FieldErrors): FormProblem {
  return { status: 400, errors, messages: [] };
}

export function sendHtml(res: Response, html: string, status = 200): void {
  res.status(status).type('html').send(html);
}

/** A same-site path from a stored link (notifications carry the public URL): never another site. */
export function sitePath(link: string): string | null {
  try {
    const url = new URL(link, 'http://site.invalid');
    const path = `${url.pathname}${url.search}${url.hash}`;
    return /^\/(?!\/)/.test(path) ? path : null;
  } catch {
    return null;
  }
}
