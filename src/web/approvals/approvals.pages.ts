import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AgencyChoices } from '../agency-choices';
import type { ApprovalView } from '../../approvals/approval.views';
import { ApprovalsService } from '../../approvals/approvals.service';
import { ApprovalDecisionDto, SubmitForApprovalDto } from '../../approvals/dto/approval.dto';
import { Roles } from '../../common/auth/decorators';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { CommentsService } from '../../consultation/comments.service';
import { DECISIONS } from '../../consultation/domain/disposition';
import { RoundSummaries } from '../../consultation/round-summaries.query';
import { allowedActions } from '../../plans/domain/plan-lifecycle';
import { PlansService } from '../../plans/plans.service';
import { VersionsService } from '../../plans/versions.service';
import { UsersService } from '../../users/users.service';
import { FormBody, optional, text, texts, vnInteger } from '../form-adapter';
import { FormProblem, submitForm } from '../form-pipeline';
import { langOf, SignedIn, Text } from '../lang';
import { PageRenderer } from '../page-renderer';
import { WebController } from '../web-controller';
import { currentApproval } from './current-approval';

type Decision = 'approve' | 'return';
type DecisionForms = Partial<Record<Decision, { note: string; problem: FormProblem }>>;
const LABELS: Record<string, Text> = {
  note: { vi: 'Ý kiến, lý do', en: 'Note, reasons' },
  decision: { vi: 'Quyết định', en: 'Decision' },
  versionNumber: { vi: 'Dự thảo trình', en: 'Version sent' },
  approverIds: { vi: 'Lãnh đạo ký duyệt, theo thứ tự', en: 'Leaders who sign, in order' },
  approver: { vi: 'Người ký', en: 'Signer' },
};

/**
 * "Trình ký": sending the plan up (the secretariat), the steps for every reader of the plan, and for
 * the leader whose turn it is, what they sign (the version, the consolidation totals, the changes)
 * and the decision.
 */
@WebController('plans/:id/approval')
export class ApprovalPages {
  constructor(
    private readonly pages: PageRenderer,
    private readonly approvals: ApprovalsService,
    private readonly plans: PlansService,
    private readonly versions: VersionsService,
    private readonly summaries: RoundSummaries,
    private readonly comments: CommentsService,
    private readonly choices: AgencyChoices,
    private readonly users: UsersService,
  ) {}

  @Get()
  async show(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.render(req, res, id, {});
  }

  @Post('decision')
  @Roles('leader')
  async decide(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: FormBody): Promise<void> {
    const decision: Decision = text(body, 'decision') === 'return' ? 'return' : 'approve';
    const typed = { note: text(body, 'note') };
    await submitForm(req, res, {
      dto: ApprovalDecisionDto,
      input: { decision: text(body, 'decision'), note: optional(typed.note) },
      fields: ['note', 'decision'],
      confirm: decision === 'approve' ? body : undefined,
      run: (value) => this.approvals.decide(req.user, id, value),
      done: (after) => ({
        to: `/plans/${id}/approval`,
        flash:
          decision === 'return'
            ? { vi: 'Đã trả lại hồ sơ để chỉnh sửa; cơ quan chủ trì đã được thông báo lý do.', en: 'Returned for revision; the secretariat has your reasons.' }
            : after.status === 'approved'
              ? { vi: 'Đã phê duyệt. Dự thảo được phê duyệt chính thức.', en: 'Approved. The version is now approved.' }
              : { vi: 'Đã phê duyệt; hồ sơ chuyển tới lãnh đạo ký tiếp theo.', en: 'Approved; it goes on to the next leader.' },
      }),
      again: (problem) => this.render(req, res, id, { [decision]: { ...typed, problem } }),
    });
  }

  private async render(req: SignedIn, res: Response, id: string, forms: DecisionForms): Promise<void> {
    const actor = req.user;
    const plan = await this.plans.get(actor, id);
    const approval = await currentApproval(this.approvals, actor, id);
    const myTurn = actor.role === 'leader' && approval?.status === 'pending' && approval.steps.some((s) => s.state === 'current' && s.approverId === actor.id);
    const review = myTurn && approval ? await this.review(req, id, approval) : null;
    await this.pages.send(
      req,
      res,
      'approvals/show',
      {
        title: { vi: `Trình phê duyệt: ${plan.title}`, en: `Approval: ${plan.title}` },
        labels: LABELS,
        plan,
        approval,
        current: approval?.steps.find((s) => s.state === 'current') ?? null,
        myTurn,
        lastStep: myTurn && approval?.steps.filter((s) => s.state !== 'approved').length === 1,
        review,
        staff: actor.role === 'secretariat' || actor.role === 'leader',
        canSubmit: actor.role === 'secretariat' && allowedActions(plan.status).includes('submit_for_approval') && plan.latestVersion > 0,
        forms: { approve: forms.approve ?? { note: '' }, return: forms.return ?? { note: '' } },
      },
      forms.approve?.problem.status ?? forms.return?.problem.status ?? 200,
    );
  }

  /** What the leader reads before deciding: the text, each round's totals (one query) and what changed since the previous version. */
  private async review(req: SignedIn, planId: string, approval: ApprovalView) {
    const n = approval.versionNumber;
    const [version, diff, rounds] = await Promise.all([
      this.versions.get(req.user, planId, n),
      n > 1 ? this.versions.diff(req.user, planId, n, n - 1) : Promise.resolve(null),
      this.summaries.totalsForPlan(planId),
    ]);
    const sum = (key: 'comments' | 'undecided' | (typeof DECISIONS)[number]) => rounds.reduce((acc, r) => acc + r[key], 0);
    const changed = diff ? diff.sections.filter((s) => s.change !== 'same') : [];
    const same = diff ? diff.sections.length - changed.length : 0;
    const en = langOf(req) === 'en';
    return {
      version,
      rounds,
      totals: { comments: sum('comments'), undecided: sum('undecided'), ...Object.fromEntries(DECISIONS.map((d) => [d, sum(d)])) },
      diff: diff
        ? { from: diff.from, to: diff.to, sections: changed, sameText: same ? `${same} ${en ? 'section(s) unchanged' : 'mục không thay đổi'}` : '' }
        : null,
    };
  }

  @Get('new')
  @Roles('secretariat')
  async newApproval(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string): Promise<void> {
    // Sent up again after a return: the same leaders, in the same order, as a start.
    const last = await currentApproval(this.approvals, req.user, id);
    await this.approvalForm(req, res, id, last?.steps.map((s) => s.approverId) ?? []);
  }

  @Post('new')
  @Roles('secretariat')
  async submit(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: FormBody): Promise<void> {
    const chosen = texts(body, 'approverIds');
    await submitForm(req, res, {
      dto: SubmitForApprovalDto,
      input: { versionNumber: vnInteger(text(body, 'versionNumber')), approverIds: chosen.filter((x) => x !== '') },
      adjust: (errors, lang) => {
        if (errors.approverIds && chosen.every((x) => x === ''))
          errors.approverIds = lang === 'en' ? 'choose at least one leader' : 'hãy chọn ít nhất một lãnh đạo';
      },
      run: (value) => this.approvals.submit(req.user, id, value),
      done: () => ({ to: `/plans/${id}`, flash: { vi: 'Đã trình lãnh đạo phê duyệt.', en: 'Sent for approval.' } }),
      again: (problem) => this.approvalForm(req, res, id, chosen, problem),
    });
  }

  private async approvalForm(req: SignedIn, res: Response, id: string, chosen: string[], problem?: FormProblem): Promise<void> {
    const plan = await this.plans.get(req.user, id);
    const leaders = (await this.users.list({ limit: 200, offset: 0 }, { role: 'leader' })).items;
    const none = { value: '', label: langOf(req) === 'en' ? '— none —' : '— không chọn —' };
    const slots = Array.from({ length: Math.max(1, Math.min(leaders.length, 5)) }, (_, i) => ({
      no: i + 1,
      options: [{ ...none, selected: !chosen[i] }, ...leaders.map((l) => ({ value: l.id, label: `${l.fullName} (${l.email})`, selected: chosen[i] === l.id }))],
    }));
    const undecided = problem?.code === 'undecided_comments' ? await this.undecided(req, id, (problem.details.undecidedCommentIds as string[]) ?? []) : [];
    await this.pages.send(
      req,
      res,
      'approvals/new',
      { title: { vi: 'Trình phê duyệt', en: 'Send for approval' }, labels: LABELS, plan, slots, problem, errors: problem?.errors ?? {}, undecided },
      problem?.status ?? 200,
    );
  }

  /** The comments that keep the report from being complete, each with a link to decide it. */
  private async undecided(req: SignedIn, planId: string, ids: string[]) {
    const [rounds, agencies] = await Promise.all([this.summaries.totalsForPlan(planId), this.choices.all()]);
    const title = new Map(rounds.map((r) => [r.roundId, r.title]));
    const name = new Map(agencies.map((a) => [a.id, a.name]));
    const rows = await Promise.all(ids.slice(0, 50).map((c) => this.comments.get(req.user, c)));
    return rows.map((c) => ({ ...c, agencyName: name.get(c.agencyId) ?? '', roundTitle: title.get(c.roundId) ?? '' }));
  }
}
