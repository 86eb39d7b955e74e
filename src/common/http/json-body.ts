import { json, NextFunction, Request, RequestHandler, Response } from 'express';
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

/**
 * Express's JSON parser, with its errors (too large, malformed, bad charset) turned into domain
 * errors here, before Nest maps a SyntaxError to a bare English 400.
 */
export function jsonBody(limit: string): RequestHandler {
  const parse = json({ limit });
  return (req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (err?: unknown) => {
      if (!err) return next();
      const known = PARSER_ERRORS[(err as { type?: string }).type ?? ''] ?? OTHER;
      next(new DomainError(known.code, known.text));
    });
}
