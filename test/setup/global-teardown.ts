import { withAdmin } from './test-databases';

/** Drops every database this run created. */
export default async function globalTeardown(): Promise<void> {
  const prefix = process.env.DUTHAO_TEST_RUN;
  if (!prefix) return;
  await withAdmin(async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  });
}
