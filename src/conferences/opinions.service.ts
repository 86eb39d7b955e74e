import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { Comment, newComment } from '../consultation/comment.entity';
import { CommentView } from '../consultation/consultation.views';
import { Round } from '../consultation/round.entity';
import { UnitOfWork } from '../database/unit-of-work';
import { PlanAccess } from '../plans/plan-access';
import { assertMove } from '../plans/plan-moves';
import { ConferenceAccess } from './conference-access';
import { conferenceErrors } from './conference-errors';

/**
 * "Tiếp thu các ý kiến tại hội nghị": an opinion from finalised minutes becomes a submitted comment
 * of the speaker's agency in a round of the same plan, so it gets a disposition and a row in the
 * consolidation report like any other.
 */
@Injectable()
export class OpinionsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly plans: PlanAccess,
    private readonly conferences: ConferenceAccess,
  ) {}

  async carry(actor: Actor, conferenceId: string, no: number, roundId: string): Promise<CommentView> {
    return this.uow.run(actor, async (tx) => {
      const found = await this.conferences.readable(actor, conferenceId, tx.em);
      const plan = await this.plans.lock(tx.em, found.planId, 'share');
      // Locked (after the plan, as every change of a conference is) so that of two requests carrying
      // the same opinion the second sees the first one's comment; the unique index stays the backstop.
      const conference = await this.conferences.readable(actor, conferenceId, tx.em, true);
      if (!conference.finalizedAt || !conference.minutes) {
        throw conferenceErrors.minutesNotFinalized(conference.minutes ? 'draft' : 'none');
      }
      const opinion = conference.minutes.opinions[no - 1];
      if (!opinion) throw conferenceErrors.opinionNotFound(no);
      if (!opinion.agencyId) {
        throw conferenceErrors.opinionWithoutAgency(no, opinion.speaker);
      }
      const round = await tx.em.getRepository(Round).findOneBy({ id: roundId });
      if (!round || round.planId !== conference.planId) {
        throw conferenceErrors.roundOfAnotherPlan();
      }
      assertMove(plan.status, 'carry_opinion');
      const already = await tx.one('SELECT id FROM comments WHERE conference_id = $1 AND opinion_no = $2 AND round_id = $3', [conferenceId, no, roundId]);
      if (already) {
        throw conferenceErrors.opinionCarried(no, (already as { id: string }).id);
      }
      const comment = await tx.em.getRepository(Comment).save(
        newComment({
          roundId,
          agencyId: opinion.agencyId,
          authorId: actor.id,
          body: opinion.content,
          status: 'submitted',
          source: 'conference',
          conferenceId,
          opinionNo: no,
          submittedAt: tx.now,
          createdAt: tx.now,
        }),
      );
      tx.audit('comment.created', 'comment', comment.id, {
        roundId,
        agencyId: opinion.agencyId,
        source: 'conference',
        conferenceId,
        opinionNo: no,
        body: opinion.content,
      });
      tx.audit('opinion.carried', 'conference', conferenceId, { opinionNo: no, roundId, commentId: comment.id });
      return CommentView.of(comment);
    });
  }
}
