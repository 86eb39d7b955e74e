import type { Request, Response } from 'express';
import { FieldErrors, formProblem as sharedProblem, langOf } from '../forms';
import type { Lang } from '../page-context';

export { langOf };

/** What a refused form shows: each problem next to its field when it names one, the rest above the form. */
export interface FormProblem {
  status: number;
  errors: FieldErrors;
  messages: string[];
}

/** The reader's text, for flash messages. */
export function say(req: Request, vi: string, en: string): string {
  return langOf(req) === 'en' ? en : vi;
}

/** A service's refusal the person can fix on the same form (see forms.ts), in these pages' shape. */
export function formProblem(err: unknown, lang: Lang, fieldNames: readonly string[]): FormProblem {
  const problem = sharedProblem(err, lang, fieldNames);
  return { status: problem.status, errors: problem.fields, messages: problem.unattached };
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
