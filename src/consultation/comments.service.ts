import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { Page } from '../common/pagination/list-query.dto';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import type { Section } from '../plans/domain/sections';
import { VersionsService } from '../plans/versions.service';
import { BoardService } from './board.service';
import { Comment, newComment, Suggestion } from './comment.entity';
import { CommentList, CommentView } from './consultation.views';
import { activeResponseSql } from './domain/consultation-sql';
import { anchorQuote } from './domain/anchor-text';
import { quoteOccursIn } from './domain/quote-anchor';
import { AnchorView } from './anchor.views';
import { CommentAnchors, placementOnOwnVersion } from './comment-anchors.service';
import { CreateCommentDto, UpdateCommentDto } from './dto/comment.dto';
import { RoundAccess } from './round-access';
import type { Round } from './round.entity';
import { consultationErrors } from './consultation-errors';

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
  if (quote === null) throw consultationErrors.suggestionWithoutQuote();
  const { delete: del, insert } = dto.suggestion;
  if (!del.trim() && !insert.trim()) throw consultationErrors.emptySuggestion();
  return { delete: del, insert };
}

/**
 * A draft, written by hand (the commonest write: no ORM in its way), only while the agency's response
 * does not stand. Read after the invitation row is locked (RoundAccess.forAgencyWrite), so a
 * response sent a moment ago is seen: no row comes back then.
 */
const INSERT_DRAFT = `
INSERT INTO comments (round_id, agency_id, author_id, section_key, quote, quote_start, quote_end, quote_before, quote_after, quote_occurrences,
                      body, suggestion, status, source, late, created_at, updated_at)
SELECT $1::uuid, $2::uuid, $3::uuid, $4::text, $5::text, $6::int, $7::int, $8::text, $9::text, $10::int, $11::text, $12::jsonb, 'draft', 'agency', false, $13::timestamptz, $13::timestamptz
WHERE NOT EXISTS (SELECT 1 FROM responses rs WHERE rs.round_id = $1::uuid AND rs.agency_id = $2::uuid AND ${activeResponseSql('rs')})
RETURNING id`;

type AnchorFields = Pick<Comment, 'sectionKey' | 'quote' | 'quoteStart' | 'quoteEnd' | 'quoteBefore' | 'quoteAfter' | 'quoteOccurrences'>;

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
    private readonly anchors: CommentAnchors,
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
      const created: CommentView[] = [];
      for (const dto of dtos) {
        const { fields, sections } = await this.anchor(tx.em, round, dto.sectionKey ?? null, dto.quote ?? null, dto.quoteStart ?? null);
        const suggestion = suggestionOf(dto, fields.quote);
        const draft = newComment({
          roundId,
          agencyId: actor.agencyId!,
          authorId: actor.id,
          ...fields,
          body: dto.body,
          suggestion,
          status: 'draft',
          source: 'agency',
          createdAt: tx.now,
        });
        const [row] = await tx.query<{ id: string }>(INSERT_DRAFT, [
          draft.roundId,
          draft.agencyId,
          draft.authorId,
          draft.sectionKey,
          draft.quote,
          draft.quoteStart,
          draft.quoteEnd,
          draft.quoteBefore,
          draft.quoteAfter,
          draft.quoteOccurrences,
          draft.body,
          draft.suggestion && JSON.stringify(draft.suggestion),
          draft.createdAt,
        ]);
        if (!row) throw consultationErrors.responseStandsForComments();
        const comment: Comment = { id: row.id, ...draft };
        tx.audit('comment.created', 'comment', comment.id, { roundId, agencyId: comment.agencyId, ...draftTrace(comment) });
        created.push(CommentView.of(comment, AnchorView.of(round.versionNumber, placementOnOwnVersion(comment, sections), comment.quoteOccurrences)));
      }
      return created;
    });
  }

  /** The comment, with where it stands in its plan's latest version. */
  async get(actor: Actor, id: string): Promise<CommentView> {
    const comment = await this.visible(actor, id, this.db.manager);
    return CommentView.of(comment, await this.anchors.onLatest(comment));
  }

  async update(actor: Actor, id: string, dto: UpdateCommentDto): Promise<CommentView> {
    if (dto.body === undefined && dto.sectionKey === undefined && dto.quote === undefined && dto.quoteStart === undefined) {
      throw consultationErrors.nothingToChangeInComment();
    }
    return this.uow.run(actor, async (tx) => {
      const { comment, round } = await this.ownDraftForWrite(actor, id, tx);
      const sectionKey = dto.sectionKey !== undefined ? dto.sectionKey : comment.sectionKey;
      // Moving to another section drops a quote that was not restated.
      const quote = dto.quote !== undefined ? dto.quote : dto.sectionKey !== undefined && dto.sectionKey !== comment.sectionKey ? null : comment.quote;
      // The quote keeps its place unless it or its section changes, or a new place is given.
      const quoteStart =
        dto.quoteStart !== undefined ? dto.quoteStart : quote === comment.quote && sectionKey === comment.sectionKey ? comment.quoteStart : null;
      const { fields: anchor, sections } = await this.anchor(tx.em, round, sectionKey, quote, quoteStart);
      const fields = [
        ...(anchor.sectionKey !== comment.sectionKey ? ['sectionKey'] : []),
        ...(anchor.quote !== comment.quote ? ['quote'] : []),
        ...(anchor.quoteStart !== comment.quoteStart ? ['quoteStart'] : []),
        ...(dto.body !== undefined && dto.body !== comment.body ? ['body'] : []),
      ];
      // A suggested wording belongs to its passage: another quote drops it.
      const suggestion = anchor.quote === comment.quote ? comment.suggestion : null;
      Object.assign(comment, anchor, dto.body !== undefined ? { body: dto.body } : {}, { suggestion, updatedAt: tx.now });
      await tx.em.getRepository(Comment).update({ id }, { ...anchor, body: comment.body, suggestion: comment.suggestion, updatedAt: tx.now });
      tx.audit('comment.updated', 'comment', id, { fields, ...draftTrace(comment) });
      return CommentView.of(comment, AnchorView.of(round.versionNumber, placementOnOwnVersion(comment, sections), comment.quoteOccurrences));
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
    if (!comment) throw consultationErrors.commentNotFound();
    const mine = actor.role === 'agency' && comment.agencyId === actor.agencyId;
    const staff = (actor.role === 'secretariat' || actor.role === 'leader') && comment.status === 'submitted';
    if (!mine && !staff) throw consultationErrors.commentNotFound();
    return comment;
  }

  private async ownDraftForWrite(actor: Actor, id: string, tx: Tx): Promise<{ comment: Comment; round: Round }> {
    const found = await this.visible(actor, id, tx.em);
    const round = await this.rounds.forAgencyWrite(actor, found.roundId, tx.em);
    const comment = await this.visible(actor, id, tx.em, true);
    if (comment.status !== 'draft') throw consultationErrors.commentSubmitted();
    return { comment, round };
  }

  /**
   * Checks that the section is in the round's version and the quote occurs in it (at `quoteStart`
   * when given), and gives what the comment keeps of where its quote stands.
   */
  async anchor(
    em: EntityManager,
    round: Round,
    sectionKey: string | null,
    quote: string | null,
    quoteStart: number | null,
  ): Promise<{ fields: AnchorFields; sections: readonly Section[] }> {
    if (quote !== null && sectionKey === null) {
      throw consultationErrors.quoteWithoutSection();
    }
    if (quoteStart !== null && quote === null) {
      throw consultationErrors.quoteStartWithoutQuote();
    }
    const none = { quoteStart: null, quoteEnd: null, quoteBefore: null, quoteAfter: null, quoteOccurrences: null };
    if (sectionKey === null) return { fields: { sectionKey: null, quote: null, ...none }, sections: [] };
    const sections = await this.versions.frozenSections(em, round.planId, round.versionNumber);
    const section: Section | undefined = sections.find((s) => s.key === sectionKey);
    if (!section) {
      throw consultationErrors.noSuchSection(round.versionNumber, sectionKey);
    }
    if (quote === null) return { fields: { sectionKey, quote: null, ...none }, sections };
    if (!quoteOccursIn(quote, section)) {
      throw consultationErrors.quoteNotInSection(round.versionNumber, section.heading);
    }
    if (quoteStart !== null && quoteStart > section.body.length) {
      throw consultationErrors.quoteStartPastEnd(section.heading, section.body.length);
    }
    const found = anchorQuote(section.body, quote, quoteStart);
    if (found.anchor) {
      const a = found.anchor;
      return {
        fields: { sectionKey, quote, quoteStart: a.start, quoteEnd: a.end, quoteBefore: a.before, quoteAfter: a.after, quoteOccurrences: a.occurrences },
        sections,
      };
    }
    if (quoteStart === null) return { fields: { sectionKey, quote, ...none }, sections }; // a quote of the heading
    throw found.problem.kind === 'absent'
      ? consultationErrors.quoteInHeading()
      : consultationErrors.quoteNotAt(quoteStart, section.heading, found.problem.occurrences);
  }
}
