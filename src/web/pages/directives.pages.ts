import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AgenciesService } from '../../agencies/agencies.service';
import type { AgencyView } from '../../agencies/agency.view';
import type { Actor } from '../../common/auth/actor';
import { Roles } from '../../common/auth/decorators';
import { UuidPipe } from '../../common/http/uuid.pipe';
import type { DirectiveView } from '../../conferences/conference.views';
import { DIRECTIVE_STATUSES } from '../../conferences/domain/directive-status';
import { DirectivesService } from '../../conferences/directives.service';
import { ListDirectivesDto, UpdateDirectiveDto } from '../../conferences/dto/directive.dto';
import { PlansService } from '../../plans/plans.service';
import { field, validateForm } from '../forms';
import { PageContexts, setFlash } from '../page-context';
import { Views } from '../views';
import { WebController } from '../web-controller';
import { formProblem, FormProblem, invalidForm, langOf, say, sendHtml } from './a-form-errors';

type Req_ = Request & { user: Actor };
const PAGE = 50;

interface ProgressForm {
  progress: string;
  value: string;
  status: string;
}

/** Directives from conferences: an agency follows its own and reports progress; staff follow them all. */
@WebController('directives')
export class DirectivePages {
  constructor(
    private readonly views: Views,
    private readonly contexts: PageContexts,
    private readonly directives: DirectivesService,
    private readonly agencies: AgenciesService,
    private readonly plans: PlansService,
  ) {}

  @Get()
  async list(@Req() req: Req_, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const actor = req.user;
    const lang = langOf(req);
    const typed = { agencyId: field(query, 'agencyId'), status: field(query, 'status'), planId: field(query, 'planId') };
    const offset = /^\d{1,9}$/.test(field(query, 'offset')) ? Number(field(query, 'offset')) : 0;
    const filter = Object.fromEntries(Object.entries(typed).filter(([k, v]) => v !== '' && !(actor.role === 'agency' && k === 'agencyId')));
    const { value, errors } = await validateForm(ListDirectivesDto, filter, lang);
    const result = errors ? { items: [], total: 0 } : await this.directives.list(actor, { agencyId: value.agencyId, status: value.status, planId: value.planId }, { limit: PAGE, offset });
    const staff = actor.role !== 'agency';
    const [agencies, plans] = staff ? await Promise.all([this.allAgencies(), this.plans.list(actor, { limit: 200, offset: 0 })]) : [[], { items: [] }];
    const query_ = (o: number) => new URLSearchParams({ ...filter, offset: String(o) }).toString();
    const ctx = await this.contexts.build(req, res, lang === 'en' ? 'Directives' : 'Nhiệm vụ được giao');
    sendHtml(
      res,
      this.views.render('a-directives', {
        ...ctx,
        staff,
        filter: typed,
        errors,
        statuses: DIRECTIVE_STATUSES,
        agencies,
        plans: plans.items,
        directives: result.items.map((d) => ({ ...d, percent: percent(d) })),
        total: result.total,
        from: result.total ? offset + 1 : 0,
        to: offset + result.items.length,
        prev: offset > 0 ? `/directives?${query_(Math.max(0, offset - PAGE))}` : null,
        next: offset + PAGE < result.total ? `/directives?${query_(offset + PAGE)}` : null,
      }),
    );
  }

  @Get(':id')
  async show(@Req() req: Req_, @Res() res: Response, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.render(req, res, id, { progress: '', value: '', status: '' });
  }

  @Post(':id')
  @Roles('secretariat', 'agency')
  async update(@Req() req: Req_, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: Record<string, unknown>): Promise<void> {
    const typed: ProgressForm = { progress: field(body, 'progress'), value: field(body, 'value'), status: field(body, 'status') };
    const input = {
      ...(typed.progress.trim() ? { progress: typed.progress } : {}),
      ...(typed.value.trim() ? { value: asNumber(typed.value) } : {}),
      ...(typed.status ? { status: typed.status } : {}),
    };
    const { value, errors } = await validateForm(UpdateDirectiveDto, input, langOf(req));
    if (errors) return this.render(req, res, id, typed, invalidForm(errors));
    try {
      const updated = await this.directives.update(req.user, id, value);
      setFlash(
        res,
        'ok',
        value.status === 'done' ? say(req, 'Đã báo cáo: nhiệm vụ hoàn thành.', 'Reported: the directive is done.') : say(req, 'Đã ghi báo cáo tiến độ.', 'Progress recorded.'),
      );
      res.redirect(303, `/directives/${updated.id}`);
    } catch (err) {
      await this.render(req, res, id, typed, formProblem(err, langOf(req), ['progress', 'value', 'status']));
    }
  }

  private async render(req: Req_, res: Response, id: string, form: ProgressForm, problem?: FormProblem): Promise<void> {
    const actor = req.user;
    const directive = await this.directives.get(actor, id);
    const canReport = actor.role === 'secretariat' || (actor.role === 'agency' && actor.agencyId === directive.agencyId);
    const ctx = await this.contexts.build(req, res, directive.task.slice(0, 80));
    sendHtml(
      res,
      this.views.render('a-directive', {
        ...ctx,
        directive: { ...directive, percent: percent(directive), progress: [...directive.progress].reverse() },
        staff: actor.role !== 'agency',
        conferenceLink: actor.role === 'secretariat' || actor.role === 'leader',
        canReport,
        form: { ...form, ...(problem ?? {}) },
      }),
      problem?.status ?? 200,
    );
  }

  private async allAgencies(): Promise<AgencyView[]> {
    const all: AgencyView[] = [];
    for (let offset = 0; ; offset += 200) {
      const page = await this.agencies.list({ limit: 200, offset });
      all.push(...page.items);
      if (page.items.length === 0 || all.length >= page.total) return all;
    }
  }
}

/** A number as people type it ("12", "12,5", "12.5"); anything else is left for validation to name. */
function asNumber(text: string): number | string {
  const t = text.trim().replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : text;
}

function percent(d: Pick<DirectiveView, 'target' | 'value'>): number | null {
  if (d.target === null || d.target <= 0 || d.value === null) return null;
  return Math.max(0, Math.min(100, Math.round((d.value / d.target) * 100)));
}
