import { randomBytes } from 'node:crypto';
import { Body, Get, Header, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthService } from '../../auth/auth.service';
import { LoginDto } from '../../auth/dto/login.dto';
import { LANG_COOKIE, PRESESSION_COOKIE, SESSION_COOKIE } from '../../auth/session-cookie';
import { invalid } from '../../common/errors/domain-error';
import { toErrorBody } from '../../common/errors/error-body';
import { AppConfig } from '../../config/app-config';
import { langOf, validateForm } from '../forms';
import { PageContexts } from '../page-context';
import { Views } from '../views';
import { Anonymous, WebController } from '../web-controller';

/** Only a path of this site: no "//host" or "http:" tricks after sign-in. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[^\\\s]*$/.test(next) ? next : '/';
}

@WebController()
export class SessionPages {
  constructor(
    private readonly views: Views,
    private readonly contexts: PageContexts,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  private cookieOptions(maxAgeMs?: number) {
    return { httpOnly: true, sameSite: 'lax' as const, secure: this.config.publicUrl.startsWith('https:'), path: '/', ...(maxAgeMs ? { maxAge: maxAgeMs } : {}) };
  }

  @Get('login')
  @Anonymous()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async loginPage(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Query('next') next?: string): Promise<string> {
    const cookies = req.cookies as Record<string, string>;
    if (!cookies[PRESESSION_COOKIE]) {
      // The login form's CSRF token is bound to this value until there is a session.
      cookies[PRESESSION_COOKIE] = randomBytes(24).toString('base64url');
      res.cookie(PRESESSION_COOKIE, cookies[PRESESSION_COOKIE], this.cookieOptions());
    }
    delete cookies[SESSION_COOKIE];
    const ctx = await this.contexts.build(req, res, 'Đăng nhập');
    return this.views.render('login', { ...ctx, actor: null, nav: [], next: safeNext(next), email: '' });
  }

  @Post('login')
  @Anonymous()
  async login(@Req() req: Request, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const next = safeNext(body.next);
    try {
      // The API's own rules: an e-mail of 3,000 characters must not reach the database.
      const { errors } = await validateForm(LoginDto, { email, password }, langOf(req));
      if (errors) throw invalid(Object.entries(errors).map(([k, m]) => ({ vi: `${k}: ${m}`, en: `${k}: ${m}` })));
      const result = await this.auth.login(email, password, req.ip ?? 'unknown');
      res.cookie(SESSION_COOKIE, result.accessToken, this.cookieOptions(result.expiresIn * 1000));
      res.redirect(303, next);
    } catch (err) {
      const ctx = await this.contexts.build(req, res, 'Đăng nhập');
      const error = toErrorBody(err, ctx.lang);
      res
        .status(error.statusCode)
        .type('html')
        .send(this.views.render('login', { ...ctx, actor: null, nav: [], next, email, error: Array.isArray(error.message) ? error.message.join('; ') : error.message }));
    }
  }

  @Post('logout')
  logout(@Res() res: Response): void {
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/login');
  }

  @Get('lang/:code')
  @Anonymous()
  language(@Param('code') code: string, @Query('next') next: string | undefined, @Res() res: Response): void {
    res.cookie(LANG_COOKIE, code === 'en' ? 'en' : 'vi', { ...this.cookieOptions(365 * 86_400_000), httpOnly: false });
    res.redirect(303, safeNext(next));
  }
}
