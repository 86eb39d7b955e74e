import type { Response } from 'express';
import { FLASH_COOKIE } from '../auth/session-cookie';

export interface Flash {
  kind: 'ok' | 'error';
  text: string;
  /** The id of the element the next page opens at (the redirect's fragment): the message is shown beside it, where the person looks. */
  at?: string;
}

/** The fragment of a redirect ("/rounds/1#comment-2" → "comment-2"), if it names an element. */
export function fragmentOf(url: string): string | undefined {
  const m = /#([A-Za-z][\w-]{0,100})$/.exec(url);
  return m?.[1];
}

/** A message shown once on the next page (after a redirect); `at`: beside that element of the page (see `fragmentOf`). */
export function setFlash(res: Response, kind: Flash['kind'], text: string, at?: string): void {
  res.cookie(FLASH_COOKIE, JSON.stringify(at ? { kind, text, at } : { kind, text }), { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 60_000 });
}

export function readFlash(raw: string | undefined): Flash | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as { kind?: string; text?: string; at?: unknown };
    if (typeof parsed.text !== 'string') return null;
    const flash: Flash = { kind: parsed.kind === 'error' ? 'error' : 'ok', text: parsed.text.slice(0, 500) };
    if (typeof parsed.at === 'string' && /^[A-Za-z][\w-]{0,100}$/.test(parsed.at)) flash.at = parsed.at;
    return flash;
  } catch {
    return null;
  }
}
