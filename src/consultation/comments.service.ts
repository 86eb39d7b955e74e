import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { conflict, invalid, notFound, Text } from '../common/errors/domain-error';
import { Page } from '../common/pagination/list-query.dto';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import type { Section } from '../plans/domain/sections';
import { VersionsService } from '../plans/versions.service';
import { BoardService } from './board.service';
import { Comment, newComment, Suggestion } from './comment.entity';
import { CommentList, CommentView } from './consultation.views';
import { activeResponseSql } from './domain/consultation-sql';
import { quoteOccursIn } from './domain/quote-anchor';
import { CreateCommentDto, UpdateCommentDto } from './dto/comment.dto';
import { RoundAccess } from './round-access';
import type { Round } from './round.entity';

/**
 * What the audit log keeps of a draft: where it points and a fingerprint of its text, never the
 * text itself. A draft is the agency's own until submitted; the audit log is read by staff.
 */
function draftTrace(c: Pick<Comment, 'sectionKey' | 'quote' | 'body' | 'suggestion'>): Record<string, unknown> {
  const content = c.suggestion ? [c.sectionKey, c.quote, c.body, c.suggestion] : [c.sectionKey, c.quote, c.body];
  const contentSha256 = createHash('sha256').update(JSON.stringify(content)).digest('hex');
  return { sectionKey: c.sectionKey, hasQuote: c.quote !== null, ...(c.suggestion ? { hasSuggestion: true } : {}), bodyChars: c.body.length, contentSha256 };
}

/** A suggested wording needs the passage it changes, and something to change. */
function suggestionOf(dto: CreateCommentDto, quote: string | null): Suggestion | null {
  if (!dto.suggestion) return null;
  if (quote === null) throw invalid({ vi: 'suggestion: cần có đoạn trích (quote) mà đề nghị sửa', en: 'suggestion: needs the quote it changes' });
  const { delete: del, insert } = dto.suggestion;
  if (!del.trim() && !insert.trim()) throw invalid({ vi: 'suggestion: cần có đoạn bỏ (delete) hoặc đoạn thêm (insert)', en: 'suggestion: give the text to delete or to insert' });
  return { delete: del, insert };
}

export const commentNotFound = () => notFound({ vi: 'ý kiến góp ý', en: 'comment' });

const submittedAlready = () =>
  conflict(
    { vi: 'Ý kiến đã được gửi chính thức nên không thể sửa hay xóa; muốn thay đổi, hãy rút lại văn bản góp ý khi đợt còn mở.', en: 'The comment was submitted and can no longer change; withdraw the response while the round is open to change it.' },
    { commentStatus: 'submitted' },
  );

/**
 * An agency's comments: drafts it alone sees and edits, until its response submits them.
 * The secretariat and leaders see a comment once submitted; to anyone else it does not exist.
 */
@Injectable()
export class CommentsService {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectDataSource() private readonly db: DataSource,
    private readonly rounds: RoundAccess,
    private readonly versions: VersionsService,
    private readonly board: BoardService,
  ) {}

  async create(actor: Actor, roundId: string, dto: CreateCommentDto): Promise<CommentView> {
    const [comment] = await this.createMany(actor, roundId, [dto]);
    return comment;
  }

  /**
   * Several draft comments at once (an agency's Word reply), all or none: each under the rules of
   * a single one, in one transaction, the round checked open and the response not yet sent once.
   */
  async createMany(actor: Actor, roundId: string, dtos: readonly CreateCommentDto[]): Promise<CommentView[]> {
    return this.uow.run(actor, async (tx) => {
      const round = await this.rounds.forAgencyWrite(actor, roundId, tx.em);
      await this.assertNoActiveResponse(tx, roundId, actor.agencyId!);
      const created: CommentView[] = [];
      for (const dto of dtos) {
        const anchor = await this.anchor(tx.em, round, dto.sectionKey ?? null, dto.quote ?? null);
        const suggestion = suggestionOf(dto, anchor.quote);
        const comment = await tx.em
          .getRepository(Comment)
          .save(newComment({ roundId, agencyId: actor.agencyId!, authorId: actor.id, ...anchor, body: dto.body, suggestion, status: 'draft', source: 'agency', createdAt: tx.now }));
        tx.audit('comment.created', 'comment', comment.id, { roundId, agencyId: comment.agencyId, ...draftTrace(comment) });
        created.push(CommentView.of(comment));
      }
      return created;
    });
  }

  async get(actor: Actor, id: string): Promise<CommentView> {
    return CommentView.of(await this.visible(actor, id, this.db.manager));
  }

  async update(actor: Actor, id: string, dto: UpdateCommentDto): Promise<CommentView> {
    if (dto.body === undefined && dto.sectionKey === undefined && dto.quote === undefined) {
      throw invalid({ vi: 'Không có gì để sửa: gửi ít nhất một trong body, sectionKey, quote.', en: 'Nothing to change: send body, sectionKey or quote.' });
    }
    return this.uow.run(actor, async (tx) => {
      const { comment, round } = await this.ownDraftForWrite(actor, id, tx);
      const sectionKey = dto.sectionKey !== undefined ? dto.sectionKey : comment.sectionKey;
      // Moving to another section drops a quote that was not restated.
      const quote = dto.quote !== undefined ? dto.quote : dto.sectionKey !== undefined && dto.sectionKey !== comment.sectionKey ? null : comment.quote;
      const anchor = await this.anchor(tx.em, round, sectionKey, quote);
      const fields = [
        ...(anchor.sectionKey !== comment.sectionKey ? ['sectionKey'] : []),
        ...(anchor.quote !== comment.quote ? ['quote'] : []),
        ...(dto.body !== undefined && dto.body !== comment.body ? ['body'] : []),
      ];
      // A suggested wording belongs to its passage: another quote drops it.
      const suggestion = anchor.quote === comment.quote ? comment.suggestion : null;
      Object.assign(comment, anchor, dto.body !== undefined ? { body: dto.body } : {}, { suggestion, updatedAt: tx.now });
      await tx.em.getRepository(Comment).update({ id }, { sectionKey: comment.sectionKey, quote: comment.quote, body: comment.body, suggestion: comment.suggestion, updatedAt: tx.now });
      tx.audit('comment.updated', 'comment', id, { fields, ...draftTrace(comment) });
      return CommentView.of(comment);
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.uow.run(actor, async (tx) => {
      const { comment } = await this.ownDraftForWrite(actor, id, tx);
      await tx.em.getRepository(Comment).delete({ id });
      tx.audit('comment.deleted', 'comment', id, { roundId: comment.roundId, ...draftTrace(comment) });
    });
  }

  /** The comments `actor` may see in a round, in board order (BoardService.list with no filter). */
  async list(actor: Actor, roundId: string, page: Page): Promise<CommentList> {
    return this.board.list(actor, roundId, {}, page);
  }

  /** The comment if `actor` may see it: its own agency always; secretariat and leaders once submitted. */
  async visible(actor: Actor, id: string, em: EntityManager, lock = false): Promise<Comment> {
    const qb = em.getRepository(Comment).createQueryBuilder('c').where('c.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const comment = await qb.getOne();
    if (!comment) throw commentNotFound();
    const mine = actor.role === 'agency' && comment.agencyId === actor.agencyId;
    const staff = (actor.role === 'secretariat' || actor.role === 'leader') && comment.status === 'submitted';
    if (!mine && !staff) throw commentNotFound();
    return comment;
  }

  private async ownDraftForWrite(actor: Actor, id: string, tx: Tx): Promise<{ comment: Comment; round: Round }> {
    const found = await this.visible(actor, id, tx.em);
    const round = await this.rounds.forAgencyWrite(actor, found.roundId, tx.em);
    const comment = await this.visible(actor, id, tx.em, true);
    if (comment.status !== 'draft') throw submittedAlready();
    return { comment, round };
  }

  private async assertNoActiveResponse(tx: Tx, roundId: string, agencyId: string): Promise<void> {
    const active = await tx.one(`SELECT 1 FROM responses rs WHERE rs.round_id = $1 AND rs.agency_id = $2 AND ${activeResponseSql('rs')}`, [roundId, agencyId]);
    if (active) {
      throw conflict({
        vi: 'Đơn vị đã gửi văn bản góp ý cho đợt này. Muốn bổ sung ý kiến, hãy rút lại văn bản, sửa rồi gửi lại khi đợt còn mở.',
        en: 'Your agency has already submitted its response to this round. Withdraw it, add comments and submit again while the round is open.',
      });
    }
  }

  /** Checks that the section is in the round's version and the quote occurs in it. */
  async anchor(em: EntityManager, round: Round, sectionKey: string | null, quote: string | null): Promise<{ sectionKey: string | null; quote: string | null }> {
    if (quote !== null && sectionKey === null) {
      throw invalid({ vi: 'sectionKey: cần chỉ rõ mục chứa đoạn trích (quote)', en: 'sectionKey: required with a quote, naming the section it is in' });
    }
    if (sectionKey === null) return { sectionKey: null, quote: null };
    const sections = await this.versions.frozenSections(em, round.planId, round.versionNumber);
    const section: Section | undefined = sections.find((s) => s.key === sectionKey);
    if (!section) {
      throw invalid({
        vi: `sectionKey: dự thảo lần ${round.versionNumber} không có mục "${sectionKey}"`,
        en: `sectionKey: version ${round.versionNumber} has no section "${sectionKey}"`,
      } satisfies Text);
    }
    if (quote !== null && !quoteOccursIn(quote, section)) {
      throw invalid({
        vi: `quote: đoạn trích không có trong mục "${section.heading}" của dự thảo lần ${round.versionNumber}`,
        en: `quote: the quoted text does not occur in section "${section.heading}" of version ${round.versionNumber}`,
      });
    }
    return { sectionKey, quote };
  }
}
