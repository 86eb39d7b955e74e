import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { UnitOfWork } from '../database/unit-of-work';
import { agencyState } from './domain/agency-state';
import { isLate } from './domain/consultation-rules';
import { activeResponseSql } from './domain/consultation-sql';
import { SubmitResponseDto } from './dto/comment.dto';
import { ResponseView } from './consultation.views';
import { RoundAccess } from './round-access';
import { Response } from './response.entity';
import { consultationErrors } from './consultation-errors';

/**
 * An agency's official answer to a round ("văn bản góp ý"): it submits every draft comment of the
 * agency at once, or says "no comments". Once sent it is official: it can only be withdrawn (while
 * the round is open and before any comment of it has a decision) and sent again.
 */
@Injectable()
export class ResponsesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly rounds: RoundAccess,
  ) {}

  async submit(actor: Actor, roundId: string, dto: SubmitResponseDto): Promise<ResponseView> {
    return this.uow.run(actor, async (tx) => {
      const round = await this.rounds.forAgencyWrite(actor, roundId, tx.em);
      const agencyId = actor.agencyId!;
      const active = await tx.one(`SELECT rs.id FROM responses rs WHERE rs.round_id = $1 AND rs.agency_id = $2 AND ${activeResponseSql('rs')}`, [
        roundId,
        agencyId,
      ]);
      if (active) {
        throw consultationErrors.responseStands();
      }
      const drafts: { id: string }[] = await tx.query(
        `SELECT id FROM comments WHERE round_id = $1 AND agency_id = $2 AND status = 'draft' ORDER BY created_at, id FOR UPDATE`,
        [roundId, agencyId],
      );
      const noComments = dto.noComments === true;
      if (noComments && drafts.length > 0) {
        throw consultationErrors.draftsWithNoComments(drafts.length);
      }
      if (!noComments && drafts.length === 0) {
        throw consultationErrors.nothingToRespond();
      }
      const late = isLate(tx.now, round.deadline);
      const response = await tx.em.getRepository(Response).save({
        roundId,
        agencyId,
        noComments,
        reference: dto.reference ?? null,
        submittedBy: actor.id,
        submittedAt: tx.now,
        late,
        withdrawnBy: null,
        withdrawnAt: null,
      });
      const commentIds = drafts.map((d) => d.id);
      if (commentIds.length) {
        await tx.query(`UPDATE comments SET status = 'submitted', response_id = $2, submitted_at = $3, late = $4, updated_at = $3 WHERE id = ANY($1::uuid[])`, [
          commentIds,
          response.id,
          tx.now,
          late,
        ]);
      }
      tx.audit('response.submitted', 'round', roundId, { responseId: response.id, agencyId, noComments, reference: response.reference, late, commentIds });
      tx.emit({ type: 'response.submitted', payload: { roundId, agencyId, responseId: response.id, late } });
      return {
        id: response.id,
        roundId,
        agencyId,
        noComments,
        reference: response.reference,
        submittedAt: tx.now.toISOString(),
        late,
        state: agencyState(response),
        commentIds,
      };
    });
  }

  async withdraw(actor: Actor, roundId: string): Promise<{ roundId: string; agencyId: string; commentIds: string[] }> {
    return this.uow.run(actor, async (tx) => {
      await this.rounds.forAgencyWrite(actor, roundId, tx.em);
      const agencyId = actor.agencyId!;
      const active = await tx.one<{ id: string }>(
        `SELECT rs.id FROM responses rs WHERE rs.round_id = $1 AND rs.agency_id = $2 AND ${activeResponseSql('rs')} FOR UPDATE`,
        [roundId, agencyId],
      );
      if (!active) {
        throw consultationErrors.noResponse();
      }
      const comments: { id: string; decision: string | null }[] = await tx.query('SELECT id, decision FROM comments WHERE response_id = $1 FOR UPDATE', [
        active.id,
      ]);
      const decided = comments.filter((c) => c.decision !== null);
      if (decided.length) {
        throw consultationErrors.commentsDecided(decided.map((c) => c.id));
      }
      await tx.query('UPDATE responses SET withdrawn_at = $2, withdrawn_by = $3 WHERE id = $1', [active.id, tx.now, actor.id]);
      await tx.query(`UPDATE comments SET status = 'draft', response_id = NULL, submitted_at = NULL, late = false, updated_at = $2 WHERE response_id = $1`, [
        active.id,
        tx.now,
      ]);
      const commentIds = comments.map((c) => c.id);
      tx.audit('response.withdrawn', 'round', roundId, { responseId: active.id, agencyId, commentIds });
      return { roundId, agencyId, commentIds };
    });
  }
}
