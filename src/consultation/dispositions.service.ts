import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { invalid } from '../common/errors/domain-error';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { planNotFound } from '../plans/plan-access';
import { assertMove } from '../plans/plan-moves';
import type { PlanStatus } from '../plans/domain/plan-lifecycle';
import { BoardService } from './board.service';
import { BulkDispositionResult, DecidedCommentView } from './board.views';
import { Comment } from './comment.entity';
import { isSubmittedComment } from './domain/consultation-rules';
import { dispositionProblems } from './domain/disposition';
import type { BulkDispositionDto } from './dto/board.dto';
import { DispositionDto } from './dto/disposition.dto';
import { RoundAccess } from './round-access';
import { Round } from './round.entity';
import { consultationErrors } from './consultation-errors';

interface PlanFacts {
  id: string;
  status: PlanStatus;
  latest_version: number;
}

/**
 * The secretariat's decision on submitted comments, with its reason ("giải trình, tiếp thu"): one
 * at a time or many at once, by the same rules, each comment audited the same way. The answer
 * carries what the board needs to move on (BoardService.progress), not the whole round again.
 */
@Injectable()
export class DispositionsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly rounds: RoundAccess,
    private readonly board: BoardService,
  ) {}

  async record(actor: Actor, commentId: string, dto: DispositionDto): Promise<DecidedCommentView> {
    return this.uow.run(actor, async (tx) => {
      const found = await tx.one<{ round_id: string; plan_id: string }>(
        'SELECT c.round_id, r.plan_id FROM comments c JOIN rounds r ON r.id = c.round_id WHERE c.id = $1',
        [commentId],
      );
      if (!found) throw consultationErrors.commentNotFound();
      const plan = await this.lockPlan(tx, found.plan_id);
      const [comment] = await this.lockComments(tx, [commentId]);
      if (!comment) throw consultationErrors.commentNotFound();
      if (!isSubmittedComment(comment)) throw consultationErrors.commentDraft([comment.id]);
      const round = await tx.em.getRepository(Round).findOneByOrFail({ id: comment.roundId });
      await this.apply(tx, plan, round, [comment], dto);
      const [view] = await this.board.rows(tx.em, round, [comment.id]);
      return { ...view, board: await this.board.progress(tx.em, round, comment) };
    });
  }

  /** One decision for many comments of a round: all of them or, on any refusal, none. */
  async recordMany(actor: Actor, roundId: string, dto: BulkDispositionDto): Promise<BulkDispositionResult> {
    return this.uow.run(actor, async (tx) => {
      const round = await this.rounds.reachable(actor, roundId, tx.em);
      const plan = await this.lockPlan(tx, round.planId);
      const comments = await this.lockComments(tx, dto.commentIds);
      const here = new Set(comments.filter((c) => c.roundId === round.id).map((c) => c.id));
      const missing = dto.commentIds.filter((id) => !here.has(id));
      if (missing.length) {
        throw consultationErrors.commentsNotFound(missing);
      }
      const drafts = comments.filter((c) => !isSubmittedComment(c)).map((c) => c.id);
      if (drafts.length) throw consultationErrors.commentDraft(drafts);
      await this.apply(tx, plan, round, comments, dto);
      const items = await this.board.rows(tx.em, round, dto.commentIds);
      const last = items[items.length - 1];
      return { items, total: items.length, board: await this.board.progress(tx.em, round, last) };
    });
  }

  /** Shares the plan's row lock (its status cannot move meanwhile) without reading its draft. */
  private async lockPlan(tx: Tx, planId: string): Promise<PlanFacts> {
    const plan = await tx.one<PlanFacts>('SELECT id, status, latest_version FROM plans WHERE id = $1 FOR SHARE', [planId]);
    if (!plan) throw planNotFound();
    return plan;
  }

  /** In id order, so that two decisions over overlapping comments cannot deadlock. */
  private async lockComments(tx: Tx, ids: string[]): Promise<Comment[]> {
    return tx.em.getRepository(Comment).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = ANY(:ids)', { ids }).orderBy('c.id').getMany();
  }

  private async apply(tx: Tx, plan: PlanFacts, round: Round, comments: Comment[], dto: DispositionDto): Promise<void> {
    assertMove(plan.status, 'decide_comment');
    const problems = dispositionProblems(dto, { roundVersion: round.versionNumber, latestVersion: plan.latest_version });
    if (problems.length) throw invalid(problems);
    const decision = { decision: dto.decision, reason: dto.reason ?? null, addressedInVersion: dto.addressedInVersion ?? null };
    await tx.query('UPDATE comments SET decision = $2, reason = $3, addressed_in_version = $4, decided_by = $5, decided_at = $6 WHERE id = ANY($1::uuid[])', [
      comments.map((c) => c.id),
      decision.decision,
      decision.reason,
      decision.addressedInVersion,
      tx.actor!.id,
      tx.now,
    ]);
    for (const c of comments) {
      const previous = c.decision ? { decision: c.decision, reason: c.reason, addressedInVersion: c.addressedInVersion } : null;
      tx.audit('disposition.recorded', 'comment', c.id, { roundId: c.roundId, ...decision, previous });
      tx.emit({ type: 'disposition.recorded', payload: { commentId: c.id, roundId: c.roundId, agencyId: c.agencyId, planId: plan.id } });
    }
  }
}
