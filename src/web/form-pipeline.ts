import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import type { Request, Response } from 'express';
import { DomainError, ERROR_STATUS, ErrorCode, TAKEN } from '../common/errors/domain-error';
import { hasForbiddenControl, hasLoneSurrogate, isBlank } from '../common/validation/text-rules';
import { toErrorBody } from '../common/errors/error-body';
import { fieldName, namedMessage } from '../common/validation/field-names';
import { FormBody, text } from './form-adapter';
import { fragmentOf, setFlash } from './flash';
import { Lang, langOf, Text } from './lang';

/** field path ("title", "sections[1].body") → its problem, in the reader's language. */
export type FieldErrors = Record<string, string>;

/** Why a form was refused: each problem beside its field, the others at the top in the error summary. */
export interface FormProblem {
  status: number;
  code: ErrorCode;
  errors: FieldErrors;
  messages: string[];
  details: Record<string, unknown>;
}

/** Refusals a person can fix on the form they are on; anything else (404, 403, a bug) becomes an error page. */
const fixable = (code: ErrorCode) =>
  ERROR_STATUS[code] === 409 ||
  ['invalid', 'precondition_failed', 'precondition_required', 'payload_too_large', 'unsupported_media_type', 'unprocessable'].includes(code);

const DAMAGED: Text = { vi: 'chứa ký tự Unicode không hợp lệ', en: 'contains invalid Unicode' };

function collect(errors: ValidationError[], lang: Lang, parent = '', out: FieldErrors = {}): FieldErrors {
  for (const e of errors) {
    const path = parent ? (/^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    const [name, message] = Object.entries(e.constraints ?? {})[0] ?? [];
    if (name && !(path in out)) {
      const ctx = e.contexts?.[name] as Text | undefined;
      out[path] = ctx ? ctx[lang] : (message ?? '');
    }
    if (e.children?.length) collect(e.children, lang, path, out);
  }
  return out;
}

/**
 * A browser cannot send a lone surrogate: it sends U+FFFD in its place (as it does for bytes that
 * are not UTF-8). On a form, that character means the text was damaged on the way, so it is
 * refused like the API refuses ill-formed Unicode.
 */
function damaged(value: unknown, lang: Lang, path = '', out: FieldErrors = {}): FieldErrors {
  if (typeof value === 'string') {
    if (value.includes('\uFFFD') && !(path in out)) out[path] = DAMAGED[lang];
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => damaged(v, lang, `${path}[${i}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) damaged(v, lang, path ? `${path}.${k}` : k, out);
  }
  return out;
}

/**
 * A rule on each item of a list of texts (conclusions) is reported on the list: put it on the
 * items that break a text rule, so that the form marks the right row.
 */
function onItems(errors: FieldErrors, input: object): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    const value = /^[A-Za-z]\w*$/.test(path) ? (input as Record<string, unknown>)[path] : undefined;
    const bad = Array.isArray(value)
      ? value.map((v, i) => (typeof v === 'string' && (hasLoneSurrogate(v) || hasForbiddenControl(v) || isBlank(v)) ? i : -1)).filter((i) => i >= 0)
      : [];
    if (bad.length === 0) out[path] = message;
    for (const i of bad) out[`${path}[${i}]`] ??= message;
  }
  return out;
}

export function invalidForm(errors: FieldErrors, lang: Lang): FormProblem {
  const message = lang === 'en' ? 'Please correct the marked fields.' : 'Vui lòng sửa các ô được đánh dấu.';
  return { status: 400, code: 'invalid', errors, messages: Object.keys(errors).length ? [] : [message], details: {} };
}

/** Checks a form against the API's own DTO: the same rules, the same messages, by field. */
export async function checkForm<T extends object>(dto: new () => T, input: object, lang: Lang): Promise<{ value: T; problem: FormProblem | null }> {
  const value = plainToInstance(dto, input, { enableImplicitConversion: false });
  const errors = { ...damaged(input, lang), ...onItems(collect(await validate(value, { whitelist: true, forbidNonWhitelisted: false }), lang), input) };
  return { value, problem: Object.keys(errors).length ? invalidForm(errors, lang) : null };
}

/**
 * A service's refusal, ready to show on the form; other errors are rethrown for the error page.
 * A message "field: text" is put beside that field when the form has it (`fields`, or any field
 * when not given); `conflictField` takes a refusal that names no field (e.g. "code taken").
 */
export function refusal(err: unknown, lang: Lang, fields?: readonly string[], conflictField?: string): FormProblem {
  if (!(err instanceof DomainError) || !fixable(err.code)) throw err;
  const body = toErrorBody(err, lang, null);
  // The service's own sentences ("reason: …"), so that each can go beside its field; the others are read with the field named.
  const all = (Array.isArray(err.text) ? err.text : [err.text]).map((t) => t[lang]);
  const errors: FieldErrors = {};
  const messages: string[] = [];
  for (const m of all) {
    const named = /^([A-Za-z][\w.[\]/]*): ([\s\S]+)$/.exec(m);
    if (named && (!fields || fields.includes(named[1].replace(/\[\d+\].*$/, ''))) && !(named[1] in errors)) errors[named[1]] = named[2];
    else if (conflictField && TAKEN.has(err.code) && !(conflictField in errors)) errors[conflictField] = namedMessage(m, lang);
    else messages.push(namedMessage(m, lang));
  }
  return { status: body.statusCode, code: err.code, errors, messages, details: err.details };
}

/** The box of the confirm-step partial: ticked, its value is this. */
export const CONFIRMED = 'yes';

/**
 * An irreversible step (final approval, closing a round, finalising minutes) is taken only when the
 * person ticked the box that says what will happen: a confirmation in the page, with no script.
 */
export function unconfirmed(body: FormBody, lang: Lang): FormProblem | null {
  if (text(body, 'confirmed') === CONFIRMED) return null;
  return invalidForm(
    {
      confirmed:
        lang === 'en' ? 'Tick the box to confirm that you mean it: this step cannot be undone.' : 'Hãy đánh dấu vào ô xác nhận: bước này không làm lại được.',
    },
    lang,
  );
}

/** Every message of a refusal as one line, for a message on the next page. */
export function problemText(problem: FormProblem, lang: Lang): string {
  return [...problem.messages, ...Object.entries(problem.errors).map(([k, m]) => `${fieldName(k, lang)}: ${m}`)].join(' ');
}

export interface FormSpec<T extends object, R> {
  dto: new () => T;
  /** The form's fields, adapted (form-adapter.ts) to the DTO's shape. */
  input: object;
  /** Field checks the DTO cannot word for a form (e.g. "choose at least one agency"). */
  adjust?: (errors: FieldErrors, lang: Lang) => void;
  fields?: readonly string[];
  conflictField?: string;
  /** For an irreversible step: the posted form, which must carry the ticked confirmation box (the confirm-step partial). */
  confirm?: FormBody;
  run: (value: T) => Promise<R>;
  /** Where to go once done, and what to say there. */
  done: (result: R) => { to: string; flash?: Text };
  /** Answers in place of the redirect (a script asked for the piece of the page that changed). */
  respond?: (result: R) => Promise<void>;
  /** Shows the form again with the person's values and the problem. */
  again: (problem: FormProblem) => Promise<void>;
}

/** The one form pipeline: check with the DTO, call the service, then redirect with a message, or show the form again. */
export async function submitForm<T extends object, R>(req: Request, res: Response, spec: FormSpec<T, R>): Promise<void> {
  const lang = langOf(req);
  const checked = await checkForm(spec.dto, spec.input, lang);
  const { value } = checked;
  let { problem } = checked;
  if (problem && spec.adjust) spec.adjust(problem.errors, lang);
  const unticked = spec.confirm ? unconfirmed(spec.confirm, lang) : null;
  if (unticked) problem = problem ? invalidForm({ ...problem.errors, ...unticked.errors }, lang) : unticked;
  if (problem) return spec.again(problem);
  let result: R;
  try {
    result = await spec.run(value);
  } catch (err) {
    return spec.again(refusal(err, lang, spec.fields, spec.conflictField));
  }
  if (spec.respond) return spec.respond(result);
  const { to, flash } = spec.done(result);
  if (flash) setFlash(res, 'ok', flash[lang], fragmentOf(to));
  res.redirect(303, to);
}

export interface ActionSpec<R> {
  /** For an irreversible step: the posted form, which must carry the ticked confirmation box (the confirm-step partial). */
  confirm?: FormBody;
  run: () => Promise<R>;
  /** What to say on the next page once done. */
  done: (result: R) => Text;
  to: string;
  /** Refused: the same message on this page (a path, `to` by default), or the page shown again with the problem. */
  refused?: string | ((problem: FormProblem) => Promise<void>);
  /** A refusal's words when the service's would not help here (e.g. "someone saved in between"). */
  wording?: (problem: FormProblem) => Text | null;
}

/** A one-button action (close, remind, finalise…): done or refused, the message goes on the next page. */
export async function submitAction<R>(req: Request, res: Response, spec: ActionSpec<R>): Promise<void> {
  const lang = langOf(req);
  const unticked = spec.confirm ? unconfirmed(spec.confirm, lang) : null;
  if (unticked) {
    if (typeof spec.refused === 'function') return spec.refused(unticked);
    setFlash(res, 'error', unticked.errors.confirmed);
    return res.redirect(303, spec.refused ?? spec.to);
  }
  let result: R;
  try {
    result = await spec.run();
  } catch (err) {
    const problem = refusal(err, lang);
    const refused = spec.refused ?? spec.to;
    if (typeof refused !== 'string') return refused(problem);
    setFlash(res, 'error', spec.wording?.(problem)?.[lang] ?? problemText(problem, lang));
    return res.redirect(303, refused);
  }
  setFlash(res, 'ok', spec.done(result)[lang], fragmentOf(spec.to));
  res.redirect(303, spec.to);
}
