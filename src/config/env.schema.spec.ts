import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, parseEnv } from './env.schema';

describe('environment', () => {
  it('runs with no configuration at all', () => {
    const c = parseEnv({});
    expect(c).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      databaseUrl: null,
      dataDir: '.data',
      redisUrl: 'redis://127.0.0.1:6379',
      publicUrl: 'http://localhost:3000',
      workers: true,
      seedDemo: false,
      jwtSecret: null,
      jwtTtlSeconds: 8 * 3600,
      loginMaxFailuresPerAccount: 5,
      loginWindowSeconds: 900,
      metricsToken: null,
      metricsPort: null,
    });
  });

  it('by default allows an office behind one NAT address at least 200 failed logins an hour', () => {
    const c = parseEnv({});
    // Fixed windows: the fewest failures an hour lets through is the limit of one window that spans it.
    expect(c.loginAddressWindowSeconds).toBeGreaterThanOrEqual(3600);
    expect(c.loginMaxFailuresPerAddress).toBeGreaterThanOrEqual(200);
    expect(parseEnv({ LOGIN_MAX_FAILURES_PER_ADDRESS: '50', LOGIN_ADDRESS_WINDOW_SECONDS: '600' })).toMatchObject({
      loginMaxFailuresPerAddress: 50,
      loginAddressWindowSeconds: 600,
    });
  });

  it('refuses a metrics port that is the HTTP port', () => {
    expect(() => parseEnv({ PORT: '8080', METRICS_PORT: '8080' })).toThrow(/METRICS_PORT must differ from PORT/);
    expect(parseEnv({ PORT: '8080', METRICS_PORT: '9464' }).metricsPort).toBe(9464);
  });

  it('reads every setting', () => {
    const c = parseEnv({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/duthao',
      REDIS_URL: 'redis://cache:6379/2',
      JWT_SECRET: 'x'.repeat(40),
      JWT_TTL: '90m',
      SMTP_URL: 'smtp://mail:25',
      PUBLIC_URL: 'https://duthao.quangninh.gov.vn/',
      WORKERS: 'off',
      SEED_DEMO: 'true',
      ADMIN_EMAIL: 'Admin@Tinh.vn',
      ADMIN_PASSWORD: 'long-enough',
    });
    expect(c).toMatchObject({
      port: 8080,
      jwtTtlSeconds: 5400,
      workers: false,
      seedDemo: true,
      publicUrl: 'https://duthao.quangninh.gov.vn',
      adminEmail: 'admin@tinh.vn',
    });
  });

  it('names every bad variable in one error, hiding passwords', () => {
    try {
      parseEnv({ PORT: 'abc', DATABASE_URL: 'mysql://u:secret@h/db', JWT_TTL: '1y', WORKERS: 'maybe', ADMIN_EMAIL: 'a@b.vn', NODE_ENV: 'production' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'JWT_TTL', 'WORKERS', 'ADMIN_EMAIL and ADMIN_PASSWORD', 'JWT_SECRET']) expect(problems).toContain(name);
      expect(problems).not.toContain('secret@');
    }
  });
});

describe('.env.example', () => {
  it('lists every variable the schema reads', () => {
    const schema = readFileSync(join(__dirname, 'env.schema.ts'), 'utf8');
    const read = new Set([...schema.matchAll(/r\.\w+\('([A-Z_]+)'/g)].map((m) => m[1]));
    const listed = new Set([...readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8').matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]));
    expect(read.size).toBeGreaterThan(15);
    expect([...read].filter((name) => !listed.has(name))).toEqual([]);
    expect([...listed].filter((name) => !read.has(name))).toEqual([]);
  });
});
