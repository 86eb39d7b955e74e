import { randomBytes } from 'node:crypto';
import { Body, Get, Header, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthService } from '../../auth/auth.service';
import { DeviceCookies } from '../../auth/device-cookies';
import { LoginDto } from '../../auth/dto/login.dto';
import { DEVICE_COOKIE, LANG_COOKIE, PRESESSION_COOKIE, SESSION_COOKIE } from '../../auth/session-cookie';
import { toErrorBody } from '../../common/errors/error-body';
import { IdempotencyKeyIgnored } from '../../common/idempotency/idempotency-key-ignored';
import { AppConfig } from '../../config/app-config';
import { SkipWriteRateLimit } from '../../observability/write-rate-limit';
import { checkForm, problemText } from '../form-pipeline';
import { langOf } from '../lang';
import { PageRenderer } from '../page-renderer';
import { Anonymous, WebController } from '../web-controller';

/** Only a path of this site: no "//host" or "http:" tricks after sign-in. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[^\\\s]*$/.test(next) ? next : '/';
}

const SIGN_IN = { vi: 'Đăng nhập', en: 'Sign in' };

@WebController()
export class SessionPages {
  constructor(
    private readonly pages: PageRenderer,
    private readonly auth: AuthService,
    private readonly devices: DeviceCookies,
    private readonly config: AppConfig,
  ) {}

  private cookieOptions(maxAgeMs?: number) {
    return {
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: this.config.publicUrl.startsWith('https:'),
      path: '/',
      ...(maxAgeMs ? { maxAge: maxAgeMs } : {}),
    };
  }

  @Get('login')
  @Anonymous()
  @Header('Cache-Control', 'no-store')
  async loginPage(@Req() req: Request, @Res() res: Response, @Query('next') next?: string): Promise<void> {
    const cookies = req.cookies as Record<string, string>;
    if (!cookies[PRESESSION_COOKIE]) {
      // The login form's CSRF token is bound to this value until there is a session.
      cookies[PRESESSION_COOKIE] = randomBytes(24).toString('base64url');
      res.cookie(PRESESSION_COOKIE, cookies[PRESESSION_COOKIE], this.cookieOptions());
    }
    delete cookies[SESSION_COOKIE];
    await this.pages.send(req, res, 'session/login', { title: SIGN_IN, actor: null, nav: [], next: safeNext(next), email: '' });
  }

  @Post('login')
  @Anonymous()
  @IdempotencyKeyIgnored()
  async login(@Req() req: Request, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const next = safeNext(body.next);
    try {
      // The API's own rules: an e-mail of 3,000 characters must not reach the database.
      const { problem } = await checkForm(LoginDto, { email, password }, langOf(req));
      if (problem) {
        await this.pages.send(
          req,
          res,
          'session/login',
          { title: SIGN_IN, actor: null, nav: [], next, email, error: problemText(problem, langOf(req)) },
          problem.status,
        );
        return;
      }
      const cookies = (req.cookies ?? {}) as Record<string, unknown>;
      const { result, deviceCookie } = await this.auth.login(email, password, { address: req.ip ?? 'unknown', deviceCookie: cookies[DEVICE_COOKIE] });
      res.cookie(DEVICE_COOKIE, deviceCookie, this.devices.options());
      res.cookie(SESSION_COOKIE, result.accessToken, this.cookieOptions(result.expiresIn * 1000));
      res.redirect(303, next);
    } catch (err) {
      const error = toErrorBody(err, langOf(req), undefined, undefined, true);
      if (typeof error.retryAfterSeconds === 'number') res.setHeader('Retry-After', String(error.retryAfterSeconds));
      await this.pages.send(
        req,
        res,
        'session/login',
        { title: SIGN_IN, actor: null, nav: [], next, email, error: Array.isArray(error.message) ? error.message.join('; ') : error.message },
        error.statusCode,
      );
    }
  }

  @Post('logout')
  @SkipWriteRateLimit()
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    // The session ends on the server, not only in this browser: a copied cookie stops working too.
    await this.auth.logout((req.cookies as Record<string, string | undefined>)[SESSION_COOKIE]);
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
