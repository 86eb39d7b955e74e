import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { Round } from './round.entity';
import { consultationErrors } from './consultation-errors';

/**
 * Rounds as each person may reach them: the secretariat and leaders every round; an agency user
 * only the rounds its agency was invited to (any other is "not found").
 */
@Injectable()
export class RoundAccess {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * With `lock`, the round is locked for the rest of the transaction first: agencies' writes share
   * it, closing takes it alone. Advisory locks queue in order, so a close waiting behind a stream of
   * comments is served next (a row share lock would let new sharers jump ahead of it).
   */
  async reachable(actor: Actor, roundId: string, em: EntityManager = this.db.manager, lock?: 'share' | 'update'): Promise<Round> {
    const round = await this.load(roundId, em, lock);
    if (actor.role === 'agency' && !(await this.invited(em, roundId, actor.agencyId))) throw consultationErrors.roundNotFound();
    return round;
  }

  /** The round, after taking its lock when asked (a statement of its own, so that what follows reads after the lock). */
  private async load(roundId: string, em: EntityManager, lock?: 'share' | 'update'): Promise<Round> {
    if (lock) {
      const fn = lock === 'update' ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared';
      await em.query(`SELECT ${fn}(hashtextextended($1, 0))`, [`duthao:round:${roundId}`]);
    }
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
   * row locked so that its comments and its response are changed one at a time.
   */
  async forAgencyWrite(actor: Actor, roundId: string, em: EntityManager): Promise<Round> {
    const round = await this.load(roundId, em, 'share');
    // The invitation row doubles as the invitation check (one statement fewer on every comment):
    // an agency not invited finds no row and gets the same "not found" as reachable() gives it.
    const invitation = await em.query('SELECT 1 FROM round_agencies WHERE round_id = $1 AND agency_id = $2 FOR UPDATE', [roundId, actor.agencyId]);
    if (actor.role === 'agency' && invitation.length === 0) throw consultationErrors.roundNotFound();
    if (round.status !== 'open') throw consultationErrors.roundClosed();
    return round;
  }
}
