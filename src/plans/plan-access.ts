import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { notFound } from '../common/errors/domain-error';
import { Plan } from './plan.entity';

export const planNotFound = () => notFound({ vi: 'kế hoạch', en: 'plan' });

/**
 * Who may read a plan: staff (admin, secretariat, leaders) read every plan; an agency user reads
 * the plans its agency drafts or was invited to comment on. To anyone else a plan does not exist.
 */
@Injectable()
export class PlanAccess {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** SQL condition on `alias` (a plans row) that holds for the plans `actor` may read. */
  visibleCondition(actor: Actor, alias: string, param: string): { sql: string; params: Record<string, unknown> } {
    if (actor.role !== 'agency') return { sql: 'TRUE', params: {} };
    return {
      sql: `(${alias}.owner_agency_id = :${param} OR EXISTS (
              SELECT 1 FROM rounds r JOIN round_agencies ra ON ra.round_id = r.id
              WHERE r.plan_id = ${alias}.id AND ra.agency_id = :${param}))`,
      params: { [param]: actor.agencyId },
    };
  }

  async mayRead(actor: Actor, planId: string, em: EntityManager = this.db.manager): Promise<boolean> {
    if (actor.role !== 'agency') return true;
    const rows = await em.query(
      `SELECT 1 FROM plans p WHERE p.id = $1 AND (p.owner_agency_id = $2 OR EXISTS (
         SELECT 1 FROM rounds r JOIN round_agencies ra ON ra.round_id = r.id WHERE r.plan_id = p.id AND ra.agency_id = $2))`,
      [planId, actor.agencyId],
    );
    return rows.length > 0;
  }

  /** The plan if `actor` may read it; otherwise 404, whether it exists or not. */
  async readable(actor: Actor, planId: string, em: EntityManager = this.db.manager): Promise<Plan> {
    const plan = await em.getRepository(Plan).findOneBy({ id: planId });
    if (!plan || !(await this.mayRead(actor, planId, em))) throw planNotFound();
    return plan;
  }

  /** Locks the plan row for the rest of the transaction: every change of a plan's status goes through here. */
  async lock(em: EntityManager, planId: string, mode: 'update' | 'share' = 'update'): Promise<Plan> {
    const plan = await em
      .getRepository(Plan)
      .createQueryBuilder('p')
      .setLock(mode === 'update' ? 'pessimistic_write' : 'pessimistic_read')
      .where('p.id = :planId', { planId })
      .getOne();
    if (!plan) throw planNotFound();
    return plan;
  }
}
