import type { Response } from 'express';
import { FLASH_COOKIE } from '../auth/session-cookie';

export interface Flash {
  kind: 'ok' | 'error';
  text: string;
}

/** A message shown once on the next page (after a redirect). */
export function setFlash(res: Response, kind: Flash['kind'], text: string): void {
  res.cookie(FLASH_COOKIE, JSON.stringify({ kind, text }), { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 60_000 });
}

export function readFlash(raw: string | undefined): Flash | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as { kind?: string; text?: string };
    return typeof parsed.text === 'string' ? { kind: parsed.kind === 'error' ? 'error' : 'ok', text: parsed.text.slice(0, 500) } : null;
  } catch {
    return null;
  }
}
