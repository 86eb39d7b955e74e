import type { Request } from 'express';
import { LANG_COOKIE } from '../auth/session-cookie';
import type { Actor } from '../common/auth/actor';

export type Lang = 'vi' | 'en';

/** Text a person reads, Vietnamese first. */
export interface Text {
  vi: string;
  en: string;
}

/** A page request once the session guard has named the person. */
export type SignedIn = Request & { user: Actor };

/** The reader's language: the cookie the language switch sets, Vietnamese otherwise. The one place it is read. */
export function langOf(req: Request): Lang {
  return (req.cookies as Record<string, string> | undefined)?.[LANG_COOKIE] === 'en' ? 'en' : 'vi';
}

export function say(req: Request, text: Text): string {
  return text[langOf(req)];
}
