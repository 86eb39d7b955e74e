/**
 * Audit sealing benchmark (issue 17): how fast the one sealer integrates committed entries into the
 * Merkle tree (numbering, leaf and node hashes, the stored subtrees, one signed checkpoint per batch
 * of 5,000), against what moving the same rows costs without any of that; what a proof costs once
 * the tree is large; and how long an entry waits between its commit and the checkpoint that holds
 * it while writers keep committing. Goals: ≥ 5,000 entries/s sealed; commit → sealed ≤ 1 s.
 *
 *   npm run bench -- audit-seal
 *
 * Settings: BENCH_ENTRIES (100000) entries sealed at once, BENCH_RUNS (3) times, each between two
 * runs of the baseline (medians); BENCH_WRITERS (8) connections writing entries through the unit of
 * work for BENCH_LATENCY_SECONDS (10) while the workers' sealer loop runs (AUDIT_SEAL_POLL_MS, 200);
 * BENCH_LONG_WRITE_MS (0: none) holds a write transaction that long, again and again, meanwhile, in
 * BENCH_LONG_WRITE_IN: `other` (a database of its own on the same server) or `duthao` (the bench's
 * database). It needs PostgreSQL (TEST_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres, where it creates its own database) and Redis
 * (TEST_REDIS_URL, default redis://127.0.0.1:6379).
 */
import { performance } from 'node:perf_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditProofs } from '../src/audit/audit-proofs.service';
import { ENTRY_COLUMNS, entryOf, EntryRow } from '../src/audit/audit-rows';
import { entryLeafHash } from '../src/audit/domain/audit-entry';
import { TreeBuilder } from '../src/audit/domain/merkle-tree';
import { AuditSealer } from '../src/audit/audit-sealer';
import { AuditSealerLoop } from '../src/audit/audit-sealer-loop';
import { UnitOfWork } from '../src/database/unit-of-work';
import { databaseUrl, withAdmin } from '../test/setup/test-databases';
import { startTestApp, TestApp } from '../test/support/test-app';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 100_000);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 10);
const GOAL = 5_000;
const LATENCY_GOAL_MS = 1_000;
const BATCH = 5_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LONG_WRITE_MS = Number(process.env.BENCH_LONG_WRITE_MS ?? 0);
const LONG_WRITE_IN = process.env.BENCH_LONG_WRITE_IN ?? 'other';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

export async function main(): Promise<void> {
  const name = `duthao_bench_seal_${randomBytes(4).toString('hex')}`;
  if (LONG_WRITE_IN !== 'other' && LONG_WRITE_IN !== 'duthao') throw new Error(`BENCH_LONG_WRITE_IN is other or duthao, not ${LONG_WRITE_IN}`);
  const other = LONG_WRITE_MS > 0 && LONG_WRITE_IN === 'other' ? `${name}_other` : null;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  if (other) await withAdmin((c) => c.query(`CREATE DATABASE ${other}`));
  const t = await startTestApp({ databaseUrl: databaseUrl(name) });
  try {
    const sealer = t.app.get(AuditSealer);
    await sealer.sealEverything();
    const runs: { seal: number; moves: number[]; hash: number }[] = [];
    for (let run = 0; run < RUNS; run++) {
      const [{ first }] = await t.db.query(`SELECT coalesce(max(id), 0) + 1 AS first FROM audit_log`);
      await insertEntries(t.db, ENTRIES);
      const moves = [await moveRows(t.db, Number(first))];
      const started = performance.now();
      await sealer.sealEverything(600_000);
      const seal = (performance.now() - started) / 1000;
      moves.push(await moveRows(t.db, Number(first)));
      runs.push({ seal, moves, hash: await hashAlone(t.db, Number(first)) });
      const floor = (moves[0] + moves[1]) / 2;
      console.log(
        `run ${run + 1}: sealed ${ENTRIES} entries in ${seal.toFixed(2)} s (${(ENTRIES / seal).toFixed(0)} entries/s); ` +
          `the rows moved without hashing ${moves.map((m) => m.toFixed(2)).join(' s before, ')} s after (${(ENTRIES / floor).toFixed(0)} entries/s): ` +
          `${(seal / floor).toFixed(2)}×; the hashing alone ${runs[run].hash.toFixed(2)} s`,
      );
    }
    const seal = median(runs.map((r) => r.seal));
    const floor = median(runs.map((r) => (r.moves[0] + r.moves[1]) / 2));
    const ratio = median(runs.map((r) => r.seal / ((r.moves[0] + r.moves[1]) / 2)));
    const rate = ENTRIES / seal;
    console.log(
      `median of ${RUNS}: ${rate.toFixed(0)} entries/s sealed (goal ≥ ${GOAL}: ${rate >= GOAL ? 'met' : 'missed'}); ` +
        `baseline, the same rows read in batches of ${BATCH} and inserted into a plain table: ${(ENTRIES / floor).toFixed(0)} entries/s; ` +
        `sealing is ${ratio.toFixed(2)}× the baseline; hashing and tree alone ${(ENTRIES / median(runs.map((r) => r.hash))).toFixed(0)} entries/s`,
    );

    const proofs = t.app.get(AuditProofs);
    const { treeSize } = await proofs.latest();
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const s = performance.now();
      await proofs.inclusion(Math.floor(Math.random() * treeSize));
      await proofs.consistency(Math.floor(Math.random() * treeSize), treeSize);
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    console.log(`at ${treeSize} entries: inclusion + consistency proof median ${pct(times, 50).toFixed(1)} ms, p99 ${pct(times, 99).toFixed(1)} ms`);

    await latencyUnderLoad(t, LONG_WRITE_MS > 0 ? databaseUrl(other ?? name) : null);
  } finally {
    await t.close();
    await withAdmin((c) => c.query(`DROP DATABASE ${name}`));
    if (other) await withAdmin((c) => c.query(`DROP DATABASE ${other}`));
  }
}

/** Entries shaped like the commonest one, comment.created, as committed changes leave them. */
async function insertEntries(db: DataSource, n: number): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, data)
     SELECT now(), gen_random_uuid(), 'comment.created', 'comment', gen_random_uuid(),
            jsonb_build_object('roundId', gen_random_uuid(), 'agencyId', gen_random_uuid(), 'sectionKey', 's' || i, 'hasQuote', i % 2 = 0,
                               'bodyChars', i % 5000, 'contentSha256', md5(i::text) || md5((i + 1)::text))
     FROM generate_series(1, $1) AS i`,
    [n],
  );
  await db.query('VACUUM ANALYZE audit_log');
}

/** The sealer's computation without the database: the same rows (read first, not timed), their leaves and the tree. Seconds. */
async function hashAlone(db: DataSource, firstId: number): Promise<number> {
  const rows: EntryRow[] = await db.query(`SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE id >= $1 ORDER BY id`, [firstId]);
  const tree = new TreeBuilder();
  const started = performance.now();
  for (const r of rows) tree.append(entryLeafHash(entryOf(r, tree.size)));
  tree.root();
  return (performance.now() - started) / 1000;
}

/**
 * What the sealer's data movement costs alone: the same entries read in id order in batches of
 * 5,000, each batch written to a plain table in one transaction (the sealer also numbers the rows
 * and writes their subtrees; this writes each row once). Seconds.
 */
async function moveRows(db: DataSource, firstId: number): Promise<number> {
  await db.query(`DROP TABLE IF EXISTS bench_moved`);
  await db.query(`CREATE TABLE bench_moved (id bigint, at timestamptz, actor_id uuid, action text, entity_type text, entity_id uuid, data jsonb)`);
  const started = performance.now();
  let after = firstId - 1;
  for (;;) {
    const moved = await db.transaction(async (em) => {
      const rows: EntryRow[] = await em.query(`SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE id > $1 ORDER BY id LIMIT ${BATCH}`, [after]);
      if (!rows.length) return 0;
      await em.query(
        `INSERT INTO bench_moved SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::jsonb[])`,
        [
          rows.map((r) => r.id),
          rows.map((r) => r.at),
          rows.map((r) => r.actor_id),
          rows.map((r) => r.action),
          rows.map((r) => r.entity_type),
          rows.map((r) => r.entity_id),
          rows.map((r) => JSON.stringify(r.data)),
        ],
      );
      after = Number(rows[rows.length - 1].id);
      return rows.length;
    });
    if (!moved) break;
  }
  const seconds = (performance.now() - started) / 1000;
  await db.query(`DROP TABLE bench_moved`);
  return seconds;
}

/** Until `until`: a write transaction held `ms` on the database at `url`, again and again, 500 ms apart. How many. */
async function holdLongWrites(url: string, ms: number, until: number): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  let held = 0;
  try {
    await c.query('CREATE TABLE IF NOT EXISTS bench_long_write (at timestamptz)');
    while (performance.now() + ms < until) {
      await c.query('BEGIN');
      await c.query('INSERT INTO bench_long_write VALUES (now())');
      await c.query('SELECT pg_sleep($1)', [ms / 1000]);
      await c.query('COMMIT');
      held++;
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await c.end();
  }
  return held;
}

/**
 * BENCH_WRITERS connections committing one change each after another through the unit of work (the
 * path every change takes: its audit row in its transaction) while the workers' sealer loop runs;
 * for each entry, the time from its commit to the commit of the first checkpoint that holds it.
 */
async function latencyUnderLoad(t: TestApp, longWriteUrl: string | null): Promise<void> {
  const sealer = t.app.get(AuditSealer);
  const uow = t.app.get(UnitOfWork);
  const seals: { treeSize: number; at: number }[] = [];
  const sealBatch = sealer.sealBatch.bind(sealer);
  sealer.sealBatch = async (limit?: number) => {
    const r = await sealBatch(limit);
    if (r.sealed > 0) seals.push({ treeSize: r.treeSize, at: performance.now() });
    return r;
  };
  const committed = new Map<string, number>();
  const loop = new AuditSealerLoop(sealer, t.config);
  loop.onApplicationBootstrap();
  const started = performance.now();
  const until = started + LATENCY_SECONDS * 1000;
  // The sealer takes an entry once every transaction of this database older than it has ended: a
  // long write here holds it back, one in another database of the server does not.
  const longest = { elsewhere: 0, here: 0 };
  const watching = (async () => {
    while (performance.now() < until) {
      const [{ elsewhere, here }] = await t.db.query(
        `SELECT coalesce(max(extract(epoch FROM clock_timestamp() - xact_start)) FILTER (WHERE datname IS DISTINCT FROM current_database()), 0)::float AS elsewhere,
                coalesce(max(extract(epoch FROM clock_timestamp() - xact_start)) FILTER (WHERE datname = current_database()), 0)::float AS here
         FROM pg_stat_activity WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()`,
      );
      longest.elsewhere = Math.max(longest.elsewhere, elsewhere);
      longest.here = Math.max(longest.here, here);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const holding = longWriteUrl ? holdLongWrites(longWriteUrl, LONG_WRITE_MS, until) : Promise.resolve(0);
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 0; performance.now() < until; i++) {
        const key = `${w}-${i}`;
        await uow.run(null, async (tx) =>
          tx.audit('comment.created', 'comment', randomUUID(), { key, roundId: randomUUID(), sectionKey: `s${i}`, hasQuote: i % 2 === 0, bodyChars: i % 5000 }),
        );
        committed.set(key, performance.now());
      }
    }),
  );
  const writing = (performance.now() - started) / 1000;
  await watching;
  const held = await holding;
  // The loop seals the last ones too.
  for (let i = 0; i < 500; i++) {
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE seq IS NULL`);
    if (n === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await loop.beforeApplicationShutdown();
  sealer.sealBatch = sealBatch;

  const rows: { seq: string | null; key: string }[] = await t.db.query(`SELECT seq, data->>'key' AS key FROM audit_log WHERE data ? 'key'`);
  const waits: number[] = [];
  for (const r of rows) {
    if (r.seq === null) throw new Error(`entry ${r.key} was never sealed`);
    const seq = Number(r.seq);
    let [lo, hi] = [0, seals.length - 1];
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (seals[m].treeSize > seq) hi = m;
      else lo = m + 1;
    }
    waits.push(Math.max(0, seals[lo].at - committed.get(r.key)!));
  }
  waits.sort((a, b) => a - b);
  const p99 = pct(waits, 99);
  console.log(
    `${WRITERS} writers for ${writing.toFixed(1)} s, sealer polling every ${t.config.auditSealPollMs} ms: ${rows.length} entries, ` +
      `${(rows.length / writing).toFixed(0)} entries/s committed, ${seals.length} checkpoints (${(rows.length / Math.max(1, seals.length)).toFixed(1)} entries each)`,
  );
  console.log(
    `commit → sealed: median ${pct(waits, 50).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${waits[waits.length - 1].toFixed(0)} ms ` +
      `(goal ≤ ${LATENCY_GOAL_MS} ms: ${p99 <= LATENCY_GOAL_MS ? 'met' : 'missed'} at p99); ` +
      `the longest write transaction meanwhile in another database of the server ${(longest.elsewhere * 1000).toFixed(0)} ms, ` +
      `in this one ${(longest.here * 1000).toFixed(0)} ms` +
      (longWriteUrl ? ` (${held} writes of ${LONG_WRITE_MS} ms held in ${LONG_WRITE_IN === 'other' ? 'another database' : 'this one'})` : ''),
  );
}
