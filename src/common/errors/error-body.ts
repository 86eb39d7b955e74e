import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, ERROR_STATUS, Text } from './domain-error';
import { Lang, pick } from '../http/lang';
import { ReplayedError } from './replayed-error';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  code?: string;
  [extra: string]: unknown;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const SERVER_ERROR: Text = {
  vi: 'Lỗi hệ thống. Yêu cầu chưa được thực hiện; vui lòng thử lại hoặc báo quản trị viên.',
  en: 'Internal error. Nothing was changed; please try again or tell the administrator.',
};

function body(status: number, message: string | string[], extra: Record<string, unknown> = {}): ErrorBody {
  return { statusCode: status, error: REASONS[status] ?? HttpStatus[status] ?? 'Error', message, ...extra };
}

/**
 * Turns anything thrown into the error body of docs/api.md, "Errors". Shared by the exception filter and the
 * idempotency store, so a replayed error is byte-for-byte the first one.
 */
export function toErrorBody(err: unknown, lang: Lang, logger?: Logger, requestId?: string): ErrorBody {
  if (err instanceof ReplayedError) return err.body;
  if (err instanceof DomainError) {
    const status = ERROR_STATUS[err.code];
    const message = Array.isArray(err.text) ? err.text.map((t) => pick(t, lang)) : pick(err.text, lang);
    return body(status, message, { code: err.code, ...err.details });
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const response = err.getResponse();
    const message =
      typeof response === 'string' ? response : ((response as { message?: string | string[] }).message ?? err.message);
    return body(status, message);
  }
  logger?.error(`Unhandled error${requestId ? ` [request ${requestId}]` : ''}: ${(err as Error)?.stack ?? String(err)}`);
  return body(500, pick(SERVER_ERROR, lang));
}
