import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { forbidden, invalid, notFound } from '../common/errors/domain-error';
import { undecidedCommentSql } from '../consultation/domain/consultation-sql';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { PlanAccess } from '../plans/plan-access';
import { assertMove } from '../plans/plan-moves';
import { setPlanStatus } from '../plans/plan-status';
import { ApprovalStep } from './approval-step.entity';
import { Approval } from './approval.entity';
import { ApprovalView } from './approval.views';
import { decideStep, initialSteps } from './domain/approval-steps';
import { ApprovalDecisionDto, SubmitForApprovalDto } from './dto/approval.dto';

/**
 * "Trình ký": the latest version goes up to leaders who sign in order. The gate: no submitted
 * comment of a closed round may be left without a disposition.
 */
@Injectable()
export class ApprovalsService {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectDataSource() private readonly db: DataSource,
    private readonly plans: PlanAccess,
  ) {}

  async submit(actor: Actor, planId: string, dto: SubmitForApprovalDto): Promise<ApprovalView> {
    return this.uow.run(actor, async (tx) => {
      const plan = await this.plans.lock(tx.em, planId);
      assertMove(plan.status, 'submit_for_approval');
      const undecided: { id: string }[] = await tx.query(
        `SELECT c.id FROM comments c JOIN rounds r ON r.id = c.round_id
         WHERE r.plan_id = $1 AND r.status = 'closed' AND ${undecidedCommentSql('c')}
         ORDER BY c.submitted_at, c.id`,
        [planId],
      );
      const to = assertMove(plan.status, 'submit_for_approval', { undecidedCommentIds: undecided.map((c) => c.id) });
      if (dto.versionNumber !== plan.latestVersion) {
        throw invalid({
          vi: `versionNumber: chỉ trình được dự thảo mới nhất${plan.latestVersion ? ` (lần ${plan.latestVersion})` : '; kế hoạch chưa có dự thảo nào'}`,
          en: `versionNumber: only the latest version can be submitted${plan.latestVersion ? ` (${plan.latestVersion})` : '; the plan has no version yet'}`,
        });
      }
      const leaders: { id: string }[] = await tx.query(`SELECT id FROM users WHERE id = ANY($1::uuid[]) AND role = 'leader' AND active`, [dto.approverIds]);
      const notLeaders = dto.approverIds.filter((id) => !leaders.some((l) => l.id === id));
      if (notLeaders.length) {
        throw invalid({
          vi: `approverIds: không phải tài khoản lãnh đạo: ${notLeaders.join(', ')}`,
          en: `approverIds: not leader accounts: ${notLeaders.join(', ')}`,
        });
      }
      const approval = await tx.em
        .getRepository(Approval)
        .save({ planId, versionNumber: dto.versionNumber, status: 'pending', createdBy: actor.id, createdAt: tx.now, decidedAt: null });
      const steps = initialSteps(dto.approverIds);
      await tx.em.getRepository(ApprovalStep).insert(steps.map((s) => ({ approvalId: approval.id, ...s, note: null, decidedAt: null })));
      tx.audit('approval.submitted', 'approval', approval.id, { planId, versionNumber: dto.versionNumber, approverIds: dto.approverIds });
      await setPlanStatus(tx, plan, to, 'approval.submitted', { approvalId: approval.id });
      tx.emit({ type: 'approval.step_reached', payload: { approvalId: approval.id, planId, approverId: steps[0].approverId, position: 0 } });
      return this.view(tx.em, approval);
    });
  }

  async current(actor: Actor, planId: string): Promise<ApprovalView> {
    await this.plans.readable(actor, planId);
    const approval = await this.db.getRepository(Approval).findOne({ where: { planId }, order: { createdAt: 'DESC', id: 'DESC' } });
    if (!approval) throw notFound({ vi: 'hồ sơ trình phê duyệt của kế hoạch này', en: 'approval for this plan' });
    return this.view(this.db.manager, approval);
  }

  async decide(actor: Actor, planId: string, dto: ApprovalDecisionDto): Promise<ApprovalView> {
    return this.uow.run(actor, async (tx) => {
      const plan = await this.plans.lock(tx.em, planId);
      const approval = await tx.em.getRepository(Approval).findOne({ where: { planId, status: 'pending' } });
      if (!approval) assertMove(plan.status, 'approve_step');
      if (!approval) throw notFound({ vi: 'hồ sơ đang trình phê duyệt', en: 'pending approval' });
      const steps = await tx.em.getRepository(ApprovalStep).find({ where: { approvalId: approval.id }, order: { position: 'ASC' } });
      const outcome = decideStep(steps, actor.id, dto.decision);
      if (!outcome.ok) {
        throw forbidden({ vi: 'Chỉ lãnh đạo đang đến lượt ký duyệt mới được quyết định.', en: 'Only the leader whose turn it is may decide.' });
      }
      if (dto.decision === 'return' && !dto.note?.trim()) {
        throw invalid({ vi: 'note: cần nêu lý do trả lại', en: 'note: give the reasons for returning the plan' });
      }
      const note = dto.note ?? null;
      await tx.query('UPDATE approval_steps SET state = $3, note = $4, decided_at = $5 WHERE approval_id = $1 AND position = $2', [
        approval.id,
        outcome.decided.position,
        outcome.decided.state,
        note,
        tx.now,
      ]);
      const common = { planId, position: outcome.decided.position, note };
      if (outcome.result === 'advanced' && outcome.next) {
        assertMove(plan.status, 'approve_step');
        await tx.query(`UPDATE approval_steps SET state = 'current' WHERE approval_id = $1 AND position = $2`, [approval.id, outcome.next.position]);
        tx.audit('approval.step_approved', 'approval', approval.id, common);
        tx.emit({ type: 'approval.step_approved', payload: { approvalId: approval.id, planId, approverId: actor.id } });
        tx.emit({
          type: 'approval.step_reached',
          payload: { approvalId: approval.id, planId, approverId: outcome.next.approverId, position: outcome.next.position },
        });
      } else {
        await this.finish(tx, approval, plan.id, outcome.result === 'approved' ? 'approved' : 'returned', common);
        await setPlanStatus(
          tx,
          plan,
          assertMove(plan.status, outcome.result === 'approved' ? 'approve_final' : 'return_for_revision'),
          `approval.${outcome.result}`,
          {
            approvalId: approval.id,
          },
        );
        if (outcome.result === 'approved') {
          await tx.query('UPDATE plans SET approved_version = $2 WHERE id = $1', [planId, approval.versionNumber]);
        }
      }
      return this.view(tx.em, await tx.em.getRepository(Approval).findOneByOrFail({ id: approval.id }));
    });
  }

  private async finish(
    tx: Tx,
    approval: Approval,
    planId: string,
    status: 'approved' | 'returned',
    data: { planId: string; position: number; note: string | null },
  ): Promise<void> {
    await tx.query('UPDATE approvals SET status = $2, decided_at = $3 WHERE id = $1', [approval.id, status, tx.now]);
    tx.audit(status === 'approved' ? 'approval.approved' : 'approval.returned', 'approval', approval.id, { ...data, versionNumber: approval.versionNumber });
    tx.emit({ type: status === 'approved' ? 'plan.approved' : 'plan.returned', payload: { approvalId: approval.id, planId, note: data.note } });
    if (status === 'approved') tx.emit({ type: 'approval.seal_requested', payload: { approvalId: approval.id, planId } });
  }

  private async view(em: EntityManager, approval: Approval): Promise<ApprovalView> {
    const steps: {
      position: number;
      approver_id: string;
      full_name: string;
      state: ApprovalView['steps'][number]['state'];
      note: string | null;
      decided_at: Date | null;
    }[] = await em.query(
      `SELECT s.position, s.approver_id, u.full_name, s.state, s.note, s.decided_at
         FROM approval_steps s JOIN users u ON u.id = s.approver_id WHERE s.approval_id = $1 ORDER BY s.position`,
      [approval.id],
    );
    return {
      id: approval.id,
      planId: approval.planId,
      versionNumber: approval.versionNumber,
      status: approval.status,
      createdAt: approval.createdAt.toISOString(),
      decidedAt: approval.decidedAt?.toISOString() ?? null,
      steps: steps.map((s) => ({
        position: s.position,
        approverId: s.approver_id,
        approverName: s.full_name,
        state: s.state,
        note: s.note,
        decidedAt: s.decided_at?.toISOString() ?? null,
      })),
    };
  }
}
