import { EntityManager } from 'typeorm';
import { NodeKey, NodeReader, nodesNeeded } from './domain/merkle-tree';

type Queryable = Pick<EntityManager, 'query'>;

/** The stored complete subtrees for these keys, in one statement. */
export async function readNodes(db: Queryable, keys: NodeKey[]): Promise<Map<string, Buffer>> {
  const found = new Map<string, Buffer>();
  if (!keys.length) return found;
  const rows: { level: number; idx: string; hash: Buffer }[] = await db.query(
    `SELECT n.level, n.idx, n.hash FROM unnest($1::smallint[], $2::bigint[]) AS k(level, idx) JOIN audit_nodes n USING (level, idx)`,
    [keys.map((k) => k.level), keys.map((k) => k.index)],
  );
  for (const r of rows) found.set(`${r.level}/${r.idx}`, r.hash);
  return found;
}

/** Runs a proof or root computation over the stored nodes: it learns which nodes it needs, reads them, runs again. */
export async function withStoredNodes<T>(db: Queryable, compute: (read: NodeReader) => T): Promise<T> {
  const nodes = await readNodes(db, nodesNeeded(compute));
  return compute((level, index) => {
    const hash = nodes.get(`${level}/${index}`);
    if (!hash) throw new Error(`audit tree node ${level}/${index} is missing`);
    return hash;
  });
}

export async function writeNodes(db: Queryable, nodes: (NodeKey & { hash: Buffer })[]): Promise<void> {
  if (!nodes.length) return;
  await db.query(`INSERT INTO audit_nodes (level, idx, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])`, [
    nodes.map((n) => n.level),
    nodes.map((n) => n.index),
    nodes.map((n) => n.hash),
  ]);
}
