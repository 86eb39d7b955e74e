import { availableParallelism } from 'node:os';

/**
 * The environment variables duthao reads, each with its rule and default. Every problem is
 * collected so that one start-up error names all of them at once.
 */
export interface ConfigValues {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  databaseUrl: string | null;
  dataDir: string;
  embeddedPgPort: number;
  redisUrl: string;
  queuePrefix: string;
  adminEmail: string | null;
  adminPassword: string | null;
  jwtSecret: string | null;
  jwtTtlSeconds: number;
  smtpUrl: string | null;
  mailFrom: string;
  puppeteerExecutablePath: string | null;
  publicUrl: string;
  workers: boolean;
  seedDemo: boolean;
  /** Failed logins to one account from clients it does not know (no device cookie of its own) within `loginWindowSeconds`. */
  loginMaxFailuresPerAccount: number;
  /** Failed logins from one address (a whole office behind one NAT address) within `loginAddressWindowSeconds`. */
  loginMaxFailuresPerAddress: number;
  loginWindowSeconds: number;
  loginAddressWindowSeconds: number;
  trustProxy: boolean;
  /** How long before a deadline (or a directive's due date) reminders go out, in milliseconds, longest first. */
  reminderOffsetsMs: number[];
  jobAttempts: number;
  jobBackoffMs: number;
  /** A job whose worker stops renewing its lock for this long is taken over by another worker. */
  jobLockMs: number;
  workerConcurrency: number;
  outboxPollMs: number;
  /** Events for one recipient and one subject within this many seconds become one notice and one e-mail. */
  notifyDigestSeconds: number;
  /** Printed at the top left of documents: "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH". */
  issuingAuthority: string;
  /** The place in "Quảng Ninh, ngày … tháng … năm …". */
  placeName: string;
  renderConcurrency: number;
  renderRecycleAfter: number;
  /** Time limit of a one-page render; a longer document gets renderTimeoutPerPageMs more per estimated page. */
  renderTimeoutMs: number;
  renderTimeoutPerPageMs: number;
  /** Estimated pages rendering at once in one worker process; a larger document renders alone. */
  renderBudgetPages: number;
  /** Worker threads per process computing version diffs (off the HTTP thread). */
  diffThreads: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** When set, /metrics on the HTTP port needs "Authorization: Bearer <token>"; in production, without it, /metrics is served only on `metricsPort`. */
  metricsToken: string | null;
  /** A private port on which the process (API or worker) serves /metrics when set, for Prometheus to scrape each process directly. */
  metricsPort: number | null;
  /** Origins allowed to call the API from a browser; empty: none (CORS closed). */
  corsOrigins: string[];
  /** Changes (POST, PUT, PATCH, DELETE) one person may make per minute. */
  writeRateLimit: number;
  /** How long a stopping process waits for requests and jobs in flight before it exits anyway. */
  shutdownTimeoutMs: number;
  /** A PKCS#12 file (path) holding the organisation's key and certificate chain; null: a self-signed certificate kept in the database. */
  signingP12: string | null;
  auditSigningKey: string | null;
  auditSealPollMs: number;
  signingP12Password: string | null;
  /** PEM files of certificates (roots) whose signatures verify counts as trusted, besides duthao's own. */
  trustedCerts: string[];
  /** The largest signed official letter (PDF) an agency may attach to its response; 20 MB at most. */
  letterMaxBytes: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = NodeJS.ProcessEnv;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  private raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  optional(name: string): string | null {
    return this.raw(name) ?? null;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${value}")`);
      return fallback;
    }
    return n;
  }

  bool(name: string, fallback: boolean, truthy = ['true', '1', 'yes', 'on'], falsy = ['false', '0', 'no', 'off']): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (truthy.includes(value)) return true;
    if (falsy.includes(value)) return false;
    this.problems.push(`${name} must be one of ${[...truthy, ...falsy].join(', ')} (got "${value}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
    return fallback;
  }

  url(name: string, protocols: string[], fallback: string | null): string | null {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    try {
      const url = new URL(value);
      if (!protocols.includes(url.protocol)) throw new Error('protocol');
      return value;
    } catch {
      this.problems.push(`${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')} (got "${redact(value)}")`);
      return fallback;
    }
  }

  /** A comma-separated list of durations such as "3d,1d" (or "5s,2s" in tests), in milliseconds, longest first. */
  durations(name: string, fallback: string): number[] {
    const value = this.raw(name);
    const parsed = parseDurations(value ?? fallback);
    if (parsed) return parsed;
    this.problems.push(`${name} must be a comma-separated list of durations such as 3d,1d (got "${value}")`);
    return parseDurations(fallback)!;
  }

  duration(name: string, fallbackSeconds: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallbackSeconds;
    const match = /^(\d+)\s*(s|m|h|d)?$/.exec(value);
    const seconds = match ? Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[(match[2] ?? 's') as 's'] : NaN;
    if (!match || seconds < 60 || seconds > 30 * 86400) {
      this.problems.push(`${name} must be a duration between 1m and 30d such as 8h, 90m or 3600 (got "${value}")`);
      return fallbackSeconds;
    }
    return seconds;
  }
}

function parseDurations(value: string): number[] | null {
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  const parts = value.split(',').map((p) => /^(\d+)\s*(ms|s|m|h|d)$/.exec(p.trim()));
  if (parts.length > 10 || parts.some((m) => !m)) return null;
  return parts.map((m) => Number(m![1]) * unit[m![2] as keyof typeof unit]).sort((a, b) => b - a);
}

/** Hides the password of a URL in messages. */
function redact(value: string): string {
  return value.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

export function parseEnv(env: Env): ConfigValues {
  const r = new Reader(env);
  const nodeEnv = r.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const port = r.int('PORT', 3000, 1, 65535);
  const adminEmail = r.optional('ADMIN_EMAIL');
  const adminPassword = r.optional('ADMIN_PASSWORD');
  if (adminEmail && !/^[^\s@]+@[^\s@]+$/.test(adminEmail)) r.problems.push(`ADMIN_EMAIL must be an e-mail address (got "${adminEmail}")`);
  if ((adminEmail === null) !== (adminPassword === null)) r.problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  if (adminPassword !== null && adminPassword.length < 8) r.problems.push('ADMIN_PASSWORD must be at least 8 characters');
  const jwtSecret = r.optional('JWT_SECRET');
  if (jwtSecret !== null && jwtSecret.length < 32) r.problems.push('JWT_SECRET must be at least 32 characters');
  if (jwtSecret === null && nodeEnv === 'production') r.problems.push('JWT_SECRET is required when NODE_ENV=production');
  const queuePrefix = r.string('QUEUE_PREFIX', 'duthao');
  if (!/^[A-Za-z0-9:_-]{1,64}$/.test(queuePrefix)) r.problems.push(`QUEUE_PREFIX may hold only letters, digits, ":", "_" and "-" (got "${queuePrefix}")`);
  const mailFrom = r.string('MAIL_FROM', 'duthao <no-reply@duthao.local>');

  const values: ConfigValues = {
    nodeEnv,
    port,
    databaseUrl: r.url('DATABASE_URL', ['postgres:', 'postgresql:'], null),
    dataDir: r.string('DATA_DIR', '.data'),
    embeddedPgPort: r.int('EMBEDDED_PG_PORT', 54329, 1024, 65535),
    redisUrl: r.url('REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379') as string,
    queuePrefix,
    adminEmail: adminEmail?.toLowerCase() ?? null,
    adminPassword,
    jwtSecret,
    jwtTtlSeconds: r.duration('JWT_TTL', 8 * 3600),
    smtpUrl: r.url('SMTP_URL', ['smtp:', 'smtps:'], null),
    mailFrom,
    puppeteerExecutablePath: r.optional('PUPPETEER_EXECUTABLE_PATH'),
    publicUrl: (r.url('PUBLIC_URL', ['http:', 'https:'], `http://localhost:${port}`) as string).replace(/\/+$/, ''),
    workers: r.bool('WORKERS', true),
    seedDemo: r.bool('SEED_DEMO', false),
    loginMaxFailuresPerAccount: r.int('LOGIN_MAX_FAILURES_PER_ACCOUNT', 5, 1, 1_000_000),
    // An office of a few hundred people behind one NAT address mistypes passwords too: 300 an hour.
    loginMaxFailuresPerAddress: r.int('LOGIN_MAX_FAILURES_PER_ADDRESS', 300, 1, 1_000_000),
    loginWindowSeconds: r.int('LOGIN_WINDOW_SECONDS', 900, 1, 86_400),
    loginAddressWindowSeconds: r.int('LOGIN_ADDRESS_WINDOW_SECONDS', 3600, 1, 86_400),
    trustProxy: r.bool('TRUST_PROXY', false),
    reminderOffsetsMs: r.durations('REMINDER_OFFSETS', '3d,1d'),
    jobAttempts: r.int('JOB_ATTEMPTS', 5, 1, 100),
    jobBackoffMs: r.int('JOB_BACKOFF_MS', 2000, 10, 3_600_000),
    jobLockMs: r.int('JOB_LOCK_MS', 30_000, 1000, 3_600_000),
    workerConcurrency: r.int('WORKER_CONCURRENCY', 10, 1, 1000),
    outboxPollMs: r.int('OUTBOX_POLL_MS', 2000, 50, 600_000),
    notifyDigestSeconds: r.int('NOTIFY_DIGEST_SECONDS', 600, 0, 86_400),
    issuingAuthority: r.string('ISSUING_AUTHORITY', 'ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH'),
    placeName: r.string('PLACE_NAME', 'Quảng Ninh'),
    renderConcurrency: r.int('RENDER_CONCURRENCY', availableParallelism(), 1, 64),
    renderRecycleAfter: r.int('RENDER_RECYCLE_AFTER', 200, 1, 1_000_000),
    renderTimeoutMs: r.int('RENDER_TIMEOUT_MS', 30_000, 1000, 600_000),
    renderTimeoutPerPageMs: r.int('RENDER_TIMEOUT_PER_PAGE_MS', 100, 0, 10_000),
    renderBudgetPages: r.int('RENDER_BUDGET_PAGES', 1500, 1, 1_000_000),
    diffThreads: r.int('DIFF_THREADS', 1, 1, 64),
    logLevel: r.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    metricsToken: r.optional('METRICS_TOKEN'),
    metricsPort: env.METRICS_PORT?.trim() ? r.int('METRICS_PORT', 9464, 1, 65535) : null,
    corsOrigins: (r.optional('CORS_ORIGINS') ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    writeRateLimit: r.int('WRITE_RATE_LIMIT', 600, 1, 1_000_000),
    shutdownTimeoutMs: r.int('SHUTDOWN_TIMEOUT_MS', 25_000, 0, 600_000),
    signingP12: r.optional('SIGNING_P12'),
    signingP12Password: r.optional('SIGNING_P12_PASSWORD'),
    auditSigningKey: r.optional('AUDIT_SIGNING_KEY'),
    auditSealPollMs: r.int('AUDIT_SEAL_POLL_MS', 200, 10, 60_000),
    trustedCerts: (r.optional('TRUSTED_CERTS') ?? '')
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean),
    letterMaxBytes: r.int('LETTER_MAX_BYTES', 10 * 1024 * 1024, 1024, 20 * 1024 * 1024),
  };
  if (values.signingP12Password !== null && values.signingP12 === null)
    r.problems.push('SIGNING_P12_PASSWORD is set but SIGNING_P12 (the PKCS#12 file) is not');
  if (values.metricsPort !== null && values.metricsPort === port)
    r.problems.push(`METRICS_PORT must differ from PORT (${port}): metrics are served on a port of their own`);
  for (const origin of values.corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) r.problems.push(`CORS_ORIGINS must list origins such as https://cong.quangninh.gov.vn (got "${origin}")`);
  }
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return values;
}
