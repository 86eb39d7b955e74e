import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';

/**
 * Failed logins counted per address and per account in PostgreSQL (fixed windows), so every API
 * process sees the same counts. Only failures count; a success clears the account's count.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  private keys(address: string, email: string) {
    return [
      { key: `address:${address}`, max: this.config.loginMaxFailuresPerAddress },
      { key: `account:${email}`, max: this.config.loginMaxFailuresPerAccount },
    ];
  }

  async assertAllowed(address: string, email: string): Promise<void> {
    const now = this.clock.now().getTime();
    const windowMs = this.config.loginWindowSeconds * 1000;
    const limits = this.keys(address, email);
    const rows: { key: string; window_start: Date; failures: number }[] = await this.db.query(
      'SELECT key, window_start, failures FROM login_failures WHERE key = ANY($1)',
      [limits.map((l) => l.key)],
    );
    for (const row of rows) {
      const limit = limits.find((l) => l.key === row.key)!;
      const ends = row.window_start.getTime() + windowMs;
      if (ends > now && row.failures >= limit.max) {
        const retryAfterSeconds = Math.max(1, Math.ceil((ends - now) / 1000));
        throw new DomainError(
          'too_many_requests',
          {
            vi: `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(retryAfterSeconds / 60)} phút.`,
            en: `Too many failed logins. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
          },
          { retryAfterSeconds },
        );
      }
    }
  }

  async recordFailure(address: string, email: string): Promise<void> {
    const now = this.clock.now();
    const windowStartCutoff = new Date(now.getTime() - this.config.loginWindowSeconds * 1000);
    for (const { key } of this.keys(address, email)) {
      await this.db.query(
        `INSERT INTO login_failures (key, window_start, failures) VALUES ($1, $2, 1)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN login_failures.window_start <= $3 THEN 1 ELSE login_failures.failures + 1 END,
           window_start = CASE WHEN login_failures.window_start <= $3 THEN $2 ELSE login_failures.window_start END`,
        [key, now, windowStartCutoff],
      );
    }
  }

  async recordSuccess(email: string): Promise<void> {
    await this.db.query('DELETE FROM login_failures WHERE key = $1', [`account:${email}`]);
  }
}
