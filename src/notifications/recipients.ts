import type { EntityManager } from 'typeorm';

export interface Recipient {
  id: string;
  email: string;
  fullName: string;
}

type Db = Pick<EntityManager, 'query'>;

const COLUMNS = 'u.id, u.email, u.full_name AS "fullName"';

/** The active users of these agencies. */
export function usersOfAgencies(db: Db, agencyIds: readonly string[]): Promise<Recipient[]> {
  if (agencyIds.length === 0) return Promise.resolve([]);
  return db.query(`SELECT ${COLUMNS} FROM users u WHERE u.active AND u.role = 'agency' AND u.agency_id = ANY($1::uuid[]) ORDER BY u.id`, [agencyIds]);
}

/**
 * "The secretariat" of a plan: secretariat users of the agency that drafts it, the one who created
 * it, and any others named (who opened the round, who sent it for approval).
 */
export function secretariatOf(db: Db, planId: string, alsoUserIds: readonly string[] = []): Promise<Recipient[]> {
  return db.query(
    `SELECT ${COLUMNS} FROM users u, plans p
     WHERE p.id = $1 AND u.active AND u.role = 'secretariat'
       AND ((p.owner_agency_id IS NOT NULL AND u.agency_id = p.owner_agency_id) OR u.id = p.created_by OR u.id = ANY($2::uuid[]))
     ORDER BY u.id`,
    [planId, alsoUserIds],
  );
}

export function user(db: Db, userId: string): Promise<Recipient[]> {
  return db.query(`SELECT ${COLUMNS} FROM users u WHERE u.id = $1 AND u.active`, [userId]);
}
