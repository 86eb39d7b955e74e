import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Response } from 'express';
import type { Actor } from '../../common/auth/actor';
import { Roles } from '../../common/auth/decorators';
import { DomainError } from '../../common/errors/domain-error';
import { toErrorBody } from '../../common/errors/error-body';
import type { Page } from '../../common/pagination/list-query.dto';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { BoardService } from '../../consultation/board.service';
import type { BoardCommentView, DecidedCommentView } from '../../consultation/board.views';
import { CommentsService } from '../../consultation/comments.service';
import { DispositionReasonsService } from '../../consultation/disposition-reasons.service';
import { DispositionsService } from '../../consultation/dispositions.service';
import type { Decision } from '../../consultation/domain/disposition';
import { BulkDispositionDto } from '../../consultation/dto/board.dto';
import { DispositionDto } from '../../consultation/dto/disposition.dto';
import { PlansService } from '../../plans/plans.service';
import { FormBody, optional, text, texts, vnInteger } from '../form-adapter';
import { FormProblem, submitForm } from '../form-pipeline';
import { langOf, SignedIn, Text } from '../lang';
import { PageRenderer } from '../page-renderer';
import { pageOf, PAGE_SIZE } from '../paging';
import { WebController } from '../web-controller';
import { boardPageModel, BulkTyped, LABELS, TITLE } from './board-page-model';
import { BoardQuery, boardQueryOf, boardUrl, GENERAL_SECTION } from './board-query';
import { cardOf, DecisionTyped, FailedDecision, sectionAnchor } from './board-cards';

/** Where the board goes after a decision: the next undecided comment, on the page that holds it. */
interface NextStop {
  url: string;
  comment: BoardCommentView | null;
}

const offsetOf = (body: FormBody) => {
  const n = Number(text(body, 'offset'));
  return Number.isInteger(n) && n > 0 ? Math.floor(n / PAGE_SIZE) * PAGE_SIZE : 0;
};

const keptOf = (query: BoardQuery) => (query.problem ? {} : query.kept);

/**
 * The consolidation board: a round's submitted comments 50 a page in board order, narrowed by
 * agency, section, state and text (BoardService), each with its decision; the secretariat decides
 * one comment (in place with the page's script, or by a plain form) or many at once.
 */
@WebController()
@Roles('secretariat', 'leader')
export class ConsolidationPages {
  constructor(
    private readonly pages: PageRenderer,
    private readonly board: BoardService,
    private readonly comments: CommentsService,
    private readonly dispositions: DispositionsService,
    private readonly reasons: DispositionReasonsService,
    private readonly plans: PlansService,
  ) {}

  @Get('rounds/:id/board')
  async show(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Query() query: Record<string, unknown>): Promise<void> {
    const lang = langOf(req);
    const [filters, page] = await Promise.all([boardQueryOf(query, lang), pageOf(query, lang)]);
    await this.render(req, res, id, filters, page, {});
  }

  @Post('comments/:id/disposition')
  @Roles('secretariat')
  async decide(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: FormBody): Promise<void> {
    await this.decideOne(req, res, id, body, false);
  }

  /** The same decision for the page's script: answers with the comment's card and the counts, not a redirect. */
  @Post('comments/:id/disposition/card')
  @Roles('secretariat')
  async decideInPlace(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: FormBody): Promise<void> {
    await this.decideOne(req, res, id, body, true);
  }

  @Post('rounds/:id/dispositions')
  @Roles('secretariat')
  async decideMany(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: FormBody): Promise<void> {
    const lang = langOf(req);
    const filters = await boardQueryOf(body, lang);
    const offset = offsetOf(body);
    const typed: BulkTyped = {
      decision: text(body, 'decision'),
      reason: text(body, 'reason'),
      addressedInVersion: text(body, 'addressedInVersion'),
      reasonTemplateId: text(body, 'reasonTemplateId'),
      saveReason: text(body, 'saveReason') === 'yes',
    };
    const commentIds = texts(body, 'commentIds');
    const templateOk = typed.reasonTemplateId === '' || isUUID(typed.reasonTemplateId, 'all');
    // A template chosen and nothing typed: the template's text is the reason (the script copies it in beforehand).
    const reason = optional(typed.reason) ?? (typed.reasonTemplateId && templateOk ? (await this.reasons.get(req.user, typed.reasonTemplateId)).text : null);
    await submitForm(req, res, {
      dto: BulkDispositionDto,
      input: { commentIds, decision: typed.decision, reason, addressedInVersion: vnInteger(typed.addressedInVersion) },
      adjust: (errors, l) => {
        if (errors.commentIds && commentIds.length === 0) errors.commentIds = l === 'en' ? 'tick at least one comment' : 'hãy đánh dấu chọn ít nhất một ý kiến';
        if (!templateOk) errors.reasonTemplateId = l === 'en' ? 'is not one of the list' : 'không có trong danh sách';
      },
      fields: ['commentIds', 'decision', 'reason', 'addressedInVersion', 'reasonTemplateId'],
      run: async (value) => {
        if (!templateOk) throw new DomainError('invalid', { vi: 'reasonTemplateId: không có trong danh sách', en: 'reasonTemplateId: is not one of the list' });
        const result = await this.dispositions.recordMany(req.user, id, value);
        const saved = typed.saveReason && value.reason ? await this.saveReason(req.user, value.reason, value.decision, lang) : null;
        return { total: result.total, saved };
      },
      done: ({ total, saved }) => ({
        to: boardUrl(id, keptOf(filters), offset),
        flash: {
          vi: `Đã ghi nhận quyết định cho ${total} ý kiến.${saved ? ` ${saved.vi}` : ''}`,
          en: `The decision was recorded for ${total} comment(s).${saved ? ` ${saved.en}` : ''}`,
        },
      }),
      again: (problem) =>
        this.render(req, res, id, filters, { limit: PAGE_SIZE, offset }, { bulk: { typed, problem, picked: new Set(commentIds) } }, problem.status),
    });
  }

  private async decideOne(req: SignedIn, res: Response, id: string, body: FormBody, inPlace: boolean): Promise<void> {
    const lang = langOf(req);
    const comment = await this.comments.get(req.user, id);
    const filters = await boardQueryOf(body, lang);
    const typed: DecisionTyped = { decision: text(body, 'decision'), reason: text(body, 'reason'), addressedInVersion: text(body, 'addressedInVersion') };
    const no = Math.max(1, Math.trunc(Number(text(body, 'no'))) || 1);
    await submitForm(req, res, {
      dto: DispositionDto,
      input: { decision: typed.decision, reason: optional(typed.reason), addressedInVersion: vnInteger(typed.addressedInVersion) },
      run: async (value) => {
        const decided = await this.dispositions.record(req.user, id, value);
        return { decided, next: await this.nextStop(req.user, comment.roundId, filters, decided, offsetOf(body)) };
      },
      done: ({ next }) => ({ to: next.url, flash: this.recorded(next) }),
      respond: inPlace ? ({ decided, next }) => this.sendCard(req, res, comment.roundId, filters, body, decided, next, no) : undefined,
      again: async (problem) => {
        const failed: FailedDecision = { commentId: id, typed, problem };
        if (inPlace) return this.sendCard(req, res, comment.roundId, filters, body, null, null, no, failed);
        // Shown again on the page that holds the comment: under the filters if they still show it, else on the whole board.
        let shown = filters;
        let at = filters.problem ? null : await this.board.position(req.user, comment.roundId, filters.filter, id);
        if (at === null) {
          shown = await boardQueryOf({}, lang);
          at = (await this.board.position(req.user, comment.roundId, {}, id)) ?? 0;
        }
        await this.render(req, res, comment.roundId, shown, { limit: PAGE_SIZE, offset: Math.floor(at / PAGE_SIZE) * PAGE_SIZE }, { failed }, problem.status);
      },
    });
  }

  /**
   * The next undecided comment (BoardService.progress) on the page of the board that holds it,
   * under the filters the person had when they still show it, else among the undecided ones.
   */
  private async nextStop(actor: Actor, roundId: string, filters: BoardQuery, decided: DecidedCommentView, offset: number): Promise<NextStop> {
    const next = decided.board.next;
    const kept = keptOf(filters);
    if (!next) return { url: boardUrl(roundId, kept, offset, `c-${decided.id}`), comment: null };
    const at = await this.board.position(actor, roundId, filters.problem ? {} : filters.filter, next.id);
    if (at !== null) return { url: boardUrl(roundId, kept, Math.floor(at / PAGE_SIZE) * PAGE_SIZE, `c-${next.id}`), comment: next };
    const among = (await this.board.position(actor, roundId, { state: 'undecided' }, next.id)) ?? 0;
    return { url: boardUrl(roundId, { only: 'undecided' }, Math.floor(among / PAGE_SIZE) * PAGE_SIZE, `c-${next.id}`), comment: next };
  }

  private recorded(next: NextStop): Text {
    const c = next.comment;
    if (!c)
      return {
        vi: 'Đã ghi nhận ý kiến giải trình, tiếp thu. Không còn ý kiến nào chưa quyết định.',
        en: 'The decision was recorded. No comment is left undecided.',
      };
    return {
      vi: `Đã ghi nhận ý kiến giải trình, tiếp thu. Ý kiến chưa quyết định tiếp theo: ${c.agencyName}, ${c.sectionHeading ?? 'ý kiến chung cho cả văn bản'}.`,
      en: `The decision was recorded. Next undecided comment: ${c.agencyName}, ${c.sectionHeading ?? 'general comment'}.`,
    };
  }

  /** Saves the reason just used as a template; one already in the list (or a full list) is said, the decision stands. */
  private async saveReason(actor: Actor, reason: string, decision: Decision, lang: 'vi' | 'en'): Promise<Text> {
    try {
      await this.reasons.create(actor, { text: reason, decision });
      return { vi: 'Đã lưu lý do làm lý do mẫu.', en: 'The reason was saved as a template.' };
    } catch (err) {
      if (!(err instanceof DomainError) || (err.code !== 'reason_template_taken' && err.code !== 'reason_templates_full')) throw err;
      const said = String(toErrorBody(err, lang, undefined, undefined, true).message);
      return { vi: `Chưa lưu lý do mẫu: ${said}`, en: `The template was not saved: ${said}` };
    }
  }

  /**
   * The piece of the board a decision changed, from the decision's own answer (BoardService.progress):
   * the comment's card, the totals, its section's undecided count, the next undecided comment.
   * Refused: the card alone, with the problem and what was typed.
   */
  private async sendCard(
    req: SignedIn,
    res: Response,
    roundId: string,
    filters: BoardQuery,
    body: FormBody,
    decided: DecidedCommentView | null,
    next: NextStop | null,
    no: number,
    failed?: FailedDecision,
  ): Promise<void> {
    const lang = langOf(req);
    const [comment, laterVersions] = await Promise.all([
      decided ?? this.board.list(req.user, roundId, { ids: [failed!.commentId] }, { limit: 1, offset: 0 }).then((l) => l.items[0]),
      this.board.laterVersions(req.user, roundId),
    ]);
    const section = comment.sectionKey ?? GENERAL_SECTION;
    await this.pages.fragment(
      req,
      res,
      'consolidation/card',
      {
        title: TITLE,
        labels: LABELS,
        editable: true,
        kept: keptOf(filters),
        offset: offsetOf(body),
        card: cardOf(comment, no, { lang, laterVersions, failed }),
        decided: decided
          ? {
              totals: decided.board.totals,
              section: {
                anchor: sectionAnchor(comment.sectionKey),
                undecided: decided.board.sectionUndecided,
                open: boardUrl(roundId, { section, state: 'undecided' }),
              },
              next: next?.comment ? { url: next.url, flash: this.recorded(next) } : null,
              // The last comment decided: the way on is the approval (the form says what still stands in the way, if anything).
              approval: next?.comment ? null : `/plans/${(await this.board.summary(req.user, roundId)).planId}/approval/new`,
            }
          : null,
      },
      failed?.problem.status ?? 200,
    );
  }

  private async render(
    req: SignedIn,
    res: Response,
    id: string,
    filters: BoardQuery,
    page: Page,
    state: { failed?: FailedDecision; bulk?: { typed: BulkTyped; problem: FormProblem; picked: Set<string> } },
    status = 200,
  ): Promise<void> {
    const model = await boardPageModel(
      { actor: req.user, lang: langOf(req), roundId: id, filters, page, ...state },
      { board: this.board, plans: this.plans, reasons: this.reasons },
    );
    await this.pages.send(req, res, 'consolidation/board', model, status !== 200 ? status : (filters.problem?.status ?? 200));
  }
}
