import { ArgumentsHost, Catch, ExceptionFilter, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toErrorBody } from '../common/errors/error-body';
import { langOf } from './lang';
import { PageRenderer } from './page-renderer';
import { SignInRequired } from './web-session.guard';

/** Errors on pages are pages: sign-in when needed, otherwise the message with a way back. */
@Catch()
@Injectable()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebErrors');

  constructor(private readonly pages: PageRenderer) {}

  async catch(err: unknown, host: ArgumentsHost): Promise<void> {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (err instanceof SignInRequired || (err as { code?: string })?.code === 'unauthenticated') {
      const next = err instanceof SignInRequired ? err.next : req.originalUrl;
      res.redirect(303, `/login?next=${encodeURIComponent(next)}`);
      return;
    }
    const body = toErrorBody(err, langOf(req), this.logger, undefined, true);
    const messages = Array.isArray(body.message) ? body.message : [body.message];
    try {
      await this.pages.send(req, res, 'error', { title: { vi: 'Có lỗi', en: 'Error' }, status: body.statusCode, messages }, body.statusCode);
    } catch (failure) {
      // The error page itself could not be made (e.g. the database is down): a bare page, and the reason in the log.
      this.logger.error(`error page failed: ${(failure as Error).message}`);
      if (!res.headersSent)
        res
          .status(body.statusCode)
          .type('html')
          .send(`<!doctype html><html lang="vi"><meta charset="utf-8"><title>${body.statusCode}</title><p>${body.statusCode}</p></html>`);
    }
  }
}
