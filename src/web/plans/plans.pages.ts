import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { Upload, type UploadedFile } from '../../common/http/file-upload';
import type { Response } from 'express';
import { AgenciesService } from '../../agencies/agencies.service';
import { AgencyChoices } from '../agency-choices';
import { ApprovalsService } from '../../approvals/approvals.service';
import { Roles } from '../../common/auth/decorators';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { ConferencesService } from '../../conferences/conferences.service';
import { RoundSummaries } from '../../consultation/round-summaries.query';
import { DocumentsService } from '../../documents/documents.service';
import { allowedActions } from '../../plans/domain/plan-lifecycle';
import { CreatePlanDto } from '../../plans/dto/create-plan.dto';
import { FreezeVersionDto } from '../../plans/dto/version.dto';
import { PlansService } from '../../plans/plans.service';
import { VersionsService } from '../../plans/versions.service';
import { WORD_LIMITS } from '../../word/docx-archive';
import { ImportPlanDto } from '../../word/dto/word-import.dto';
import { WordImportService } from '../../word/word-import.service';
import { skippedSummary } from '../word-import-text';
import { WebFileUpload } from '../web-upload';
import { currentApproval } from '../approvals/current-approval';
import { documentLabel } from '../documents/document-labels';
import { FormBody, optional, rows, text } from '../form-adapter';
import { FormProblem, submitForm } from '../form-pipeline';
import { langOf, SignedIn, Text } from '../lang';
import { PageRenderer } from '../page-renderer';
import { pageOf, pagerOf } from '../paging';
import { WebController } from '../web-controller';

const PLAN_LABELS: Record<string, Text> = {
  title: { vi: 'Tên đề án, kế hoạch', en: 'Title' },
  kind: { vi: 'Loại văn bản', en: 'Kind' },
  ownerAgencyId: { vi: 'Cơ quan chủ trì soạn thảo', en: 'Drafting agency' },
  sections: { vi: 'Các mục', en: 'Sections' },
  'sections.heading': { vi: 'Tiêu đề mục', en: 'Heading' },
  'sections.body': { vi: 'Nội dung', en: 'Text' },
};
const FREEZE_LABELS: Record<string, Text> = { note: { vi: 'Ghi chú cho dự thảo này', en: 'Note for this version' } };

interface PlanForm {
  title: string;
  kind: string;
  ownerAgencyId: string;
  sections: { heading: string; body: string }[];
}

/** Plans: the list, a new plan with its sections, and the overview with the next allowed moves. */
@WebController()
@Roles('secretariat', 'leader')
export class PlanPages {
  constructor(
    private readonly pages: PageRenderer,
    private readonly plans: PlansService,
    private readonly versions: VersionsService,
    private readonly rounds: RoundSummaries,
    private readonly conferences: ConferencesService,
    private readonly approvals: ApprovalsService,
    private readonly documents: DocumentsService,
    private readonly agencies: AgenciesService,
    private readonly choices: AgencyChoices,
    private readonly word: WordImportService,
  ) {}

  @Get('plans')
  async list(@Req() req: SignedIn, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const page = await pageOf(query, langOf(req));
    const { items, total } = await this.plans.list(req.user, page);
    await this.pages.send(req, res, 'plans/list', {
      title: { vi: 'Đề án, kế hoạch', en: 'Plans' },
      plans: items,
      pager: pagerOf('/plans', {}, page, total, items.length),
    });
  }

  @Get('plans/new')
  @Roles('secretariat')
  async newPlan(@Req() req: SignedIn, @Res() res: Response): Promise<void> {
    await this.planForm(req, res, { title: '', kind: 'Đề án', ownerAgencyId: req.user.agencyId ?? '', sections: [{ heading: '', body: '' }] });
  }

  @Post('plans/new')
  @Roles('secretariat')
  async create(@Req() req: SignedIn, @Res() res: Response, @Body() body: FormBody): Promise<void> {
    const adding = text(body, '_add') !== '';
    const typed: PlanForm = {
      title: text(body, 'title'),
      kind: text(body, 'kind'),
      ownerAgencyId: text(body, 'ownerAgencyId'),
      sections: rows(body, { heading: 'heading', body: 'body' }, adding),
    };
    // "Add a section" without JavaScript: the same form with one more row, nothing saved.
    if (adding) return this.planForm(req, res, typed);
    await submitForm(req, res, {
      dto: CreatePlanDto,
      input: { title: typed.title, kind: optional(typed.kind), ownerAgencyId: optional(typed.ownerAgencyId), sections: typed.sections },
      run: (value) => this.plans.create(req.user, value),
      done: (plan) => ({ to: `/plans/${plan.id}`, flash: { vi: 'Đã tạo đề án, kế hoạch.', en: 'The plan was created.' } }),
      again: (problem) => this.planForm(req, res, typed, problem),
    });
  }

  /** "Tạo từ tệp Word": the plan and its sections from a .docx; its title from the file unless one is typed. */
  @Post('plans/import')
  @Roles('secretariat')
  @WebFileUpload(WORD_LIMITS.fileBytes)
  async importWord(@Req() req: SignedIn, @Res() res: Response, @Upload() file: UploadedFile, @Body() body: FormBody): Promise<void> {
    const typed = { title: text(body, 'title'), kind: text(body, 'kind') };
    await submitForm(req, res, {
      dto: ImportPlanDto,
      input: { title: optional(typed.title) ?? undefined, kind: optional(typed.kind) ?? undefined },
      fields: ['title', 'kind'],
      run: (value) => this.word.importPlan(req.user, file, value),
      done: (imported) => ({ to: `/plans/${imported.plan.id}/draft`, flash: skippedSummary(`${imported.sections}`, imported.skipped) }),
      again: (problem) =>
        this.planForm(req, res, { title: '', kind: 'Đề án', ownerAgencyId: req.user.agencyId ?? '', sections: [{ heading: '', body: '' }] }, undefined, {
          ...typed,
          problem,
        }),
    });
  }

  private async planForm(
    req: SignedIn,
    res: Response,
    form: PlanForm,
    problem?: FormProblem,
    word?: { title: string; kind: string; problem: FormProblem },
  ): Promise<void> {
    const agencies = await this.choices.all();
    const owners = [
      { value: '', label: langOf(req) === 'en' ? '— none —' : '— chưa chọn —', selected: form.ownerAgencyId === '' },
      ...agencies.map((a) => ({ value: a.id, label: a.name, selected: a.id === form.ownerAgencyId })),
    ];
    await this.pages.send(
      req,
      res,
      'plans/new',
      {
        title: { vi: 'Tạo đề án, kế hoạch', en: 'New plan' },
        labels: { ...PLAN_LABELS, file: { vi: 'Tệp Word (.docx, tối đa 20 MB)', en: 'Word file (.docx, at most 20 MB)' } },
        form,
        owners,
        sections: form.sections.map((s, i) => ({ ...s, no: i + 1 })),
        problem,
        errors: problem?.errors ?? {},
        word: word ?? { title: '', kind: '' },
      },
      problem?.status ?? word?.problem.status ?? 200,
    );
  }

  @Get('plans/:id')
  async overview(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Query() query: Record<string, unknown>): Promise<void> {
    await this.renderOverview(req, res, id, query);
  }

  private async renderOverview(
    req: SignedIn,
    res: Response,
    id: string,
    query: Record<string, unknown>,
    freeze?: { note: string; problem: FormProblem },
  ): Promise<void> {
    const actor = req.user;
    const plan = await this.plans.get(actor, id);
    const page = await pageOf(query, langOf(req));
    const conferencePage = await pageOf({ offset: query.conferenceOffset }, langOf(req));
    const [rounds, conferences, approval, owner, documents] = await Promise.all([
      this.rounds.forStaff(page, { planId: id }),
      this.conferences.listForPlan(actor, id, conferencePage),
      currentApproval(this.approvals, actor, id),
      plan.ownerAgencyId ? this.agencies.get(plan.ownerAgencyId) : null,
      this.documents.latestOfPlan(id, 30),
    ]);
    const allowed = actor.role === 'secretariat' ? allowedActions(plan.status) : [];
    await this.pages.send(
      req,
      res,
      'plans/overview',
      {
        title: { vi: plan.title, en: plan.title },
        labels: FREEZE_LABELS,
        plan,
        owner,
        versions: [...plan.versions].reverse().map((v) => ({ ...v, previous: v.number > 1 ? v.number - 1 : null })),
        rounds: rounds.items,
        roundPager: pagerOf(`/plans/${id}`, {}, page, rounds.total, rounds.items.length),
        conferences: conferences.items,
        conferencePager: pagerOf(`/plans/${id}`, {}, conferencePage, conferences.total, conferences.items.length, 'conferenceOffset'),
        approval,
        documents: documents.map((d) => ({ ...d, label: documentLabel(d) })),
        can: Object.fromEntries(allowed.map((a) => [a, true])),
        nextVersion: plan.latestVersion + 1,
        freeze: freeze ?? { note: '' },
      },
      freeze?.problem.status ?? 200,
    );
  }

  @Post('plans/:id/versions')
  @Roles('secretariat')
  async freeze(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: FormBody): Promise<void> {
    const note = text(body, 'note');
    await submitForm(req, res, {
      dto: FreezeVersionDto,
      input: { note },
      run: (value) => this.versions.freeze(req.user, id, value.note),
      done: (frozen) => ({ to: `/plans/${id}`, flash: { vi: `Đã chốt dự thảo lần ${frozen.number}.`, en: `Version ${frozen.number} was frozen.` } }),
      again: (problem) => this.renderOverview(req, res, id, {}, { note, problem }),
    });
  }
}
