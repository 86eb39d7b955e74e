import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { conflict, notFound } from '../common/errors/domain-error';
import { PlanAccess } from '../plans/plan-access';
import { Conference } from './conference.entity';

export const conferenceNotFound = () => notFound({ vi: 'hội nghị', en: 'conference' });

export const minutesFinalized = () =>
  conflict(
    'minutes_finalized',
    { vi: 'Biên bản hội nghị đã được chốt nên không thể sửa.', en: 'The minutes are finalised and can no longer change.' },
    { minutesStatus: 'finalized' },
  );

/** A conference is read by whoever may read its plan; to anyone else it does not exist. */
@Injectable()
export class ConferenceAccess {
  constructor(private readonly plans: PlanAccess) {}

  async readable(actor: Actor, id: string, em: EntityManager, lock = false): Promise<Conference> {
    const qb = em.getRepository(Conference).createQueryBuilder('c').where('c.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const conference = await qb.getOne();
    if (!conference || !(await this.plans.mayRead(actor, conference.planId, em))) throw conferenceNotFound();
    return conference;
  }
}
