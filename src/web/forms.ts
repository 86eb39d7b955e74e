import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
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
