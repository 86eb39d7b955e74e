import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { Round } from './round.entity';
import { consultationErrors } from './consultation-errors';

/** The round's columns under the entity's property names, for the statements written by hand. */
const ROUND_COLUMNS = `r.id, r.plan_id AS "planId", r.title, r.version_number AS "versionNumber", r.deadline, r.status,
  r.opened_by AS "openedBy", r.opened_at AS "openedAt", r.closed_by AS "closedBy", r.closed_at AS "closedAt"`;

const ROUND_FOR_AGENCY_WRITE = `SELECT ${ROUND_COLUMNS}, inv.found AS invited FROM rounds r
  LEFT JOIN LATERAL (SELECT true AS found FROM round_agencies ra WHERE ra.round_id = r.id AND ra.agency_id = $2 FOR UPDATE) inv ON true
  WHERE r.id = $1`;

/**
 * Agencies' writes share a round's lock, closing takes it alone. Advisory locks queue in order, so a
 * close waiting behind a stream of comments is served next (a row share lock would let new sharers
 * jump ahead of it). A statement of its own, so that what follows reads after the lock.
 */
function lockRound(em: EntityManager, roundId: string, lock: 'share' | 'update'): Promise<unknown> {
  const fn = lock === 'update' ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared';
  return em.query(`SELECT ${fn}(hashtextextended($1, 0))`, [`duthao:round:${roundId}`]);
}

/**
 * Rounds as each person may reach them: the secretariat and leaders every round; an agency user
 * only the rounds its agency was invited to (any other is "not found").
 */
@Injectable()
export class RoundAccess {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** With `lock`, the round is locked for the rest of the transaction first (lockRound). */
  async reachable(actor: Actor, roundId: string, em: EntityManager = this.db.manager, lock?: 'share' | 'update'): Promise<Round> {
    const round = await this.load(roundId, em, lock);
    if (actor.role === 'agency' && !(await this.invited(em, roundId, actor.agencyId))) throw consultationErrors.roundNotFound();
    return round;
  }

  /** The round, after taking its lock when asked. */
  private async load(roundId: string, em: EntityManager, lock?: 'share' | 'update'): Promise<Round> {
    if (lock) await lockRound(em, roundId, lock);
    const round = await em.getRepository(Round).findOneBy({ id: roundId });
    if (!round) throw consultationErrors.roundNotFound();
    return round;
  }

  async invited(em: EntityManager, roundId: string, agencyId: string | null): Promise<boolean> {
    if (!agencyId) return false;
    const rows = await em.query('SELECT 1 FROM round_agencies WHERE round_id = $1 AND agency_id = $2', [roundId, agencyId]);
    return rows.length > 0;
  }

  /**
   * For an agency's write in a round: the round locked against closing, the agency's invitation
   * row locked so that its comments and its response are changed one at a time. After the round's
   * lock, one statement reads the round and takes the invitation row: an agency not invited finds
   * no row and gets the same "not found" as reachable() gives it.
   */
  async forAgencyWrite(actor: Actor, roundId: string, em: EntityManager): Promise<Round> {
    await lockRound(em, roundId, 'share');
    const [row]: (Round & { invited: boolean | null })[] = await em.query(ROUND_FOR_AGENCY_WRITE, [roundId, actor.agencyId]);
    if (!row || (actor.role === 'agency' && !row.invited)) throw consultationErrors.roundNotFound();
    if (row.status !== 'open') throw consultationErrors.roundClosed();
    const { invited: _invited, ...round } = row;
    return round;
  }
}
