/**
 * What the benchmarks share: the real application booted as main.ts boots it (workers in the same
 * process), on a database and a Redis prefix of its own that are removed afterwards.
 */
import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { AppConfig } from '../../src/config/app-config';
import { dataSourceOptions, migrate } from '../../src/database/data-source';
import { databaseUrl, withAdmin } from '../../test/setup/test-databases';

export const REDIS_URL = process.env.REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const BENCH_ADMIN = { email: 'admin@bench.duthao', password: 'bench-admin-password' };
export const BENCH_PASSWORD = 'bench-password-123';

export interface BenchApp {
  app: NestExpressApplication;
  base: string;
  db: DataSource;
  prefix: string;
  config: AppConfig;
  /** The environment the app's settings were read from (to start another process on the same database and prefix). */
  env: Record<string, string>;
  login(email: string, password: string): Promise<string>;
  close(): Promise<void>;
}

export async function startBenchApp(env: Record<string, string> = {}): Promise<BenchApp> {
  const tag = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const dbName = `duthao_bench_${tag}`;
  const prefix = `duthao-bench-${tag}`;
  const url = databaseUrl(dbName);
  await withAdmin((c) => c.query(`CREATE DATABASE ${dbName}`));
  const ds = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    if ((await migrate(ds)).length === 0) throw new Error('no migration found for the benchmark database');
  } finally {
    await ds.destroy();
  }
  const appEnv: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256-0123456789',
    ADMIN_EMAIL: BENCH_ADMIN.email,
    ADMIN_PASSWORD: BENCH_ADMIN.password,
    PUBLIC_URL: 'https://duthao.bench',
    LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000',
    LOGIN_MAX_FAILURES_PER_ADDRESS: '1000',
    // A line per request on the terminal would be measured with the app; bench/api.ts measures the
    // request log as production writes it, from a process of its own.
    LOG_LEVEL: 'warn',
    ...env,
  };
  const config = AppConfig.fromEnv(appEnv);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bodyParser: false, logger: ['error', 'warn'] });
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    base,
    db: app.get(DataSource),
    prefix,
    config,
    env: appEnv,
    login: async (email, password) => (await must(http(base, 'POST', '/api/auth/login', null, { email, password }), 200, 'login')).accessToken as string,
    close: async () => {
      await app.close().catch(() => undefined);
      await dropPrefix(prefix).catch(() => undefined);
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
    },
  };
}

export async function http(base: string, method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export async function must(p: Promise<{ status: number; body: any }>, status: number, what: string): Promise<any> {
  const res = await p;
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function until(check: () => Promise<boolean>, timeoutMs: number, what: string, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Deletes every Redis key of the benchmark's prefix. */
async function dropPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
