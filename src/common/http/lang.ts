import type { Text } from '../errors/domain-error';

export type Lang = 'vi' | 'en';

/** Vietnamese unless the client asks for English first. */
export function langFrom(acceptLanguage: string | string[] | undefined): Lang {
  const value = Array.isArray(acceptLanguage) ? acceptLanguage[0] : acceptLanguage;
  return value && /^\s*en\b/i.test(value) ? 'en' : 'vi';
}

export function pick(text: Text, lang: Lang): string {
  return lang === 'en' ? text.en : text.vi;
}
