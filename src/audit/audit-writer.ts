import { EntityManager } from 'typeorm';
import { AuditEntityType, AuditEntry, chainHash } from './domain/audit-chain';

export interface AuditRecord {
  action: string;
  entityType: AuditEntityType;
  entityId: string | null;
  data: Record<string, unknown>;
}

/**
 * Appends rows to the audit chain inside the caller's transaction. The head row is locked, so
 * sequence numbers follow commit order with no gaps; callers append last to keep that lock short.
 */
export async function appendAudit(em: EntityManager, records: AuditRecord[], actorId: string | null, at: Date): Promise<void> {
  if (records.length === 0) return;
  const [head] = await em.query('SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE');
  let seq = Number(head.last_seq);
  let prevHash: string = head.last_hash;
  const params: unknown[] = [];
  const values: string[] = [];
  for (const record of records) {
    seq++;
    const entry: AuditEntry = {
      seq,
      at: at.toISOString(),
      actorId,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      data: JSON.parse(JSON.stringify(record.data)),
    };
    const hash = chainHash(prevHash, entry);
    const p = params.length;
    values.push(`($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7}, $${p + 8}, $${p + 9})`);
    params.push(entry.seq, entry.at, entry.actorId, entry.action, entry.entityType, entry.entityId, JSON.stringify(entry.data), prevHash, hash);
    prevHash = hash;
  }
  await em.query(
    `INSERT INTO audit_log (seq, at, actor_id, action, entity_type, entity_id, data, prev_hash, hash) VALUES ${values.join(', ')}`,
    params,
  );
  await em.query('UPDATE audit_head SET last_seq = $1, last_hash = $2 WHERE id = 1', [seq, prevHash]);
}
