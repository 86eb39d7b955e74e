import { json, NextFunction, Request, RequestHandler, Response, urlencoded } from 'express';
import { DomainError, ErrorCode, Text } from '../errors/domain-error';

const PARSER_ERRORS: Record<string, { code: ErrorCode; text: Text }> = {
  'entity.too.large': {
    code: 'payload_too_large',
    text: { vi: 'Nội dung yêu cầu vượt quá giới hạn 5 MB.', en: 'The request body is larger than the 5 MB limit.' },
  },
  'entity.parse.failed': { code: 'invalid', text: { vi: 'Nội dung JSON không hợp lệ.', en: 'The request body is not valid JSON.' } },
  'encoding.unsupported': { code: 'unsupported_media_type', text: { vi: 'Bảng mã không được hỗ trợ; hãy dùng UTF-8.', en: 'Unsupported encoding; use UTF-8.' } },
  'charset.unsupported': { code: 'unsupported_media_type', text: { vi: 'Bảng mã không được hỗ trợ; hãy dùng UTF-8.', en: 'Unsupported charset; use UTF-8.' } },
};

const OTHER: { code: ErrorCode; text: Text } = { code: 'invalid', text: { vi: 'Không đọc được nội dung yêu cầu.', en: 'The request body could not be read.' } };

// Keys Nest's ValidationPipe deletes without a word (so they would pass as allowed), and a depth
// past which its recursive walk over the body overflows the stack (a 500). No DTO comes near it.
const STRIPPED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 32;

interface Frame {
  value: unknown;
  key: string | number | null;
  parent: Frame | null;
  depth: number;
}

function pathOf(frame: Frame): string {
  let path = '';
  for (let f: Frame | null = frame; f && f.key !== null; f = f.parent) path = typeof f.key === 'number' ? `[${f.key}]${path}` : `.${f.key}${path}`;
  return path.replace(/^\./, '') || 'body';
}

/** What validation would not see in a parsed body: a stripped key, or nesting too deep. Iterative. */
export function shapeProblem(body: unknown): Text | null {
  const stack: Frame[] = [{ value: body, key: null, parent: null, depth: 0 }];
  while (stack.length) {
    const frame = stack.pop()!;
    const { value, depth } = frame;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) {
      const path = pathOf(frame);
      return { vi: `${path}: lồng nhau quá ${MAX_DEPTH} cấp`, en: `${path}: nested more than ${MAX_DEPTH} levels deep` };
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (value[i] !== null && typeof value[i] === 'object') stack.push({ value: value[i], key: i, parent: frame, depth: depth + 1 });
      }
      continue;
    }
    for (const key of Object.keys(value)) {
      const child: Frame = { value: (value as Record<string, unknown>)[key], key, parent: frame, depth: depth + 1 };
      if (STRIPPED_KEYS.has(key)) {
        const path = pathOf(child);
        return { vi: `${path}: là trường không được phép`, en: `${path}: is not an allowed field` };
      }
      if (child.value !== null && typeof child.value === 'object') stack.push(child);
    }
  }
  return null;
}

/**
 * Express's JSON parser, with its errors (too large, malformed, bad charset) turned into domain
 * errors here, before Nest maps a SyntaxError to a bare English 400.
 */
export function jsonBody(limit: string): RequestHandler {
  const parse = json({ limit });
  return (req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (err?: unknown) => {
      if (!err) {
        const problem = shapeProblem(req.body);
        return next(problem ? new DomainError('invalid', problem) : undefined);
      }
      const known = PARSER_ERRORS[(err as { type?: string }).type ?? ''] ?? OTHER;
      next(new DomainError(known.code, known.text));
    });
}

/** HTML forms of the pages (not the API, which takes JSON only): flat fields, repeated names as arrays. */
export function formBody(limit: string): RequestHandler {
  const parse = urlencoded({ extended: false, limit, parameterLimit: 10_000 });
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith('/api/')) return next();
    parse(req, res, (err?: unknown) => {
      if (!err) return next();
      const known = PARSER_ERRORS[(err as { type?: string }).type ?? ''] ?? OTHER;
      next(new DomainError(known.code, known.text));
    });
  };
}
