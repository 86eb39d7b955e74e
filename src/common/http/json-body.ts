import { parse as parseQueryString } from 'node:querystring';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DomainError, Text } from '../errors/domain-error';
import { MAX_KEYS, shapeProblem, tooManyParameters } from './body-shape';
import { hasBody, readBody } from './body-reader';
import { JsonShapeScanner } from './json-scan';

const UNSUPPORTED_CHARSET: Text = { vi: 'Bảng mã không được hỗ trợ; hãy dùng UTF-8.', en: 'Unsupported charset; use UTF-8.' };
const NOT_JSON: Text = { vi: 'Nội dung JSON không hợp lệ.', en: 'The request body is not valid JSON.' };

/** Pairs in a form: a page's longest form (500 attendees of three fields) stays far below. */
export const MAX_FORM_PARAMETERS = 10_000;

export interface BodyLimits {
  /** Bytes a signed-in client may send. */
  limit: number;
  /**
   * Bytes a client without a valid session may send: the sign-in form and `POST /api/auth/login`
   * need a few hundred, and nobody else can be made to read megabytes for an anonymous client.
   */
  anonymousLimit: number;
  /** Whether the request carries a valid session (checked before the body is read, without the database). */
  signedIn: (req: Request) => boolean;
}

function utf8Only(req: Request): DomainError | null {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  return charset === undefined || charset === 'utf-8' || charset === 'utf8' ? null : new DomainError('unsupported_media_type', UNSUPPORTED_CHARSET);
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
 * JSON bodies, UTF-8 only (RFC 8259), read chunk by chunk with their shape (keys per object,
 * items per list, depth, values in all) checked on the bytes as they arrive: a hostile body is
 * refused a few kilobytes in, before JSON.parse builds anything, and before Nest's validation walks it.
 */
export function jsonBody(limits: BodyLimits): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!hasBody(req) || !req.is('application/json')) return next();
    const wrongCharset = utf8Only(req);
    if (wrongCharset) return next(wrongCharset);
    const signedIn = limits.signedIn(req);
    const scanner = new JsonShapeScanner();
    readBody(req, { limit: signedIn ? limits.limit : limits.anonymousLimit, signedIn, inspect: (chunk) => scanner.push(chunk) }).then(
      (buf) => {
        if (buf.length === 0) {
          req.body = {};
          return next();
        }
        const text = buf.toString('utf8');
        // Only an object or a list, as express.json's strict mode.
        // eslint-disable-next-line no-control-regex -- JSON's own whitespace: space, tab, LF, CR
        if (!/^[\x20\x09\x0a\x0d]*[[{]/.test(text)) return next(new DomainError('invalid', NOT_JSON));
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          return next(new DomainError('invalid', NOT_JSON));
        }
        const problem = shapeProblem(body);
        if (problem) return next(new DomainError('invalid', problem));
        req.body = body;
        next();
      },
      (err: unknown) => next(err),
    );
  };
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
 * express.urlencoded, is quadratic in a repeated name), with the pairs counted as they arrive, then
 * held to the same shape limits as JSON.
 */
export function formBody(limits: BodyLimits): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.path.startsWith('/api/') || !hasBody(req) || !req.is('application/x-www-form-urlencoded')) return next();
    const wrongCharset = utf8Only(req);
    if (wrongCharset) return next(wrongCharset);
    const signedIn = limits.signedIn(req);
    let pairs = 1;
    const inspect = (chunk: Buffer) => {
      for (let at = chunk.indexOf(0x26); at >= 0; at = chunk.indexOf(0x26, at + 1)) {
        if (++pairs > MAX_FORM_PARAMETERS) return tooManyParameters('form', MAX_FORM_PARAMETERS);
      }
      return null;
    };
    readBody(req, { limit: signedIn ? limits.limit : limits.anonymousLimit, signedIn, inspect }).then(
      (buf) => {
        const text = buf.toString('utf8');
        const fields = text ? parseQueryString(text, '&', '=', { maxKeys: 0 }) : {};
        const problem = shapeProblem(fields);
        if (problem) return next(new DomainError('invalid', problem));
        req.body = { ...fields };
        next();
      },
      (err: unknown) => next(err),
    );
  };
}
