import { Body, Get, Header, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../../common/auth/decorators';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { CommentsService } from '../../consultation/comments.service';
import type { ReportRow } from '../../consultation/consultation.views';
import { DispositionsService } from '../../consultation/dispositions.service';
import { DECISION_LABELS, DECISIONS } from '../../consultation/domain/disposition';
import { DispositionDto } from '../../consultation/dto/disposition.dto';
import { UpdateRoundDto } from '../../consultation/dto/round.dto';
import { ReportService } from '../../consultation/report.service';
import { RoundsService } from '../../consultation/rounds.service';
import { PlansService } from '../../plans/plans.service';
import { VersionsService } from '../../plans/versions.service';
import { field, localDateTime, validateForm } from '../forms';
import { PageContexts, setFlash } from '../page-context';
import { Views } from '../views';
import { WebController } from '../web-controller';
import { fieldProblem, FormProblem, formProblem, intOrNull, langOf, pageTitle, provinceInput, SignedIn } from './secretariat-forms';

const HTML = 'text/html; charset=utf-8';

interface DecisionTyped {
  decision: string;
  reason: string;
  addressedInVersion: string;
}

const boardUrl = (roundId: string, only: boolean, anchor = '') => `/rounds/${roundId}/board${only ? '?only=undecided' : ''}${anchor ? `#${anchor}` : ''}`;
const groupAnchor = (sectionKey: string | null) => `sec-${sectionKey ?? 'general'}`;

/**
 * A round from the secretariat's side: who answered (the tracker, with reminder, deadline and
 * closing), and the consolidation board where every comment gets its decision and reason.
 */
@WebController()
@Roles('secretariat', 'leader')
export class ConsolidationPages {
  constructor(
    private readonly views: Views,
    private readonly contexts: PageContexts,
    private readonly rounds: RoundsService,
    private readonly reports: ReportService,
    private readonly comments: CommentsService,
    private readonly dispositions: DispositionsService,
    private readonly plans: PlansService,
    private readonly versions: VersionsService,
  ) {}

  @Get('rounds/:id/tracker')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  async tracker(@Req() req: SignedIn, @Res({ passthrough: true }) res: Response, @Param('id', UuidPipe) id: string): Promise<string> {
    return this.renderTracker(req, res, id);
  }

  private async renderTracker(req: SignedIn, res: Response, id: string, deadline?: { value: string; problem: FormProblem }): Promise<string> {
    const report = await this.reports.build(req.user, id);
    const plan = await this.plans.get(req.user, report.planId);
    const ctx = await this.contexts.build(req, res, pageTitle(req, 'Theo dõi đợt lấy ý kiến', 'Round tracker'));
    const pending = report.agencies.filter((a) => a.state === 'pending');
    return this.views.render('b-tracker', {
      ...ctx,
      plan,
      round: report,
      open: report.status === 'open',
      agencies: report.agencies,
      invited: report.agencies.length,
      answered: report.agencies.length - pending.length,
      pending: pending.length,
      overdue: pending.filter((a) => a.overdue).length,
      deadline: { value: deadline?.value ?? provinceInput(report.deadline), problem: deadline?.problem, errors: deadline?.problem?.fields ?? {} },
    });
  }

  @Post('rounds/:id/remind')
  @Roles('secretariat')
  async remind(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string): Promise<void> {
    const lang = langOf(req);
    try {
      const { pendingAgencyIds: n } = await this.rounds.remind(req.user, id);
      setFlash(
        res,
        'ok',
        n.length
          ? lang === 'en' ? `A reminder was sent to ${n.length} agency(ies) that have not answered.` : `Đã gửi lời nhắc tới ${n.length} đơn vị chưa trả lời.`
          : lang === 'en' ? 'Every agency has answered; no one to remind.' : 'Mọi đơn vị đã trả lời; không cần nhắc.',
      );
    } catch (err) {
      setFlash(res, 'error', formProblem(err, lang).messages.join(' '));
    }
    res.redirect(303, `/rounds/${id}/tracker`);
  }

  @Post('rounds/:id/close')
  @Roles('secretariat')
  async close(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string): Promise<void> {
    const lang = langOf(req);
    try {
      await this.rounds.close(req.user, id);
      setFlash(res, 'ok', lang === 'en' ? 'The round is closed. Decide each comment below.' : 'Đã kết thúc đợt lấy ý kiến. Hãy giải trình, tiếp thu từng ý kiến dưới đây.');
      res.redirect(303, `/rounds/${id}/board`);
    } catch (err) {
      setFlash(res, 'error', formProblem(err, lang).messages.join(' '));
      res.redirect(303, `/rounds/${id}/tracker`);
    }
  }

  @Post('rounds/:id/deadline')
  @Roles('secretariat')
  async deadline(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: Record<string, unknown>): Promise<void> {
    const lang = langOf(req);
    const typed = field(body, 'deadline');
    const iso = localDateTime(typed);
    const { value, errors } = await validateForm(UpdateRoundDto, { deadline: iso ?? typed }, lang);
    if (errors && !iso) errors.deadline = lang === 'en' ? 'enter the date and time of the new deadline' : 'hãy nhập ngày và giờ của hạn mới';
    let problem: FormProblem | null = errors ? fieldProblem(errors, lang) : null;
    if (!problem) {
      try {
        await this.rounds.update(req.user, id, value);
        setFlash(res, 'ok', lang === 'en' ? 'The deadline was changed; reminders follow it.' : 'Đã đổi hạn góp ý; lời nhắc sẽ theo hạn mới.');
        res.redirect(303, `/rounds/${id}/tracker`);
        return;
      } catch (err) {
        problem = formProblem(err, lang);
      }
    }
    res.status(problem.status).type('html').send(await this.renderTracker(req, res, id, { value: typed, problem }));
  }

  @Get('rounds/:id/board')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  async board(@Req() req: SignedIn, @Res({ passthrough: true }) res: Response, @Param('id', UuidPipe) id: string, @Query('only') only?: string): Promise<string> {
    return this.renderBoard(req, res, id, only === 'undecided');
  }

  private async renderBoard(req: SignedIn, res: Response, id: string, onlyUndecided: boolean, failed?: { commentId: string; typed: DecisionTyped; problem: FormProblem }): Promise<string> {
    const report = await this.reports.build(req.user, id);
    const [plan, version] = await Promise.all([this.plans.get(req.user, report.planId), this.versions.get(req.user, report.planId, report.versionNumber)]);
    const ctx = await this.contexts.build(req, res, pageTitle(req, 'Tổng hợp, giải trình, tiếp thu', 'Consolidation board'));
    const laterVersions = plan.versions.map((v) => v.number).filter((n) => n > report.versionNumber);
    const row = (r: ReportRow) => {
      const mine = failed?.commentId === r.commentId ? failed : null;
      const typed: DecisionTyped = mine?.typed ?? { decision: r.decision ?? '', reason: r.reason ?? '', addressedInVersion: r.addressedInVersion ? String(r.addressedInVersion) : '' };
      return {
        ...r,
        form: {
          ...typed,
          problem: mine?.problem,
          errors: mine?.problem.fields ?? {},
          decisions: DECISIONS.map((d) => ({ value: d, vi: DECISION_LABELS[d].vi, en: DECISION_LABELS[d].en, selected: typed.decision === d })),
          versions: laterVersions.map((n) => ({ n, selected: typed.addressedInVersion === String(n) })),
        },
      };
    };
    const shown = report.rows.filter((r) => !onlyUndecided || !r.decision || r.commentId === failed?.commentId);
    // General comments first, then the sections in the order of the version commented on.
    const known = new Set(version.sections.map((s) => s.key));
    const groups = [{ key: null as string | null, heading: null as string | null }, ...version.sections.map((s) => ({ key: s.key as string | null, heading: s.heading as string | null }))]
      .map((g) => ({ ...g, anchor: groupAnchor(g.key), rows: shown.filter((r) => r.sectionKey === g.key).map(row) }))
      .concat(shown.filter((r) => r.sectionKey !== null && !known.has(r.sectionKey)).map((r) => ({ key: r.sectionKey, heading: r.sectionHeading ?? r.sectionKey, anchor: groupAnchor(r.sectionKey), rows: [row(r)] })))
      .filter((g) => g.rows.length > 0);
    return this.views.render('b-board', {
      ...ctx,
      plan,
      round: report,
      totals: report.totals,
      onlyUndecided,
      groups,
      shown: shown.length,
      editable: req.user.role === 'secretariat',
    });
  }

  @Post('comments/:id/disposition')
  @Roles('secretariat')
  async decide(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: Record<string, unknown>): Promise<void> {
    const lang = langOf(req);
    const comment = await this.comments.get(req.user, id);
    const only = field(body, 'only') === 'undecided';
    const typed: DecisionTyped = { decision: field(body, 'decision'), reason: field(body, 'reason'), addressedInVersion: field(body, 'addressedInVersion') };
    const input = { decision: typed.decision, reason: typed.reason.trim() ? typed.reason : null, addressedInVersion: intOrNull(typed.addressedInVersion) };
    const { value, errors } = await validateForm(DispositionDto, input, lang);
    let problem: FormProblem | null = errors ? fieldProblem(errors, lang) : null;
    if (!problem) {
      try {
        await this.dispositions.record(req.user, id, value);
        setFlash(res, 'ok', lang === 'en' ? 'The decision was recorded.' : 'Đã ghi nhận ý kiến giải trình, tiếp thu.');
        res.redirect(303, boardUrl(comment.roundId, only, groupAnchor(comment.sectionKey)));
        return;
      } catch (err) {
        problem = formProblem(err, lang);
      }
    }
    res.status(problem.status).type('html').send(await this.renderBoard(req, res, comment.roundId, only, { commentId: id, typed, problem }));
  }
}
