import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Actor } from '../../common/auth/actor';
import { Roles } from '../../common/auth/decorators';
import { Clock } from '../../common/clock';
import { Upload, type UploadedFile } from '../../common/http/file-upload';
import { UuidPipe } from '../../common/http/uuid.pipe';
import type { PlacedCommentView } from '../../consultation/anchor.views';
import { shownAnchorState } from '../../consultation/domain/anchor-labels';
import { nthQuoteStart } from '../../consultation/domain/anchor-text';
import { CommentAnchors } from '../../consultation/comment-anchors.service';
import { CommentsService } from '../../consultation/comments.service';
import { CreateCommentDto, SubmitResponseDto, UpdateCommentDto } from '../../consultation/dto/comment.dto';
import { ResponsesService } from '../../consultation/responses.service';
import { RoundSummaries } from '../../consultation/round-summaries.query';
import { RoundsService } from '../../consultation/rounds.service';
import { PlansService } from '../../plans/plans.service';
import { VersionsService } from '../../plans/versions.service';
import { WORD_LIMITS } from '../../word/docx-archive';
import { WordImportService } from '../../word/word-import.service';
import { AppConfig } from '../../config/app-config';
import { FormBody, optional, text } from '../form-adapter';
import { FormProblem, refusal, submitAction, submitForm } from '../form-pipeline';
import { Lang, langOf, SignedIn, Text } from '../lang';
import { PageRenderer } from '../page-renderer';
import { pageOf, pagerOf } from '../paging';
import { WebController } from '../web-controller';
import { WebFileUpload } from '../web-upload';
import { consultationErrors } from '../../consultation/consultation-errors';

const LABELS: Record<string, Text> = {
  sectionKey: { vi: 'Góp ý cho', en: 'Comment on' },
  quote: { vi: 'Đoạn trích', en: 'Quote' },
  body: { vi: 'Nội dung góp ý', en: 'Comment' },
  reference: { vi: 'Số, ký hiệu văn bản của đơn vị', en: "Your agency's reference number" },
  noComments: { vi: 'Văn bản góp ý', en: 'Response' },
};
const COMMENT_FIELDS = ['sectionKey', 'quote', 'body'] as const;

/** Earlier comments shown on a round's page at most (the API pages through all). */
const EARLIER_SHOWN = 200;
const AROUND = 80;

/** An earlier comment as the round's page shows it: where it stands in this version, the passage marked in its context. */
function earlierComment(c: PlacedCommentView, sections: readonly { key: string; heading: string; body: string }[], lang: Lang) {
  const a = c.anchor;
  const body = sections.find((s) => s.key === a.sectionKey)?.body ?? '';
  const marked =
    a.start !== null && a.end !== null
      ? {
          before: `${a.start > AROUND ? '…' : ''}${body.slice(Math.max(0, a.start - AROUND), a.start)}`,
          text: body.slice(a.start, a.end),
          after: `${body.slice(a.end, a.end + AROUND)}${a.end + AROUND < body.length ? '…' : ''}`,
        }
      : null;
  return {
    comment: { ...c, id: c.commentId, sectionKey: a.sectionKey, sectionHeading: a.heading },
    state: shownAnchorState(a),
    candidates: a.candidates?.length ?? 0,
    marked,
    // The card's head names the section it stands in now; one that went has none.
    who: a.state === 'removed' && a.sectionKey === null ? (lang === 'en' ? 'A section no longer in this draft' : 'Mục không còn trong dự thảo này') : null,
  };
}

/** What the forms of the round page hold when one is shown again: what was typed, and its problem. */
interface RoundForms {
  comment?: { sectionKey: string; quote: string; quoteOccurrence?: string; body: string; problem?: FormProblem };
  edit?: { id: string; sectionKey: string; quote: string; quoteOccurrence: string; body: string; problem: FormProblem };
  response?: { reference: string; problem: FormProblem };
  other?: FormProblem;
  /** A Word reply: what it made, or why it was refused. */
  imported?: { created: number; unplaced: { text: string; reason: string }[] };
  word?: { problem: FormProblem };
  /** Which page of the agency's comments (`?offset=&limit=`, or the edit form's own). */
  page?: { offset?: unknown; limit?: unknown };
}

/**
 * Comment rounds: the list for everyone who takes part, and a round as a department sees it — read
 * the version, comment on a passage, a section or the whole plan, keep drafts, send the official
 * response. Staff follow a round on its tracker.
 */
@WebController('rounds')
@Roles('agency', 'secretariat', 'leader')
export class RoundPages {
  constructor(
    private readonly pages: PageRenderer,
    private readonly rounds: RoundsService,
    private readonly summaries: RoundSummaries,
    private readonly comments: CommentsService,
    private readonly responses: ResponsesService,
    private readonly versions: VersionsService,
    private readonly plans: PlansService,
    private readonly anchors: CommentAnchors,
    private readonly clock: Clock,
    private readonly word: WordImportService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async list(@Req() req: SignedIn, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const page = await pageOf(query, langOf(req));
    const agency = req.user.role === 'agency';
    const list = agency ? await this.summaries.forAgency(req.user.agencyId!, page) : await this.summaries.forStaff(page);
    const now = this.clock.now().getTime();
    const rounds = list.items.map((r) => ({
      ...r,
      overdue: r.status === 'open' && 'state' in r && r.state === 'pending' && now > new Date(r.deadline).getTime(),
    }));
    await this.pages.send(req, res, 'rounds/list', {
      title: { vi: 'Đợt lấy ý kiến', en: 'Comment rounds' },
      agency,
      rounds,
      pager: pagerOf('/rounds', {}, page, list.total, rounds.length),
    });
  }

  @Get(':id')
  async show(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Query() query: Record<string, unknown>): Promise<void> {
    if (req.user.role !== 'agency') return res.redirect(303, `/rounds/${id}/tracker`);
    const section = typeof query.section === 'string' ? query.section : null;
    await this.render(req, res, id, {
      ...(section !== null ? { comment: { sectionKey: section, quote: '', body: '' } } : {}),
      page: { offset: query.offset, limit: query.limit },
    });
  }

  @Post(':id/comments')
  @Roles('agency')
  async create(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: FormBody): Promise<void> {
    const typed = {
      sectionKey: text(body, 'sectionKey'),
      quote: text(body, 'quote'),
      quoteOccurrence: text(body, 'quoteOccurrence'),
      body: text(body, 'body'),
    };
    const quoteStart = await this.quoteStartOf(req.user, id, typed);
    await submitForm(req, res, {
      dto: CreateCommentDto,
      input: { sectionKey: optional(typed.sectionKey), quote: optional(typed.quote), ...(quoteStart !== null ? { quoteStart } : {}), body: typed.body },
      fields: COMMENT_FIELDS,
      run: (value) => this.comments.create(req.user, id, value),
      done: (created) => ({
        to: `/rounds/${id}#comment-${created.id}`,
        flash: {
          vi: 'Đã lưu ý kiến (bản nháp). Ý kiến chỉ được gửi đi khi đơn vị gửi văn bản góp ý.',
          en: 'Comment saved as a draft. It is sent when your agency submits its response.',
        },
      }),
      again: (problem) => this.render(req, res, id, { comment: { ...typed, problem } }),
    });
  }

  /**
   * The offset in the section's stored text of the quote the reader selected: the page's script
   * sends which occurrence of the phrase in the section (from 0) the selection was, since the page
   * shows the text rendered. The first one (or an occurrence the text does not have) needs none.
   */
  private async quoteStartOf(actor: Actor, roundId: string, typed: { sectionKey: string; quote: string; quoteOccurrence: string }): Promise<number | null> {
    const nth = /^\d{1,6}$/.test(typed.quoteOccurrence) ? Number(typed.quoteOccurrence) : 0;
    if (nth === 0 || !typed.sectionKey || !typed.quote.trim()) return null;
    try {
      const round = await this.rounds.get(actor, roundId);
      const version = await this.versions.get(actor, round.planId, round.versionNumber);
      const section = version.sections.find((s) => s.key === typed.sectionKey);
      return section ? nthQuoteStart(section.body, typed.quote, nth) : null;
    } catch {
      return null; // the comment's own checks say what is wrong
    }
  }

  /** "Gửi ý kiến bằng tệp Word": the drafts go to the list below for review; what could not be placed is shown. */
  @Post(':id/comments/import')
  @Roles('agency')
  @WebFileUpload(WORD_LIMITS.fileBytes)
  async importWord(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Upload() file: UploadedFile): Promise<void> {
    let imported: Awaited<ReturnType<WordImportService['importReply']>>;
    try {
      imported = await this.word.importReply(req.user, id, file);
    } catch (err) {
      return this.render(req, res, id, { word: { problem: refusal(err, langOf(req), []) } });
    }
    await this.render(req, res, id, { imported: { created: imported.created.length, unplaced: imported.unplaced } });
  }

  @Post(':id/comments/:commentId')
  @Roles('agency')
  async update(
    @Req() req: SignedIn,
    @Res() res: Response,
    @Param('id', UuidPipe) id: string,
    @Param('commentId', UuidPipe) commentId: string,
    @Body() body: FormBody,
  ): Promise<void> {
    const typed = {
      id: commentId,
      sectionKey: text(body, 'sectionKey'),
      quote: text(body, 'quote'),
      quoteOccurrence: text(body, 'quoteOccurrence'),
      body: text(body, 'body'),
    };
    // An emptied quote field removes the quote; the same quote keeps its place (comments.service).
    const quoteStart = await this.quoteStartOf(req.user, id, typed);
    await submitForm(req, res, {
      dto: UpdateCommentDto,
      input: { body: typed.body, sectionKey: optional(typed.sectionKey), quote: optional(typed.quote), ...(quoteStart !== null ? { quoteStart } : {}) },
      fields: COMMENT_FIELDS,
      run: async (value) => {
        await this.ownComment(req.user, id, commentId);
        return this.comments.update(req.user, commentId, value);
      },
      done: () => ({ to: `/rounds/${id}#comment-${commentId}`, flash: { vi: 'Đã sửa ý kiến.', en: 'Comment updated.' } }),
      again: (problem) => this.render(req, res, id, { edit: { ...typed, problem }, page: { offset: text(body, 'offset'), limit: text(body, 'limit') } }),
    });
  }

  @Post(':id/comments/:commentId/delete')
  @Roles('agency')
  async remove(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Param('commentId', UuidPipe) commentId: string): Promise<void> {
    await submitAction(req, res, {
      run: async () => {
        await this.ownComment(req.user, id, commentId);
        await this.comments.remove(req.user, commentId);
      },
      done: () => ({ vi: 'Đã xóa ý kiến nháp.', en: 'Draft comment deleted.' }),
      to: `/rounds/${id}#own-comments`,
      refused: (problem) => this.render(req, res, id, { other: problem }),
    });
  }

  @Post(':id/response')
  @Roles('agency')
  async respond(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: FormBody): Promise<void> {
    const typed = { reference: text(body, 'reference') };
    const noComments = text(body, 'answer') === 'no_comments';
    await submitForm(req, res, {
      dto: SubmitResponseDto,
      input: { reference: optional(typed.reference), ...(noComments ? { noComments: true } : {}) },
      fields: ['reference', 'noComments'],
      run: (value) => this.responses.submit(req.user, id, value),
      done: (sent) => ({
        to: `/rounds/${id}`,
        flash: noComments
          ? { vi: 'Đã gửi văn bản: thống nhất với dự thảo, không có ý kiến.', en: 'Response sent: no comments on the draft.' }
          : { vi: `Đã gửi văn bản góp ý với ${sent.commentIds.length} ý kiến.`, en: `Response sent with ${sent.commentIds.length} comment(s).` },
      }),
      again: (problem) => this.render(req, res, id, { response: { ...typed, problem } }),
    });
  }

  @Post(':id/response/withdraw')
  @Roles('agency')
  async withdraw(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string): Promise<void> {
    await submitAction(req, res, {
      run: () => this.responses.withdraw(req.user, id),
      done: () => ({ vi: 'Đã rút văn bản góp ý; các ý kiến trở lại bản nháp để sửa và gửi lại.', en: 'Response withdrawn; its comments are drafts again.' }),
      to: `/rounds/${id}`,
      refused: (problem) => this.render(req, res, id, { other: problem }),
    });
  }

  /** The comment must belong to this round: a form for one round never changes another's comment. */
  private async ownComment(actor: Actor, roundId: string, commentId: string): Promise<void> {
    const comment = await this.comments.get(actor, commentId);
    if (comment.roundId !== roundId) throw consultationErrors.commentNotFound();
  }

  private async render(req: SignedIn, res: Response, id: string, forms: RoundForms): Promise<void> {
    const actor = req.user;
    const lang = langOf(req);
    const round = await this.rounds.get(actor, id);
    const page = await pageOf(forms.page ?? {}, lang);
    const [plan, version, own, counts, earlier] = await Promise.all([
      this.plans.get(actor, round.planId),
      this.versions.get(actor, round.planId, round.versionNumber),
      this.comments.list(actor, id, page),
      this.summaries.ownCounts(id, actor.agencyId!),
      round.versionNumber > 1 ? this.anchors.listOnVersion(actor, round.planId, round.versionNumber, { limit: EARLIER_SHOWN, offset: 0 }) : null,
    ]);
    const me = round.agencies[0];
    const heading = new Map(version.sections.map((s) => [s.key, s.heading]));
    const general = { value: '', label: lang === 'en' ? 'The whole draft (general)' : 'Toàn bộ dự thảo (góp ý chung)' };
    const comments = own.items.map((c) => {
      const edit = forms.edit?.id === c.id ? forms.edit : null;
      const selected = edit ? edit.sectionKey : (c.sectionKey ?? '');
      return {
        ...c,
        sectionHeading: c.sectionKey === null ? null : (heading.get(c.sectionKey) ?? c.sectionKey),
        edit,
        editBody: edit ? edit.body : c.body,
        editQuote: edit ? edit.quote : (c.quote ?? ''),
        sectionOptions: [general, ...version.sections.map((s) => ({ value: s.key, label: s.heading }))].map((o) => ({ ...o, selected: o.value === selected })),
      };
    });
    const commentForm = forms.comment ?? { sectionKey: '', quote: '', body: '' };
    // A section named in the address that this version does not have: comment on the whole plan.
    if (!commentForm.problem && commentForm.sectionKey && !heading.has(commentForm.sectionKey)) commentForm.sectionKey = '';
    const open = round.status === 'open';
    const status =
      forms.comment?.problem?.status ??
      forms.edit?.problem.status ??
      forms.response?.problem.status ??
      forms.other?.status ??
      forms.word?.problem.status ??
      200;
    await this.pages.send(
      req,
      res,
      'rounds/show',
      {
        title: { vi: plan.title, en: plan.title },
        labels: LABELS,
        round,
        plan,
        me,
        open,
        answered: me.state !== 'pending',
        canComment: open && me.state === 'pending',
        pastDeadline: this.clock.now().getTime() > new Date(round.deadline).getTime(),
        sections: version.sections.map((s) => ({ ...s, comments: counts.bySection[s.key] ?? 0 })),
        comments,
        counts,
        page,
        pager: pagerOf(`/rounds/${id}`, {}, page, own.total, own.items.length),
        form: { ...commentForm, targetHeading: commentForm.sectionKey ? (heading.get(commentForm.sectionKey) ?? '') : '' },
        response: forms.response ?? { reference: me.reference ?? '' },
        other: forms.other ?? null,
        earlier: earlier && {
          total: earlier.total,
          more: earlier.total - earlier.items.length,
          items: earlier.items.map((c) => earlierComment(c, version.sections, lang)),
        },
        imported: forms.imported ?? null,
        word: forms.word ?? {},
        letterMaxBytes: this.config.letterMaxBytes,
      },
      status,
    );
  }
}
