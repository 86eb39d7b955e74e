import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { decideLogin, FailureCount, keysToRead, LoginClient, LoginDecision, LoginLimits } from './domain/login-limits';

/**
 * Failed logins counted in PostgreSQL (fixed windows), so every API process sees the same counts;
 * the rules of which counts apply are in domain/login-limits.ts. Only failures count.
 */
@Injectable()
export class LoginThrottle {
  private readonly limits: LoginLimits;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.limits = {
      perAccount: config.loginMaxFailuresPerAccount,
      perAddress: config.loginMaxFailuresPerAddress,
      accountWindowMs: config.loginWindowSeconds * 1000,
      addressWindowMs: config.loginAddressWindowSeconds * 1000,
    };
  }

  /** The counts this attempt is judged by; throws 429 (with Retry-After) when it may not go ahead. */
  async admit(client: LoginClient): Promise<LoginDecision> {
    const rows: { key: string; window_start: Date; failures: number }[] = await this.db.query(
      'SELECT key, window_start, failures FROM login_failures WHERE key = ANY($1)',
      [keysToRead(client)],
    );
    const counts: FailureCount[] = rows.map((r) => ({ key: r.key, windowStart: r.window_start, failures: r.failures }));
    const decision = decideLogin(this.limits, client, counts, this.clock.now());
    const retryAfterSeconds = decision.retryAfterSeconds;
    if (retryAfterSeconds !== null) {
      const minutes = Math.ceil(retryAfterSeconds / 60);
      throw new DomainError(
        'too_many_requests',
        {
          vi: `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${minutes} phút, hoặc đăng nhập từ máy đã từng đăng nhập vào tài khoản này.`,
          en: `Too many failed logins. Try again in ${minutes} minute(s), or sign in from a device that has signed in to this account before.`,
        },
        { retryAfterSeconds },
      );
    }
    return decision;
  }

  async recordFailure(decision: LoginDecision): Promise<void> {
    const now = this.clock.now();
    for (const { key, windowMs } of decision.keys) {
      await this.db.query(
        `INSERT INTO login_failures (key, window_start, failures) VALUES ($1, $2, 1)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN login_failures.window_start <= $3 THEN 1 ELSE login_failures.failures + 1 END,
           window_start = CASE WHEN login_failures.window_start <= $3 THEN $2 ELSE login_failures.window_start END`,
        [key, now, new Date(now.getTime() - windowMs)],
      );
    }
  }

  /** A success clears the count it was judged by, except the address's, which many people share. */
  async recordSuccess(decision: LoginDecision): Promise<void> {
    const keys = decision.keys.map((k) => k.key).filter((k) => !k.startsWith('address:'));
    await this.db.query('DELETE FROM login_failures WHERE key = ANY($1)', [keys]);
  }
}
