import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { FLASH_COOKIE, LANG_COOKIE, PRESESSION_COOKIE, SESSION_COOKIE } from '../auth/session-cookie';
import type { Actor, Role } from '../common/auth/actor';
import { Clock } from '../common/clock';

export type Lang = 'vi' | 'en';

export interface NavItem {
  href: string;
  vi: string;
  en: string;
}

export interface PageContext {
  lang: Lang;
  title: string;
  actor: Actor | null;
  csrf: string;
  unread: number;
  flash: { kind: 'ok' | 'error'; text: string } | null;
  nav: NavItem[];
  path: string;
  /** The app's clock at this request (ISO), for "còn 3 ngày". */
  now: string;
}

const NAV: Record<Role, NavItem[]> = {
  agency: [
    { href: '/', vi: 'Việc cần làm', en: 'To do' },
    { href: '/rounds', vi: 'Đợt lấy ý kiến', en: 'Comment rounds' },
    { href: '/directives', vi: 'Nhiệm vụ được giao', en: 'Directives' },
  ],
  secretariat: [
    { href: '/', vi: 'Việc cần làm', en: 'To do' },
    { href: '/plans', vi: 'Đề án, kế hoạch', en: 'Plans' },
    { href: '/directives', vi: 'Nhiệm vụ', en: 'Directives' },
  ],
  leader: [
    { href: '/', vi: 'Chờ phê duyệt', en: 'Awaiting approval' },
    { href: '/plans', vi: 'Đề án, kế hoạch', en: 'Plans' },
    { href: '/directives', vi: 'Nhiệm vụ', en: 'Directives' },
  ],
  admin: [
    { href: '/', vi: 'Trang chủ', en: 'Home' },
    { href: '/admin/agencies', vi: 'Đơn vị', en: 'Agencies' },
    { href: '/admin/users', vi: 'Người dùng', en: 'Users' },
    { href: '/admin/queues', vi: 'Hàng đợi', en: 'Queues' },
  ],
};

/** What every page's layout needs: language, who is signed in, the CSRF token, unread count, flash. */
@Injectable()
export class PageContexts {
  constructor(
    private readonly auth: AuthService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async build(req: Request, res: Response, title: string): Promise<PageContext> {
    const actor = (req as Request & { user?: Actor }).user ?? null;
    const cookies = (req.cookies ?? {}) as Record<string, string>;
    const lang: Lang = cookies[LANG_COOKIE] === 'en' ? 'en' : 'vi';
    const flash = readFlash(cookies[FLASH_COOKIE]);
    if (flash) res.clearCookie(FLASH_COOKIE, { path: '/' });
    const [counts] = actor ? await this.db.query('SELECT count(*)::int AS unread FROM notifications WHERE user_id = $1 AND read_at IS NULL', [actor.id]) : [{ unread: 0 }];
    const sessionValue = cookies[SESSION_COOKIE] ?? cookies[PRESESSION_COOKIE] ?? '';
    return {
      lang,
      title,
      actor,
      csrf: sessionValue ? this.auth.csrfToken(sessionValue) : '',
      unread: counts.unread,
      flash,
      nav: actor ? NAV[actor.role] : [],
      path: req.path,
      now: this.clock.now().toISOString(),
    };
  }
}

function readFlash(raw: string | undefined): PageContext['flash'] {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as { kind?: string; text?: string };
    return typeof parsed.text === 'string' ? { kind: parsed.kind === 'error' ? 'error' : 'ok', text: parsed.text.slice(0, 500) } : null;
  } catch {
    return null;
  }
}

/** A message shown once on the next page (after a redirect). */
export function setFlash(res: Response, kind: 'ok' | 'error', text: string): void {
  res.cookie(FLASH_COOKIE, JSON.stringify({ kind, text }), { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 60_000 });
}
