import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { conflict, notFound } from '../common/errors/domain-error';
import { Round } from './round.entity';

export const roundNotFound = () => notFound({ vi: 'đợt lấy ý kiến', en: 'round' });

export const roundClosed = () =>
  conflict({ vi: 'Đợt lấy ý kiến đã kết thúc; không thể thay đổi ý kiến hay văn bản góp ý.', en: 'The round is closed; comments and responses can no longer change.' }, { roundStatus: 'closed' });

/**
 * Rounds as each person may reach them: the secretariat and leaders every round; an agency user
 * only the rounds its agency was invited to (any other is "not found").
 */
@Injectable()
export class RoundAccess {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async reachable(actor: Actor, roundId: string, em: EntityManager = this.db.manager, lock?: 'share' | 'update'): Promise<Round> {
    const qb = em.getRepository(Round).createQueryBuilder('r').where('r.id = :roundId', { roundId });
    if (lock) qb.setLock(lock === 'update' ? 'pessimistic_write' : 'pessimistic_read');
    const round = await qb.getOne();
    if (!round) throw roundNotFound();
    if (actor.role === 'agency' && !(await this.invited(em, roundId, actor.agencyId))) throw roundNotFound();
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
    const round = await this.reachable(actor, roundId, em, 'share');
    await em.query('SELECT 1 FROM round_agencies WHERE round_id = $1 AND agency_id = $2 FOR UPDATE', [roundId, actor.agencyId]);
    if (round.status !== 'open') throw roundClosed();
    return round;
  }
}
