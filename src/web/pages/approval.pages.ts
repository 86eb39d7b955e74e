import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ApprovalView } from '../../approvals/approval.views';
import { ApprovalsService } from '../../approvals/approvals.service';
import { ApprovalDecisionDto } from '../../approvals/dto/approval.dto';
import type { Actor } from '../../common/auth/actor';
import { Roles } from '../../common/auth/decorators';
import { DomainError } from '../../common/errors/domain-error';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { DECISIONS } from '../../consultation/domain/disposition';
import { ReportService } from '../../consultation/report.service';
import { RoundsService } from '../../consultation/rounds.service';
import { allowedActions } from '../../plans/domain/plan-lifecycle';
import { PlansService } from '../../plans/plans.service';
import { VersionsService } from '../../plans/versions.service';
import { field, validateForm } from '../forms';
import { PageContexts, setFlash } from '../page-context';
import { Views } from '../views';
import { WebController } from '../web-controller';
import { formProblem, FormProblem, invalidForm, langOf, say, sendHtml } from './a-form-errors';

type Req_ = Request & { user: Actor };
type Decision = 'approve' | 'return';
type DecisionForms = Partial<Record<Decision, { note: string } & Partial<FormProblem>>>;

/**
 * "Trình ký": the approval steps for every reader of the plan; for the leader whose turn it is,
 * what they sign (the version, the consolidation totals, the changes) and the decision.
 */
@WebController('plans/:id/approval')
export class ApprovalPages {
  constructor(
    private readonly views: Views,
    private readonly contexts: PageContexts,
    private readonly approvals: ApprovalsService,
    private readonly plans: PlansService,
    private readonly versions: VersionsService,
    private readonly rounds: RoundsService,
    private readonly reports: ReportService,
  ) {}

  @Get()
  async show(@Req() req: Req_, @Res() res: Response, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.render(req, res, id, {});
  }

  @Post('decision')
  @Roles('leader')
  async decide(@Req() req: Req_, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: Record<string, unknown>): Promise<void> {
    const decision: Decision = field(body, 'decision') === 'return' ? 'return' : 'approve';
    const typed = { note: field(body, 'note') };
    const { value, errors } = await validateForm(ApprovalDecisionDto, { decision: field(body, 'decision'), note: typed.note.trim() ? typed.note : null }, langOf(req));
    if (errors) return this.render(req, res, id, { [decision]: { ...typed, ...invalidForm(errors) } });
    try {
      const after = await this.approvals.decide(req.user, id, value);
      const done = after.status === 'approved';
      setFlash(
        res,
        'ok',
        decision === 'return'
          ? say(req, 'Đã trả lại hồ sơ để chỉnh sửa; cơ quan chủ trì đã được thông báo lý do.', 'Returned for revision; the secretariat has your reasons.')
          : done
            ? say(req, 'Đã phê duyệt. Dự thảo được phê duyệt chính thức.', 'Approved. The version is now approved.')
            : say(req, 'Đã phê duyệt; hồ sơ chuyển tới lãnh đạo ký tiếp theo.', 'Approved; it goes on to the next leader.'),
      );
      res.redirect(303, `/plans/${id}/approval`);
    } catch (err) {
      await this.render(req, res, id, { [decision]: { ...typed, ...formProblem(err, langOf(req), ['note', 'decision']) } });
    }
  }

  private async render(req: Req_, res: Response, id: string, forms: DecisionForms): Promise<void> {
    const actor = req.user;
    const plan = await this.plans.get(actor, id);
    const approval = await this.approvals.current(actor, id).catch((err: unknown) => {
      if (err instanceof DomainError && err.code === 'not_found') return null;
      throw err;
    });
    const myTurn = actor.role === 'leader' && approval?.status === 'pending' && approval.steps.some((s) => s.state === 'current' && s.approverId === actor.id);
    const review = myTurn && approval ? await this.review(actor, id, approval) : null;
    const ctx = await this.contexts.build(req, res, langOf(req) === 'en' ? `Approval: ${plan.title}` : `Trình phê duyệt: ${plan.title}`);
    const status = forms.approve?.status ?? forms.return?.status ?? 200;
    sendHtml(
      res,
      this.views.render('a-approval', {
        ...ctx,
        plan,
        approval,
        current: approval?.steps.find((s) => s.state === 'current') ?? null,
        myTurn,
        review,
        staff: actor.role === 'secretariat' || actor.role === 'leader',
        canSubmit: actor.role === 'secretariat' && allowedActions(plan.status).includes('submit_for_approval') && plan.latestVersion > 0,
        forms: { approve: forms.approve ?? { note: '' }, return: forms.return ?? { note: '' } },
      }),
      status,
    );
  }

  /** What the leader reads before deciding: the text, each round's totals and what changed since the previous version. */
  private async review(actor: Actor, planId: string, approval: ApprovalView) {
    const n = approval.versionNumber;
    const [version, diff, rounds] = await Promise.all([
      this.versions.get(actor, planId, n),
      n > 1 ? this.versions.diff(actor, planId, n, n - 1) : Promise.resolve(null),
      this.rounds.listForPlan(actor, planId, { limit: 200, offset: 0 }),
    ]);
    const reports = await Promise.all(rounds.items.map((r) => this.reports.build(actor, r.id)));
    const rows = reports.map((r) => ({ roundId: r.roundId, title: r.title, versionNumber: r.versionNumber, status: r.status, totals: r.totals, agencies: r.agencies.length, answered: r.agencies.filter((a) => a.state !== 'pending').length }));
    const sum = (key: keyof (typeof rows)[number]['totals']) => rows.reduce((acc, r) => acc + r.totals[key], 0);
    const totals = { comments: sum('comments'), undecided: sum('undecided'), ...Object.fromEntries(DECISIONS.map((d) => [d, sum(d)])) };
    const changed = diff ? diff.sections.filter((s) => s.change !== 'same') : [];
    return {
      version,
      rounds: rows,
      totals,
      diff: diff ? { from: diff.from, to: diff.to, sections: changed, same: diff.sections.length - changed.length } : null,
    };
  }
}
