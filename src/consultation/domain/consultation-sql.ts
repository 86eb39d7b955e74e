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
 * The position of comment `c`'s section in the version its round asked about (`pv`, that
 * plan_versions row): 0 for a comment on the whole plan, the version's sections from 1, and last a
 * key the version lacks.
 */
export const sectionPositionSql = (c: string, pv: string) =>
  `CASE WHEN ${c}.section_key IS NULL THEN 0 ELSE coalesce(array_position(${pv}.section_keys, ${c}.section_key), 2147483647) END`;

/**
 * The order of the consolidation board and of the report: section (as in the round's version),
 * then agency (by name), then submission, then the order the agency wrote its comments in.
 * Needs `c` comments, `a` agencies, `pv` the round's version.
 */
export const boardOrderKeys = (c: string, a: string, pv: string): string[] => [sectionPositionSql(c, pv), `${a}.name`, `${c}.agency_id`, `${c}.submitted_at`, `${c}.created_at`, `${c}.id`];

/** FROM clause that gives a comment `c` its round `r`, the round's version `pv` and agency `a`. */
export const boardFrom = (c: string, r: string, pv: string, a: string) =>
  `comments ${c} JOIN rounds ${r} ON ${r}.id = ${c}.round_id
   JOIN plan_versions ${pv} ON ${pv}.plan_id = ${r}.plan_id AND ${pv}.number = ${r}.version_number
   JOIN agencies ${a} ON ${a}.id = ${c}.agency_id`;

export const BOARD_FROM = boardFrom('c', 'r', 'pv', 'a');

export const BOARD_ORDER = boardOrderKeys('c', 'a', 'pv').join(', ');

/**
 * comments row `c` contains the text of parameter `param` in its quote or body, whatever the case,
 * the diacritics (ệ, Đ) or the spacing; `param` must have gone through likePattern().
 */
export const textMatchSql = (c: string, param: string) => `${c}.search_text LIKE '%' || duthao_search_fold(${param}) || '%'`;

/** Text searched for as itself: LIKE's wildcards and escape character lose their meaning. */
export function likePattern(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
