/**
 * The submitted comments of a round with their agency's name, in agency then submission order (the
 * report sorts them by section after). Shared with bench/api.ts, whose bare server runs it as is.
 */
export const REPORT_ROWS_SQL = `SELECT c.id, c.agency_id, a.name AS agency_name, c.section_key, c.quote, c.body, c.decision, c.reason,
                c.addressed_in_version, c.late, c.source
         FROM comments c JOIN agencies a ON a.id = c.agency_id
         WHERE c.round_id = $1 AND c.status = 'submitted'
         ORDER BY a.name, c.submitted_at, c.id`;
