import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { LastChanges } from '../../audit/last-change.query';
import { shownAnchorState } from '../../consultation/domain/anchor-labels';
import { CommentAnchors } from '../../consultation/comment-anchors.service';
import { AgencyChoices } from '../agency-choices';
import { Roles } from '../../common/auth/decorators';
import { notFound } from '../../common/errors/domain-error';
import { Upload, type UploadedFile } from '../../common/http/file-upload';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { allowedActions } from '../../plans/domain/plan-lifecycle';
import { VersionDiffs } from '../../plans/diff/version-diffs';
import { DraftSections } from '../../plans/draft-sections.service';
import { DraftService, draftEtag } from '../../plans/draft.service';
import { SECTION_KEY, SectionInputDto } from '../../plans/dto/section.dto';
import { PlansService } from '../../plans/plans.service';
import { WORD_LIMITS } from '../../word/docx-archive';
import { WordImportService } from '../../word/word-import.service';
import { WebFileUpload } from '../web-upload';
import { skippedSummary } from '../word-import-text';
import { FormBody, text } from '../form-adapter';
import { FormProblem, submitAction, submitForm } from '../form-pipeline';
import { langOf, SignedIn, Text } from '../lang';
import { PageRenderer } from '../page-renderer';
import { WebController } from '../web-controller';

const LABELS: Record<string, Text> = {
  heading: { vi: 'Tiêu đề mục', en: 'Heading' },
  body: { vi: 'Nội dung', en: 'Text' },
  position: { vi: 'Vị trí', en: 'Position' },
};

interface Typed {
  heading: string;
  body: string;
  revision: string;
  position: string;
}

const typedOf = (b: FormBody): Typed => ({ heading: text(b, 'heading'), body: text(b, 'body'), revision: text(b, 'revision'), position: text(b, 'position') });
/** The revision the page was made from; one that cannot be read is stale by definition. */
const revisionOf = (typed: string) => (/^\d{1,9}$/.test(typed) ? Number(typed) : 0);
const indexOf = (typed: string) => (/^\d{1,6}$/.test(typed) ? Number(typed) : null);

const STALE_ADD: Text = {
  vi: 'Trong lúc bạn nhập, người khác đã lưu bản đang soạn. Mục mới của bạn chưa được thêm nhưng vẫn còn nguyên trong ô bên dưới. Hãy xem lại danh sách (đã là bản mới nhất) rồi bấm "Thêm mục" lần nữa.',
  en: 'Someone else saved the draft while you were typing. Your new section was not added yet; it is kept in the form below. Check the list (it is the latest) and press "Add" again.',
};
const STALE_CHANGE: Text = {
  vi: 'Người khác vừa lưu bản đang soạn nên thao tác chưa được thực hiện. Danh sách dưới đây là bản mới nhất; hãy làm lại nếu vẫn cần.',
  en: 'Someone else saved the draft in the meantime; nothing was changed. The list below is the latest: do it again if it is still needed.',
};

function sectionKey(key: string): string {
  if (!SECTION_KEY.test(key)) throw notFound({ vi: 'mục', en: 'section' });
  return key;
}

/**
 * The working draft, one section at a time, through the draft service's section edits. Every save
 * carries the revision the person saw; when someone else saved in between, the page shows both
 * texts and lets the person put theirs onto the latest revision, so nothing typed is lost.
 */
@WebController()
@Roles('secretariat')
export class DraftPages {
  constructor(
    private readonly pages: PageRenderer,
    private readonly plans: PlansService,
    private readonly drafts: DraftService,
    private readonly sections: DraftSections,
    private readonly lastChanges: LastChanges,
    private readonly diffs: VersionDiffs,
    private readonly anchors: CommentAnchors,
    private readonly choices: AgencyChoices,
    private readonly word: WordImportService,
  ) {}

  @Get('plans/:id/draft')
  async list(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.renderList(req, res, id);
  }

  private async renderList(req: SignedIn, res: Response, id: string, add?: { typed: Typed; problem: FormProblem }): Promise<void> {
    const [plan, draft] = await Promise.all([this.plans.get(req.user, id), this.drafts.get(req.user, id)]);
    const sections = draft.sections.map((s, i) => ({ ...s, no: i + 1, first: i === 0, last: i === draft.sections.length - 1 }));
    const typed = add?.typed ?? { heading: '', body: '', revision: String(draft.revision), position: '' };
    const en = langOf(req) === 'en';
    const positions = [
      { value: '0', label: en ? 'At the beginning' : 'Ở đầu văn bản', selected: typed.position === '0' },
      ...sections.map((s) => ({
        value: String(s.no),
        label: `${en ? 'After' : 'Sau mục'} ${s.no}. ${s.heading.slice(0, 70)}`,
        selected: typed.position === String(s.no),
      })),
      { value: '', label: en ? 'At the end' : 'Ở cuối văn bản', selected: typed.position === '' },
    ];
    await this.pages.send(
      req,
      res,
      'drafts/list',
      {
        title: { vi: 'Bản đang soạn', en: 'Working draft' },
        labels: LABELS,
        plan,
        draft,
        sections,
        editable: allowedActions(plan.status).includes('edit_draft'),
        // The way on from here: the freeze form on the plan's page only when a version can be frozen now.
        canFreeze: allowedActions(plan.status).includes('freeze_version'),
        // After a conflict the form goes onto the latest revision; the person's text stays in it.
        add: { ...typed, revision: String(draft.revision), problem: add?.problem },
        positions,
      },
      add?.problem.status ?? 200,
    );
  }

  /** "Nhập bản Word": the whole working draft replaced by a .docx; sections whose heading matches keep their key. */
  @Post('plans/:id/draft/import')
  @WebFileUpload(WORD_LIMITS.fileBytes)
  async importWord(
    @Req() req: SignedIn,
    @Res() res: Response,
    @Param('id', UuidPipe) id: string,
    @Upload() file: UploadedFile,
    @Body() body: FormBody,
  ): Promise<void> {
    await submitAction(req, res, {
      run: () => this.word.importDraft(req.user, id, draftEtag(revisionOf(text(body, 'revision'))), file),
      done: (r) => {
        const read = skippedSummary(`${r.sections.length}`, r.skipped);
        return {
          vi: `${read.vi} Giữ nguyên ${r.matched} mục (tiêu đề trùng), thêm ${r.added} mục mới, bỏ ${r.removed} mục.`,
          en: `${read.en} ${r.matched} kept (same heading), ${r.added} added, ${r.removed} removed.`,
        };
      },
      to: `/plans/${id}/draft`,
      wording: (problem) => (problem.code === 'precondition_failed' ? STALE_CHANGE : null),
    });
  }

  @Post('plans/:id/draft/sections')
  async add(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Body() body: FormBody): Promise<void> {
    const typed = typedOf(body);
    await submitForm(req, res, {
      dto: SectionInputDto,
      input: { heading: typed.heading, body: typed.body },
      run: (value) => this.sections.add(req.user, id, revisionOf(typed.revision), value, indexOf(typed.position)),
      done: ({ key }) => ({ to: `/plans/${id}/draft#${key}`, flash: { vi: 'Đã thêm mục mới.', en: 'The section was added.' } }),
      again: (problem) => {
        if (problem.code === 'precondition_failed') problem.messages = [STALE_ADD[langOf(req)]];
        return this.renderList(req, res, id, { typed, problem });
      },
    });
  }

  @Get('plans/:id/draft/sections/:key')
  async edit(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Param('key') key: string): Promise<void> {
    const draft = await this.drafts.get(req.user, id);
    const index = draft.sections.findIndex((s) => s.key === sectionKey(key));
    if (index < 0) throw notFound({ vi: 'mục này trong bản đang soạn', en: 'this section in the working draft' });
    const s = draft.sections[index];
    await this.renderEdit(req, res, id, key, { heading: s.heading, body: s.body, revision: String(draft.revision), position: String(index) });
  }

  private async renderEdit(req: SignedIn, res: Response, id: string, key: string, form: Typed, problem?: FormProblem): Promise<void> {
    const [plan, placed, agencies] = await Promise.all([this.plans.get(req.user, id), this.anchors.onLatestSection(req.user, id, key), this.choices.all()]);
    const names = new Map(agencies.map((a) => [a.id, a.name]));
    // The comments that sit on this section in the latest version, beside the text being edited.
    const comments = placed.map((c) => ({ ...c, agency: names.get(c.agencyId) ?? '', state: shownAnchorState(c.anchor) }));
    await this.pages.send(
      req,
      res,
      'drafts/section',
      {
        title: { vi: 'Sửa mục', en: 'Edit section' },
        labels: LABELS,
        plan,
        key,
        form,
        problem,
        errors: problem?.errors ?? {},
        editable: allowedActions(plan.status).includes('edit_draft'),
        comments,
      },
      problem?.status ?? 200,
    );
  }

  @Post('plans/:id/draft/sections/:key')
  async save(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Param('key') key: string, @Body() body: FormBody): Promise<void> {
    sectionKey(key);
    const typed = typedOf(body);
    await submitForm(req, res, {
      dto: SectionInputDto,
      input: { heading: typed.heading, body: typed.body },
      run: (value) => this.sections.replace(req.user, id, key, revisionOf(typed.revision), value, indexOf(typed.position)),
      done: () => ({ to: `/plans/${id}/draft#${key}`, flash: { vi: 'Đã lưu mục.', en: 'Saved.' } }),
      again: (problem) =>
        problem.code === 'precondition_failed' ? this.renderConflict(req, res, id, key, typed) : this.renderEdit(req, res, id, key, typed, problem),
    });
  }

  private async renderConflict(req: SignedIn, res: Response, id: string, key: string, typed: Typed): Promise<void> {
    const [plan, latest, by] = await Promise.all([this.plans.get(req.user, id), this.drafts.get(req.user, id), this.lastChanges.of('plan', id, 'draft.saved')]);
    const index = latest.sections.findIndex((s) => s.key === key);
    const theirs = index >= 0 ? latest.sections[index] : null;
    await this.pages.send(
      req,
      res,
      'drafts/conflict',
      {
        title: { vi: 'Có người khác vừa sửa', en: 'Someone else changed it' },
        labels: LABELS,
        plan,
        key,
        theirs,
        by,
        mine: { ...typed, revision: String(latest.revision), position: String(index >= 0 ? index : typed.position) },
        headingDiffers: theirs !== null && theirs.heading !== typed.heading,
        ops: theirs ? await this.diffs.text(theirs.body, typed.body) : [],
        same: theirs !== null && theirs.heading === typed.heading && theirs.body === typed.body,
        errors: {},
      },
      412,
    );
  }

  @Post('plans/:id/draft/sections/:key/remove')
  async remove(
    @Req() req: SignedIn,
    @Res() res: Response,
    @Param('id', UuidPipe) id: string,
    @Param('key') key: string,
    @Body() body: FormBody,
  ): Promise<void> {
    sectionKey(key);
    await this.change(req, res, id, () => this.sections.remove(req.user, id, key, revisionOf(text(body, 'revision'))), {
      vi: 'Đã xóa mục khỏi bản đang soạn.',
      en: 'The section was removed.',
    });
  }

  @Post('plans/:id/draft/sections/:key/move')
  async move(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Param('key') key: string, @Body() body: FormBody): Promise<void> {
    sectionKey(key);
    const direction = text(body, 'direction') === 'up' ? 'up' : 'down';
    await this.change(
      req,
      res,
      id,
      () => this.sections.move(req.user, id, key, revisionOf(text(body, 'revision')), direction),
      { vi: 'Đã đổi thứ tự mục.', en: 'The order was changed.' },
      key,
    );
  }

  /** A change of the list (remove, move): nothing typed, so a refusal is told on the latest list. */
  private change(req: SignedIn, res: Response, id: string, run: () => Promise<unknown>, done: Text, anchor = ''): Promise<void> {
    const to = `/plans/${id}/draft${anchor ? `#${anchor}` : ''}`;
    return submitAction(req, res, { run, done: () => done, to, wording: (problem) => (problem.code === 'precondition_failed' ? STALE_CHANGE : null) });
  }
}
