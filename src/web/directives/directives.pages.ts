import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AgencyChoices } from '../agency-choices';
import { Roles } from '../../common/auth/decorators';
import { UuidPipe } from '../../common/http/uuid.pipe';
import type { DirectiveView } from '../../conferences/conference.views';
import { DIRECTIVE_STATUSES } from '../../conferences/domain/directive-status';
import { DirectivesService } from '../../conferences/directives.service';
import { ListDirectivesDto, UpdateDirectiveDto } from '../../conferences/dto/directive.dto';
import { PlansService } from '../../plans/plans.service';
import { vnNumberText } from '../../common/vn-number';
import { FormBody, optional, text, vnNumber } from '../form-adapter';
import { checkForm, FormProblem, submitForm } from '../form-pipeline';
import { langOf, SignedIn, Text } from '../lang';
import { PageRenderer } from '../page-renderer';
import { pageOf, pagerOf } from '../paging';
import { BADGES } from '../status-badges';
import { WebController } from '../web-controller';

const LABELS: Record<string, Text> = {
  progress: { vi: 'Nội dung báo cáo', en: 'Progress note' },
  value: { vi: 'Kết quả đạt được đến nay', en: 'Achieved so far' },
  status: { vi: 'Tình trạng', en: 'Status' },
  agencyId: { vi: 'Đơn vị được giao', en: 'Assignee' },
  planId: { vi: 'Đề án, kế hoạch', en: 'Plan' },
};

interface ProgressForm {
  progress: string;
  value: string;
  status: string;
}

function percent(d: Pick<DirectiveView, 'target' | 'value'>): number | null {
  if (d.target === null || d.target <= 0 || d.value === null) return null;
  return Math.max(0, Math.min(100, Math.round((d.value / d.target) * 100)));
}

/** Directives from conferences: an agency follows its own and reports progress; staff follow them all. */
@WebController('directives')
export class DirectivePages {
  constructor(
    private readonly pages: PageRenderer,
    private readonly directives: DirectivesService,
    private readonly choices: AgencyChoices,
    private readonly plans: PlansService,
  ) {}

  @Get()
  async list(@Req() req: SignedIn, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const actor = req.user;
    const lang = langOf(req);
    const staff = actor.role !== 'agency';
    const typed = { agencyId: text(query, 'agencyId'), status: text(query, 'status'), planId: text(query, 'planId') };
    // An agency sees its own directives whatever the address says.
    const filter = Object.fromEntries(Object.entries(typed).filter(([k, v]) => v !== '' && (staff || k === 'status')));
    const page = await pageOf(query, lang);
    const { value, problem } = await checkForm(ListDirectivesDto, filter, lang);
    const result = problem
      ? { items: [], total: 0 }
      : await this.directives.list(actor, { agencyId: value.agencyId, status: value.status, planId: value.planId }, page);
    const [agencies, plans] = staff
      ? await Promise.all([this.choices.all(), this.plans.list(actor, { limit: 200, offset: 0 })])
      : [[], { items: [], total: 0 }];
    const options = (all: string, list: { id: string; label: string }[], chosen: string) =>
      [{ id: '', label: all }, ...list].map((o) => ({ value: o.id, label: o.label, selected: o.id === chosen }));
    await this.pages.send(
      req,
      res,
      'directives/list',
      {
        title: { vi: 'Nhiệm vụ được giao', en: 'Directives' },
        labels: LABELS,
        staff,
        filters: {
          agencies: options(
            lang === 'en' ? 'All agencies' : 'Tất cả đơn vị',
            agencies.map((a) => ({ id: a.id, label: a.name })),
            typed.agencyId,
          ),
          // The latest plans are offered; an older one is still reached by its link (?planId=), and the list says so.
          plans: options(
            plans.total > plans.items.length
              ? lang === 'en'
                ? `All (the ${plans.items.length} latest listed)`
                : `Tất cả (liệt kê ${plans.items.length} đề án gần nhất)`
              : lang === 'en'
                ? 'All plans'
                : 'Tất cả',
            plans.items.map((p) => ({ id: p.id, label: p.title.slice(0, 90) })),
            typed.planId,
          ),
          statuses: options(
            lang === 'en' ? 'Any' : 'Tất cả',
            DIRECTIVE_STATUSES.map((s) => ({ id: s, label: BADGES.directive[s][lang] })),
            typed.status,
          ),
        },
        problem,
        errors: problem?.errors ?? {},
        directives: result.items.map((d) => ({ ...d, percent: percent(d) })),
        pager: pagerOf('/directives', filter as Record<string, string>, page, result.total, result.items.length),
      },
      problem?.status ?? 200,
    );
  }

  @Get(':id')
  async show(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.render(req, res, id, { progress: '', value: '', status: '' });
  }

  @Post(':id')
  @Roles('secretariat', 'agency')
  async update(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: FormBody): Promise<void> {
    const typed: ProgressForm = { progress: text(body, 'progress'), value: text(body, 'value'), status: text(body, 'status') };
    const value = vnNumber(typed.value);
    await submitForm(req, res, {
      dto: UpdateDirectiveDto,
      input: {
        ...(optional(typed.progress) !== null ? { progress: typed.progress } : {}),
        ...(value !== null ? { value } : {}),
        ...(typed.status ? { status: typed.status } : {}),
      },
      fields: ['progress', 'value', 'status'],
      run: (dto) => this.directives.update(req.user, id, dto),
      done: (updated) => ({
        to: `/directives/${updated.id}`,
        flash:
          updated.status === 'done' && typed.status === 'done'
            ? { vi: 'Đã báo cáo: nhiệm vụ hoàn thành.', en: 'Reported: the directive is done.' }
            : { vi: 'Đã ghi báo cáo tiến độ.', en: 'Progress recorded.' },
      }),
      again: (problem) => this.render(req, res, id, typed, problem),
    });
  }

  private async render(req: SignedIn, res: Response, id: string, form: ProgressForm, problem?: FormProblem): Promise<void> {
    const actor = req.user;
    const lang = langOf(req);
    const directive = await this.directives.get(actor, id);
    const unchanged = { value: '', label: `${lang === 'en' ? 'Unchanged' : 'Giữ nguyên'} (${BADGES.directive[directive.status][lang]})` };
    const change =
      directive.status === 'done'
        ? { value: 'open', label: lang === 'en' ? 'Reopen: not done' : 'Mở lại: chưa hoàn thành' }
        : { value: 'done', label: BADGES.directive.done[lang] };
    await this.pages.send(
      req,
      res,
      'directives/show',
      {
        title: { vi: directive.task.slice(0, 80), en: directive.task.slice(0, 80) },
        labels: LABELS,
        directive: { ...directive, percent: percent(directive), valueText: vnNumberText(directive.value), progress: [...directive.progress].reverse() },
        staff: actor.role !== 'agency',
        conferenceLink: actor.role === 'secretariat' || actor.role === 'leader',
        canReport: actor.role === 'secretariat' || (actor.role === 'agency' && actor.agencyId === directive.agencyId),
        form,
        statusOptions: [unchanged, change].map((o) => ({ ...o, selected: o.value === form.status })),
        problem,
        errors: problem?.errors ?? {},
      },
      problem?.status ?? 200,
    );
  }
}
