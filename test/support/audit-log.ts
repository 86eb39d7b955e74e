import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { AuditSealer } from '../../src/audit/audit-sealer';
import { AuditEntry, checkpointText, entryLeafHash } from '../../src/audit/domain/audit-entry';
import { TreeBuilder } from '../../src/audit/domain/merkle-tree';
import { TestApp } from './test-app';

/** Test apps run no workers: this seals every committed entry now, as the worker's sealer would within a second. */
export function sealNow(t: TestApp): Promise<void> {
  return t.app.get(AuditSealer).sealEverything();
}

/** A `test.entry` audit entry tagged `tag`, written on `db` (a pool, or a client inside its own transaction). */
export function insertTestEntry(db: { query: (sql: string, p?: unknown[]) => Promise<unknown> }, tag: string): Promise<unknown> {
  return db.query(`INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, data) VALUES (now(), NULL, 'test.entry', 'plan', NULL, $1)`, [
    JSON.stringify({ tag }),
  ]);
}

/** The sealed entries as the database holds them, in index order. */
export async function sealedEntries(t: TestApp): Promise<AuditEntry[]> {
  const rows = await t.db.query(`SELECT seq, at, actor_id, action, entity_type, entity_id, data FROM audit_log WHERE seq IS NOT NULL ORDER BY seq`);
  return rows.map((r: Record<string, any>) => ({
    index: Number(r.seq),
    at: r.at.toISOString(),
    actorId: r.actor_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    data: r.data,
  }));
}

/**
 * What someone with the database but not the key can do: rewrite the stored tree and every
 * checkpoint to match the entries as they are now, signing with a key of their own (or keeping the
 * old signatures).
 */
export async function rewriteTree(t: TestApp, key: KeyObject | null): Promise<void> {
  const entries = await sealedEntries(t);
  const tree = new TreeBuilder();
  const nodes: { level: number; index: number; hash: Buffer }[] = [];
  const roots: string[] = [];
  for (const e of entries) {
    nodes.push(...tree.append(entryLeafHash(e)));
    roots.push(tree.root().toString('hex'));
  }
  await t.db.query('DELETE FROM audit_nodes');
  await t.db.query(`INSERT INTO audit_nodes (level, idx, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])`, [
    nodes.map((n) => n.level),
    nodes.map((n) => n.index),
    nodes.map((n) => n.hash),
  ]);
  const checkpoints = await t.db.query('SELECT tree_size, at FROM audit_checkpoints');
  for (const c of checkpoints) {
    const treeSize = Number(c.tree_size);
    const rootHash = roots[treeSize - 1];
    const signature = key ? sign(null, checkpointText({ treeSize, rootHash, at: c.at.toISOString() }), key).toString('base64') : null;
    await t.db.query('UPDATE audit_checkpoints SET root_hash = $2, signature = coalesce($3, signature) WHERE tree_size = $1', [treeSize, rootHash, signature]);
  }
}

export const otherKey = () => generateKeyPairSync('ed25519').privateKey;
