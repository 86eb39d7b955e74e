import type { EntityManager } from 'typeorm';
import { activeResponseSql } from '../consultation/domain/consultation-sql';
import { AssignedDirective, DecidedComment, Message, MESSAGES, ReceivedResponse } from './domain/messages';

/** What a closing digest says: its items read as they stand now, worded; null when none is left. */
type Compose = (em: EntityManager, digestId: string, subjectId: string) => Promise<Message | null>;

const ITEMS = 'SELECT item_id FROM digest_items WHERE digest_id = $1';

async function roundOf(em: EntityManager, roundId: string): Promise<{ version_number: number; plan_title: string } | undefined> {
  const [round] = await em.query('SELECT r.version_number, p.title AS plan_title FROM rounds r JOIN plans p ON p.id = r.plan_id WHERE r.id = $1', [roundId]);
  return round;
}

/**
 * Every kind of digest (docs/lifecycle.md, "Notifications"), by the notification kind it sends, and
 * how it reads and words its items when it closes; the dispatcher names its subject (a round, a
 * conference). Kinds not here are always sent at once.
 */
export const DIGEST_KINDS = {
  /** Decisions on an agency's comments, per person and round. A decision changed within the window is told as it is, one withdrawn not at all. */
  disposition_published: async (em, digestId, roundId) => {
    const round = await roundOf(em, roundId);
    const comments: DecidedComment[] = await em.query(
      `SELECT c.id AS "commentId", c.decision, c.reason, c.body FROM comments c
       WHERE c.id IN (${ITEMS}) AND c.decision IS NOT NULL ORDER BY c.created_at, c.id`,
      [digestId],
    );
    if (!round || comments.length === 0) return null;
    return MESSAGES.dispositionsDecided({ planTitle: round.plan_title, versionNumber: round.version_number, roundId, comments });
  },

  /** Agencies' responses to a round, per secretariat user. A response withdrawn within the window is not told. */
  response_received: async (em, digestId, roundId) => {
    const round = await roundOf(em, roundId);
    const responses: ReceivedResponse[] = await em.query(
      `SELECT rs.agency_id AS "agencyId", a.name AS "agencyName", rs.no_comments AS "noComments", rs.late, rs.reference
       FROM responses rs JOIN agencies a ON a.id = rs.agency_id
       WHERE rs.id IN (${ITEMS}) AND ${activeResponseSql('rs')} ORDER BY rs.submitted_at, rs.id`,
      [digestId],
    );
    if (!round || responses.length === 0) return null;
    return MESSAGES.responsesReceived({ planTitle: round.plan_title, versionNumber: round.version_number, roundId, responses });
  },

  /** Directives a conference gave an agency, per user of that agency, in the minutes' order. */
  directive_assigned: async (em, digestId, conferenceId) => {
    const [conference]: { title: string }[] = await em.query('SELECT title FROM conferences WHERE id = $1', [conferenceId]);
    const directives: AssignedDirective[] = await em.query(
      `SELECT d.id AS "directiveId", d.task, to_char(d.due_date, 'YYYY-MM-DD') AS "dueDate" FROM directives d
       WHERE d.id IN (${ITEMS}) ORDER BY d.position, d.id`,
      [digestId],
    );
    if (!conference || directives.length === 0) return null;
    return MESSAGES.directivesAssigned({ conferenceTitle: conference.title, conferenceId, directives });
  },
} satisfies Record<string, Compose>;

export type DigestKind = keyof typeof DIGEST_KINDS;

export function isDigestKind(kind: string): kind is DigestKind {
  return Object.hasOwn(DIGEST_KINDS, kind);
}
