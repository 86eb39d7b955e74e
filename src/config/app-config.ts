import { ConfigValues, parseEnv } from './env.schema';

/** The settings of one process, validated once at boot. Inject this; never read process.env elsewhere. */
export class AppConfig implements ConfigValues {
  readonly nodeEnv!: ConfigValues['nodeEnv'];
  readonly port!: number;
  /** null: start the embedded PostgreSQL under `dataDir`. */
  readonly databaseUrl!: string | null;
  readonly dataDir!: string;
  readonly embeddedPgPort!: number;
  readonly redisUrl!: string;
  /** Prefix of every Redis key the queues write, so that several installations can share one Redis. */
  readonly queuePrefix!: string;
  readonly adminEmail!: string | null;
  readonly adminPassword!: string | null;
  /** null: a secret generated once and kept in the database, so every process signs alike. */
  readonly jwtSecret!: string | null;
  readonly jwtTtlSeconds!: number;
  readonly smtpUrl!: string | null;
  readonly mailFrom!: string;
  readonly puppeteerExecutablePath!: string | null;
  readonly publicUrl!: string;
  readonly workers!: boolean;
  readonly seedDemo!: boolean;
  readonly loginMaxFailuresPerAccount!: number;
  readonly loginMaxFailuresPerAddress!: number;
  readonly loginWindowSeconds!: number;
  readonly loginAddressWindowSeconds!: number;
  readonly trustProxy!: boolean;
  readonly reminderOffsetsMs!: number[];
  readonly jobAttempts!: number;
  readonly jobBackoffMs!: number;
  readonly jobLockMs!: number;
  readonly workerConcurrency!: number;
  readonly outboxPollMs!: number;
  readonly notifyDigestSeconds!: number;
  readonly issuingAuthority!: string;
  readonly placeName!: string;
  readonly renderConcurrency!: number;
  readonly renderRecycleAfter!: number;
  readonly renderTimeoutMs!: number;
  readonly renderTimeoutPerPageMs!: number;
  readonly renderBudgetPages!: number;
  readonly diffThreads!: number;
  readonly logLevel!: ConfigValues['logLevel'];
  readonly metricsToken!: string | null;
  readonly metricsPort!: number | null;
  readonly corsOrigins!: string[];
  readonly writeRateLimit!: number;
  readonly shutdownTimeoutMs!: number;
  /** null: duthao's own self-signed certificate, kept in the database (not for official use). */
  readonly signingP12!: string | null;
  readonly auditSigningKey!: string | null;
  readonly auditSealPollMs!: number;
  readonly signingP12Password!: string | null;
  readonly trustedCerts!: string[];
  readonly letterMaxBytes!: number;

  constructor(values: ConfigValues) {
    Object.assign(this, values);
    Object.freeze(this);
  }

  static fromEnv(env: NodeJS.ProcessEnv): AppConfig {
    return new AppConfig(parseEnv(env));
  }

  /** A copy with some settings replaced (tests, the CLI). */
  with(overrides: Partial<ConfigValues>): AppConfig {
    return new AppConfig({ ...this, ...overrides });
  }
}
