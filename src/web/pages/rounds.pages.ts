import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { Roles } from '../../common/auth/decorators';
import { Clock } from '../../common/clock';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { commentNotFound, CommentsService } from '../../consultation/comments.service';
import type { CommentView } from '../../consultation/consultation.views';
import { agencyState } from '../../consultation/domain/agency-state';
import { CreateCommentDto, SubmitResponseDto, UpdateCommentDto } from '../../consultation/dto/comment.dto';
import { ResponsesService } from '../../consultation/responses.service';
import { RoundsService } from '../../consultation/rounds.service';
import { PlansService } from '../../plans/plans.service';
import { VersionsService } from '../../plans/versions.service';
import { field, validateForm } from '../forms';
import { PageContexts, setFlash } from '../page-context';
import { Views } from '../views';
import { WebController } from '../web-controller';
import { formProblem, FormProblem, invalidForm, langOf, say, sendHtml } from './a-form-errors';

type Req_ = Request & { user: Actor };

/** What the forms of the round page hold when one is shown again: what was typed, and its problems. */
interface RoundForms {
  comment?: { sectionKey: string; quote: string; body: string } & Partial<FormProblem>;
  edit?: { id: string; sectionKey: string; body: string; dropQuote: boolean } & Partial<FormProblem>;
  response?: { reference: string } & Partial<FormProblem>;
  other?: Partial<FormProblem>;
}

/**
 * Comment rounds as a department sees them: read the version, comment on a passage, a section or
 * the whole plan, keep drafts, send the official response. Staff follow rounds on the tracker.
 */
@WebController('rounds')
@Roles('agency', 'secretariat', 'leader')
export class RoundPages {
  constructor(
    private readonly views: Views,
    private readonly contexts: PageContexts,
    private readonly rounds: RoundsService,
    private readonly comments: CommentsService,
    private readonly responses: ResponsesService,
    private readonly versions: VersionsService,
    private readonly plans: PlansService,
    private readonly clock: Clock,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Get()
  async list(@Req() req: Req_, @Res() res: Response): Promise<void> {
    const ctx = await this.contexts.build(req, res, langOf(req) === 'en' ? 'Comment rounds' : 'Đợt lấy ý kiến');
    if (req.user.role === 'agency') {
      const rows: AgencyRoundRow[] = await this.db.query(
        `SELECT r.id, r.title, r.deadline, r.status, r.version_number, p.title AS plan_title,
                rs.submitted_at, rs.no_comments, rs.late, rs.reference,
                (SELECT count(*)::int FROM comments c WHERE c.round_id = r.id AND c.agency_id = $1 AND c.status = 'draft') AS drafts,
                (SELECT count(*)::int FROM comments c WHERE c.round_id = r.id AND c.agency_id = $1 AND c.status = 'submitted') AS submitted,
                (SELECT count(*)::int FROM comments c WHERE c.round_id = r.id AND c.agency_id = $1 AND c.decision IS NOT NULL) AS decided
         FROM rounds r
         JOIN round_agencies ra ON ra.round_id = r.id AND ra.agency_id = $1
         JOIN plans p ON p.id = r.plan_id
         LEFT JOIN responses rs ON rs.round_id = r.id AND rs.agency_id = $1 AND rs.withdrawn_at IS NULL
         ORDER BY r.status <> 'open', CASE WHEN r.status = 'open' THEN r.deadline END, r.opened_at DESC
         LIMIT 200`,
        [req.user.agencyId],
      );
      const now = this.clock.now();
      const rounds = rows.map((r) => ({
        ...r,
        open: r.status === 'open',
        state: agencyState(r.submitted_at ? { noComments: r.no_comments, late: r.late } : null),
        overdue: r.status === 'open' && !r.submitted_at && now > r.deadline,
      }));
      return sendHtml(res, this.views.render('a-rounds', { ...ctx, agency: true, open: rounds.filter((r) => r.open), closed: rounds.filter((r) => !r.open) }));
    }
    const rows = await this.db.query(
      `SELECT r.id, r.title, r.deadline, r.status, r.version_number, r.closed_at, p.id AS plan_id, p.title AS plan_title,
              (SELECT count(*)::int FROM round_agencies ra WHERE ra.round_id = r.id) AS invited,
              (SELECT count(*)::int FROM responses rs WHERE rs.round_id = r.id AND rs.withdrawn_at IS NULL) AS answered,
              (SELECT count(*)::int FROM comments c WHERE c.round_id = r.id AND c.status = 'submitted' AND c.decision IS NULL) AS undecided
       FROM rounds r JOIN plans p ON p.id = r.plan_id
       WHERE r.status = 'open' OR r.id IN (SELECT id FROM rounds WHERE status = 'closed' ORDER BY closed_at DESC LIMIT 30)
       ORDER BY r.status <> 'open', CASE WHEN r.status = 'open' THEN r.deadline END, r.closed_at DESC`,
    );
    const open = rows.filter((r: { status: string }) => r.status === 'open');
    const closed = rows.filter((r: { status: string }) => r.status !== 'open');
    sendHtml(res, this.views.render('a-rounds', { ...ctx, agency: false, open, closed }));
  }

  @Get(':id')
  async show(@Req() req: Req_, @Res() res: Response, @Param('id', UuidPipe) id: string, @Query('section') section?: string): Promise<void> {
    if (req.user.role !== 'agency') return res.redirect(303, `/rounds/${id}/tracker`);
    const forms: RoundForms = typeof section === 'string' ? { comment: { sectionKey: section, quote: '', body: '' } } : {};
    await this.render(req, res, id, forms);
  }

  @Post(':id/comments')
  @Roles('agency')
  async create(@Req() req: Req_, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: Record<string, unknown>): Promise<void> {
    const typed = { sectionKey: field(body, 'sectionKey'), quote: field(body, 'quote'), body: field(body, 'body') };
    const input = { sectionKey: typed.sectionKey || null, quote: typed.quote || null, body: typed.body };
    const { value, errors } = await validateForm(CreateCommentDto, input, langOf(req));
    if (errors) return this.render(req, res, id, { comment: { ...typed, ...invalidForm(errors) } });
    try {
      const created = await this.comments.create(req.user, id, value);
      setFlash(res, 'ok', say(req, 'Đã lưu ý kiến (bản nháp). Ý kiến chỉ được gửi đi khi đơn vị gửi văn bản góp ý.', 'Comment saved as a draft. It is sent when your agency submits its response.'));
      res.redirect(303, `/rounds/${id}#comment-${created.id}`);
    } catch (err) {
      await this.render(req, res, id, { comment: { ...typed, ...formProblem(err, langOf(req), ['sectionKey', 'quote', 'body']) } });
    }
  }

  @Post(':id/comments/:commentId')
  @Roles('agency')
  async update(
    @Req() req: Req_,
    @Res() res: Response,
    @Param('id', UuidPipe) id: string,
    @Param('commentId', UuidPipe) commentId: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const typed = { id: commentId, sectionKey: field(body, 'sectionKey'), body: field(body, 'body'), dropQuote: field(body, 'dropQuote') === 'on' };
    const input = { body: typed.body, sectionKey: typed.sectionKey || null, ...(typed.dropQuote ? { quote: null } : {}) };
    const { value, errors } = await validateForm(UpdateCommentDto, input, langOf(req));
    if (errors) return this.render(req, res, id, { edit: { ...typed, ...invalidForm(errors) } });
    try {
      await this.ownComment(req.user, id, commentId);
      await this.comments.update(req.user, commentId, value);
      setFlash(res, 'ok', say(req, 'Đã sửa ý kiến.', 'Comment updated.'));
      res.redirect(303, `/rounds/${id}#comment-${commentId}`);
    } catch (err) {
      await this.render(req, res, id, { edit: { ...typed, ...formProblem(err, langOf(req), ['sectionKey', 'quote', 'body']) } });
    }
  }

  @Post(':id/comments/:commentId/delete')
  @Roles('agency')
  async remove(@Req() req: Req_, @Res() res: Response, @Param('id', UuidPipe) id: string, @Param('commentId', UuidPipe) commentId: string): Promise<void> {
    try {
      await this.ownComment(req.user, id, commentId);
      await this.comments.remove(req.user, commentId);
      setFlash(res, 'ok', say(req, 'Đã xóa ý kiến nháp.', 'Draft comment deleted.'));
      res.redirect(303, `/rounds/${id}#own-comments`);
    } catch (err) {
      await this.render(req, res, id, { other: formProblem(err, langOf(req), []) });
    }
  }

  @Post(':id/response')
  @Roles('agency')
  async respond(@Req() req: Req_, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: Record<string, unknown>): Promise<void> {
    const typed = { reference: field(body, 'reference') };
    const noComments = field(body, 'answer') === 'no_comments';
    const input = { reference: typed.reference.trim() ? typed.reference : null, ...(noComments ? { noComments: true } : {}) };
    const { value, errors } = await validateForm(SubmitResponseDto, input, langOf(req));
    if (errors) return this.render(req, res, id, { response: { ...typed, ...invalidForm(errors) } });
    try {
      const sent = await this.responses.submit(req.user, id, value);
      setFlash(
        res,
        'ok',
        noComments
          ? say(req, 'Đã gửi văn bản: thống nhất với dự thảo, không có ý kiến.', 'Response sent: no comments on the draft.')
          : say(req, `Đã gửi văn bản góp ý với ${sent.commentIds.length} ý kiến.`, `Response sent with ${sent.commentIds.length} comment(s).`),
      );
      res.redirect(303, `/rounds/${id}`);
    } catch (err) {
      await this.render(req, res, id, { response: { ...typed, ...formProblem(err, langOf(req), ['reference', 'noComments']) } });
    }
  }

  @Post(':id/response/withdraw')
  @Roles('agency')
  async withdraw(@Req() req: Req_, @Res() res: Response, @Param('id', UuidPipe) id: string): Promise<void> {
    try {
      await this.responses.withdraw(req.user, id);
      setFlash(res, 'ok', say(req, 'Đã rút văn bản góp ý; các ý kiến trở lại bản nháp để sửa và gửi lại.', 'Response withdrawn; its comments are drafts again.'));
      res.redirect(303, `/rounds/${id}`);
    } catch (err) {
      await this.render(req, res, id, { other: formProblem(err, langOf(req), []) });
    }
  }

  /** The comment must belong to this round: a form for one round never changes another's comment. */
  private async ownComment(actor: Actor, roundId: string, commentId: string): Promise<CommentView> {
    const comment = await this.comments.get(actor, commentId);
    if (comment.roundId !== roundId) throw commentNotFound();
    return comment;
  }

  private async render(req: Req_, res: Response, id: string, forms: RoundForms): Promise<void> {
    const actor = req.user;
    const round = await this.rounds.get(actor, id);
    const [plan, version, own] = await Promise.all([this.plans.get(actor, round.planId), this.versions.get(actor, round.planId, round.versionNumber), this.ownComments(actor, id)]);
    const me = round.agencies[0];
    const position = new Map(version.sections.map((s, i) => [s.key, i]));
    const heading = new Map(version.sections.map((s) => [s.key, s.heading]));
    const place = (c: CommentView) => (c.sectionKey === null ? -1 : (position.get(c.sectionKey) ?? Number.MAX_SAFE_INTEGER));
    const comments = [...own]
      .sort((a, b) => place(a) - place(b))
      .map((c) => ({
        ...c,
        sectionHeading: c.sectionKey === null ? null : (heading.get(c.sectionKey) ?? c.sectionKey),
        edit: forms.edit?.id === c.id ? forms.edit : null,
        selectKey: forms.edit?.id === c.id ? forms.edit.sectionKey : (c.sectionKey ?? ''),
        editBody: forms.edit?.id === c.id ? forms.edit.body : c.body,
      }));
    const drafts = comments.filter((c) => c.status === 'draft').length;
    const count = new Map<string, number>();
    for (const c of own) if (c.sectionKey) count.set(c.sectionKey, (count.get(c.sectionKey) ?? 0) + 1);
    const commentForm = forms.comment ?? { sectionKey: '', quote: '', body: '' };
    // A section named in the address that this version does not have: comment on the whole plan.
    if (!commentForm.status && commentForm.sectionKey && !heading.has(commentForm.sectionKey)) commentForm.sectionKey = '';
    const open = round.status === 'open';
    const ctx = await this.contexts.build(req, res, plan.title);
    const html = this.views.render('a-round', {
      ...ctx,
      round,
      plan,
      version,
      me,
      open,
      answered: me.state !== 'pending',
      canComment: open && me.state === 'pending',
      pastDeadline: this.clock.now().getTime() > new Date(round.deadline).getTime(),
      sections: version.sections.map((s) => ({ ...s, comments: count.get(s.key) ?? 0 })),
      comments,
      drafts,
      decided: comments.filter((c) => c.disposition).length,
      form: { ...commentForm, targetHeading: commentForm.sectionKey ? (heading.get(commentForm.sectionKey) ?? '') : '' },
      response: forms.response ?? { reference: me.reference ?? '' },
      other: forms.other ?? null,
    });
    const status = forms.comment?.status ?? forms.edit?.status ?? forms.response?.status ?? forms.other?.status ?? 200;
    sendHtml(res, html, status);
  }

  /** Every comment of the agency in this round (the list is paged by the service). */
  private async ownComments(actor: Actor, roundId: string): Promise<CommentView[]> {
    const all: CommentView[] = [];
    for (let offset = 0; ; offset += 200) {
      const page = await this.comments.list(actor, roundId, { limit: 200, offset });
      all.push(...page.items);
      if (page.items.length === 0 || all.length >= page.total) return all;
    }
  }
}

interface AgencyRoundRow {
  id: string;
  title: string;
  deadline: Date;
  status: string;
  version_number: number;
  plan_title: string;
  submitted_at: Date | null;
  no_comments: boolean;
  late: boolean;
  reference: string | null;
  drafts: number;
  submitted: number;
  decided: number;
}
