import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { conflict, invalid } from '../common/errors/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { PlanAccess } from '../plans/plan-access';
import { assertMove } from '../plans/plan-moves';
import { Comment } from './comment.entity';
import { commentNotFound } from './comments.service';
import { CommentView } from './consultation.views';
import { dispositionProblems } from './domain/disposition';
import { DispositionDto } from './dto/disposition.dto';
import { Round } from './round.entity';

/** The secretariat's decision on one submitted comment, with its reason ("giải trình, tiếp thu"). */
@Injectable()
export class DispositionsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly plans: PlanAccess,
  ) {}

  async record(actor: Actor, commentId: string, dto: DispositionDto): Promise<CommentView> {
    return this.uow.run(actor, async (tx) => {
      const found = await tx.one<{ plan_id: string }>('SELECT r.plan_id FROM comments c JOIN rounds r ON r.id = c.round_id WHERE c.id = $1', [commentId]);
      if (!found) throw commentNotFound();
      const plan = await this.plans.lock(tx.em, found.plan_id, 'share');
      const comment = await tx.em.getRepository(Comment).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :commentId', { commentId }).getOne();
      if (!comment) throw commentNotFound();
      if (comment.status !== 'submitted') {
        throw conflict(
          { vi: 'Ý kiến này còn là bản nháp của đơn vị, chưa được gửi chính thức; chưa thể giải trình, tiếp thu.', en: 'This comment is still a draft of its agency; it cannot take a disposition until submitted.' },
          { commentStatus: comment.status },
        );
      }
      assertMove(plan.status, 'decide_comment');
      const round = await tx.em.getRepository(Round).findOneByOrFail({ id: comment.roundId });
      const problems = dispositionProblems(dto, { roundVersion: round.versionNumber, latestVersion: plan.latestVersion });
      if (problems.length) throw invalid(problems);
      const previous = comment.decision ? { decision: comment.decision, reason: comment.reason, addressedInVersion: comment.addressedInVersion } : null;
      Object.assign(comment, {
        decision: dto.decision,
        reason: dto.reason ?? null,
        addressedInVersion: dto.addressedInVersion ?? null,
        decidedBy: actor.id,
        decidedAt: tx.now,
      });
      await tx.em.getRepository(Comment).update(
        { id: commentId },
        { decision: comment.decision, reason: comment.reason, addressedInVersion: comment.addressedInVersion, decidedBy: actor.id, decidedAt: tx.now },
      );
      tx.audit('disposition.recorded', 'comment', commentId, {
        roundId: comment.roundId,
        decision: comment.decision,
        reason: comment.reason,
        addressedInVersion: comment.addressedInVersion,
        previous,
      });
      tx.emit({ type: 'disposition.recorded', payload: { commentId, roundId: comment.roundId, agencyId: comment.agencyId, planId: plan.id } });
      return CommentView.of(comment);
    });
  }
}
