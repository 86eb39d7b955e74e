import type { EntityManager } from 'typeorm';

/** Invited agencies of a round that have no active response (the ones reminders go to). */
export async function pendingAgencyIds(em: Pick<EntityManager, 'query'>, roundId: string): Promise<string[]> {
  const rows: { agency_id: string }[] = await em.query(
    `SELECT ra.agency_id FROM round_agencies ra
     WHERE ra.round_id = $1 AND NOT EXISTS (
       SELECT 1 FROM responses rs WHERE rs.round_id = ra.round_id AND rs.agency_id = ra.agency_id AND rs.withdrawn_at IS NULL)
     ORDER BY ra.agency_id`,
    [roundId],
  );
  return rows.map((r) => r.agency_id);
}
