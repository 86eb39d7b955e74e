import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { invalid } from '../common/errors/domain-error';
import type { UploadedFile } from '../common/http/file-upload';
import { createValidationPipe } from '../common/validation/validation.pipe';
import { CreateCommentDto } from '../consultation/dto/comment.dto';
import { CommentsService } from '../consultation/comments.service';
import { RoundAccess } from '../consultation/round-access';
import { DraftService } from '../plans/draft.service';
import { CreatePlanDto, PutDraftDto } from '../plans/dto/create-plan.dto';
import { PlansService } from '../plans/plans.service';
import { VersionsService } from '../plans/versions.service';
import type { ImportedDraft } from './domain/draft-sections';
import { keepKeysByHeading } from './domain/heading-match';
import { placeReply } from './domain/reply-placement';
import { ImportPlanDto } from './dto/word-import.dto';
import { readDraftFile, readReplyFile } from './word-files';
import { wordFileProblems } from './word-errors';
import type { ImportedDraftView, ImportedPlanView, ImportedReplyView } from './word-import.views';
import { vnNumberText } from '../common/vn-number';

/** At most this many comments and tracked changes from one reply (each is a comment to review). */
export const MAX_REPLY_MARKS = 1_000;

/**
 * Word files in: a new plan or the next working draft from a .docx, an agency's marked-up copy as
 * its draft comments. The file is only read here; what it becomes is written by the plans and
 * consultation services' own paths (same DTO rules, PLAN_LIMITS, audit), so a refused file
 * changes nothing.
 */
@Injectable()
export class WordImportService {
  private readonly validation = createValidationPipe();

  constructor(
    private readonly plans: PlansService,
    private readonly drafts: DraftService,
    private readonly comments: CommentsService,
    private readonly rounds: RoundAccess,
    private readonly versions: VersionsService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** The API's own body rules on what came out of the file ("sections[3].heading: …"). */
  private validate<T extends object>(dto: new () => T, value: object): Promise<T> {
    return this.validation.transform(value, { type: 'body', metatype: dto }) as Promise<T>;
  }

  async importPlan(actor: Actor, file: UploadedFile, fields: ImportPlanDto): Promise<ImportedPlanView> {
    const draft = await readDraftFile(file.buffer);
    const title = fields.title ?? draft.title;
    if (!title) throw wordFileProblems.noTitle();
    const dto = await this.validate(CreatePlanDto, {
      title: title.length > 500 ? `${title.slice(0, 499)}…` : title,
      kind: fields.kind ?? draft.kind ?? undefined,
      ...(fields.ownerAgencyId ? { ownerAgencyId: fields.ownerAgencyId } : {}),
      sections: draft.sections,
    });
    const plan = await this.plans.create(actor, dto);
    return { plan, sections: dto.sections.length, skipped: draft.skipped };
  }

  async importDraft(actor: Actor, planId: string, ifMatch: string | undefined, file: UploadedFile): Promise<ImportedDraftView & { revision: number }> {
    const current = await this.drafts.get(actor, planId);
    const draft: ImportedDraft = await readDraftFile(file.buffer);
    const keyed = keepKeysByHeading(current.sections, draft.sections);
    const dto = await this.validate(PutDraftDto, { sections: keyed.sections });
    const saved = await this.drafts.put(actor, planId, ifMatch, dto);
    return { sections: saved.sections, matched: keyed.matched, added: keyed.added, removed: keyed.removed, skipped: draft.skipped, revision: saved.revision };
  }

  async importReply(actor: Actor, roundId: string, file: UploadedFile): Promise<ImportedReplyView> {
    const round = await this.rounds.reachable(actor, roundId);
    const marks = await readReplyFile(file.buffer);
    if (marks.comments.length + marks.changes.length > MAX_REPLY_MARKS) {
      throw invalid({
        vi: `Tệp có hơn ${vnNumberText(MAX_REPLY_MARKS)} ý kiến và chỗ sửa; hãy tách thành nhiều tệp.`,
        en: `The file holds more than ${MAX_REPLY_MARKS} comments and tracked changes; split it.`,
      });
    }
    const sections = await this.versions.frozenSections(this.db.manager, round.planId, round.versionNumber);
    const { placed, unplaced } = placeReply(marks, sections, round.versionNumber);
    const dtos: CreateCommentDto[] = [];
    for (const p of placed) dtos.push(await this.validate(CreateCommentDto, p.suggestion ? p : { sectionKey: p.sectionKey, quote: p.quote, body: p.body }));
    const created = await this.comments.createMany(actor, roundId, dtos);
    return { created, unplaced };
  }
}
