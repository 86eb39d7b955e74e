import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { Clock } from '../common/clock';
import { Page } from '../common/pagination/list-query.dto';
import { provinceDate } from '../common/time/province-time';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import type { Conference } from './conference.entity';
import { DirectiveList, DirectiveView } from './conference.views';
import { directiveStatus, DirectiveStatus } from './domain/directive-status';
import { Directive } from './directive.entity';
import { UpdateDirectiveDto } from './dto/directive.dto';
import { conferenceErrors } from './conference-errors';

interface Row {
  id: string;
  conference_id: string;
  conference_title: string;
  plan_id: string;
  agency_id: string;
  agency_name: string;
  task: string;
  due_date: string;
  target: string | null;
  value: string | null;
  status: 'open' | 'done';
}

const SELECT = `SELECT d.id, d.conference_id, c.title AS conference_title, d.plan_id, d.agency_id, a.name AS agency_name,
                       d.task, to_char(d.due_date, 'YYYY-MM-DD') AS due_date, d.target, d.value, d.status
                FROM directives d JOIN conferences c ON c.id = d.conference_id JOIN agencies a ON a.id = d.agency_id`;

/**
 * Directives: tasks a conference assigned to an agency. The assignee agency and the secretariat
 * report progress; an agency sees only its own; "overdue" is worked out from the due date.
 */
@Injectable()
export class DirectivesService {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Called when minutes are finalised: their directives become tracked tasks. */
  async assign(tx: Tx, conference: Conference): Promise<void> {
    const inputs = conference.minutes?.directives ?? [];
    for (const [position, d] of inputs.entries()) {
      const directive = await tx.em.getRepository(Directive).save({
        conferenceId: conference.id,
        planId: conference.planId,
        position,
        agencyId: d.agencyId,
        task: d.task,
        dueDate: d.dueDate,
        target: d.target,
        value: null,
        status: 'open',
        createdAt: tx.now,
        updatedAt: tx.now,
      });
      tx.audit('directive.assigned', 'directive', directive.id, {
        conferenceId: conference.id,
        agencyId: d.agencyId,
        task: d.task,
        dueDate: d.dueDate,
        target: d.target,
      });
      tx.emit({ type: 'directive.assigned', payload: { directiveId: directive.id, agencyId: d.agencyId, dueDate: d.dueDate, planId: conference.planId } });
    }
  }

  async list(actor: Actor, filter: { agencyId?: string; status?: DirectiveStatus; planId?: string }, page: Page): Promise<DirectiveList> {
    if (actor.role === 'agency' && filter.agencyId && filter.agencyId !== actor.agencyId) {
      throw conferenceErrors.notYourDirective();
    }
    const agencyId = actor.role === 'agency' ? actor.agencyId : (filter.agencyId ?? null);
    const today = provinceDate(this.clock.now());
    // $3 is the province's date today: "open" and "overdue" are the stored "open" on either side of it.
    const byStatus = {
      open: `d.status = 'open' AND d.due_date >= $3::date`,
      overdue: `d.status = 'open' AND d.due_date < $3::date`,
      done: `d.status = 'done' AND $3::date IS NOT NULL`,
      any: `$3::date IS NOT NULL`,
    }[filter.status ?? 'any'];
    const where = `($1::uuid IS NULL OR d.agency_id = $1) AND ($2::uuid IS NULL OR d.plan_id = $2) AND ${byStatus}`;
    const params = [agencyId, filter.planId ?? null, today];
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM directives d WHERE ${where}`, params);
    const rows: Row[] = await this.db.query(`${SELECT} WHERE ${where} ORDER BY d.due_date, d.id LIMIT $4 OFFSET $5`, [...params, page.limit, page.offset]);
    return { items: await this.views(this.db.manager, rows, this.clock.now()), total };
  }

  async get(actor: Actor, id: string): Promise<DirectiveView> {
    const row = await this.visible(this.db.manager, actor, id);
    return (await this.views(this.db.manager, [row], this.clock.now()))[0];
  }

  async update(actor: Actor, id: string, dto: UpdateDirectiveDto): Promise<DirectiveView> {
    // docs/lifecycle.md: the assignee agency and the secretariat report; leaders and administrators read.
    if (actor.role !== 'secretariat' && actor.role !== 'agency') {
      throw conferenceErrors.mayNotUpdateDirective();
    }
    if (dto.status === undefined && dto.progress === undefined && dto.value === undefined) {
      throw conferenceErrors.nothingToUpdate();
    }
    return this.uow.run(actor, async (tx) => {
      await this.visible(tx.em, actor, id);
      const directive = await tx.em.getRepository(Directive).createQueryBuilder('d').setLock('pessimistic_write').where('d.id = :id', { id }).getOneOrFail();
      const changes: Partial<Directive> = {
        ...(dto.status !== undefined && { status: dto.status }),
        ...(dto.value !== undefined && { value: dto.value }),
      };
      await tx.em.getRepository(Directive).update({ id }, { ...changes, updatedAt: tx.now });
      await tx.query('INSERT INTO directive_progress (directive_id, at, by_user, note, value, status) VALUES ($1, $2, $3, $4, $5, $6)', [
        id,
        tx.now,
        actor.id,
        dto.progress ?? null,
        dto.value ?? null,
        dto.status ?? null,
      ]);
      tx.audit('directive.updated', 'directive', id, {
        from: { status: directive.status, value: directive.value },
        ...changes,
        progress: dto.progress ?? null,
      });
      const row = await this.visible(tx.em, actor, id);
      return (await this.views(tx.em, [row], tx.now))[0];
    });
  }

  async forConference(em: EntityManager, conferenceId: string, now: Date): Promise<DirectiveView[]> {
    const rows: Row[] = await em.query(`${SELECT} WHERE d.conference_id = $1 ORDER BY d.position`, [conferenceId]);
    return this.views(em, rows, now);
  }

  /** The secretariat and leaders reach every directive; an agency only its own (others do not exist). */
  private async visible(em: EntityManager, actor: Actor, id: string): Promise<Row> {
    const [row]: Row[] = await em.query(`${SELECT} WHERE d.id = $1`, [id]);
    if (!row || (actor.role === 'agency' && row.agency_id !== actor.agencyId)) throw conferenceErrors.directiveNotFound();
    return row;
  }

  private async views(em: EntityManager, rows: Row[], now: Date): Promise<DirectiveView[]> {
    const progress: { directive_id: string; at: Date; by_user: string; full_name: string; note: string | null; value: string | null; status: string | null }[] =
      rows.length
        ? await em.query(
            `SELECT p.directive_id, p.at, p.by_user, u.full_name, p.note, p.value, p.status
           FROM directive_progress p JOIN users u ON u.id = p.by_user WHERE p.directive_id = ANY($1::uuid[]) ORDER BY p.id`,
            [rows.map((r) => r.id)],
          )
        : [];
    const num = (v: string | null) => (v === null ? null : Number(v));
    return rows.map((r) => ({
      id: r.id,
      conferenceId: r.conference_id,
      conferenceTitle: r.conference_title,
      planId: r.plan_id,
      agencyId: r.agency_id,
      agencyName: r.agency_name,
      task: r.task,
      dueDate: r.due_date,
      target: num(r.target),
      value: num(r.value),
      status: directiveStatus(r.status, r.due_date, now),
      progress: progress
        .filter((p) => p.directive_id === r.id)
        .map((p) => ({ at: p.at.toISOString(), by: p.by_user, byName: p.full_name, note: p.note, value: num(p.value), status: p.status })),
    }));
  }
}
