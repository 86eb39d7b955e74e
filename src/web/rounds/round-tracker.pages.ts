import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AgencyChoices } from '../agency-choices';
import { Roles } from '../../common/auth/decorators';
import { Clock } from '../../common/clock';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { OpenRoundDto, UpdateRoundDto } from '../../consultation/dto/round.dto';
import { ReportService } from '../../consultation/report.service';
import { RoundsService } from '../../consultation/rounds.service';
import { PlansService } from '../../plans/plans.service';
import { defaultDeadline, FormBody, provinceDateTime, provinceInput, text, texts, vnInteger } from '../form-adapter';
import { FieldErrors, FormProblem, submitAction, submitForm } from '../form-pipeline';
import { Lang, SignedIn, Text } from '../lang';
import { PageRenderer } from '../page-renderer';
import { WebController } from '../web-controller';

const LABELS: Record<string, Text> = {
  title: { vi: 'Tên đợt lấy ý kiến', en: 'Title of the round' },
  versionNumber: { vi: 'Gửi dự thảo lần', en: 'Version to send' },
  deadline: { vi: 'Hạn gửi ý kiến (giờ Việt Nam)', en: 'Deadline (Vietnam time)' },
  agencyIds: { vi: 'Đơn vị được xin ý kiến', en: 'Agencies asked for comments' },
};

interface RoundForm {
  title: string;
  versionNumber: string;
  deadline: string;
  agencyIds: string[];
}

/** A form's words for what the DTO says in general terms. */
function wordDeadline(errors: FieldErrors, lang: Lang, typed: string): void {
  if (errors.deadline && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(typed))
    errors.deadline = lang === 'en' ? 'enter the date and time of the deadline' : 'hãy nhập ngày và giờ của hạn góp ý';
}

/** A round from the secretariat's side: opening it, then who answered (reminders, the deadline, closing). */
@WebController()
@Roles('secretariat', 'leader')
export class RoundTrackerPages {
  constructor(
    private readonly pages: PageRenderer,
    private readonly rounds: RoundsService,
    private readonly reports: ReportService,
    private readonly plans: PlansService,
    private readonly choices: AgencyChoices,
    private readonly clock: Clock,
  ) {}

  @Get('plans/:id/rounds/new')
  @Roles('secretariat')
  async newRound(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string): Promise<void> {
    const plan = await this.plans.get(req.user, id);
    await this.roundForm(req, res, id, {
      title: `Lấy ý kiến dự thảo lần ${plan.latestVersion}`,
      versionNumber: String(plan.latestVersion),
      deadline: defaultDeadline(this.clock.now(), 10),
      agencyIds: [],
    });
  }

  @Post('plans/:id/rounds/new')
  @Roles('secretariat')
  async openRound(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: FormBody): Promise<void> {
    const typed: RoundForm = {
      title: text(body, 'title'),
      versionNumber: text(body, 'versionNumber'),
      deadline: text(body, 'deadline'),
      agencyIds: texts(body, 'agencyIds'),
    };
    await submitForm(req, res, {
      dto: OpenRoundDto,
      input: { title: typed.title, versionNumber: vnInteger(typed.versionNumber), deadline: provinceDateTime(typed.deadline), agencyIds: typed.agencyIds },
      adjust: (errors, lang) => {
        wordDeadline(errors, lang, typed.deadline);
        if (errors.agencyIds && typed.agencyIds.length === 0) errors.agencyIds = lang === 'en' ? 'choose at least one agency' : 'hãy chọn ít nhất một đơn vị';
      },
      run: (value) => this.rounds.open(req.user, id, value),
      done: (round) => ({
        to: `/rounds/${round.id}/tracker`,
        flash: { vi: 'Đã mở đợt lấy ý kiến và thông báo tới các đơn vị.', en: 'The round is open; the agencies were notified.' },
      }),
      again: (problem) => this.roundForm(req, res, id, typed, problem),
    });
  }

  private async roundForm(req: SignedIn, res: Response, id: string, form: RoundForm, problem?: FormProblem): Promise<void> {
    const [plan, agencies] = await Promise.all([this.plans.get(req.user, id), this.choices.all()]);
    await this.pages.send(
      req,
      res,
      'rounds/new',
      {
        title: { vi: 'Mở đợt lấy ý kiến', en: 'Open a comment round' },
        labels: LABELS,
        plan,
        form,
        agencies: agencies.map((a) => ({ ...a, checked: form.agencyIds.includes(a.id) })),
        versions: [...plan.versions]
          .reverse()
          .map((v) => ({ value: String(v.number), label: `${v.number} — ${v.note.slice(0, 60)}`, selected: String(v.number) === form.versionNumber })),
        problem,
        errors: problem?.errors ?? {},
      },
      problem?.status ?? 200,
    );
  }

  @Get('rounds/:id/tracker')
  async tracker(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.renderTracker(req, res, id);
  }

  private async renderTracker(req: SignedIn, res: Response, id: string, deadline?: { value: string; problem: FormProblem }): Promise<void> {
    const report = await this.reports.build(req.user, id);
    const plan = await this.plans.get(req.user, report.planId);
    const pending = report.agencies.filter((a) => a.state === 'pending');
    await this.pages.send(
      req,
      res,
      'rounds/tracker',
      {
        title: { vi: 'Theo dõi đợt lấy ý kiến', en: 'Round tracker' },
        labels: { deadline: { vi: 'Hạn mới (giờ Việt Nam)', en: 'New deadline (Vietnam time)' } },
        plan,
        round: report,
        open: report.status === 'open',
        agencies: report.agencies,
        invited: report.agencies.length,
        answered: report.agencies.length - pending.length,
        pending: pending.length,
        overdue: pending.filter((a) => a.overdue).length,
        deadline: { value: deadline?.value ?? provinceInput(report.deadline), problem: deadline?.problem },
      },
      deadline?.problem.status ?? 200,
    );
  }

  @Post('rounds/:id/remind')
  @Roles('secretariat')
  async remind(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string): Promise<void> {
    await submitAction(req, res, {
      run: () => this.rounds.remind(req.user, id),
      done: ({ pendingAgencyIds: n }) =>
        n.length
          ? { vi: `Đã gửi lời nhắc tới ${n.length} đơn vị chưa trả lời.`, en: `A reminder was sent to ${n.length} agency(ies) that have not answered.` }
          : { vi: 'Mọi đơn vị đã trả lời; không cần nhắc.', en: 'Every agency has answered; no one to remind.' },
      to: `/rounds/${id}/tracker`,
    });
  }

  @Post('rounds/:id/close')
  @Roles('secretariat')
  async close(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: FormBody): Promise<void> {
    await submitAction(req, res, {
      confirm: body,
      run: () => this.rounds.close(req.user, id),
      done: () => ({ vi: 'Đã kết thúc đợt lấy ý kiến. Hãy giải trình, tiếp thu từng ý kiến dưới đây.', en: 'The round is closed. Decide each comment below.' }),
      to: `/rounds/${id}/board`,
      refused: `/rounds/${id}/tracker`,
    });
  }

  @Post('rounds/:id/deadline')
  @Roles('secretariat')
  async deadline(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: FormBody): Promise<void> {
    const typed = text(body, 'deadline');
    await submitForm(req, res, {
      dto: UpdateRoundDto,
      input: { deadline: provinceDateTime(typed) },
      adjust: (errors, lang) => wordDeadline(errors, lang, typed),
      run: (value) => this.rounds.update(req.user, id, value),
      done: () => ({
        to: `/rounds/${id}/tracker`,
        flash: { vi: 'Đã đổi hạn góp ý; lời nhắc sẽ theo hạn mới.', en: 'The deadline was changed; reminders follow it.' },
      }),
      again: (problem) => this.renderTracker(req, res, id, { value: typed, problem }),
    });
  }
}
