import { applyDecorators, CanActivate, createParamDecorator, ExecutionContext, Injectable, mixin, Type, UseGuards } from '@nestjs/common';
import { ApiConsumes } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import { DomainError, invalid, Text } from '../errors/domain-error';
import { assertUuid } from './uuid.pipe';

/** The one file of a multipart request, held in memory: uploads never touch the file system. */
export interface UploadedFile {
  buffer: Buffer;
  originalName: string;
  mimeType: string;
  size: number;
}

export const UPLOAD_FIELD = 'file';

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

function multerProblem(err: unknown, maxBytes: number): DomainError {
  const code = err instanceof MulterError ? err.code : null;
  if (code === 'LIMIT_FILE_SIZE') {
    return new DomainError('payload_too_large', { vi: `Tệp vượt quá giới hạn ${mb(maxBytes)}.`, en: `The file is larger than the ${mb(maxBytes)} limit.` });
  }
  if (code === 'LIMIT_UNEXPECTED_FILE' || code === 'LIMIT_FILE_COUNT') {
    return invalid({ vi: `Chỉ gửi một tệp, trong trường "${UPLOAD_FIELD}".`, en: `Send exactly one file, in the "${UPLOAD_FIELD}" field.` });
  }
  if (code) return invalid({ vi: 'Nội dung gửi lên có quá nhiều trường hoặc trường quá dài.', en: `The form has too many or too long fields (${code}).` });
  // busboy: a malformed or truncated multipart body.
  return invalid({
    vi: 'Không đọc được nội dung tải lên (multipart/form-data hỏng hoặc bị cắt).',
    en: 'The upload could not be read (malformed or truncated multipart/form-data).',
  });
}

const notMultipart: Text = {
  vi: `Hãy gửi tệp dưới dạng multipart/form-data, trong trường "${UPLOAD_FIELD}".`,
  en: `Send the file as multipart/form-data, in the "${UPLOAD_FIELD}" field.`,
};

/**
 * Reads the multipart body into memory with hard limits (one file of at most `maxBytes`, a few
 * short text fields) and puts the file on `req.upload`. A guard, not an interceptor, on purpose:
 * guards run before the global interceptors, so the idempotency fingerprint and the write rate
 * limit see the parsed request; and it runs after the authentication guard, so nobody's upload is
 * buffered before they are known.
 */
export function uploadGuard(maxBytes: number): Type<CanActivate> {
  const parse = multer({
    storage: multer.memoryStorage(),
    // Browsers send a file's name as UTF-8 (RFC 7578); busboy's default, latin1, garbles Vietnamese names.
    defParamCharset: 'utf8',
    limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 100_000, parts: 22, headerPairs: 100 },
  }).single(UPLOAD_FIELD);

  @Injectable()
  class UploadGuard implements CanActivate {
    async canActivate(context: ExecutionContext): Promise<boolean> {
      const req = context.switchToHttp().getRequest<Request & { upload?: UploadedFile; file?: Express.Multer.File }>();
      const res = context.switchToHttp().getResponse<Response>();
      // Guards run before pipes: the route's ids are checked here first, so a bad URL is its 400 and no upload is read for it.
      for (const [name, value] of Object.entries(req.params ?? {})) if (name === 'id' || name.endsWith('Id')) assertUuid(String(value), name);
      if (!req.is('multipart/form-data')) throw new DomainError('unsupported_media_type', notMultipart);
      await new Promise<void>((resolve, reject) => parse(req, res, (err?: unknown) => (err ? reject(multerProblem(err, maxBytes)) : resolve())));
      const file = req.file;
      if (!file || file.size === 0)
        throw invalid({ vi: `${UPLOAD_FIELD}: là bắt buộc (một tệp không rỗng)`, en: `${UPLOAD_FIELD}: is required (a non-empty file)` });
      req.upload = { buffer: file.buffer, originalName: file.originalname, mimeType: file.mimetype, size: file.size };
      return true;
    }
  }
  return mixin(UploadGuard);
}

/**
 * A route that takes one uploaded file in the field `file` (and optional text fields, validated by
 * the route's body DTO like any JSON body). Read the file with `@Upload()`.
 */
export const FileUpload = (maxBytes: number) => applyDecorators(UseGuards(uploadGuard(maxBytes)), ApiConsumes('multipart/form-data'));

/** The file a `@FileUpload()` route received. */
export const Upload = createParamDecorator((_: unknown, context: ExecutionContext): UploadedFile => {
  const upload = context.switchToHttp().getRequest<Request & { upload?: UploadedFile }>().upload;
  if (!upload) throw new Error('@Upload() on a route without @FileUpload()');
  return upload;
});
