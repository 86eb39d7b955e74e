import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server tests create their databases on; TEST_DATABASE_URL overrides the local default. */
export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Each test run has a prefix; its template database holds the migrated schema. */
export function runPrefix(): string {
  const prefix = process.env.DUTHAO_TEST_RUN;
  if (!prefix) throw new Error('DUTHAO_TEST_RUN is not set: run the e2e tests through jest (global setup)');
  return prefix;
}

/** A fresh, migrated database for one test file, copied from the run's template (fast). */
export async function createTestDatabase(): Promise<string> {
  const name = `${runPrefix()}_${randomBytes(4).toString('hex')}`;
  await withAdmin(async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${name} TEMPLATE ${runPrefix()}_tpl`);
        return;
      } catch (err) {
        // Another file copying the template at the same instant: try again shortly.
        if (attempt > 20 || !/being accessed by other users/.test((err as Error).message)) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  return databaseUrl(name);
}

/** A database of this run with no schema at all, for tests of the migrations an app applies at start. */
export async function createEmptyDatabase(): Promise<string> {
  const name = `${runPrefix()}_${randomBytes(4).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  return databaseUrl(name);
}
