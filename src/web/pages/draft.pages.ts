import { Body, Get, Header, Param, Post, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Roles } from '../../common/auth/decorators';
import { DomainError, invalid, notFound } from '../../common/errors/domain-error';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { allowedActions } from '../../plans/domain/plan-lifecycle';
import { VersionDiffs } from '../../plans/diff/version-diffs';
import type { Section, SectionInput } from '../../plans/domain/sections';
import { DraftService } from '../../plans/draft.service';
import { PutDraftDto } from '../../plans/dto/create-plan.dto';
import { SECTION_KEY, SectionInputDto } from '../../plans/dto/section.dto';
import type { DraftView } from '../../plans/plan.views';
import { PlansService } from '../../plans/plans.service';
import { field, validateForm } from '../forms';
import { PageContexts, setFlash } from '../page-context';
import { Views } from '../views';
import { WebController } from '../web-controller';
import { fieldProblem, FormProblem, formProblem, langOf, pageTitle, SignedIn } from './secretariat-forms';

const HTML = 'text/html; charset=utf-8';

interface Typed {
  heading: string;
  body: string;
  revision: string;
  position: string;
}

const typedOf = (b: Record<string, unknown>): Typed => ({ heading: field(b, 'heading'), body: field(b, 'body'), revision: field(b, 'revision'), position: field(b, 'position') });

const stale = (err: unknown) => err instanceof DomainError && err.code === 'precondition_failed';

function sectionKey(key: string): string {
  if (!SECTION_KEY.test(key)) throw notFound({ vi: 'mục', en: 'section' });
  return key;
}

/**
 * The working draft, one section at a time. Every save carries the revision the person saw (the
 * API's If-Match); when someone else saved in between, the page shows both texts and lets the
 * person put theirs onto the latest revision, so nothing typed is lost.
 */
@WebController()
@Roles('secretariat')
export class DraftPages {
  constructor(
    private readonly views: Views,
    private readonly contexts: PageContexts,
    private readonly plans: PlansService,
    private readonly drafts: DraftService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly diffs: VersionDiffs,
  ) {}

  @Get('plans/:id/draft')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  async list(@Req() req: SignedIn, @Res({ passthrough: true }) res: Response, @Param('id', UuidPipe) id: string): Promise<string> {
    return this.renderList(req, res, id);
  }

  private async renderList(req: SignedIn, res: Response, id: string, add?: { typed: Typed; problem: FormProblem }): Promise<string> {
    const plan = await this.plans.get(req.user, id);
    const draft = await this.drafts.get(req.user, id);
    const ctx = await this.contexts.build(req, res, pageTitle(req, 'Bản đang soạn', 'Working draft'));
    const sections = draft.sections.map((s, i) => ({ ...s, no: i + 1, first: i === 0, last: i === draft.sections.length - 1 }));
    const typed = add?.typed ?? { heading: '', body: '', revision: String(draft.revision), position: '' };
    return this.views.render('b-draft', {
      ...ctx,
      plan,
      draft,
      sections,
      editable: allowedActions(plan.status).includes('edit_draft'),
      // After a conflict the form goes onto the latest revision; the person's text stays in it.
      add: { ...typed, revision: String(draft.revision), problem: add?.problem, errors: add?.problem?.fields ?? {} },
      positions: sections.map((s) => ({ value: String(s.no), label: s.heading, selected: typed.position === String(s.no) })),
    });
  }

  @Post('plans/:id/draft/sections')
  async add(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: Record<string, unknown>): Promise<void> {
    const typed = typedOf(body);
    const lang = langOf(req);
    const { errors } = await validateForm(SectionInputDto, { heading: typed.heading, body: typed.body }, lang);
    let problem: FormProblem | null = errors ? fieldProblem(errors, lang) : null;
    if (!problem) {
      try {
        const draft = await this.drafts.get(req.user, id);
        const at = /^\d+$/.test(typed.position) ? Math.min(Number(typed.position), draft.sections.length) : draft.sections.length;
        const sections: SectionInput[] = [...draft.sections];
        sections.splice(at, 0, { heading: typed.heading, body: typed.body });
        const saved = await this.put(req, id, typed.revision, sections);
        setFlash(res, 'ok', lang === 'en' ? 'The section was added.' : 'Đã thêm mục mới.');
        res.redirect(303, `/plans/${id}/draft#${saved.sections[at].key}`);
        return;
      } catch (err) {
        problem = formProblem(err, lang);
        if (stale(err)) problem.messages = [lang === 'en' ? 'Someone else saved the draft while you were typing. Your new section was not added yet; it is kept in the form below. Check the list (it is the latest) and press "Add" again.' : 'Trong lúc bạn nhập, người khác đã lưu bản đang soạn. Mục mới của bạn chưa được thêm nhưng vẫn còn nguyên trong ô bên dưới. Hãy xem lại danh sách (đã là bản mới nhất) rồi bấm "Thêm mục" lần nữa.'];
      }
    }
    res.status(problem.status).type('html').send(await this.renderList(req, res, id, { typed, problem }));
  }

  @Get('plans/:id/draft/sections/:key')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'no-store')
  async edit(@Req() req: SignedIn, @Res({ passthrough: true }) res: Response, @Param('id', UuidPipe) id: string, @Param('key') key: string): Promise<string> {
    const draft = await this.drafts.get(req.user, id);
    const index = draft.sections.findIndex((s) => s.key === sectionKey(key));
    if (index < 0) throw notFound({ vi: 'mục này trong bản đang soạn', en: 'this section in the working draft' });
    const s = draft.sections[index];
    return this.renderEdit(req, res, id, key, { heading: s.heading, body: s.body, revision: String(draft.revision), position: String(index) });
  }

  private async renderEdit(req: SignedIn, res: Response, id: string, key: string, typed: Typed, problem?: FormProblem): Promise<string> {
    const plan = await this.plans.get(req.user, id);
    const ctx = await this.contexts.build(req, res, pageTitle(req, 'Sửa mục', 'Edit section'));
    return this.views.render('b-draft-section', { ...ctx, plan, key, form: typed, problem, errors: problem?.fields ?? {}, editable: allowedActions(plan.status).includes('edit_draft') });
  }

  @Post('plans/:id/draft/sections/:key')
  async save(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Param('key') key: string, @Body() body: Record<string, unknown>): Promise<void> {
    sectionKey(key);
    const typed = typedOf(body);
    const lang = langOf(req);
    const { errors } = await validateForm(SectionInputDto, { heading: typed.heading, body: typed.body }, lang);
    if (errors) {
      res.status(400).type('html').send(await this.renderEdit(req, res, id, key, typed, fieldProblem(errors, lang)));
      return;
    }
    try {
      await this.saveSection(req, id, key, typed);
      setFlash(res, 'ok', lang === 'en' ? 'Saved.' : 'Đã lưu mục.');
      res.redirect(303, `/plans/${id}/draft#${key}`);
    } catch (err) {
      if (stale(err)) {
        res.status(412).type('html').send(await this.renderConflict(req, res, id, key, typed));
        return;
      }
      res.status(formProblem(err, lang).status).type('html').send(await this.renderEdit(req, res, id, key, typed, formProblem(err, lang)));
    }
  }

  /** The draft as it is now with this section replaced (or put back where it stood, if someone removed it). */
  private async saveSection(req: SignedIn, id: string, key: string, typed: Typed): Promise<void> {
    const draft = await this.drafts.get(req.user, id);
    const mine = { key, heading: typed.heading, body: typed.body };
    if (draft.sections.some((s) => s.key === key)) {
      await this.put(req, id, typed.revision, draft.sections.map((s) => (s.key === key ? mine : s)));
      return;
    }
    const at = /^\d+$/.test(typed.position) ? Math.min(Number(typed.position), draft.sections.length) : draft.sections.length;
    const withKey: SectionInput[] = [...draft.sections];
    withKey.splice(at, 0, mine);
    try {
      await this.put(req, id, typed.revision, withKey);
    } catch (err) {
      // A section removed before it was ever frozen has a key the plan no longer knows: it comes back as a new one.
      if (!(err instanceof DomainError && err.code === 'invalid')) throw err;
      withKey[at] = { heading: typed.heading, body: typed.body };
      await this.put(req, id, typed.revision, withKey);
    }
  }

  private async renderConflict(req: SignedIn, res: Response, id: string, key: string, typed: Typed): Promise<string> {
    const plan = await this.plans.get(req.user, id);
    const latest = await this.drafts.get(req.user, id);
    const index = latest.sections.findIndex((s) => s.key === key);
    const theirs: Section | null = index >= 0 ? latest.sections[index] : null;
    const [by] = await this.db.query<{ full_name: string; at: Date }[]>(
      `SELECT u.full_name, a.at FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
       WHERE a.entity_type = 'plan' AND a.entity_id = $1 AND a.action = 'draft.saved' ORDER BY a.seq DESC LIMIT 1`,
      [id],
    );
    const ctx = await this.contexts.build(req, res, pageTitle(req, 'Có người khác vừa sửa', 'Someone else changed it'));
    return this.views.render('b-draft-conflict', {
      ...ctx,
      plan,
      key,
      theirs,
      by: by ?? null,
      mine: { ...typed, revision: String(latest.revision), position: String(index >= 0 ? index : typed.position) },
      headingDiffers: theirs !== null && theirs.heading !== typed.heading,
      ops: theirs ? await this.diffs.text(theirs.body, typed.body) : [],
      same: theirs !== null && theirs.heading === typed.heading && theirs.body === typed.body,
    });
  }

  @Post('plans/:id/draft/sections/:key/remove')
  async remove(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Param('key') key: string, @Body() body: Record<string, unknown>): Promise<void> {
    sectionKey(key);
    await this.change(req, res, id, field(body, 'revision'), (sections) => sections.filter((s) => s.key !== key), { vi: 'Đã xóa mục khỏi bản đang soạn.', en: 'The section was removed.' });
  }

  @Post('plans/:id/draft/sections/:key/move')
  async move(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Param('key') key: string, @Body() body: Record<string, unknown>): Promise<void> {
    sectionKey(key);
    const step = field(body, 'direction') === 'up' ? -1 : 1;
    await this.change(
      req,
      res,
      id,
      field(body, 'revision'),
      (sections) => {
        const i = sections.findIndex((s) => s.key === key);
        const j = i + step;
        if (i < 0 || j < 0 || j >= sections.length) return sections;
        const out = [...sections];
        [out[i], out[j]] = [out[j], out[i]];
        return out;
      },
      { vi: 'Đã đổi thứ tự mục.', en: 'The order was changed.' },
      key,
    );
  }

  /** A change of the list (remove, move): nothing typed, so a conflict just shows the latest list again. */
  private async change(req: SignedIn, res: Response, id: string, revision: string, apply: (s: Section[]) => Section[], done: { vi: string; en: string }, anchor = ''): Promise<void> {
    const lang = langOf(req);
    try {
      const draft = await this.drafts.get(req.user, id);
      await this.put(req, id, revision, apply(draft.sections));
      setFlash(res, 'ok', done[lang]);
    } catch (err) {
      const problem = formProblem(err, lang);
      setFlash(
        res,
        'error',
        stale(err)
          ? lang === 'en'
            ? 'Someone else saved the draft in the meantime; nothing was changed. The list below is the latest: do it again if it is still needed.'
            : 'Người khác vừa lưu bản đang soạn nên thao tác chưa được thực hiện. Danh sách dưới đây là bản mới nhất; hãy làm lại nếu vẫn cần.'
          : problem.messages.join(' '),
      );
    }
    res.redirect(303, `/plans/${id}/draft${anchor ? `#${anchor}` : ''}`);
  }

  /** The API's PUT: the same DTO rules, the revision the person saw as If-Match. */
  private async put(req: SignedIn, id: string, revision: string, sections: SectionInput[]): Promise<DraftView> {
    const { value, errors } = await validateForm(PutDraftDto, { sections: sections.map((s) => ({ ...s })) }, langOf(req));
    if (errors) throw invalid(Object.entries(errors).map(([k, m]) => ({ vi: `${k}: ${m}`, en: `${k}: ${m}` })));
    return this.drafts.put(req.user, id, `"draft-${revision}"`, value);
  }
}

