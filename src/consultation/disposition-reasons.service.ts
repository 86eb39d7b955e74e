import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { Page } from '../common/pagination/list-query.dto';
import { UnitOfWork } from '../database/unit-of-work';
import { DispositionReason } from './disposition-reason.entity';
import type { Decision } from './domain/disposition';
import { CreateDispositionReasonDto, DispositionReasonList, DispositionReasonView } from './dto/disposition-reason.dto';
import { consultationErrors } from './consultation-errors';

/** An organisation keeps at most this many: a list to choose from, not an archive. */
export const REASONS_PER_ORGANISATION = 500;

const NO_ORGANISATION = '00000000-0000-0000-0000-000000000000';

const viewOf = (r: DispositionReason): DispositionReasonView => ({
  id: r.id,
  text: r.text,
  decision: r.decision,
  createdBy: r.createdBy,
  createdAt: r.createdAt.toISOString(),
});

/**
 * Reasons the secretariat writes once and picks for many comments. Each organisation has its own
 * list: the agency a secretariat user belongs to, or one shared list for staff of no agency.
 */
@Injectable()
export class DispositionReasonsService {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async list(actor: Actor, page: Page, decision?: Decision): Promise<DispositionReasonList> {
    const qb = this.db
      .getRepository(DispositionReason)
      .createQueryBuilder('d')
      .where('d.organisation_id IS NOT DISTINCT FROM :org', { org: actor.agencyId })
      .orderBy('d.created_at')
      .addOrderBy('d.id');
    if (decision) qb.andWhere('(d.decision = :decision OR d.decision IS NULL)', { decision });
    const [rows, total] = await qb.take(page.limit).skip(page.offset).getManyAndCount();
    return { items: rows.map(viewOf), total };
  }

  /** A template of the actor's own list; another organisation's does not exist for it. */
  async get(actor: Actor, id: string): Promise<DispositionReasonView> {
    const row = await this.db
      .getRepository(DispositionReason)
      .createQueryBuilder('d')
      .where('d.id = :id', { id })
      .andWhere('d.organisation_id IS NOT DISTINCT FROM :org', { org: actor.agencyId })
      .getOne();
    if (!row) throw consultationErrors.reasonNotFound();
    return viewOf(row);
  }

  async create(actor: Actor, dto: CreateDispositionReasonDto): Promise<DispositionReasonView> {
    return this.uow.run(actor, async (tx) => {
      // One writer per list at a time, so that the count below holds until commit.
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`duthao:reasons:${actor.agencyId ?? NO_ORGANISATION}`]);
      const [{ n }] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM disposition_reasons WHERE organisation_id IS NOT DISTINCT FROM $1', [
        actor.agencyId,
      ]);
      if (n >= REASONS_PER_ORGANISATION) {
        throw consultationErrors.reasonTemplatesFull(REASONS_PER_ORGANISATION);
      }
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO disposition_reasons (organisation_id, text, decision, created_by, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ((coalesce(organisation_id, '${NO_ORGANISATION}'::uuid)), (md5(text))) DO NOTHING RETURNING id`,
        [actor.agencyId, dto.text, dto.decision ?? null, actor.id, tx.now],
      );
      if (!row) {
        throw consultationErrors.reasonTemplateTaken();
      }
      const reason: DispositionReason = {
        id: row.id,
        organisationId: actor.agencyId,
        text: dto.text,
        decision: dto.decision ?? null,
        createdBy: actor.id,
        createdAt: tx.now,
      };
      tx.audit('disposition_reason.created', 'disposition_reason', reason.id, {
        organisationId: reason.organisationId,
        text: reason.text,
        decision: reason.decision,
      });
      return viewOf(reason);
    });
  }

  /** Removes a template of the actor's own list; another organisation's does not exist for it. */
  async remove(actor: Actor, id: string): Promise<void> {
    await this.uow.run(actor, async (tx) => {
      const [gone] = await tx.query<{ text: string; decision: Decision | null }>(
        'DELETE FROM disposition_reasons WHERE id = $1 AND organisation_id IS NOT DISTINCT FROM $2 RETURNING text, decision',
        [id, actor.agencyId],
      );
      if (!gone) throw consultationErrors.reasonNotFound();
      tx.audit('disposition_reason.deleted', 'disposition_reason', id, { organisationId: actor.agencyId, text: gone.text, decision: gone.decision });
    });
  }
}
