import { BOARD_FROM, BOARD_ORDER, sectionPlacesCte, submittedCommentSql } from './domain/consultation-sql';

/**
 * The submitted comments of a round with their agency's name, in board order (section of the
 * round's version, agency, submission). Shared with bench/api.ts, whose bare server runs it as is.
 */
export const REPORT_ROWS_SQL = `WITH ${sectionPlacesCte('$1')}
         SELECT c.id, c.agency_id, a.name AS agency_name, c.section_key, c.quote, c.body, c.suggestion, c.decision, c.reason,
                c.addressed_in_version, c.late, c.source
         FROM ${BOARD_FROM}
         WHERE c.round_id = $1 AND ${submittedCommentSql('c')}
         ORDER BY ${BOARD_ORDER}`;
