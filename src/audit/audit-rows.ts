import { AuditEntry, Checkpoint, CheckpointAlgorithm } from './domain/audit-entry';

/** An audit_log row as the driver gives it. */
export interface EntryRow {
  id: string;
  seq: string | null;
  at: Date;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: Record<string, unknown>;
}

export const ENTRY_COLUMNS = 'id, seq, at, actor_id, action, entity_type, entity_id, data';

/** The entry as its leaf is hashed, at `index` (the row's seq, or the one the sealer gives it). */
export function entryOf(row: EntryRow, index = Number(row.seq)): AuditEntry {
  return { index, at: row.at.toISOString(), actorId: row.actor_id, action: row.action, entityType: row.entity_type, entityId: row.entity_id, data: row.data };
}

export interface CheckpointRow {
  tree_size: string;
  root_hash: string;
  at: Date;
  algorithm: CheckpointAlgorithm;
  public_key: string;
  signature: string;
}

export const CHECKPOINT_COLUMNS = 'tree_size, root_hash, at, algorithm, public_key, signature';

export function checkpointOf(r: CheckpointRow): Checkpoint {
  return {
    treeSize: Number(r.tree_size),
    rootHash: r.root_hash,
    at: r.at.toISOString(),
    algorithm: r.algorithm,
    publicKey: r.public_key,
    signature: r.signature,
  };
}
