import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, createHmac } from 'node:crypto';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import { ServerKeys } from '../../auth/server-keys';
import type { Actor } from '../auth/actor';
import { canonicalJson } from '../canonical-json';
import { conflict, DomainError, invalid } from '../errors/domain-error';
import { toErrorBody } from '../errors/error-body';
import { ReplayedError } from '../errors/replayed-error';
import type { UploadedFile } from '../http/file-upload';
import { langFrom } from '../http/lang';
import { IDEMPOTENCY_KEY_IGNORED } from './idempotency-key-ignored';
import { IdempotencyStore } from './idempotency.store';

const KEY = /^[\x21-\x7E]{1,255}$/;

/** An uploaded file (see file-upload.ts) is part of what the request is: the same key with another file is another request. */
const uploadDigest = (req: Request & { upload?: UploadedFile }) => (req.upload ? { file: createHash('sha256').update(req.upload.buffer).digest('hex') } : {});

/**
 * `Idempotency-Key` on any POST: the first request with a key runs; the same key with the same
 * body gets the first response again and creates nothing; with another body, 422. Routes marked
 * @IdempotencyKeyIgnored() (login) are never stored.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly keys: ServerKeys,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request & { user?: Actor }>();
    const res = context.switchToHttp().getResponse<Response>();
    const key = req.headers['idempotency-key'];
    if (req.method !== 'POST' || key === undefined) return next.handle();
    if (this.reflector.getAllAndOverride<boolean>(IDEMPOTENCY_KEY_IGNORED, [context.getHandler(), context.getClass()])) return next.handle();
    if (typeof key !== 'string' || !KEY.test(key)) {
      throw invalid({
        vi: 'Idempotency-Key: 1–255 ký tự ASCII in được, không có khoảng trắng',
        en: 'Idempotency-Key: 1–255 printable ASCII characters, no spaces',
      });
    }
    const scope = req.user?.id ?? 'anonymous';
    // Keyed with a server secret: a body may hold a password (a new user's), and a plain hash of it
    // in the database could be tested against guesses at full speed.
    const fingerprint = createHmac('sha256', this.keys.requestFingerprint)
      .update(canonicalJson({ method: req.method, url: req.originalUrl, body: req.body ?? null, ...uploadDigest(req) }))
      .digest('hex');
    const claim = await this.store.claim(scope, key, fingerprint);
    switch (claim.kind) {
      case 'mismatch':
        throw new DomainError('idempotency_mismatch', {
          vi: 'Idempotency-Key này đã được dùng cho một yêu cầu khác; hãy dùng khóa mới cho yêu cầu mới.',
          en: 'This Idempotency-Key was used for a different request; use a new key for a new request.',
        });
      case 'in_progress':
        throw conflict('request_in_progress', {
          vi: 'Yêu cầu với Idempotency-Key này đang được xử lý; vui lòng thử lại sau giây lát.',
          en: 'A request with this Idempotency-Key is still running; try again shortly.',
        });
      case 'replay': {
        res.setHeader('Idempotent-Replayed', 'true');
        const body = claim.body === null ? undefined : JSON.parse(claim.body);
        if (claim.status >= 400) throw new ReplayedError(body);
        res.status(claim.status);
        return of(body);
      }
    }
    const lang = langFrom(req.headers['accept-language']);
    return next.handle().pipe(
      mergeMap((body) => from(this.store.complete(scope, key, res.statusCode, JSON.stringify(body ?? null)).then(() => body))),
      catchError((err: unknown) => {
        // Rethrown below: the exception filter logs it.
        const errorBody = toErrorBody(err, lang, null);
        // Our own failures and rate limits are not answers: the client may retry with the same key.
        const settle =
          errorBody.statusCode >= 500 || errorBody.statusCode === 429
            ? this.store.release(scope, key)
            : this.store.complete(scope, key, errorBody.statusCode, JSON.stringify(errorBody));
        return from(settle.catch(() => undefined)).pipe(mergeMap(() => throwError(() => err)));
      }),
    );
  }
}
