/**
 * The rules of consultation-rules.ts as SQL conditions on a table alias, for the queries that must
 * select what those functions accept (the API, the approval guard, the report, the documents).
 * Aliases are code, never input.
 */

/** responses row `rs` is active: not withdrawn. */
export const activeResponseSql = (rs: string) => `${rs}.withdrawn_at IS NULL`;

/** comments row `c` was submitted with its agency's response. */
export const submittedCommentSql = (c: string) => `${c}.status = 'submitted'`;

/**
 * comments row `c` is submitted and has no disposition. Written as the predicate of the partial
 * index comments_round_undecided_idx (migration 1764550000000), so that the planner can use it.
 */
export const undecidedCommentSql = (c: string) => `(${c}.status = 'submitted' AND ${c}.decision IS NULL)`;

/** round_agencies row `ra` (an invitation) has no active response. */
export const pendingAgencySql = (ra: string) =>
  `NOT EXISTS (SELECT 1 FROM responses pending_rs WHERE pending_rs.round_id = ${ra}.round_id AND pending_rs.agency_id = ${ra}.agency_id AND ${activeResponseSql('pending_rs')})`;

/**
 * responses row `rs` was late. Lateness is decided once, by isLate() against the deadline of the
 * moment the response was sent, and kept (a deadline moved later does not make it on time).
 */
export const lateResponseSql = (rs: string) => `${rs}.late`;

/**
 * `section_places(key, n)`: the sections of the version that round `roundParam` asked about, with
 * their places from 1. A CTE, so that the version's key list is read once per statement and joined
 * by hash, not searched again for every comment.
 */
export const sectionPlacesCte = (roundParam: string) =>
  `section_places AS (
     SELECT u.key, u.n FROM rounds sr
     JOIN plan_versions spv ON spv.plan_id = sr.plan_id AND spv.number = sr.version_number
     CROSS JOIN unnest(spv.section_keys) WITH ORDINALITY AS u(key, n)
     WHERE sr.id = ${roundParam})`;

/**
 * The position of comment `c`'s section on the board (`sp`, its section_places row): 0 for a
 * comment on the whole plan, the version's sections from 1, and last a key the version lacks.
 */
export const sectionPositionSql = (c: string, sp: string) => `CASE WHEN ${c}.section_key IS NULL THEN 0 ELSE coalesce(${sp}.n, 2147483647) END`;

/**
 * The order of the consolidation board and of the report: section (as in the round's version),
 * then agency (by name), then submission, then the order the agency wrote its comments in.
 */
export const boardOrderKeys = (c: string, a: string, sp: string): string[] => [
  sectionPositionSql(c, sp),
  `${a}.name`,
  `${c}.agency_id`,
  `${c}.submitted_at`,
  `${c}.created_at`,
  `${c}.id`,
];

/** FROM clause giving comment `c` its agency `a` and section place `sp` (needs sectionPlacesCte). */
export const boardFrom = (c: string, a: string, sp: string) =>
  `comments ${c} JOIN agencies ${a} ON ${a}.id = ${c}.agency_id LEFT JOIN section_places ${sp} ON ${sp}.key = ${c}.section_key`;

export const BOARD_FROM = boardFrom('c', 'a', 'sp');

export const BOARD_ORDER = boardOrderKeys('c', 'a', 'sp').join(', ');

/**
 * comments row `c` contains the text of parameter `param` in its quote or body, whatever the case,
 * the diacritics (ệ, Đ) or the spacing; `param` must have gone through likePattern().
 */
export const textMatchSql = (c: string, param: string) => `${c}.search_text LIKE '%' || duthao_search_fold(${param}) || '%'`;

/** Text searched for as itself: LIKE's wildcards and escape character lose their meaning. */
export function likePattern(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
