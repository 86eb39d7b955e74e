import { parse as parseQueryString } from 'node:querystring';
import { json, NextFunction, raw, Request, RequestHandler, Response } from 'express';
import { DomainError, ErrorCode, Text } from '../errors/domain-error';
import { MAX_KEYS, shapeProblem, tooManyParameters } from './body-shape';
import { scanJson } from './json-scan';

const UNSUPPORTED_CHARSET: Text = { vi: 'Bảng mã không được hỗ trợ; hãy dùng UTF-8.', en: 'Unsupported charset; use UTF-8.' };

const PARSER_ERRORS: Record<string, { code: ErrorCode; text: Text }> = {
  'entity.too.large': {
    code: 'payload_too_large',
    text: { vi: 'Nội dung yêu cầu vượt quá giới hạn 5 MB.', en: 'The request body is larger than the 5 MB limit.' },
  },
  'entity.parse.failed': { code: 'invalid', text: { vi: 'Nội dung JSON không hợp lệ.', en: 'The request body is not valid JSON.' } },
  'encoding.unsupported': { code: 'unsupported_media_type', text: { vi: 'Bảng mã không được hỗ trợ; hãy dùng UTF-8.', en: 'Unsupported encoding; use UTF-8.' } },
  'charset.unsupported': { code: 'unsupported_media_type', text: UNSUPPORTED_CHARSET },
};

const OTHER: { code: ErrorCode; text: Text } = { code: 'invalid', text: { vi: 'Không đọc được nội dung yêu cầu.', en: 'The request body could not be read.' } };

/** Pairs in a form: a page's longest form (500 attendees of three fields) stays far below. */
export const MAX_FORM_PARAMETERS = 10_000;

function parserError(err: unknown): DomainError {
  if (err instanceof DomainError) return err;
  const known = PARSER_ERRORS[(err as { type?: string }).type ?? ''] ?? OTHER;
  return new DomainError(known.code, known.text);
}

/** More than `max` "&"-separated pairs? Counted without splitting, stopping at max + 1. */
function pairsOver(text: string, max: number): boolean {
  let at = -1;
  for (let count = 1; ; count++) {
    if (count > max) return true;
    at = text.indexOf('&', at + 1);
    if (at < 0) return false;
  }
}

/**
 * Express's JSON parser, UTF-8 only (RFC 8259), with the body's shape (keys per object, items per
 * list, depth, values in all) checked on the raw bytes before JSON.parse, and its errors (too
 * large, malformed, bad charset) turned into domain errors here, before Nest maps a SyntaxError to a
 * bare English 400.
 */
export function jsonBody(limit: string): RequestHandler {
  const parse = json({
    limit,
    verify: (_req, _res, buf, encoding) => {
      if (encoding.toLowerCase() !== 'utf-8') throw new DomainError('unsupported_media_type', UNSUPPORTED_CHARSET);
      const problem = scanJson(buf);
      if (problem) throw new DomainError('invalid', problem);
    },
  });
  return (req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (err?: unknown) => {
      if (err) return next(parserError(err));
      const problem = shapeProblem(req.body);
      next(problem ? new DomainError('invalid', problem) : undefined);
    });
}

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

const badUnicode = (name: string): Text => ({ vi: `${name}: chứa ký tự Unicode không hợp lệ`, en: `${name}: contains invalid Unicode` });

/** The first part of a query string whose %-escapes are not UTF-8, by the name it gives. */
function undecodableParameter(query: string): string | null {
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const key = (eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' ');
    if (!decodes(key)) return 'query';
    if (eq >= 0 && !decodes(pair.slice(eq + 1).replace(/\+/g, ' '))) return decodeURIComponent(key).slice(0, 60);
  }
  return null;
}

/**
 * The address before anything parses it: a query string of more than MAX_KEYS parameters is
 * refused (Express's parser would silently keep the first 1,000), and so are %-escapes that are not
 * UTF-8 (a lone surrogate has no UTF-8 form: the query parser would turn it into U+FFFD without a
 * word, the router into an English 400 that names no parameter).
 */
export function urlLimits(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const at = req.url.indexOf('?');
    const path = at < 0 ? req.url : req.url.slice(0, at);
    if (!decodes(path)) return next(new DomainError('invalid', badUnicode('path')));
    if (at < 0) return next();
    const query = req.url.slice(at + 1);
    if (pairsOver(query, MAX_KEYS)) return next(new DomainError('invalid', tooManyParameters('query', MAX_KEYS)));
    const bad = undecodableParameter(query);
    next(bad === null ? undefined : new DomainError('invalid', badUnicode(bad)));
  };
}

/**
 * HTML forms of the pages (not the API, which takes JSON only): flat fields, repeated names as
 * arrays. Parsed by Node's querystring, which is linear in the number of pairs (qs, behind
 * express.urlencoded, is quadratic in a repeated name), then held to the same shape limits as JSON.
 */
export function formBody(limit: string): RequestHandler {
  const read = raw({ type: 'application/x-www-form-urlencoded', limit });
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/api/')) return next();
    read(req, res, (err?: unknown) => {
      if (err) return next(parserError(err));
      if (!Buffer.isBuffer(req.body)) return next();
      const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
      if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return next(new DomainError('unsupported_media_type', UNSUPPORTED_CHARSET));
      const text = req.body.toString('utf8');
      if (pairsOver(text, MAX_FORM_PARAMETERS)) return next(new DomainError('invalid', tooManyParameters('form', MAX_FORM_PARAMETERS)));
      const fields = text ? parseQueryString(text, '&', '=', { maxKeys: 0 }) : {};
      const problem = shapeProblem(fields);
      if (problem) return next(new DomainError('invalid', problem));
      req.body = { ...fields };
      next();
    });
  };
}
