import { ArgumentsHost, Catch, ExceptionFilter, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LANG_COOKIE } from '../auth/session-cookie';
import { toErrorBody } from '../common/errors/error-body';
import { PageContexts } from './page-context';
import { Views } from './views';
import { SignInRequired } from './web-session.guard';

/** Errors on pages are pages: sign-in when needed, otherwise the message with a way back. */
@Catch()
@Injectable()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebErrors');

  constructor(
    private readonly views: Views,
    private readonly contexts: PageContexts,
  ) {}

  async catch(err: unknown, host: ArgumentsHost): Promise<void> {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (err instanceof SignInRequired || (err as { code?: string })?.code === 'unauthenticated') {
      const next = err instanceof SignInRequired ? err.next : req.originalUrl;
      res.redirect(303, `/login?next=${encodeURIComponent(next)}`);
      return;
    }
    const lang = (req.cookies as Record<string, string> | undefined)?.[LANG_COOKIE] === 'en' ? 'en' : 'vi';
    const body = toErrorBody(err, lang, this.logger);
    const ctx = await this.contexts.build(req, res, lang === 'en' ? 'Error' : 'Có lỗi').catch(() => null);
    const messages = Array.isArray(body.message) ? body.message : [body.message];
    const html = ctx
      ? this.views.render('error', { ...ctx, status: body.statusCode, messages })
      : `<!doctype html><meta charset="utf-8"><title>${body.statusCode}</title><p>${body.statusCode}</p>`;
    res.status(body.statusCode).type('html').send(html);
  }
}
