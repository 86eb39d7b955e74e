import { Body, Get, Header, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AgenciesService } from '../../agencies/agencies.service';
import { Roles } from '../../common/auth/decorators';
import { Clock } from '../../common/clock';
import { invalid, notFound } from '../../common/errors/domain-error';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { ConferencesService } from '../../conferences/conferences.service';
import { CarryOpinionDto, CreateConferenceDto, MinutesDto } from '../../conferences/dto/conference.dto';
import { OpinionsService } from '../../conferences/opinions.service';
import { RoundsService } from '../../consultation/rounds.service';
import { PlansService } from '../../plans/plans.service';
import { field, fields, localDateTime, validateForm } from '../forms';
import { PageContexts, setFlash } from '../page-context';
import { Views } from '../views';
import { WebController } from '../web-controller';
import { fieldProblem, FormProblem, formProblem, langOf, numberOrNull, pageTitle, provinceInput, SignedIn } from './secretariat-forms';

const HTML = 'text/html; charset=utf-8';
const ALL = { limit: 200, offset: 0 };

/** Repeated fields of a form as rows: `names` → one object per row, rows wholly blank dropped. */
function rows<K extends string>(body: Record<string, unknown>, names: Record<K, string>, extra: boolean): Record<K, string>[] {
  const columns = Object.entries(names).map(([k, name]) => [k, fields(body, name as string)] as const);
  const count = Math.max(0, ...columns.map(([, v]) => v.length));
  const out = Array.from({ length: count }, (_, i) => Object.fromEntries(columns.map(([k, v]) => [k, v[i] ?? ''])) as Record<K, string>);
  const kept = out.filter((r) => Object.values(r).some((v) => (v as string).trim() !== ''));
  if (extra) kept.push(Object.fromEntries(columns.map(([k]) => [k, ''])) as Record<K, string>);
  return kept;
}

/** Row errors ("opinions[1].content") attached to their row. */
const withErrors = <T extends object>(list: T[], prefix: string, errors: Record<string, string>) =>
  list.map((r, i) => ({ ...r, errors: Object.fromEntries(Object.entries(errors).filter(([k]) => k.startsWith(`${prefix}[${i}]`)).map(([k, v]) => [k.slice(`${prefix}[${i}].`.length) || 'self', v])) }));

/** Conferences on a plan: create one, write its minutes (opinions, conclusions, directives), finalise, carry opinions into a round. */
@WebController()
@Roles('secretariat', 'leader')
export class ConferencePages {
  constructor(
    private readonly views: Views,
    private readonly contexts: PageContexts,
    private readonly conferences: ConferencesService,
    private readonly opinions: OpinionsService,
    private readonly rounds: RoundsService,
    private readonly plans: PlansService,
    private readonly agencies: AgenciesService,
    private readonly clock: Clock,
  ) {}

  @Get('plans/:id/conferences/new')
  @Roles('secretariat')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  async newConference(@Req() req: SignedIn, @Res({ passthrough: true }) res: Response, @Param('id', UuidPipe) id: string): Promise<string> {
    const heldAt = `${provinceInput(this.clock.now()).slice(0, 10)}T08:00`;
    return this.conferenceForm(req, res, id, { title: '', heldAt, location: '', chair: '', secretary: '', attendees: [{ name: '', position: '', agencyId: '' }] });
  }

  @Post('plans/:id/conferences/new')
  @Roles('secretariat')
  async create(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: Record<string, unknown>): Promise<void> {
    const lang = langOf(req);
    const adding = field(body, '_add') !== '';
    const typed = {
      title: field(body, 'title'),
      heldAt: field(body, 'heldAt'),
      location: field(body, 'location'),
      chair: field(body, 'chair'),
      secretary: field(body, 'secretary'),
      attendees: rows(body, { name: 'a_name', position: 'a_position', agencyId: 'a_agency' }, adding),
    };
    if (adding) {
      res.status(200).type('html').send(await this.conferenceForm(req, res, id, typed));
      return;
    }
    const heldAt = localDateTime(typed.heldAt);
    const input = { ...typed, heldAt: heldAt ?? typed.heldAt, attendees: typed.attendees.map((a) => ({ name: a.name, position: a.position.trim() ? a.position : null, agencyId: a.agencyId || null })) };
    const { value, errors } = await validateForm(CreateConferenceDto, input, lang);
    if (errors && !heldAt) errors.heldAt = lang === 'en' ? 'enter the date and time' : 'hãy nhập ngày và giờ';
    let problem: FormProblem | null = errors ? fieldProblem(errors, lang) : null;
    if (!problem) {
      try {
        const conference = await this.conferences.create(req.user, id, value);
        setFlash(res, 'ok', lang === 'en' ? 'The conference was created. Write its minutes below.' : 'Đã tạo hội nghị. Hãy ghi biên bản ở dưới.');
        res.redirect(303, `/conferences/${conference.id}`);
        return;
      } catch (err) {
        problem = formProblem(err, lang);
      }
    }
    res.status(problem.status).type('html').send(await this.conferenceForm(req, res, id, typed, problem));
  }

  private async conferenceForm(req: SignedIn, res: Response, planId: string, typed: Record<string, unknown> & { attendees: object[] }, problem?: FormProblem): Promise<string> {
    const plan = await this.plans.get(req.user, planId);
    const ctx = await this.contexts.build(req, res, pageTitle(req, 'Tạo hội nghị', 'New conference'));
    const errors = problem?.fields ?? {};
    return this.views.render('b-conference-new', {
      ...ctx,
      plan,
      form: typed,
      attendees: withErrors(typed.attendees, 'attendees', errors),
      agencies: (await this.agencies.list(ALL)).items,
      problem,
      errors,
    });
  }

  @Get('conferences/:id')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  async show(@Req() req: SignedIn, @Res({ passthrough: true }) res: Response, @Param('id', UuidPipe) id: string): Promise<string> {
    return this.renderConference(req, res, id);
  }

  private async renderConference(req: SignedIn, res: Response, id: string, editing?: { typed: MinutesTyped; problem?: FormProblem }): Promise<string> {
    const conference = await this.conferences.get(req.user, id);
    const [plan, agencies, rounds] = await Promise.all([
      this.plans.get(req.user, conference.planId),
      this.agencies.list(ALL),
      this.rounds.listForPlan(req.user, conference.planId, ALL),
    ]);
    const name = new Map(agencies.items.map((a) => [a.id, a.name]));
    const roundTitle = new Map(rounds.items.map((r) => [r.id, r.title]));
    const m = conference.minutes;
    const typed: MinutesTyped = editing?.typed ?? {
      summary: m?.summary ?? '',
      endedAt: m ? provinceInput(m.endedAt) : provinceInput(new Date(new Date(conference.heldAt).getTime() + 3 * 3_600_000)),
      opinions: m?.opinions.length ? m.opinions.map((o) => ({ speaker: o.speaker, agencyId: o.agencyId ?? '', content: o.content })) : [{ speaker: '', agencyId: '', content: '' }],
      conclusions: m?.conclusions.length ? m.conclusions.map((text) => ({ text })) : [{ text: '' }],
      directives: m?.directives.length
        ? m.directives.map((d) => ({ agencyId: d.agencyId, task: d.task, dueDate: d.dueDate, target: d.target === null ? '' : String(d.target) }))
        : [{ agencyId: '', task: '', dueDate: '', target: '' }],
    };
    const errors = editing?.problem?.fields ?? {};
    const ctx = await this.contexts.build(req, res, conference.title);
    return this.views.render('b-conference', {
      ...ctx,
      plan,
      conference,
      agencies: agencies.items,
      attendees: conference.attendees.map((a) => ({ ...a, agencyName: a.agencyId ? name.get(a.agencyId) : null })),
      opinions: (m?.opinions ?? []).map((o) => ({
        ...o,
        agencyName: o.agencyId ? name.get(o.agencyId) : null,
        carried: o.carriedInto.map((c) => ({ ...c, title: roundTitle.get(c.roundId) ?? '' })),
        rounds: rounds.items.filter((r) => !o.carriedInto.some((c) => c.roundId === r.id)),
      })),
      directivesWritten: (m?.directives ?? []).map((d) => ({ ...d, agencyName: name.get(d.agencyId) ?? '' })),
      editable: req.user.role === 'secretariat' && !conference.finalized,
      canCarry: req.user.role === 'secretariat' && conference.finalized && rounds.items.length > 0,
      form: {
        ...typed,
        opinions: withErrors(typed.opinions, 'opinions', errors),
        conclusions: withErrors(typed.conclusions, 'conclusions', errors).map((c, i) => ({ ...c, error: errors[`conclusions[${i}]`] })),
        directives: withErrors(typed.directives, 'directives', errors),
      },
      problem: editing?.problem,
      errors,
    });
  }

  @Post('conferences/:id/minutes')
  @Roles('secretariat')
  async saveMinutes(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: Record<string, unknown>): Promise<void> {
    const lang = langOf(req);
    const add = field(body, '_add');
    const typed: MinutesTyped = {
      summary: field(body, 'summary'),
      endedAt: field(body, 'endedAt'),
      opinions: rows(body, { speaker: 'op_speaker', agencyId: 'op_agency', content: 'op_content' }, add === 'opinion'),
      conclusions: rows(body, { text: 'conclusion' }, add === 'conclusion'),
      directives: rows(body, { agencyId: 'd_agency', task: 'd_task', dueDate: 'd_due', target: 'd_target' }, add === 'directive'),
    };
    if (add) {
      res.status(200).type('html').send(await this.renderConference(req, res, id, { typed }));
      return;
    }
    const endedAt = localDateTime(typed.endedAt);
    const input = {
      summary: typed.summary,
      endedAt: endedAt ?? typed.endedAt,
      opinions: typed.opinions.map((o) => ({ speaker: o.speaker, agencyId: o.agencyId || null, content: o.content })),
      conclusions: typed.conclusions.map((c) => c.text),
      directives: typed.directives.map((d) => ({ agencyId: d.agencyId, task: d.task, dueDate: d.dueDate, target: numberOrNull(d.target) })),
    };
    const { value, errors } = await validateForm(MinutesDto, input, lang);
    if (errors && !endedAt) errors.endedAt = lang === 'en' ? 'enter the date and time the conference ended' : 'hãy nhập ngày và giờ kết thúc hội nghị';
    let problem: FormProblem | null = errors ? fieldProblem(errors, lang) : null;
    if (!problem) {
      try {
        await this.conferences.putMinutes(req.user, id, value);
        setFlash(res, 'ok', lang === 'en' ? 'The minutes were saved.' : 'Đã lưu biên bản.');
        res.redirect(303, `/conferences/${id}`);
        return;
      } catch (err) {
        problem = formProblem(err, lang);
      }
    }
    res.status(problem.status).type('html').send(await this.renderConference(req, res, id, { typed, problem }));
  }

  @Post('conferences/:id/finalize')
  @Roles('secretariat')
  async finalize(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string): Promise<void> {
    const lang = langOf(req);
    try {
      await this.conferences.finalize(req.user, id);
      setFlash(res, 'ok', lang === 'en' ? 'The minutes are final; their directives are now tracked.' : 'Đã chốt biên bản; các nhiệm vụ được giao đã được đưa vào theo dõi.');
    } catch (err) {
      setFlash(res, 'error', formProblem(err, lang).messages.join(' '));
    }
    res.redirect(303, `/conferences/${id}`);
  }

  @Post('conferences/:id/opinions/:n/carry')
  @Roles('secretariat')
  async carry(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Param('n') n: string, @Body() body: Record<string, unknown>): Promise<void> {
    const lang = langOf(req);
    if (!/^\d{1,6}$/.test(n) || Number(n) < 1) throw notFound({ vi: `ý kiến số ${n} trong biên bản`, en: `opinion ${n} in the minutes` });
    const { value, errors } = await validateForm(CarryOpinionDto, { roundId: field(body, 'roundId') }, lang);
    try {
      if (errors) throw invalid({ vi: 'Hãy chọn đợt lấy ý kiến để đưa ý kiến vào.', en: 'Choose the round to carry the opinion into.' });
      await this.opinions.carry(req.user, id, Number(n), value.roundId);
      setFlash(res, 'ok', lang === 'en' ? `Opinion ${n} is now a comment of the round, awaiting a decision.` : `Đã đưa ý kiến số ${n} vào đợt lấy ý kiến; ý kiến đang chờ giải trình, tiếp thu.`);
    } catch (err) {
      setFlash(res, 'error', formProblem(err, lang).messages.join(' '));
    }
    res.redirect(303, `/conferences/${id}#op-${n}`);
  }
}

interface MinutesTyped {
  summary: string;
  endedAt: string;
  opinions: { speaker: string; agencyId: string; content: string }[];
  conclusions: { text: string }[];
  directives: { agencyId: string; task: string; dueDate: string; target: string }[];
}
