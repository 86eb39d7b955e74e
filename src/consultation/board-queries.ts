import type { Suggestion } from './comment.entity';
import type { Decision } from './domain/disposition';
import type { BoardState } from './domain/consultation-rules';
import {
  boardFrom,
  boardOrderKeys,
  BOARD_FROM,
  BOARD_ORDER,
  likePattern,
  pendingAgencySql,
  sectionPlacesCte,
  submittedCommentSql,
  textMatchSql,
  undecidedCommentSql,
} from './domain/consultation-sql';

/**
 * The consolidation board's statements, as text and parameters: BoardService runs them, and
 * bench/consolidation.ts runs the very same ones with `pg` alone as its baseline.
 */

export interface Query {
  sql: string;
  params: unknown[];
}

/** Who is looking: staff see every submitted comment, an agency its own comments (drafts too). */
export type Viewer = { kind: 'staff' } | { kind: 'agency'; agencyId: string };

export interface CommentFilter {
  agencyId?: string;
  sectionKey?: string;
  /** Only comments on the whole plan (no section). */
  general?: boolean;
  state?: BoardState;
  q?: string;
  /** Only these comments (the ones a bulk disposition changed). */
  ids?: string[];
}

/** What a board row reads of a comment (CommentView's fields, the agency's name). */
export const BOARD_COLUMNS = `c.id, c.round_id, c.agency_id, a.name AS agency_name, c.section_key, c.quote, c.body, c.suggestion, c.status, c.source,
  c.conference_id, c.opinion_no, c.submitted_at, c.late, c.created_at, c.updated_at, c.decision, c.reason, c.addressed_in_version, c.decided_at`;

export interface BoardRow {
  id: string;
  round_id: string;
  agency_id: string;
  agency_name: string;
  section_key: string | null;
  quote: string | null;
  body: string;
  suggestion: Suggestion | null;
  status: 'draft' | 'submitted';
  source: 'agency' | 'conference';
  conference_id: string | null;
  opinion_no: number | null;
  submitted_at: Date | null;
  late: boolean;
  created_at: Date;
  updated_at: Date;
  decision: Decision | null;
  reason: string | null;
  addressed_in_version: number | null;
  decided_at: Date | null;
}

function where(roundId: string, viewer: Viewer, filter: CommentFilter): Query {
  const params: unknown[] = [roundId];
  const p = (value: unknown) => `$${params.push(value)}`;
  const conditions = ['c.round_id = $1', viewer.kind === 'staff' ? submittedCommentSql('c') : `c.agency_id = ${p(viewer.agencyId)}`];
  if (filter.agencyId !== undefined) conditions.push(`c.agency_id = ${p(filter.agencyId)}`);
  if (filter.sectionKey !== undefined) conditions.push(`c.section_key = ${p(filter.sectionKey)}`);
  if (filter.general) conditions.push('c.section_key IS NULL');
  if (filter.state === 'undecided') conditions.push(undecidedCommentSql('c'));
  else if (filter.state !== undefined) conditions.push(`c.decision = ${p(filter.state)}`);
  if (filter.ids !== undefined) conditions.push(`c.id = ANY(${p(filter.ids)}::uuid[])`);
  if (filter.q !== undefined) conditions.push(textMatchSql('c', p(likePattern(filter.q))));
  return { sql: conditions.join(' AND '), params };
}

/** A page of the board. Sorted on the keys alone, then joined back, so no body is sorted. */
export function pageQuery(roundId: string, viewer: Viewer, filter: CommentFilter, page: { limit: number; offset: number }): Query {
  const w = where(roundId, viewer, filter);
  const limit = `$${w.params.length + 1}`;
  const offset = `$${w.params.length + 2}`;
  return {
    sql: `WITH ${sectionPlacesCte('$1')}, page AS (
            SELECT c.id, row_number() OVER (ORDER BY ${BOARD_ORDER}) AS n
            FROM ${BOARD_FROM} WHERE ${w.sql}
            ORDER BY ${BOARD_ORDER} LIMIT ${limit} OFFSET ${offset})
          SELECT ${BOARD_COLUMNS} FROM page JOIN comments c ON c.id = page.id JOIN agencies a ON a.id = c.agency_id ORDER BY page.n`,
    params: [...w.params, page.limit, page.offset],
  };
}

/**
 * Where comment `commentId` stands (from 0) on the board narrowed by `filter`, so that a page can
 * link to the page that holds it; no row when the filter leaves it out.
 */
export function positionQuery(roundId: string, viewer: Viewer, filter: CommentFilter, commentId: string): Query {
  const w = where(roundId, viewer, filter);
  return {
    sql: `WITH ${sectionPlacesCte('$1')}, ranked AS (
            SELECT c.id, (row_number() OVER (ORDER BY ${BOARD_ORDER}) - 1)::int AS n FROM ${BOARD_FROM} WHERE ${w.sql})
          SELECT n FROM ranked WHERE id = $${w.params.length + 1}::uuid`,
    params: [...w.params, commentId],
  };
}

export function countQuery(roundId: string, viewer: Viewer, filter: CommentFilter): Query {
  const w = where(roundId, viewer, filter);
  return { sql: `SELECT count(*)::int AS total FROM comments c WHERE ${w.sql}`, params: w.params };
}

const TOTALS = `count(*)::int AS comments,
  count(*) FILTER (WHERE c.decision IS NULL)::int AS undecided,
  count(*) FILTER (WHERE c.decision = 'accepted')::int AS accepted,
  count(*) FILTER (WHERE c.decision = 'partially_accepted')::int AS partially_accepted,
  count(*) FILTER (WHERE c.decision = 'explained')::int AS explained,
  count(*) FILTER (WHERE c.decision = 'not_accepted')::int AS not_accepted`;

export interface CountRow {
  comments: number;
  undecided: number;
  accepted: number;
  partially_accepted: number;
  explained: number;
  not_accepted: number;
}

export interface SummaryRow extends CountRow {
  /** 0: a section's line, 1: an agency's line, 3: the round's totals. */
  grouping: number;
  section_key: string | null;
  agency_id: string | null;
  agency_code: string | null;
  agency_name: string | null;
}

/** The round's totals, and comments and undecided per section and per agency, in one pass. */
export function summaryQuery(roundId: string): Query {
  return {
    sql: `SELECT GROUPING(c.section_key, c.agency_id)::int AS grouping, c.section_key, c.agency_id,
                 min(a.code) AS agency_code, min(a.name) AS agency_name, ${TOTALS}
          FROM comments c JOIN agencies a ON a.id = c.agency_id
          WHERE c.round_id = $1 AND ${submittedCommentSql('c')}
          GROUP BY GROUPING SETS ((c.section_key), (c.agency_id), ())`,
    params: [roundId],
  };
}

/**
 * The first undecided comment after `afterId` in board order, or, when none is after it, the first
 * from the top (never `afterId` itself). With no `afterId`, the first of the board.
 */
export function nextUndecidedQuery(roundId: string, afterId: string | null): Query {
  const here = boardOrderKeys('c2', 'a2', 'sp2').join(', ');
  return {
    sql: `WITH ${sectionPlacesCte('$1')}
          SELECT ${BOARD_COLUMNS} FROM ${BOARD_FROM}
          WHERE c.round_id = $1 AND ${undecidedCommentSql('c')} AND c.id IS DISTINCT FROM $2::uuid
          ORDER BY (ROW(${BOARD_ORDER}) > (SELECT ${here} FROM ${boardFrom('c2', 'a2', 'sp2')} WHERE c2.id = $2::uuid AND c2.round_id = $1)) DESC NULLS LAST, ${BOARD_ORDER}
          LIMIT 1`,
    params: [roundId, afterId],
  };
}

/** The round's totals with what is left undecided in one section and of one agency. */
export function progressQuery(roundId: string, sectionKey: string | null, agencyId: string): Query {
  return {
    sql: `SELECT ${TOTALS},
                 count(*) FILTER (WHERE c.decision IS NULL AND c.section_key IS NOT DISTINCT FROM $2::text)::int AS section_undecided,
                 count(*) FILTER (WHERE c.decision IS NULL AND c.agency_id = $3::uuid)::int AS agency_undecided
          FROM comments c WHERE c.round_id = $1 AND ${submittedCommentSql('c')}`,
    params: [roundId, sectionKey, agencyId],
  };
}

/** Undecided comments of each round, read from the partial index alone. */
export function undecidedCountsQuery(roundIds: string[]): Query {
  return {
    sql: `SELECT c.round_id, count(*)::int AS undecided FROM comments c
          WHERE c.round_id = ANY($1::uuid[]) AND ${undecidedCommentSql('c')} GROUP BY c.round_id`,
    params: [roundIds],
  };
}

/** Each round's totals, and its invited and pending agencies; `agencyId` narrows to that agency's comments. */
export function roundTotalsQuery(roundIds: string[], agencyId: string | null): Query {
  return {
    sql: `SELECT r.id AS round_id, t.*, i.invited, i.pending
          FROM rounds r
          CROSS JOIN LATERAL (SELECT ${TOTALS} FROM comments c
                              WHERE c.round_id = r.id AND ${submittedCommentSql('c')} AND ($2::uuid IS NULL OR c.agency_id = $2::uuid)) t
          CROSS JOIN LATERAL (SELECT count(*)::int AS invited,
                                     count(*) FILTER (WHERE ${pendingAgencySql('ra')})::int AS pending
                              FROM round_agencies ra WHERE ra.round_id = r.id) i
          WHERE r.id = ANY($1::uuid[])`,
    params: [roundIds, agencyId],
  };
}
