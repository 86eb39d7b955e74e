import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor, OnApplicationShutdown } from '@nestjs/common';
import type { Request, Response } from 'express';
import Redis from 'ioredis';
import type { Observable } from 'rxjs';
import type { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { redisOptions } from '../queue/redis-connection';
import { Metrics } from './metrics';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * At most WRITE_RATE_LIMIT changes per person per minute, counted in Redis so every API process
 * shares the count. If Redis is away the limit is not enforced: writes keep working (the outbox
 * keeps their events), which matters more than the limit.
 */
@Injectable()
export class WriteRateLimit implements NestInterceptor, OnApplicationShutdown {
  private readonly logger = new Logger(WriteRateLimit.name);
  private readonly redis: Redis;
  private warned = false;

  constructor(
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    this.redis = new Redis({ ...redisOptions(config.redisUrl), lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 250 });
    this.redis.on('error', () => undefined);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request & { user?: Actor }>();
    if (READS.has(req.method) || !req.user) return next.handle();
    const minute = Math.floor(Date.now() / 60_000);
    const key = `${this.config.queuePrefix}:rate:write:${req.user.id}:${minute}`;
    let count: number;
    try {
      if (this.redis.status === 'wait') await this.redis.connect();
      [[, count]] = (await this.redis.multi().incr(key).expire(key, 120).exec()) as [[null, number], [null, number]];
      this.warned = false;
    } catch (err) {
      if (!this.warned) this.logger.warn(`Write rate limit not enforced: Redis unavailable (${(err as Error).message})`);
      this.warned = true;
      return next.handle();
    }
    if (count > this.config.writeRateLimit) {
      this.metrics.rateLimited.inc({ limit: 'write' });
      const retryAfterSeconds = 60 - (Math.floor(Date.now() / 1000) % 60);
      context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfterSeconds));
      throw new DomainError(
        'too_many_requests',
        {
          vi: `Bạn đã gửi quá ${this.config.writeRateLimit} thao tác trong một phút. Vui lòng chờ ${retryAfterSeconds} giây rồi thử lại.`,
          en: `More than ${this.config.writeRateLimit} changes in a minute. Wait ${retryAfterSeconds} seconds and try again.`,
        },
        { retryAfterSeconds },
      );
    }
    return next.handle();
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
