import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AuthService } from '../auth/auth.service';
import { PRESESSION_COOKIE, SESSION_COOKIE } from '../auth/session-cookie';
import { Actor, Role, ROLE_LABELS } from '../common/auth/actor';
import { ROLES_KEY } from '../common/auth/decorators';
import { forbidden } from '../common/errors/domain-error';
import { WEB_ANONYMOUS } from './web-controller';

/** Thrown when a page needs a signed-in person: the filter sends them to the sign-in page. */
export class SignInRequired extends Error {
  constructor(readonly next: string) {
    super('sign-in required');
    this.name = 'SignInRequired';
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A page's upload: the CSRF token is in the multipart body, read after the upload is (web-upload.ts). */
export const WEB_UPLOAD = 'duthao:web-upload';

export const csrfRefused = () =>
  forbidden({
    vi: 'Biểu mẫu không hợp lệ hoặc đã hết hạn (thiếu mã bảo vệ CSRF). Hãy tải lại trang và thử lại.',
    en: 'The form is invalid or has expired (missing CSRF token). Reload the page and try again.',
  });

/** Pages: the session cookie names the person; every form post carries a CSRF token bound to that session. */
@Injectable()
export class WebSessionGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & { user?: Actor }>();
    const cookies = (req.cookies ?? {}) as Record<string, string>;
    const targets = [context.getHandler(), context.getClass()];
    const anonymous = this.reflector.getAllAndOverride<boolean>(WEB_ANONYMOUS, targets);
    const session = cookies[SESSION_COOKIE];
    if (session) req.user = await this.auth.actorFromToken(session).catch(() => undefined);
    if (!req.user && !anonymous) throw new SignInRequired(req.originalUrl);

    // A multipart body is not read yet: an upload route checks its token once it is (web-upload.ts).
    const deferred = this.reflector.getAllAndOverride<boolean>(WEB_UPLOAD, targets) && req.is('multipart/form-data');
    if (!SAFE.has(req.method) && !deferred) {
      const token = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.headers['x-csrf-token'];
      const bound = req.user ? session : cookies[PRESESSION_COOKIE];
      if (!(await this.auth.csrfValid(token, bound))) throw csrfRefused();
    }

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && req.user && !roles.includes(req.user.role)) {
      throw forbidden({
        vi: `Trang này dành cho: ${roles.map((r) => ROLE_LABELS[r].vi).join(', ')}.`,
        en: `This page is for: ${roles.join(', ')}.`,
      });
    }
    return true;
  }
}
