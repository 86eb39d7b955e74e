import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { FLASH_COOKIE, PRESESSION_COOKIE, SESSION_COOKIE } from '../auth/session-cookie';
import type { Actor, Role } from '../common/auth/actor';
import { Clock } from '../common/clock';
import { NotificationsService } from '../notifications/notifications.service';
import { Flash, readFlash } from './flash';
import { Lang, langOf, Text } from './lang';

export interface NavItem extends Text {
  href: string;
}

export interface PageContext {
  lang: Lang;
  title: string;
  actor: Actor | null;
  csrf: string;
  unread: number;
  flash: Flash | null;
  nav: NavItem[];
  path: string;
  /** The page's address with its query, for the language switch to come back to. */
  here: string;
  /** The app's clock at this request (ISO), for "còn 3 ngày". */
  now: string;
}

const NAV: Record<Role, NavItem[]> = {
  agency: [
    { href: '/', vi: 'Việc cần làm', en: 'To do' },
    { href: '/rounds', vi: 'Đợt lấy ý kiến', en: 'Comment rounds' },
    { href: '/directives', vi: 'Nhiệm vụ được giao', en: 'Directives' },
    { href: '/verify', vi: 'Kiểm tra chữ ký', en: 'Check a signature' },
  ],
  secretariat: [
    { href: '/', vi: 'Việc cần làm', en: 'To do' },
    { href: '/plans', vi: 'Đề án, kế hoạch', en: 'Plans' },
    { href: '/rounds', vi: 'Đợt lấy ý kiến', en: 'Comment rounds' },
    { href: '/directives', vi: 'Nhiệm vụ', en: 'Directives' },
    { href: '/verify', vi: 'Kiểm tra chữ ký', en: 'Check a signature' },
  ],
  leader: [
    { href: '/', vi: 'Chờ phê duyệt', en: 'Awaiting approval' },
    { href: '/plans', vi: 'Đề án, kế hoạch', en: 'Plans' },
    { href: '/directives', vi: 'Nhiệm vụ', en: 'Directives' },
    { href: '/verify', vi: 'Kiểm tra chữ ký', en: 'Check a signature' },
  ],
  admin: [
    { href: '/', vi: 'Trang chủ', en: 'Home' },
    { href: '/admin/agencies', vi: 'Đơn vị', en: 'Agencies' },
    { href: '/admin/users', vi: 'Người dùng', en: 'Users' },
    { href: '/admin/audit', vi: 'Nhật ký', en: 'Audit log' },
    { href: '/admin/queues', vi: 'Hàng đợi', en: 'Queues' },
    { href: '/verify', vi: 'Kiểm tra chữ ký', en: 'Check a signature' },
  ],
};

/** What every page's layout needs: language, who is signed in, the CSRF token, unread count, flash. */
@Injectable()
export class PageContexts {
  constructor(
    private readonly auth: AuthService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  async build(req: Request, res: Response, title: Text): Promise<PageContext> {
    const actor = (req as Request & { user?: Actor }).user ?? null;
    const cookies = (req.cookies ?? {}) as Record<string, string>;
    const lang = langOf(req);
    const flash = readFlash(cookies[FLASH_COOKIE]);
    if (flash) res.clearCookie(FLASH_COOKIE, { path: '/' });
    const unread = actor ? (await this.notifications.list(actor, true, { limit: 1, offset: 0 })).unread : 0;
    const sessionValue = cookies[SESSION_COOKIE] ?? cookies[PRESESSION_COOKIE] ?? '';
    return {
      lang,
      title: title[lang],
      actor,
      csrf: sessionValue ? this.auth.csrfToken(sessionValue) : '',
      unread,
      flash,
      nav: actor ? NAV[actor.role] : [],
      path: req.path,
      here: req.originalUrl,
      now: this.clock.now().toISOString(),
    };
  }
}
