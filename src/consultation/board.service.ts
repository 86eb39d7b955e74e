import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { consultationErrors } from './consultation-errors';
import { Page } from '../common/pagination/list-query.dto';
import type { Section } from '../plans/domain/sections';
import { VersionsService } from '../plans/versions.service';
import {
  BoardRow,
  CommentFilter,
  CountRow,
  countQuery,
  nextUndecidedQuery,
  pageQuery,
  positionQuery,
  progressQuery,
  Query,
  roundTotalsQuery,
  SummaryRow,
  summaryQuery,
  undecidedCountsQuery,
  Viewer,
} from './board-queries';
import { BoardCommentList, BoardCommentView, BoardProgress, BoardTotals, BoardView, RoundTotals } from './board.views';
import type { Comment } from './comment.entity';
import { CommentView } from './consultation.views';
import { RoundAccess } from './round-access';
import type { Round } from './round.entity';

const GENERAL = -1;

/** Headings of a version's sections and their places, for turning rows into what the board shows. */
class Outline {
  private readonly place = new Map<string, { heading: string; n: number }>();

  constructor(sections: readonly Section[]) {
    sections.forEach((s, n) => this.place.set(s.key, { heading: s.heading, n }));
  }

  has(key: string): boolean {
    return this.place.has(key);
  }

  heading(key: string | null): string | null {
    return key === null ? null : (this.place.get(key)?.heading ?? null);
  }

  /** The board's section order (consultation-sql.ts, sectionPositionSql), for sorting counts. */
  position(key: string | null): number {
    return key === null ? GENERAL : (this.place.get(key)?.n ?? Number.MAX_SAFE_INTEGER);
  }
}

const viewerOf = (actor: Actor): Viewer => (actor.role === 'agency' ? { kind: 'agency', agencyId: actor.agencyId ?? '' } : { kind: 'staff' });

const totalsOf = (r: CountRow): BoardTotals => ({
  comments: r.comments,
  undecided: r.undecided,
  accepted: r.accepted,
  partially_accepted: r.partially_accepted,
  explained: r.explained,
  not_accepted: r.not_accepted,
});

/** A row of board-queries.ts as the comment view the API gives, with agency name and heading. */
export function boardComment(r: BoardRow, outline: Outline): BoardCommentView {
  const comment: Comment = {
    id: r.id,
    roundId: r.round_id,
    agencyId: r.agency_id,
    authorId: '',
    sectionKey: r.section_key,
    quote: r.quote,
    quoteStart: null,
    quoteEnd: null,
    quoteBefore: null,
    quoteAfter: null,
    quoteOccurrences: null,
    body: r.body,
    suggestion: r.suggestion,
    status: r.status,
    source: r.source,
    responseId: null,
    conferenceId: r.conference_id,
    opinionNo: r.opinion_no,
    submittedAt: r.submitted_at,
    late: r.late,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    decision: r.decision,
    reason: r.reason,
    addressedInVersion: r.addressed_in_version,
    decidedBy: null,
    decidedAt: r.decided_at,
  };
  return { ...CommentView.of(comment), agencyName: r.agency_name, sectionHeading: outline.heading(r.section_key) };
}

/**
 * The consolidation board as a read model: pages of a round's comments in board order (section of
 * the round's version, agency, submission), narrowed by agency, section, state or text; the counts
 * that steer it; the next undecided comment. Every statement is bounded by the round and served by
 * an index, so its cost follows a page, not the round (board-queries.ts).
 */
@Injectable()
export class BoardService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rounds: RoundAccess,
    private readonly versions: VersionsService,
  ) {}

  async list(actor: Actor, roundId: string, filter: CommentFilter, page: Page): Promise<BoardCommentList> {
    const round = await this.rounds.reachable(actor, roundId);
    const outline = await this.outline(this.db.manager, round);
    if (filter.sectionKey !== undefined && filter.general) {
      throw consultationErrors.generalWithSection();
    }
    if (filter.sectionKey !== undefined && !outline.has(filter.sectionKey)) {
      throw consultationErrors.noSuchSection(round.versionNumber, filter.sectionKey);
    }
    const viewer = viewerOf(actor);
    const [rows, counted] = await Promise.all([
      this.run<BoardRow>(this.db.manager, pageQuery(round.id, viewer, filter, page)),
      this.run<{ total: number }>(this.db.manager, countQuery(round.id, viewer, filter)),
    ]);
    return { items: rows.map((r) => boardComment(r, outline)), total: counted[0].total };
  }

  /** The place (from 0) of comment `commentId` on the board narrowed by `filter`; null when the filter leaves it out. */
  async position(actor: Actor, roundId: string, filter: CommentFilter, commentId: string): Promise<number | null> {
    const round = await this.rounds.reachable(actor, roundId);
    const [row] = await this.run<{ n: number }>(this.db.manager, positionQuery(round.id, viewerOf(actor), filter, commentId));
    return row ? row.n : null;
  }

  /** The versions frozen after the round's own: those a comment of the round can be taken in at. */
  async laterVersions(actor: Actor, roundId: string): Promise<number[]> {
    const round = await this.rounds.reachable(actor, roundId);
    const rows = await this.db.query<{ number: number }[]>('SELECT number FROM plan_versions WHERE plan_id = $1 AND number > $2 ORDER BY number', [
      round.planId,
      round.versionNumber,
    ]);
    return rows.map((r) => r.number);
  }

  /** Counts per section and per agency, totals, and where the undecided comments start. */
  async summary(actor: Actor, roundId: string): Promise<BoardView> {
    const round = await this.rounds.reachable(actor, roundId);
    const [outline, groups, first] = await Promise.all([
      this.outline(this.db.manager, round),
      this.run<SummaryRow>(this.db.manager, summaryQuery(round.id)),
      this.run<{ id: string }>(this.db.manager, nextUndecidedQuery(round.id, null)),
    ]);
    const all = groups.find((g) => g.grouping === 3);
    const sections = groups
      .filter((g) => g.grouping === 1)
      .sort((x, y) => outline.position(x.section_key) - outline.position(y.section_key) || String(x.section_key).localeCompare(String(y.section_key)))
      .map((g) => ({ sectionKey: g.section_key, heading: outline.heading(g.section_key), comments: g.comments, undecided: g.undecided }));
    const agencies = groups
      .filter((g) => g.grouping === 2)
      .map((g) => ({ agencyId: g.agency_id!, code: g.agency_code!, name: g.agency_name!, comments: g.comments, undecided: g.undecided }))
      .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : x.agencyId < y.agencyId ? -1 : 1));
    return {
      roundId: round.id,
      planId: round.planId,
      title: round.title,
      versionNumber: round.versionNumber,
      status: round.status,
      deadline: round.deadline.toISOString(),
      totals: all ? totalsOf(all) : totalsOf({ comments: 0, undecided: 0, accepted: 0, partially_accepted: 0, explained: 0, not_accepted: 0 }),
      sections,
      agencies,
      firstUndecidedId: first[0]?.id ?? null,
    };
  }

  /**
   * After a decision on `comment` (in the caller's transaction, so that it counts): the round's
   * totals, what is left in its section and of its agency, and the next undecided comment.
   */
  async progress(em: EntityManager, round: Round, comment: { id: string; sectionKey: string | null; agencyId: string }): Promise<BoardProgress> {
    const [outline, [counts], [next]] = await Promise.all([
      this.outline(em, round),
      this.run<CountRow & { section_undecided: number; agency_undecided: number }>(em, progressQuery(round.id, comment.sectionKey, comment.agencyId)),
      this.run<BoardRow>(em, nextUndecidedQuery(round.id, comment.id)),
    ]);
    return {
      totals: totalsOf(counts),
      sectionUndecided: counts.section_undecided,
      agencyUndecided: counts.agency_undecided,
      next: next ? boardComment(next, outline) : null,
    };
  }

  /** The given comments as board rows, in board order. */
  async rows(em: EntityManager, round: Round, ids: string[]): Promise<BoardCommentView[]> {
    const outline = await this.outline(em, round);
    const rows = await this.run<BoardRow>(em, pageQuery(round.id, { kind: 'staff' }, { ids }, { limit: Math.max(ids.length, 1), offset: 0 }));
    return rows.map((r) => boardComment(r, outline));
  }

  /** Undecided comments of each round `actor` may decide on (home and plan pages), in one query. */
  async undecidedCounts(actor: Actor, roundIds: string[]): Promise<Map<string, number>> {
    if (actor.role !== 'secretariat' && actor.role !== 'leader') return new Map();
    const counts = new Map(roundIds.map((id) => [id, 0]));
    for (const r of await this.run<{ round_id: string; undecided: number }>(this.db.manager, undecidedCountsQuery(roundIds)))
      counts.set(r.round_id, r.undecided);
    return counts;
  }

  /**
   * Totals of many rounds in one query: every submitted comment for staff, its own for an agency
   * (and only in the rounds it was invited to). Rounds `actor` may not see are left out.
   */
  async roundTotals(actor: Actor, roundIds: string[]): Promise<Map<string, RoundTotals>> {
    let ids = roundIds;
    if (actor.role === 'agency') {
      const invited: { round_id: string }[] = await this.db.query('SELECT round_id FROM round_agencies WHERE round_id = ANY($1::uuid[]) AND agency_id = $2', [
        roundIds,
        actor.agencyId,
      ]);
      ids = invited.map((r) => r.round_id);
    } else if (actor.role !== 'secretariat' && actor.role !== 'leader') {
      return new Map();
    }
    const rows = await this.run<CountRow & { round_id: string; invited: number; pending: number }>(
      this.db.manager,
      roundTotalsQuery(ids, actor.role === 'agency' ? actor.agencyId : null),
    );
    return new Map(rows.map((r) => [r.round_id, { roundId: r.round_id, ...totalsOf(r), invited: r.invited, pending: r.pending }]));
  }

  private async outline(em: EntityManager, round: Round): Promise<Outline> {
    return new Outline(await this.versions.frozenSections(em, round.planId, round.versionNumber));
  }

  private async run<T>(em: EntityManager, q: Query): Promise<T[]> {
    return em.query(q.sql, q.params);
  }
}
