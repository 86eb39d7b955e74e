import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { PlanAccess } from '../plans/plan-access';
import { Conference } from './conference.entity';
import { conferenceErrors } from './conference-errors';

/** A conference is read by whoever may read its plan; to anyone else it does not exist. */
@Injectable()
export class ConferenceAccess {
  constructor(private readonly plans: PlanAccess) {}

  async readable(actor: Actor, id: string, em: EntityManager, lock = false): Promise<Conference> {
    const qb = em.getRepository(Conference).createQueryBuilder('c').where('c.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const conference = await qb.getOne();
    if (!conference || !(await this.plans.mayRead(actor, conference.planId, em))) throw conferenceErrors.conferenceNotFound();
    return conference;
  }
}
