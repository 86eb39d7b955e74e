import { Body, Get, Header, Param, Post, Query, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { AgenciesService } from '../../agencies/agencies.service';
import { ApprovalsService } from '../../approvals/approvals.service';
import { SubmitForApprovalDto } from '../../approvals/dto/approval.dto';
import { Roles } from '../../common/auth/decorators';
import { Clock } from '../../common/clock';
import { DomainError, invalid } from '../../common/errors/domain-error';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { ConferencesService } from '../../conferences/conferences.service';
import { CommentsService } from '../../consultation/comments.service';
import { OpenRoundDto } from '../../consultation/dto/round.dto';
import { ReportService } from '../../consultation/report.service';
import { RoundsService } from '../../consultation/rounds.service';
import { DocumentsService } from '../../documents/documents.service';
import { allowedActions } from '../../plans/domain/plan-lifecycle';
import { CreatePlanDto } from '../../plans/dto/create-plan.dto';
import { FreezeVersionDto } from '../../plans/dto/version.dto';
import { PlansService } from '../../plans/plans.service';
import { VersionsService } from '../../plans/versions.service';
import { UsersService } from '../../users/users.service';
import { field, fields, localDateTime, validateForm } from '../forms';
import { PageContexts, setFlash } from '../page-context';
import { Views } from '../views';
import { WebController } from '../web-controller';
import { documentLabel } from './documents.pages';
import { defaultDeadline, fieldProblem, FormProblem, formProblem, intOrNull, langOf, pageTitle, SignedIn } from './secretariat-forms';

const ALL = { limit: 200, offset: 0 };
const HTML = 'text/html; charset=utf-8';

/** Rows of heading/body typed on a form; rows left wholly blank are dropped. */
function sectionRows(body: Record<string, unknown>, extra = 0): { heading: string; body: string }[] {
  const headings = fields(body, 'heading');
  const bodies = fields(body, 'body');
  const rows = headings.map((heading, i) => ({ heading, body: bodies[i] ?? '' })).filter((r) => r.heading.trim() || r.body.trim());
  for (let i = 0; i < extra || rows.length === 0; i++) rows.push({ heading: '', body: '' });
  return rows;
}

/** The secretariat's plans: list, create, overview with the next allowed moves, versions and their redline, opening a round, sending for approval. */
@WebController()
@Roles('secretariat', 'leader')
export class PlanPages {
  constructor(
    private readonly views: Views,
    private readonly contexts: PageContexts,
    private readonly plans: PlansService,
    private readonly versions: VersionsService,
    private readonly rounds: RoundsService,
    private readonly reports: ReportService,
    private readonly comments: CommentsService,
    private readonly conferences: ConferencesService,
    private readonly approvals: ApprovalsService,
    private readonly documents: DocumentsService,
    private readonly agencies: AgenciesService,
    private readonly users: UsersService,
    private readonly clock: Clock,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Get('plans')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  async list(@Req() req: SignedIn, @Res({ passthrough: true }) res: Response): Promise<string> {
    const ctx = await this.contexts.build(req, res, pageTitle(req, 'Đề án, kế hoạch', 'Plans'));
    const { items, total } = await this.plans.list(req.user, ALL);
    return this.views.render('b-plans', { ...ctx, plans: items, total });
  }

  @Get('plans/new')
  @Roles('secretariat')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  async newPlan(@Req() req: SignedIn, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.planForm(req, res, { title: '', kind: 'Đề án', ownerAgencyId: req.user.agencyId ?? '', sections: sectionRows({}) });
  }

  @Post('plans/new')
  @Roles('secretariat')
  async create(@Req() req: SignedIn, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const typed = { title: field(body, 'title'), kind: field(body, 'kind'), ownerAgencyId: field(body, 'ownerAgencyId'), sections: sectionRows(body, field(body, '_add') ? 1 : 0) };
    if (field(body, '_add')) {
      res.status(200).type('html').send(await this.planForm(req, res, typed));
      return;
    }
    const lang = langOf(req);
    const input = { title: typed.title, kind: typed.kind.trim() || null, ownerAgencyId: typed.ownerAgencyId || null, sections: typed.sections };
    const { value, errors } = await validateForm(CreatePlanDto, input, lang);
    let problem: FormProblem | null = errors ? fieldProblem(errors, lang) : null;
    if (!problem) {
      try {
        const plan = await this.plans.create(req.user, value);
        setFlash(res, 'ok', lang === 'en' ? 'The plan was created.' : 'Đã tạo đề án, kế hoạch.');
        res.redirect(303, `/plans/${plan.id}`);
        return;
      } catch (err) {
        problem = formProblem(err, lang);
      }
    }
    res.status(problem.status).type('html').send(await this.planForm(req, res, typed, problem));
  }

  private async planForm(req: SignedIn, res: Response, typed: Record<string, unknown> & { sections: { heading: string; body: string }[] }, problem?: FormProblem): Promise<string> {
    const ctx = await this.contexts.build(req, res, pageTitle(req, 'Tạo đề án, kế hoạch', 'New plan'));
    const errors = problem?.fields ?? {};
    const sections = typed.sections.map((s, i) => ({ ...s, no: i + 1, headingError: errors[`sections[${i}].heading`], bodyError: errors[`sections[${i}].body`] }));
    return this.views.render('b-plan-new', { ...ctx, form: typed, sections, agencies: (await this.agencies.list(ALL)).items, problem, errors });
  }

  @Get('plans/:id')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  async overview(@Req() req: SignedIn, @Res({ passthrough: true }) res: Response, @Param('id', UuidPipe) id: string): Promise<string> {
    return this.renderOverview(req, res, id);
  }

  private async renderOverview(req: SignedIn, res: Response, id: string, freeze?: { note: string; problem: FormProblem }): Promise<string> {
    const actor = req.user;
    const plan = await this.plans.get(actor, id);
    const ctx = await this.contexts.build(req, res, plan.title);
    const [rounds, conferences, approval, owner, docIds] = await Promise.all([
      this.rounds.listForPlan(actor, id, ALL),
      this.conferences.listForPlan(actor, id, ALL),
      this.approvals.current(actor, id).catch((err) => (err instanceof DomainError && err.code === 'not_found' ? null : Promise.reject(err))),
      plan.ownerAgencyId ? this.agencies.get(plan.ownerAgencyId) : null,
      this.db.query<{ id: string }[]>('SELECT id FROM documents WHERE plan_id = $1 ORDER BY created_at DESC LIMIT 30', [id]),
    ]);
    const documents = (await Promise.all(docIds.map((d) => this.documents.get(actor, d.id).catch(() => null)))).filter((d) => d !== null);
    const roundRows = await Promise.all(
      rounds.items.map(async (r) => ({
        ...r,
        invited: r.agencies.length,
        answered: r.agencies.filter((a) => a.state !== 'pending').length,
        undecided: (await this.reports.build(actor, r.id)).totals.undecided,
      })),
    );
    const allowed = actor.role === 'secretariat' ? allowedActions(plan.status) : [];
    const versions = [...plan.versions].reverse().map((v) => ({ ...v, previous: v.number > 1 ? v.number - 1 : null }));
    return this.views.render('b-plan', {
      ...ctx,
      plan,
      owner,
      versions,
      rounds: roundRows,
      conferences: conferences.items,
      approval,
      documents: documents.map((d) => ({ ...d, label: documentLabel(d) })),
      can: Object.fromEntries(allowed.map((a) => [a, true])),
      nextVersion: plan.latestVersion + 1,
      freeze: freeze ?? { note: '' },
    });
  }

  @Post('plans/:id/versions')
  @Roles('secretariat')
  async freeze(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: Record<string, unknown>): Promise<void> {
    const note = field(body, 'note');
    const lang = langOf(req);
    const { errors } = await validateForm(FreezeVersionDto, { note }, lang);
    let problem: FormProblem | null = errors ? fieldProblem(errors, lang) : null;
    if (!problem) {
      try {
        const frozen = await this.versions.freeze(req.user, id, note);
        setFlash(res, 'ok', lang === 'en' ? `Version ${frozen.number} was frozen.` : `Đã chốt dự thảo lần ${frozen.number}.`);
        res.redirect(303, `/plans/${id}`);
        return;
      } catch (err) {
        problem = formProblem(err, lang);
      }
    }
    res.status(problem.status).type('html').send(await this.renderOverview(req, res, id, { note, problem }));
  }

  @Get('plans/:id/versions/:n')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  async version(@Req() req: SignedIn, @Res({ passthrough: true }) res: Response, @Param('id', UuidPipe) id: string, @Param('n') n: string): Promise<string> {
    const plan = await this.plans.get(req.user, id);
    const version = await this.versions.get(req.user, id, versionNumber(n, 'n'));
    const ctx = await this.contexts.build(req, res, plan.title);
    return this.views.render('b-version', { ...ctx, plan, version, previous: version.number > 1 ? version.number - 1 : null });
  }

  @Get('plans/:id/compare')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  async compare(@Req() req: SignedIn, @Res({ passthrough: true }) res: Response, @Param('id', UuidPipe) id: string, @Query('from') fromQ?: string, @Query('to') toQ?: string): Promise<string> {
    const plan = await this.plans.get(req.user, id);
    if (plan.latestVersion < 1) throw invalid({ vi: 'Kế hoạch chưa có dự thảo nào để so sánh.', en: 'The plan has no version to compare yet.' });
    const to = toQ ? versionNumber(toQ, 'to') : plan.latestVersion;
    const from = fromQ ? versionNumber(fromQ, 'from') : Math.max(1, to - 1);
    const diff = await this.versions.diff(req.user, id, to, from);
    const ctx = await this.contexts.build(req, res, pageTitle(req, 'So sánh dự thảo', 'Compare versions'));
    const sections = diff.sections.map((s) => ({ ...s, changed: s.change !== 'same' }));
    return this.views.render('b-compare', {
      ...ctx,
      plan,
      from,
      to,
      sections,
      changedCount: sections.filter((s) => s.changed).length,
      numbers: plan.versions.map((v) => v.number),
    });
  }

  @Get('plans/:id/rounds/new')
  @Roles('secretariat')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  async newRound(@Req() req: SignedIn, @Res({ passthrough: true }) res: Response, @Param('id', UuidPipe) id: string): Promise<string> {
    const plan = await this.plans.get(req.user, id);
    const typed = { title: `Lấy ý kiến dự thảo lần ${plan.latestVersion}`, versionNumber: String(plan.latestVersion), deadline: defaultDeadline(this.clock.now(), 10), agencyIds: [] as string[] };
    return this.roundForm(req, res, id, typed);
  }

  @Post('plans/:id/rounds/new')
  @Roles('secretariat')
  async openRound(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: Record<string, unknown>): Promise<void> {
    const typed = { title: field(body, 'title'), versionNumber: field(body, 'versionNumber'), deadline: field(body, 'deadline'), agencyIds: fields(body, 'agencyIds') };
    const lang = langOf(req);
    const deadline = localDateTime(typed.deadline);
    const input = { title: typed.title, versionNumber: intOrNull(typed.versionNumber), deadline: deadline ?? typed.deadline, agencyIds: typed.agencyIds };
    const { value, errors } = await validateForm(OpenRoundDto, input, lang);
    if (errors && !deadline) errors.deadline = lang === 'en' ? 'enter the date and time of the deadline' : 'hãy nhập ngày và giờ của hạn góp ý';
    if (errors?.agencyIds && typed.agencyIds.length === 0) errors.agencyIds = lang === 'en' ? 'choose at least one agency' : 'hãy chọn ít nhất một đơn vị';
    let problem: FormProblem | null = errors ? fieldProblem(errors, lang) : null;
    if (!problem) {
      try {
        const round = await this.rounds.open(req.user, id, value);
        setFlash(res, 'ok', lang === 'en' ? 'The round is open; the agencies were notified.' : 'Đã mở đợt lấy ý kiến và thông báo tới các đơn vị.');
        res.redirect(303, `/rounds/${round.id}/tracker`);
        return;
      } catch (err) {
        problem = formProblem(err, lang);
      }
    }
    res.status(problem.status).type('html').send(await this.roundForm(req, res, id, typed, problem));
  }

  private async roundForm(req: SignedIn, res: Response, id: string, typed: { title: string; versionNumber: string; deadline: string; agencyIds: string[] }, problem?: FormProblem): Promise<string> {
    const plan = await this.plans.get(req.user, id);
    const ctx = await this.contexts.build(req, res, pageTitle(req, 'Mở đợt lấy ý kiến', 'Open a comment round'));
    const agencies = (await this.agencies.list(ALL)).items.map((a) => ({ ...a, checked: typed.agencyIds.includes(a.id) }));
    const versions = [...plan.versions].reverse().map((v) => ({ ...v, selected: String(v.number) === typed.versionNumber }));
    return this.views.render('b-round-new', { ...ctx, plan, form: typed, agencies, versions, problem, errors: problem?.fields ?? {} });
  }

  @Get('plans/:id/approval/new')
  @Roles('secretariat')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  async newApproval(@Req() req: SignedIn, @Res({ passthrough: true }) res: Response, @Param('id', UuidPipe) id: string): Promise<string> {
    return this.approvalForm(req, res, id, []);
  }

  @Post('plans/:id/approval/new')
  @Roles('secretariat')
  async submitApproval(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: Record<string, unknown>): Promise<void> {
    const chosen = fields(body, 'approverIds');
    const lang = langOf(req);
    const input = { versionNumber: intOrNull(field(body, 'versionNumber')), approverIds: chosen.filter((x) => x !== '') };
    const { value, errors } = await validateForm(SubmitForApprovalDto, input, lang);
    if (errors?.approverIds && input.approverIds.length === 0) errors.approverIds = lang === 'en' ? 'choose at least one leader' : 'hãy chọn ít nhất một lãnh đạo';
    let problem: FormProblem | null = errors ? fieldProblem(errors, lang) : null;
    if (!problem) {
      try {
        await this.approvals.submit(req.user, id, value);
        setFlash(res, 'ok', lang === 'en' ? 'Sent for approval.' : 'Đã trình lãnh đạo phê duyệt.');
        res.redirect(303, `/plans/${id}`);
        return;
      } catch (err) {
        problem = formProblem(err, lang);
      }
    }
    res.status(problem.status).type('html').send(await this.approvalForm(req, res, id, chosen, problem));
  }

  private async approvalForm(req: SignedIn, res: Response, id: string, chosen: string[], problem?: FormProblem): Promise<string> {
    const plan = await this.plans.get(req.user, id);
    const ctx = await this.contexts.build(req, res, pageTitle(req, 'Trình phê duyệt', 'Send for approval'));
    const leaders = (await this.users.list(ALL, { role: 'leader' })).items;
    const slots = Array.from({ length: Math.max(1, Math.min(leaders.length, 5)) }, (_, i) => ({
      no: i + 1,
      options: leaders.map((l) => ({ id: l.id, name: l.fullName, email: l.email, selected: chosen[i] === l.id })),
    }));
    const undecided = problem?.code === 'undecided_comments' ? await this.undecided(req, id, (problem.details.undecidedCommentIds as string[]) ?? []) : [];
    return this.views.render('b-approval-new', { ...ctx, plan, slots, problem, errors: problem?.fields ?? {}, undecided });
  }

  /** The comments that keep the report from being complete, each with a link to decide it. */
  private async undecided(req: SignedIn, planId: string, ids: string[]) {
    const [rounds, agencies] = await Promise.all([this.rounds.listForPlan(req.user, planId, ALL), this.agencies.list(ALL)]);
    const title = new Map(rounds.items.map((r) => [r.id, r.title]));
    const name = new Map(agencies.items.map((a) => [a.id, a.name]));
    const rows = await Promise.all(ids.slice(0, 100).map((c) => this.comments.get(req.user, c)));
    return rows.map((c) => ({ ...c, agencyName: name.get(c.agencyId) ?? '', roundTitle: title.get(c.roundId) ?? '' }));
  }
}


function versionNumber(raw: string, name: string): number {
  const n = /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= 2_000_000_000)) throw invalid({ vi: `${name}: số dự thảo phải là số nguyên dương`, en: `${name}: the version number must be a positive whole number` });
  return n;
}
