import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { Clock } from '../../src/common/clock';
import { AppConfig } from '../../src/config/app-config';
import { ConfigValues } from '../../src/config/env.schema';
import { createTestDatabase } from '../setup/test-databases';
import { TestClock } from './test-clock';

export const ADMIN = { email: 'admin@test.duthao', password: 'admin-password-1' };

export interface TestApp {
  app: INestApplication;
  /** Where the app listens, e.g. http://127.0.0.1:41234 */
  url: string;
  http: ReturnType<typeof request>;
  db: DataSource;
  clock: TestClock;
  config: AppConfig;
  databaseUrl: string;
  close(): Promise<void>;
}

/** The settings of a test app: its own database and Redis prefix, generous login limits. */
export function testConfig(databaseUrl: string, overrides: Partial<ConfigValues> = {}): AppConfig {
  return AppConfig.fromEnv({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `duthao-test-${randomBytes(4).toString('hex')}`,
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000',
    LOGIN_MAX_FAILURES_PER_ADDRESS: '1000',
    WORKERS: 'off',
    LOG_LEVEL: 'warn',
    // Digests close a second after their first event, so a spec sees them without waiting ten minutes.
    NOTIFY_DIGEST_SECONDS: '1',
  }).with(overrides);
}

/** Boots the real application (same module and HTTP setup as main.ts) on a fresh database. */
export async function startTestApp(overrides: Partial<ConfigValues> = {}): Promise<TestApp> {
  const databaseUrl = overrides.databaseUrl ?? (await createTestDatabase());
  const config = testConfig(databaseUrl, overrides);
  const clock = new TestClock();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error', 'warn'] });
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  return {
    app,
    url,
    http: request(url),
    db: app.get(DataSource),
    clock,
    config,
    databaseUrl,
    close: () => app.close(),
  };
}
