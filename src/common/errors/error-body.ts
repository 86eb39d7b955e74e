import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import { fromDatabaseError } from './database-errors';
import { DomainError, ERROR_STATUS, Text } from './domain-error';
import { Lang, pick } from '../http/lang';
import { ReplayedError } from './replayed-error';
import { namedMessage } from '../validation/field-names';
import { vnNumberText } from '../vn-number';

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

/** The router's own 404 ("Cannot GET /x"), said as a person would read it. */
const NO_ROUTE = /^Cannot ([A-Z]+) (.*)$/s;
const nothingAt = (path: string): Text => ({
  vi: `Không có trang hay địa chỉ nào như vậy: ${path}. Địa chỉ có thể đã gõ sai, hoặc trang đã được chuyển đi.`,
  en: `There is no such page or address: ${path}. It may be mistyped, or the page has moved.`,
});

/**
 * However many problems an input has and however long the names it carries, an error body stays
 * a few kilobytes: the first messages, each cut short, then how many more there were.
 */
export const MAX_MESSAGES = 20;
export const MAX_MESSAGE_CHARS = 300;

function clip(message: string): string {
  if (message.length <= MAX_MESSAGE_CHARS) return message;
  let cut = message.slice(0, MAX_MESSAGE_CHARS - 1);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function bounded(message: string | string[], lang: Lang): string | string[] {
  if (!Array.isArray(message)) return clip(String(message));
  const shown = message.slice(0, MAX_MESSAGES).map((m) => clip(String(m)));
  const more = message.length - shown.length;
  if (more > 0) shown.push(lang === 'en' ? `… and ${vnNumberText(more, 'en')} more` : `… và ${vnNumberText(more)} lỗi khác`);
  return shown;
}

function body(status: number, message: string | string[], lang: Lang, extra: Record<string, unknown> = {}): ErrorBody {
  return { statusCode: status, error: REASONS[status] ?? HttpStatus[status] ?? 'Error', message: bounded(message, lang), ...extra };
}

const defaultLogger = new Logger('Errors');

/** A domain error's sentence; in Vietnamese a field it names is named in Vietnamese (with its key, for programs). */
const said = (text: Text, lang: Lang, page: boolean): string => (lang === 'vi' || page ? namedMessage(pick(text, lang), lang, !page) : text.en);

/**
 * Turns anything thrown into the error body of docs/api.md, "Errors". Shared by the exception filters, the
 * pages and the idempotency store, so a replayed error is byte-for-byte the first one. An unknown
 * error (a bug) is logged, with the request id when known; pass `logger: null` only where the error
 * is rethrown to a filter that logs it. `page`: for a page, fields are named without the API's keys.
 */
export function toErrorBody(err: unknown, lang: Lang, logger: Logger | null = defaultLogger, requestId?: string, page = false): ErrorBody {
  if (err instanceof ReplayedError) return err.body;
  const known = err instanceof DomainError ? err : fromDatabaseError(err);
  if (known) {
    const status = ERROR_STATUS[known.code];
    const message = Array.isArray(known.text) ? known.text.map((t) => said(t, lang, page)) : said(known.text, lang, page);
    return body(status, message, lang, { code: known.code, ...known.details });
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const response = err.getResponse();
    const message = typeof response === 'string' ? response : ((response as { message?: string | string[] }).message ?? err.message);
    const noRoute = status === 404 && typeof message === 'string' ? NO_ROUTE.exec(message) : null;
    if (noRoute) return body(404, pick(nothingAt(noRoute[2]), lang), lang, { code: 'not_found' });
    return body(status, message, lang);
  }
  logger?.error(`Unhandled error${requestId ? ` [request ${requestId}]` : ''}: ${(err as Error)?.stack ?? String(err)}`);
  return body(500, pick(SERVER_ERROR, lang), lang);
}
