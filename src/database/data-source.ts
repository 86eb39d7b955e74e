import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The migrations beside this build: dist/migrations/*.js for dist/database, migrations/*.ts from
 * source (tests), dist-bench/migrations/*.js when src/ and migrations/ are compiled together.
 */
const EXT = __filename.endsWith('.ts') ? 'ts' : 'js';
const MIGRATIONS_DIR =
  [join(__dirname, '..', 'migrations'), join(__dirname, '..', '..', 'migrations')].find((dir) => existsSync(dir)) ?? join(__dirname, '..', 'migrations');
const MIGRATIONS = join(MIGRATIONS_DIR, `*.${EXT}`);

/** The one description of the database, used by the app, the CLI and the tests. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: [MIGRATIONS],
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    extra: { max: 20, application_name: 'duthao' },
  };
}

/** Applies pending migrations; a session lock lets several processes start at once safely. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', ['duthao:migrations']);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', ['duthao:migrations']).catch(() => undefined);
    await runner.release();
  }
}
