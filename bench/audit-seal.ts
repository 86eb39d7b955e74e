/**
 * Audit sealing benchmark (issue 17): how fast the one sealer integrates committed entries into the
 * Merkle tree (numbering, leaf and node hashes, the stored subtrees, one signed checkpoint per batch
 * of 5,000), and what a proof costs once the tree is large. Goal: ≥ 5,000 entries/s.
 *
 *   npm run bench -- audit-seal          (BENCH_ENTRIES=100000 by default)
 *
 * It needs PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres, where it
 * creates its own database) and Redis (TEST_REDIS_URL, default redis://127.0.0.1:6379).
 */
import { performance } from 'node:perf_hooks';
import { AuditProofs } from '../src/audit/audit-proofs.service';
import { AuditSealer } from '../src/audit/audit-sealer';
import { randomBytes } from 'node:crypto';
import { databaseUrl, withAdmin } from '../test/setup/test-databases';
import { startTestApp } from '../test/support/test-app';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 100_000);
const GOAL = 5_000;

export async function main(): Promise<void> {
  const name = `duthao_bench_seal_${randomBytes(4).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const t = await startTestApp({ databaseUrl: databaseUrl(name) });
  try {
    const sealer = t.app.get(AuditSealer);
    await sealer.sealEverything();
    // Entries shaped like the commonest one, comment.created, as committed changes leave them.
    await t.db.query(
      `INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, data)
       SELECT now(), gen_random_uuid(), 'comment.created', 'comment', gen_random_uuid(),
              jsonb_build_object('roundId', gen_random_uuid(), 'agencyId', gen_random_uuid(), 'sectionKey', 's' || i, 'hasQuote', i % 2 = 0,
                                 'bodyChars', i % 5000, 'contentSha256', md5(i::text) || md5((i + 1)::text))
       FROM generate_series(1, $1) AS i`,
      [ENTRIES],
    );
    const started = performance.now();
    await sealer.sealEverything(600_000);
    const seconds = (performance.now() - started) / 1000;
    const rate = ENTRIES / seconds;
    console.log(`sealed ${ENTRIES} entries in ${seconds.toFixed(2)} s: ${rate.toFixed(0)} entries/s (goal ≥ ${GOAL}: ${rate >= GOAL ? 'met' : 'missed'})`);

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
    console.log(`at ${treeSize} entries: inclusion + consistency proof median ${times[100].toFixed(1)} ms, p99 ${times[197].toFixed(1)} ms`);
  } finally {
    await t.close();
    await withAdmin((c) => c.query(`DROP DATABASE ${name}`));
  }
}
