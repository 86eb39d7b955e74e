import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor, OnApplicationShutdown, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import Redis from 'ioredis';
import type { Observable } from 'rxjs';
import type { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { redisOptions } from '../queue/redis-connection';
import { Metrics } from './metrics';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const WINDOW_MS = 60_000;
/** How long the client waits when Redis cannot answer: time for it to come back or be reconnected to. */
const UNAVAILABLE_RETRY_SECONDS = 5;
/**
 * A command that takes longer is Redis in trouble, not a busy machine: on a loaded host the event
 * loop alone can hold a reply back for a second, and a refused write is a visible failure.
 */
const COMMAND_TIMEOUT_MS = 5_000;

const SKIP_WRITE_RATE_LIMIT = 'duthao:skip-write-rate-limit';
/** A change that must work even when Redis is away (logout: giving a key back is never refused). */
export const SkipWriteRateLimit = () => SetMetadata(SKIP_WRITE_RATE_LIMIT, true);

/**
 * A sliding minute per person in a sorted set, decided in one script with Redis's own clock (so
 * every API process counts alike): drop the entries older than a minute; refuse when `limit` remain,
 * answering when the oldest of them leaves the window; otherwise add this write. Refused writes are
 * not counted.
 */
const SLIDING_WINDOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return tonumber(oldest[2]) + window - now
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
return -1`;

type LimitedRedis = Redis & { slidingWindow(key: string, windowMs: number, limit: number, member: string): Promise<number> };

/**
 * At most WRITE_RATE_LIMIT changes per person in any minute, counted in Redis so every API process
 * shares the count. When Redis cannot answer, writes are refused (503 with Retry-After) rather than
 * let through unlimited: the limit is a protection, and one that lapses whenever Redis is away is
 * one an attacker can switch off.
 */
@Injectable()
export class WriteRateLimit implements NestInterceptor, OnApplicationShutdown {
  private readonly logger = new Logger(WriteRateLimit.name);
  private readonly redis: LimitedRedis;
  private failing = false;
  private connecting: Promise<void> | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
    private readonly reflector: Reflector,
  ) {
    // No offline queue: while the connection is down a command fails at once instead of waiting.
    this.redis = new Redis({
      ...redisOptions(config.redisUrl),
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
    }) as LimitedRedis;
    this.redis.defineCommand('slidingWindow', { numberOfKeys: 1, lua: SLIDING_WINDOW });
    this.redis.on('error', () => undefined);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request & { user?: Actor }>();
    if (READS.has(req.method) || !req.user) return next.handle();
    if (this.reflector.getAllAndOverride<boolean>(SKIP_WRITE_RATE_LIMIT, [context.getHandler(), context.getClass()])) return next.handle();
    const res = context.switchToHttp().getResponse<Response>();
    const waitMs = await this.check(req.user.id, res);
    if (waitMs >= 0) {
      this.metrics.rateLimited.inc({ limit: 'write' });
      const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
      res.setHeader('Retry-After', String(retryAfterSeconds));
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

  /** -1 when the write may go ahead, else how many milliseconds until it may. */
  private async check(userId: string, res: Response): Promise<number> {
    const key = `${this.config.queuePrefix}:rate:write:${userId}`;
    try {
      await this.connected();
      const waitMs = await this.redis.slidingWindow(key, WINDOW_MS, this.config.writeRateLimit, `${Date.now()}:${randomBytes(6).toString('base64url')}`);
      if (this.failing) this.logger.log('Write rate limit: Redis answers again; writes are accepted');
      this.failing = false;
      return waitMs;
    } catch (err) {
      if (!this.failing) this.logger.error(`Write rate limit: Redis does not answer (${(err as Error).message}); writes are refused until it does`);
      this.failing = true;
      this.metrics.rateLimited.inc({ limit: 'write_unavailable' });
      res.setHeader('Retry-After', String(UNAVAILABLE_RETRY_SECONDS));
      throw new DomainError(
        'unavailable',
        {
          vi: `Hệ thống tạm thời chưa ghi nhận được thay đổi (máy chủ Redis không phản hồi). Chưa có gì thay đổi; vui lòng thử lại sau ${UNAVAILABLE_RETRY_SECONDS} giây.`,
          en: `Changes cannot be accepted right now (Redis does not answer). Nothing was changed; try again in ${UNAVAILABLE_RETRY_SECONDS} seconds.`,
        },
        { retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS },
      );
    }
  }

  /** Connects on first use, once for all the writes that arrive meanwhile (a second connect() would throw). */
  private async connected(): Promise<void> {
    if (this.redis.status === 'wait' || this.redis.status === 'end') {
      this.connecting ??= this.redis.connect().finally(() => (this.connecting = null));
    }
    if (this.connecting) await this.connecting;
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
