import { EntityManager } from 'typeorm';
import { AuditEntityType } from './domain/audit-entry';

export interface AuditRecord {
  action: string;
  entityType: AuditEntityType;
  entityId: string | null;
  data: Record<string, unknown>;
}

/**
 * A plain insert: the row takes an id from a sequence and its transaction's id (column defaults) and
 * no row that another change writes, so no change waits for another here. The sealer gives it its
 * place in the tree after commit (AuditSealer).
 */
const APPEND_MANY = `
INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, data)
SELECT $6::timestamptz, $7::uuid, action, entity_type, entity_id, data::jsonb
FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::int[]) AS t(action, entity_type, entity_id, data, n)
ORDER BY n`;

const APPEND_ONE = `INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id, data) VALUES ($5, $6, $1, $2, $3, $4::jsonb)`;

/** Appends entries inside the caller's transaction: they exist, and get sealed, only if it commits. */
export async function appendAudit(em: EntityManager, records: AuditRecord[], actorId: string | null, at: Date): Promise<void> {
  if (records.length === 0) return;
  const iso = at.toISOString();
  if (records.length === 1) {
    const [r] = records;
    await em.query(APPEND_ONE, [r.action, r.entityType, r.entityId, JSON.stringify(r.data), iso, actorId]);
    return;
  }
  await em.query(APPEND_MANY, [
    records.map((r) => r.action),
    records.map((r) => r.entityType),
    records.map((r) => r.entityId),
    records.map((r) => JSON.stringify(r.data)),
    records.map((_, i) => i),
    iso,
    actorId,
  ]);
}
