import type { Request } from 'express';
import type { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { DomainError, Text } from '../errors/domain-error';

const UNSUPPORTED_ENCODING: Text = { vi: 'Kiểu nén nội dung không được hỗ trợ.', en: 'Unsupported content encoding.' };
const UNREADABLE: Text = { vi: 'Không đọc được nội dung yêu cầu.', en: 'The request body could not be read.' };

const kb = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`);

export const tooLarge = (limit: number, signedIn: boolean): DomainError =>
  new DomainError(
    'payload_too_large',
    signedIn
      ? { vi: `Nội dung yêu cầu vượt quá giới hạn ${kb(limit)}.`, en: `The request body is larger than the ${kb(limit)} limit.` }
      : {
          vi: `Nội dung yêu cầu vượt quá giới hạn ${kb(limit)} khi chưa đăng nhập.`,
          en: `The request body is larger than the ${kb(limit)} limit for a client that has not signed in.`,
        },
  );

/** A body to read: a Content-Length or chunked transfer (type-is's rule). */
export function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || !Number.isNaN(Number.parseInt(req.headers['content-length'] ?? '', 10));
}

/** The decompressor the body needs (null: none), or a 415. */
function inflater(req: Request): Transform | null {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding === 'identity') return null;
  const inflate =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : null;
  if (!inflate) throw new DomainError('unsupported_media_type', UNSUPPORTED_ENCODING);
  return inflate;
}

export interface ReadOptions {
  /** Bytes after decompression. */
  limit: number;
  signedIn: boolean;
  /** Looks at each chunk as it arrives; a problem stops the reading at once. */
  inspect?: (chunk: Buffer) => Text | null;
}

/**
 * Reads a request body chunk by chunk, so that a hostile one is refused a few kilobytes in (too
 * large, or a shape problem found by `inspect`) instead of being held and parsed whole; what is left
 * of it is discarded unread.
 */
export function readBody(req: Request, { limit, signedIn, inspect }: ReadOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Refused unread when it says it is too large; but an anonymous body is read up to its small
    // limit, so that 200,000 keys are answered by the key limit they break (400), not by their size.
    const declared = Number.parseInt(req.headers['content-length'] ?? '', 10);
    if (signedIn && !req.headers['content-encoding'] && declared > limit) return reject(tooLarge(limit, signedIn));
    let inflate: Transform | null;
    try {
      inflate = inflater(req);
    } catch (err) {
      return reject(err);
    }
    const stream: Readable = inflate ? req.pipe(inflate) : req;
    const chunks: Buffer[] = [];
    let length = 0;
    let settled = false;
    const finish = (err: DomainError | null) => {
      if (settled) return;
      settled = true;
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      if (err) {
        if (inflate) {
          req.unpipe(inflate);
          inflate.destroy();
        }
        // Discarded as it comes, so that the answer is not held up by the rest of a large body.
        req.resume();
        return reject(err);
      }
      resolve(Buffer.concat(chunks, length));
    };
    const onData = (chunk: Buffer) => {
      // The shape first: a chunk that breaks a limit and runs past the size says which limit it broke.
      const problem = inspect?.(chunk);
      if (problem) return finish(new DomainError('invalid', problem));
      length += chunk.length;
      if (length > limit) return finish(tooLarge(limit, signedIn));
      chunks.push(chunk);
    };
    const onEnd = () => finish(null);
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', () => finish(new DomainError('invalid', UNREADABLE)));
    req.on('aborted', () => finish(new DomainError('invalid', UNREADABLE)));
  });
}
