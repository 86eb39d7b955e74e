import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AgenciesService } from '../agencies/agencies.service';
import type { Actor } from '../common/auth/actor';
import { Clock } from '../common/clock';
import { Page } from '../common/pagination/list-query.dto';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { PlanAccess } from '../plans/plan-access';
import { assertMove } from '../plans/plan-moves';
import { ConferenceAccess } from './conference-access';
import { Conference, Minutes } from './conference.entity';
import { ConferenceList, ConferenceView } from './conference.views';
import { DirectivesService } from './directives.service';
import { CreateConferenceDto, MinutesDto, UpdateConferenceDto } from './dto/conference.dto';
import { conferenceErrors } from './conference-errors';

/** Conferences on a plan and their minutes (biên bản), editable by the secretariat until finalised. */
@Injectable()
export class ConferencesService {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectDataSource() private readonly db: DataSource,
    private readonly plans: PlanAccess,
    private readonly access: ConferenceAccess,
    private readonly agencies: AgenciesService,
    private readonly directives: DirectivesService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, planId: string, dto: CreateConferenceDto): Promise<ConferenceView> {
    return this.uow.run(actor, async (tx) => {
      const plan = await this.plans.lock(tx.em, planId, 'share');
      assertMove(plan.status, 'manage_conference');
      await this.assertAgencies(
        dto.attendees.map((a) => a.agencyId),
        'attendees',
      );
      const conference = await tx.em.getRepository(Conference).save({
        planId,
        title: dto.title,
        heldAt: new Date(dto.heldAt),
        location: dto.location,
        chair: dto.chair,
        secretary: dto.secretary,
        attendees: dto.attendees.map((a) => ({ name: a.name, position: a.position ?? null, agencyId: a.agencyId ?? null })),
        minutes: null,
        finalizedAt: null,
        finalizedBy: null,
        createdBy: actor.id,
        createdAt: tx.now,
        updatedAt: tx.now,
      });
      tx.audit('conference.created', 'conference', conference.id, { planId, title: dto.title, heldAt: dto.heldAt, location: dto.location, chair: dto.chair });
      return this.view(tx.em, conference, tx.now);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateConferenceDto): Promise<ConferenceView> {
    const fields = Object.keys(dto).filter((k) => dto[k as keyof UpdateConferenceDto] !== undefined);
    if (fields.length === 0) throw conferenceErrors.nothingToChange();
    return this.uow.run(actor, async (tx) => {
      const conference = await this.editable(tx, actor, id);
      if (dto.attendees)
        await this.assertAgencies(
          dto.attendees.map((a) => a.agencyId),
          'attendees',
        );
      const changes: Partial<Conference> = {
        ...(dto.title !== undefined && { title: dto.title }),
        ...(dto.heldAt !== undefined && { heldAt: new Date(dto.heldAt) }),
        ...(dto.location !== undefined && { location: dto.location }),
        ...(dto.chair !== undefined && { chair: dto.chair }),
        ...(dto.secretary !== undefined && { secretary: dto.secretary }),
        ...(dto.attendees !== undefined && {
          attendees: dto.attendees.map((a) => ({ name: a.name, position: a.position ?? null, agencyId: a.agencyId ?? null })),
        }),
      };
      if (conference.minutes && new Date(conference.minutes.endedAt) < (changes.heldAt ?? conference.heldAt)) {
        throw conferenceErrors.heldAfterEnd();
      }
      Object.assign(conference, changes, { updatedAt: tx.now });
      await tx.em.getRepository(Conference).update({ id }, { ...changes, updatedAt: tx.now });
      tx.audit('conference.updated', 'conference', id, { fields });
      return this.view(tx.em, conference, tx.now);
    });
  }

  async get(actor: Actor, id: string): Promise<ConferenceView> {
    return this.view(this.db.manager, await this.access.readable(actor, id, this.db.manager), this.clock.now());
  }

  async listForPlan(actor: Actor, planId: string, page: Page): Promise<ConferenceList> {
    await this.plans.readable(actor, planId);
    const [rows, total] = await this.db
      .getRepository(Conference)
      .findAndCount({ where: { planId }, order: { heldAt: 'DESC', id: 'ASC' }, take: page.limit, skip: page.offset });
    const now = this.clock.now();
    return { items: await Promise.all(rows.map((c) => this.view(this.db.manager, c, now))), total };
  }

  async putMinutes(actor: Actor, id: string, dto: MinutesDto): Promise<ConferenceView> {
    return this.uow.run(actor, async (tx) => {
      const conference = await this.editable(tx, actor, id);
      await this.assertAgencies([...dto.opinions.map((o) => o.agencyId), ...dto.directives.map((d) => d.agencyId)], 'opinions/directives');
      if (new Date(dto.endedAt) < conference.heldAt) {
        throw conferenceErrors.endsBeforeStart();
      }
      const minutes: Minutes = {
        summary: dto.summary,
        opinions: dto.opinions.map((o) => ({ speaker: o.speaker, agencyId: o.agencyId ?? null, content: o.content })),
        conclusions: dto.conclusions,
        directives: dto.directives.map((d) => ({ agencyId: d.agencyId, task: d.task, dueDate: d.dueDate, target: d.target ?? null })),
        endedAt: new Date(dto.endedAt).toISOString(),
      };
      await tx.em.getRepository(Conference).update({ id }, { minutes, updatedAt: tx.now });
      Object.assign(conference, { minutes, updatedAt: tx.now });
      tx.audit('minutes.saved', 'conference', id, {
        opinions: minutes.opinions.length,
        conclusions: minutes.conclusions.length,
        directives: minutes.directives.length,
        endedAt: minutes.endedAt,
      });
      return this.view(tx.em, conference, tx.now);
    });
  }

  /** Freezes the minutes; their directives become tracked tasks of the assignee agencies. */
  async finalize(actor: Actor, id: string): Promise<ConferenceView> {
    return this.uow.run(actor, async (tx) => {
      const conference = await this.editable(tx, actor, id);
      if (!conference.minutes) {
        throw conferenceErrors.minutesMissing();
      }
      if (conference.heldAt.getTime() > tx.now.getTime()) throw conferenceErrors.notHeldYet(conference.heldAt);
      await tx.em.getRepository(Conference).update({ id }, { finalizedAt: tx.now, finalizedBy: actor.id, updatedAt: tx.now });
      Object.assign(conference, { finalizedAt: tx.now, finalizedBy: actor.id, updatedAt: tx.now });
      tx.audit('minutes.finalized', 'conference', id, { directives: conference.minutes.directives.length });
      await this.directives.assign(tx, conference);
      return this.view(tx.em, conference, tx.now);
    });
  }

  private async editable(tx: Tx, actor: Actor, id: string): Promise<Conference> {
    const found = await this.access.readable(actor, id, tx.em);
    const plan = await this.plans.lock(tx.em, found.planId, 'share');
    const conference = await this.access.readable(actor, id, tx.em, true);
    if (conference.finalizedAt) throw conferenceErrors.minutesFinalized();
    assertMove(plan.status, 'manage_conference');
    return conference;
  }

  private async assertAgencies(ids: (string | null | undefined)[], field: string): Promise<void> {
    const given = ids.filter((x): x is string => typeof x === 'string');
    if (given.length) await this.agencies.assertExist(given, field);
  }

  async view(em: EntityManager, c: Conference, now: Date): Promise<ConferenceView> {
    const carried: { opinion_no: number; round_id: string; id: string }[] = c.minutes
      ? await em.query('SELECT opinion_no, round_id, id FROM comments WHERE conference_id = $1 ORDER BY opinion_no, created_at', [c.id])
      : [];
    return {
      id: c.id,
      planId: c.planId,
      title: c.title,
      heldAt: c.heldAt.toISOString(),
      location: c.location,
      chair: c.chair,
      secretary: c.secretary,
      attendees: c.attendees,
      minutes: c.minutes && {
        ...c.minutes,
        opinions: c.minutes.opinions.map((o, i) => ({
          no: i + 1,
          ...o,
          carriedInto: carried.filter((x) => x.opinion_no === i + 1).map((x) => ({ roundId: x.round_id, commentId: x.id })),
        })),
      },
      finalized: c.finalizedAt !== null,
      finalizedAt: c.finalizedAt?.toISOString() ?? null,
      directives: c.finalizedAt ? await this.directives.forConference(em, c.id, now) : [],
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  }
}
