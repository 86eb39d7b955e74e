import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions, migrate } from '../../src/database/data-source';
import { databaseUrl, withAdmin } from './test-databases';

/** Migrates one template database per run; every test file copies it into its own database. */
export default async function globalSetup(): Promise<void> {
  const prefix = `duthao_t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  process.env.DUTHAO_TEST_RUN = prefix;
  const template = `${prefix}_tpl`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${template}`));
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl(template))).initialize();
  try {
    await migrate(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
