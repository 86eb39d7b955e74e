import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AgenciesService } from '../agencies/agencies.service';
import type { Actor } from '../common/auth/actor';
import { Clock } from '../common/clock';
import { Page } from '../common/pagination/list-query.dto';
import { UnitOfWork } from '../database/unit-of-work';
import { PlanAccess } from '../plans/plan-access';
import { assertMove } from '../plans/plan-moves';
import { setPlanStatus } from '../plans/plan-status';
import { PlanVersion } from '../plans/plan-version.entity';
import { agencyState } from './domain/agency-state';
import { activeResponseSql } from './domain/consultation-sql';
import { OpenRoundDto, UpdateRoundDto } from './dto/round.dto';
import { pendingAgencyIds } from './pending-agencies';
import { RoundAccess } from './round-access';
import { RoundAgencyView, RoundList, RoundView } from './consultation.views';
import { Round } from './round.entity';
import { consultationErrors } from './consultation-errors';

interface AgencyRow {
  agency_id: string;
  code: string;
  name: string;
  no_comments: boolean | null;
  late: boolean | null;
  submitted_at: Date | null;
  reference: string | null;
  letter_file_name: string | null;
  letter_bytes: number | null;
  letter_uploaded_at: Date | null;
  letter_uploaded_by_name: string | null;
}

@Injectable()
export class RoundsService {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectDataSource() private readonly db: DataSource,
    private readonly plans: PlanAccess,
    private readonly rounds: RoundAccess,
    private readonly agencies: AgenciesService,
    private readonly clock: Clock,
  ) {}

  async open(actor: Actor, planId: string, dto: OpenRoundDto): Promise<RoundView> {
    return this.uow.run(actor, async (tx) => {
      const plan = await this.plans.lock(tx.em, planId);
      const to = assertMove(plan.status, 'open_round');
      const version = await tx.em.getRepository(PlanVersion).findOne({ where: { planId, number: dto.versionNumber }, select: { number: true } });
      if (!version) {
        throw consultationErrors.noSuchVersion(dto.versionNumber, plan.latestVersion);
      }
      const deadline = new Date(dto.deadline);
      if (deadline.getTime() <= tx.now.getTime()) {
        throw consultationErrors.deadlinePassed();
      }
      await this.agencies.assertExist(dto.agencyIds, 'agencyIds');
      const round = await tx.em.getRepository(Round).save({
        planId,
        title: dto.title,
        versionNumber: dto.versionNumber,
        deadline,
        status: 'open',
        openedBy: actor.id,
        openedAt: tx.now,
        closedBy: null,
        closedAt: null,
      });
      await tx.query('INSERT INTO round_agencies (round_id, agency_id) SELECT $1, unnest($2::uuid[])', [round.id, dto.agencyIds]);
      tx.audit('round.opened', 'round', round.id, {
        planId,
        title: dto.title,
        versionNumber: dto.versionNumber,
        deadline: deadline.toISOString(),
        agencyIds: dto.agencyIds,
      });
      await setPlanStatus(tx, plan, to, 'round.opened', { roundId: round.id });
      tx.emit({ type: 'round.opened', payload: { roundId: round.id, planId } });
      return this.view(tx.em, actor, round, tx.now);
    });
  }

  async get(actor: Actor, roundId: string): Promise<RoundView> {
    const round = await this.rounds.reachable(actor, roundId);
    return this.view(this.db.manager, actor, round, this.clock.now());
  }

  async listForPlan(actor: Actor, planId: string, page: Page): Promise<RoundList> {
    await this.plans.readable(actor, planId);
    const qb = this.db.getRepository(Round).createQueryBuilder('r').where('r.plan_id = :planId', { planId });
    if (actor.role === 'agency') {
      qb.andWhere('EXISTS (SELECT 1 FROM round_agencies ra WHERE ra.round_id = r.id AND ra.agency_id = :agencyId)', { agencyId: actor.agencyId });
    }
    const [rounds, total] = await qb.orderBy('r.opened_at', 'DESC').addOrderBy('r.id').take(page.limit).skip(page.offset).getManyAndCount();
    const now = this.clock.now();
    return { items: await Promise.all(rounds.map((r) => this.view(this.db.manager, actor, r, now))), total };
  }

  async close(actor: Actor, roundId: string): Promise<RoundView> {
    return this.uow.run(actor, async (tx) => {
      const found = await this.rounds.reachable(actor, roundId, tx.em);
      const plan = await this.plans.lock(tx.em, found.planId);
      const round = await this.rounds.reachable(actor, roundId, tx.em, 'update');
      if (round.status !== 'open') {
        throw consultationErrors.roundAlreadyClosed(round.status, plan.status);
      }
      const to = assertMove(plan.status, 'close_round');
      await tx.query(`UPDATE rounds SET status = 'closed', closed_by = $2, closed_at = $3 WHERE id = $1`, [roundId, actor.id, tx.now]);
      Object.assign(round, { status: 'closed', closedBy: actor.id, closedAt: tx.now });
      tx.audit('round.closed', 'round', roundId, { planId: plan.id });
      await setPlanStatus(tx, plan, to, 'round.closed', { roundId });
      tx.emit({ type: 'round.closed', payload: { roundId, planId: plan.id } });
      return this.view(tx.em, actor, round, tx.now);
    });
  }

  /** Renames an open round or moves its deadline; reminders follow the new deadline. */
  async update(actor: Actor, roundId: string, dto: UpdateRoundDto): Promise<RoundView> {
    if (dto.title === undefined && dto.deadline === undefined) throw consultationErrors.nothingToChangeInRound();
    return this.uow.run(actor, async (tx) => {
      const round = await this.rounds.reachable(actor, roundId, tx.em, 'update');
      if (round.status !== 'open') {
        throw consultationErrors.roundClosedForEdits(round.status);
      }
      const previousDeadline = round.deadline;
      const deadline = dto.deadline !== undefined ? new Date(dto.deadline) : round.deadline;
      if (dto.deadline !== undefined && deadline.getTime() <= tx.now.getTime()) {
        throw consultationErrors.deadlinePassed();
      }
      round.title = dto.title ?? round.title;
      round.deadline = deadline;
      await tx.query('UPDATE rounds SET title = $2, deadline = $3 WHERE id = $1', [roundId, round.title, deadline]);
      tx.audit('round.updated', 'round', roundId, { title: round.title, deadline: deadline.toISOString(), previousDeadline: previousDeadline.toISOString() });
      if (deadline.getTime() !== previousDeadline.getTime()) {
        tx.emit({ type: 'round.deadline_changed', payload: { roundId, deadline: deadline.toISOString(), previousDeadline: previousDeadline.toISOString() } });
      }
      return this.view(tx.em, actor, round, tx.now);
    });
  }

  /** Asks for a reminder now to every invited agency that has not answered. */
  async remind(actor: Actor, roundId: string): Promise<{ roundId: string; pendingAgencyIds: string[] }> {
    return this.uow.run(actor, async (tx) => {
      const round = await this.rounds.reachable(actor, roundId, tx.em, 'share');
      if (round.status !== 'open') {
        throw consultationErrors.roundClosedForReminders(round.status);
      }
      const pending = await pendingAgencyIds(tx.em, roundId);
      tx.audit('round.reminded', 'round', roundId, { pendingAgencyIds: pending });
      if (pending.length) tx.emit({ type: 'round.reminder_requested', payload: { roundId, agencyIds: pending, at: tx.now.toISOString() } });
      return { roundId, pendingAgencyIds: pending };
    });
  }

  /** The round with each invited agency's state; an agency user sees only its own line. */
  async view(em: EntityManager, actor: Actor, round: Round, now: Date): Promise<RoundView> {
    const agencies = await this.agencyStates(em, round.id, actor.role === 'agency' ? actor.agencyId : null);
    return {
      id: round.id,
      planId: round.planId,
      title: round.title,
      versionNumber: round.versionNumber,
      deadline: round.deadline.toISOString(),
      status: round.status,
      openedAt: round.openedAt.toISOString(),
      closedAt: round.closedAt?.toISOString() ?? null,
      agencies: agencies.map((a) => this.agencyView(a, round, now)),
    };
  }

  async agencyStates(em: EntityManager, roundId: string, onlyAgencyId: string | null = null): Promise<AgencyRow[]> {
    return em.query(
      `SELECT ra.agency_id, a.code, a.name, rs.no_comments, rs.late, rs.submitted_at, rs.reference,
              l.file_name AS letter_file_name, l.bytes AS letter_bytes, l.uploaded_at AS letter_uploaded_at, lu.full_name AS letter_uploaded_by_name
       FROM round_agencies ra
       JOIN agencies a ON a.id = ra.agency_id
       LEFT JOIN responses rs ON rs.round_id = ra.round_id AND rs.agency_id = ra.agency_id AND ${activeResponseSql('rs')}
       LEFT JOIN response_letters l ON l.response_id = rs.id
       LEFT JOIN users lu ON lu.id = l.uploaded_by
       WHERE ra.round_id = $1 AND ($2::uuid IS NULL OR ra.agency_id = $2)
       ORDER BY a.name, a.id`,
      [roundId, onlyAgencyId],
    );
  }

  agencyView(a: AgencyRow, round: Round, now: Date): RoundAgencyView {
    const response = a.submitted_at ? { noComments: Boolean(a.no_comments), late: Boolean(a.late) } : null;
    return {
      agencyId: a.agency_id,
      code: a.code,
      name: a.name,
      state: agencyState(response),
      respondedAt: a.submitted_at?.toISOString() ?? null,
      reference: a.reference,
      noComments: Boolean(a.no_comments),
      overdue: !response && round.status === 'open' && now.getTime() > round.deadline.getTime(),
      letter: a.letter_file_name
        ? { fileName: a.letter_file_name, bytes: a.letter_bytes!, uploadedAt: a.letter_uploaded_at!.toISOString(), uploadedByName: a.letter_uploaded_by_name! }
        : null,
    };
  }
}
