import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../../common/auth/decorators';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { CommentsService } from '../../consultation/comments.service';
import type { ReportRow } from '../../consultation/consultation.views';
import { DispositionsService } from '../../consultation/dispositions.service';
import { DECISION_LABELS, DECISIONS } from '../../consultation/domain/disposition';
import { DispositionDto } from '../../consultation/dto/disposition.dto';
import { ReportService } from '../../consultation/report.service';
import { PlansService } from '../../plans/plans.service';
import { VersionsService } from '../../plans/versions.service';
import { FormBody, optional, text, vnInteger } from '../form-adapter';
import { FormProblem, submitForm } from '../form-pipeline';
import { langOf, SignedIn, Text } from '../lang';
import { PageRenderer } from '../page-renderer';
import { pageOf, pagerOf } from '../paging';
import { WebController } from '../web-controller';

const LABELS: Record<string, Text> = {
  decision: { vi: 'Quyết định', en: 'Decision' },
  reason: { vi: 'Lý do, nội dung giải trình', en: 'Reason' },
  addressedInVersion: { vi: 'Đã thể hiện ở dự thảo', en: 'Taken in at version' },
};

interface DecisionTyped {
  decision: string;
  reason: string;
  addressedInVersion: string;
}

const boardUrl = (roundId: string, only: boolean, anchor = '') => `/rounds/${roundId}/board${only ? '?only=undecided' : ''}${anchor ? `#${anchor}` : ''}`;
const groupAnchor = (sectionKey: string | null) => `sec-${sectionKey ?? 'general'}`;

/** The consolidation board: every submitted comment of a round, grouped by section, each with its decision and reason. */
@WebController()
@Roles('secretariat', 'leader')
export class ConsolidationPages {
  constructor(
    private readonly pages: PageRenderer,
    private readonly reports: ReportService,
    private readonly comments: CommentsService,
    private readonly dispositions: DispositionsService,
    private readonly plans: PlansService,
    private readonly versions: VersionsService,
  ) {}

  @Get('rounds/:id/board')
  async board(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Query() query: Record<string, unknown>): Promise<void> {
    await this.renderBoard(req, res, id, query.only === 'undecided', query);
  }

  private async renderBoard(req: SignedIn, res: Response, id: string, onlyUndecided: boolean, query: Record<string, unknown>, failed?: { commentId: string; typed: DecisionTyped; problem: FormProblem }): Promise<void> {
    const lang = langOf(req);
    const page = await pageOf(query, lang);
    const report = await this.reports.build(req.user, id);
    const [plan, version] = await Promise.all([this.plans.get(req.user, report.planId), this.versions.get(req.user, report.planId, report.versionNumber)]);
    const laterVersions = plan.versions.map((v) => v.number).filter((n) => n > report.versionNumber);
    const row = (r: ReportRow) => {
      const mine = failed?.commentId === r.commentId ? failed : null;
      const typed: DecisionTyped = mine?.typed ?? { decision: r.decision ?? '', reason: r.reason ?? '', addressedInVersion: r.addressedInVersion ? String(r.addressedInVersion) : '' };
      return {
        ...r,
        form: {
          ...typed,
          problem: mine?.problem,
          decisions: [{ value: '', label: lang === 'en' ? '— choose —' : '— chọn —' }, ...DECISIONS.map((d) => ({ value: d, label: DECISION_LABELS[d][lang] }))].map((o) => ({ ...o, selected: o.value === typed.decision })),
          versions: laterVersions.length
            ? [{ value: '', label: lang === 'en' ? '— not yet —' : '— chưa có —' }, ...laterVersions.map((n) => ({ value: String(n), label: `${lang === 'en' ? 'version' : 'lần'} ${n}` }))].map((o) => ({ ...o, selected: o.value === typed.addressedInVersion }))
            : [],
        },
      };
    };
    const matching = report.rows.filter((r) => !onlyUndecided || !r.decision || r.commentId === failed?.commentId);
    // A refused decision is shown again on the page that holds its comment.
    const at = failed ? matching.findIndex((r) => r.commentId === failed.commentId) : -1;
    if (at >= 0) page.offset = Math.floor(at / page.limit) * page.limit;
    const shown = matching.slice(page.offset, page.offset + page.limit);
    // General comments first, then the sections in the order of the version commented on.
    const known = new Set(version.sections.map((s) => s.key));
    const groups = [{ key: null as string | null, heading: null as string | null }, ...version.sections.map((s) => ({ key: s.key as string | null, heading: s.heading as string | null }))]
      .map((g) => ({ ...g, anchor: groupAnchor(g.key), rows: shown.filter((r) => r.sectionKey === g.key).map(row) }))
      .concat(shown.filter((r) => r.sectionKey !== null && !known.has(r.sectionKey)).map((r) => ({ key: r.sectionKey, heading: r.sectionHeading ?? r.sectionKey, anchor: groupAnchor(r.sectionKey), rows: [row(r)] })))
      .filter((g) => g.rows.length > 0);
    await this.pages.send(req, res, 'consolidation/board', {
      title: { vi: 'Tổng hợp, giải trình, tiếp thu', en: 'Consolidation board' },
      labels: LABELS,
      plan,
      round: report,
      totals: report.totals,
      onlyUndecided,
      groups,
      pager: pagerOf(`/rounds/${id}/board`, onlyUndecided ? { only: 'undecided' } : {}, page, matching.length, shown.length),
      editable: req.user.role === 'secretariat',
    }, failed?.problem.status ?? 200);
  }

  @Post('comments/:id/disposition')
  @Roles('secretariat')
  async decide(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: FormBody): Promise<void> {
    const comment = await this.comments.get(req.user, id);
    const only = text(body, 'only') === 'undecided';
    const typed: DecisionTyped = { decision: text(body, 'decision'), reason: text(body, 'reason'), addressedInVersion: text(body, 'addressedInVersion') };
    await submitForm(req, res, {
      dto: DispositionDto,
      input: { decision: typed.decision, reason: optional(typed.reason), addressedInVersion: vnInteger(typed.addressedInVersion) },
      run: (value) => this.dispositions.record(req.user, id, value),
      done: () => ({ to: boardUrl(comment.roundId, only, groupAnchor(comment.sectionKey)), flash: { vi: 'Đã ghi nhận ý kiến giải trình, tiếp thu.', en: 'The decision was recorded.' } }),
      again: (problem) => this.renderBoard(req, res, comment.roundId, only, {}, { commentId: id, typed, problem }),
    });
  }
}
