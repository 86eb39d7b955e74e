import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AgencyChoices } from '../agency-choices';
import { Roles } from '../../common/auth/decorators';
import { Clock } from '../../common/clock';
import { notFound } from '../../common/errors/domain-error';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { ConferencesService } from '../../conferences/conferences.service';
import { CarryOpinionDto, CreateConferenceDto, MinutesDto } from '../../conferences/dto/conference.dto';
import { OpinionsService } from '../../conferences/opinions.service';
import { RoundSummaries } from '../../consultation/round-summaries.query';
import { PlansService } from '../../plans/plans.service';
import { FormBody, optional, provinceDateTime, provinceInput, rows, text, vnNumber } from '../form-adapter';
import { setFlash } from '../flash';
import { FieldErrors, FormProblem, problemText, submitAction, submitForm } from '../form-pipeline';
import { Lang, langOf, SignedIn, Text } from '../lang';
import { PageRenderer } from '../page-renderer';
import { WebController } from '../web-controller';

const LABELS: Record<string, Text> = {
  title: { vi: 'Tên hội nghị', en: 'Title' },
  heldAt: { vi: 'Thời gian bắt đầu (giờ Việt Nam)', en: 'Starts at (Vietnam time)' },
  location: { vi: 'Địa điểm', en: 'Place' },
  chair: { vi: 'Chủ trì', en: 'Chair' },
  attendees: { vi: 'Thành phần tham dự', en: 'Attendees' },
  'attendees.name': { vi: 'Họ và tên', en: 'Name' },
  'attendees.position': { vi: 'Chức vụ', en: 'Position' },
  'attendees.agencyId': { vi: 'Đơn vị', en: 'Agency' },
  summary: { vi: 'Nội dung, diễn biến hội nghị', en: 'Summary' },
  opinions: { vi: 'Ý kiến phát biểu', en: 'Opinions' },
  'opinions.speaker': { vi: 'Người phát biểu', en: 'Speaker' },
  'opinions.agencyId': { vi: 'Đơn vị của người phát biểu', en: "Speaker's agency" },
  'opinions.content': { vi: 'Nội dung phát biểu', en: 'What was said' },
  conclusions: { vi: 'Kết luận', en: 'Conclusion' },
  directives: { vi: 'Nhiệm vụ được giao', en: 'Directives' },
  'directives.agencyId': { vi: 'Đơn vị được giao', en: 'Assignee agency' },
  'directives.task': { vi: 'Nhiệm vụ', en: 'Task' },
  'directives.dueDate': { vi: 'Thời hạn', en: 'Due date' },
  'directives.target': { vi: 'Chỉ tiêu', en: 'Target' },
  endedAt: { vi: 'Hội nghị kết thúc lúc (giờ Việt Nam)', en: 'Ended at (Vietnam time)' },
};

interface MinutesTyped {
  summary: string;
  endedAt: string;
  opinions: { speaker: string; agencyId: string; content: string }[];
  conclusions: { text: string }[];
  directives: { agencyId: string; task: string; dueDate: string; target: string }[];
}

/** The rows a person wrote something in (the form always shows one more, empty). */
const filled = <T extends Record<string, string>>(list: T[]) => list.filter((r) => Object.values(r).some((v) => v.trim() !== ''));

const wordDateTime = (field: string, typed: string) => (errors: FieldErrors, lang: Lang) => {
  if (errors[field] && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(typed)) errors[field] = lang === 'en' ? 'enter the date and time' : 'hãy nhập ngày và giờ';
};

/** Conferences on a plan: create one, write its minutes (opinions, conclusions, directives), finalise, carry opinions into a round. */
@WebController()
@Roles('secretariat', 'leader')
export class ConferencePages {
  constructor(
    private readonly pages: PageRenderer,
    private readonly conferences: ConferencesService,
    private readonly opinions: OpinionsService,
    private readonly rounds: RoundSummaries,
    private readonly plans: PlansService,
    private readonly choices: AgencyChoices,
    private readonly clock: Clock,
  ) {}

  @Get('plans/:id/conferences/new')
  @Roles('secretariat')
  async newConference(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string): Promise<void> {
    const heldAt = `${provinceInput(this.clock.now()).slice(0, 10)}T08:00`;
    await this.conferenceForm(req, res, id, {
      title: '',
      heldAt,
      location: '',
      chair: '',
      secretary: '',
      attendees: [{ name: '', position: '', agencyId: '' }],
    });
  }

  @Post('plans/:id/conferences/new')
  @Roles('secretariat')
  async create(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: FormBody): Promise<void> {
    const adding = text(body, '_add') !== '';
    const typed = {
      title: text(body, 'title'),
      heldAt: text(body, 'heldAt'),
      location: text(body, 'location'),
      chair: text(body, 'chair'),
      secretary: text(body, 'secretary'),
      attendees: rows(body, { name: 'a_name', position: 'a_position', agencyId: 'a_agency' }, adding),
    };
    if (adding) return this.conferenceForm(req, res, id, typed);
    await submitForm(req, res, {
      dto: CreateConferenceDto,
      input: {
        ...typed,
        heldAt: provinceDateTime(typed.heldAt),
        attendees: filled(typed.attendees).map((a) => ({ name: a.name, position: optional(a.position), agencyId: optional(a.agencyId) })),
      },
      adjust: wordDateTime('heldAt', typed.heldAt),
      run: (value) => this.conferences.create(req.user, id, value),
      done: (conference) => ({
        to: `/conferences/${conference.id}`,
        flash: { vi: 'Đã tạo hội nghị. Hãy ghi biên bản ở dưới.', en: 'The conference was created. Write its minutes below.' },
      }),
      again: (problem) => this.conferenceForm(req, res, id, typed, problem),
    });
  }

  private async conferenceForm(req: SignedIn, res: Response, planId: string, form: Record<string, unknown>, problem?: FormProblem): Promise<void> {
    const [plan, agencies] = await Promise.all([this.plans.get(req.user, planId), this.choices.all()]);
    await this.pages.send(
      req,
      res,
      'conferences/new',
      { title: { vi: 'Tạo hội nghị', en: 'New conference' }, labels: LABELS, plan, form, agencies: agencies, problem, errors: problem?.errors ?? {} },
      problem?.status ?? 200,
    );
  }

  @Get('conferences/:id')
  async show(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.renderConference(req, res, id);
  }

  private async renderConference(req: SignedIn, res: Response, id: string, editing?: { typed: MinutesTyped; problem?: FormProblem }): Promise<void> {
    const conference = await this.conferences.get(req.user, id);
    const [plan, agencies, rounds] = await Promise.all([
      this.plans.get(req.user, conference.planId),
      this.choices.all(),
      this.rounds.totalsForPlan(conference.planId),
    ]);
    const name = new Map(agencies.map((a) => [a.id, a.name]));
    const roundTitle = new Map(rounds.map((r) => [r.roundId, r.title]));
    const m = conference.minutes;
    const typed: MinutesTyped = editing?.typed ?? {
      summary: m?.summary ?? '',
      endedAt: m ? provinceInput(m.endedAt) : provinceInput(new Date(new Date(conference.heldAt).getTime() + 3 * 3_600_000)),
      opinions: m?.opinions.length
        ? m.opinions.map((o) => ({ speaker: o.speaker, agencyId: o.agencyId ?? '', content: o.content }))
        : [{ speaker: '', agencyId: '', content: '' }],
      conclusions: m?.conclusions.length ? m.conclusions.map((t) => ({ text: t })) : [{ text: '' }],
      directives: m?.directives.length
        ? m.directives.map((d) => ({
            agencyId: d.agencyId,
            task: d.task,
            dueDate: d.dueDate,
            target: d.target === null ? '' : String(d.target).replace('.', ','),
          }))
        : [{ agencyId: '', task: '', dueDate: '', target: '' }],
    };
    await this.pages.send(
      req,
      res,
      'conferences/show',
      {
        title: { vi: conference.title, en: conference.title },
        labels: LABELS,
        plan,
        conference,
        agencies: agencies,
        attendees: conference.attendees.map((a) => ({ ...a, agencyName: a.agencyId ? name.get(a.agencyId) : null })),
        opinions: (m?.opinions ?? []).map((o) => ({
          ...o,
          agencyName: o.agencyId ? name.get(o.agencyId) : null,
          carried: o.carriedInto.map((c) => ({ ...c, title: roundTitle.get(c.roundId) ?? '' })),
          rounds: rounds.filter((r) => !o.carriedInto.some((c) => c.roundId === r.roundId)),
        })),
        directivesWritten: (m?.directives ?? []).map((d) => ({ ...d, agencyName: name.get(d.agencyId) ?? '' })),
        editable: req.user.role === 'secretariat' && !conference.finalized,
        canCarry: req.user.role === 'secretariat' && conference.finalized && rounds.length > 0,
        form: typed,
        problem: editing?.problem,
        errors: editing?.problem?.errors ?? {},
      },
      editing?.problem?.status ?? 200,
    );
  }

  @Post('conferences/:id/minutes')
  @Roles('secretariat')
  async saveMinutes(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: FormBody): Promise<void> {
    const add = text(body, '_add');
    const typed: MinutesTyped = {
      summary: text(body, 'summary'),
      endedAt: text(body, 'endedAt'),
      opinions: rows(body, { speaker: 'op_speaker', agencyId: 'op_agency', content: 'op_content' }, add === 'opinion'),
      conclusions: rows(body, { text: 'conclusion' }, add === 'conclusion'),
      directives: rows(body, { agencyId: 'd_agency', task: 'd_task', dueDate: 'd_due', target: 'd_target' }, add === 'directive'),
    };
    if (add) return this.renderConference(req, res, id, { typed });
    await submitForm(req, res, {
      dto: MinutesDto,
      input: {
        summary: typed.summary,
        endedAt: provinceDateTime(typed.endedAt),
        opinions: filled(typed.opinions).map((o) => ({ speaker: o.speaker, agencyId: optional(o.agencyId), content: o.content })),
        conclusions: filled(typed.conclusions).map((c) => c.text),
        directives: filled(typed.directives).map((d) => ({ agencyId: d.agencyId, task: d.task, dueDate: d.dueDate, target: vnNumber(d.target) })),
      },
      adjust: wordDateTime('endedAt', typed.endedAt),
      run: (value) => this.conferences.putMinutes(req.user, id, value),
      done: () => ({ to: `/conferences/${id}`, flash: { vi: 'Đã lưu biên bản.', en: 'The minutes were saved.' } }),
      again: (problem) => this.renderConference(req, res, id, { typed, problem }),
    });
  }

  @Post('conferences/:id/finalize')
  @Roles('secretariat')
  async finalize(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: FormBody): Promise<void> {
    await submitAction(req, res, {
      confirm: body,
      run: () => this.conferences.finalize(req.user, id),
      done: () => ({
        vi: 'Đã chốt biên bản; các nhiệm vụ được giao đã được đưa vào theo dõi.',
        en: 'The minutes are final; their directives are now tracked.',
      }),
      to: `/conferences/${id}`,
    });
  }

  @Post('conferences/:id/opinions/:n/carry')
  @Roles('secretariat')
  async carry(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Param('n') n: string, @Body() body: FormBody): Promise<void> {
    if (!/^\d{1,6}$/.test(n) || Number(n) < 1) throw notFound({ vi: `ý kiến số ${n} trong biên bản`, en: `opinion ${n} in the minutes` });
    await submitForm(req, res, {
      dto: CarryOpinionDto,
      input: { roundId: text(body, 'roundId') },
      run: (value) => this.opinions.carry(req.user, id, Number(n), value.roundId),
      done: () => ({
        to: `/conferences/${id}#op-${n}`,
        flash: {
          vi: `Đã đưa ý kiến số ${n} vào đợt lấy ý kiến; ý kiến đang chờ giải trình, tiếp thu.`,
          en: `Opinion ${n} is now a comment of the round, awaiting a decision.`,
        },
      }),
      // The carry forms are a choice and a button: a refusal is told above the opinion.
      again: async (problem) => {
        setFlash(res, 'error', problemText(problem, langOf(req)));
        res.redirect(303, `/conferences/${id}#op-${n}`);
      },
    });
  }
}
