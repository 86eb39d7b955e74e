import type { EntityManager } from 'typeorm';
import { pendingAgencySql } from './domain/consultation-sql';

/** Invited agencies of a round that have no active response (the ones reminders go to). */
export async function pendingAgencyIds(em: Pick<EntityManager, 'query'>, roundId: string): Promise<string[]> {
  const rows: { agency_id: string }[] = await em.query(
    `SELECT ra.agency_id FROM round_agencies ra WHERE ra.round_id = $1 AND ${pendingAgencySql('ra')} ORDER BY ra.agency_id`,
    [roundId],
  );
  return rows.map((r) => r.agency_id);
}
