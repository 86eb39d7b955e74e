import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toErrorBody } from '../errors/error-body';
import { langFrom } from '../http/lang';

/**
 * Every error leaves as the JSON body of docs/api.md, "Errors"; unknown ones are logged as bugs.
 * Outside the API (a page address that does not exist) the pages' own filter answers with a page.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly pages?: ExceptionFilter) {}

  catch(err: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    if (this.pages && !/^\/(api\/|admin\/queues|metrics)/.test(req.path)) {
      void this.pages.catch(err, host);
      return;
    }
    const body = toErrorBody(err, langFrom(req.headers['accept-language']), this.logger, req.headers['x-request-id'] as string);
    if (res.headersSent) return;
    if (typeof body.retryAfterSeconds === 'number') res.setHeader('Retry-After', String(body.retryAfterSeconds));
    res.status(body.statusCode).json(body);
  }
}
