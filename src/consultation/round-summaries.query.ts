import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { List, Page } from '../common/pagination/list-query.dto';
import { agencyState, AgencyState } from './domain/agency-state';

/** A round as an invited agency lists it: its own answer and the fate of its comments. */
export interface AgencyRoundSummary {
  id: string;
  title: string;
  planTitle: string;
  versionNumber: number;
  deadline: string;
  status: 'open' | 'closed';
  state: AgencyState;
  reference: string | null;
  drafts: number;
  submitted: number;
  decided: number;
}

/** A round as the secretariat or a leader lists it: who answered, what is left to decide. */
export interface StaffRoundSummary {
  id: string;
  title: string;
  planId: string;
  planTitle: string;
  versionNumber: number;
  deadline: string;
  status: 'open' | 'closed';
  closedAt: string | null;
  invited: number;
  answered: number;
  undecided: number;
}

/** An agency's own comments in one round, counted (the list itself is paged). */
export interface OwnCommentCounts {
  total: number;
  drafts: number;
  decided: number;
  bySection: Record<string, number>;
}

/** A round's comments and decisions, counted, as the leader reviews them before deciding. */
export interface RoundTotals {
  roundId: string;
  title: string;
  versionNumber: number;
  status: 'open' | 'closed';
  invited: number;
  answered: number;
  comments: number;
  accepted: number;
  partially_accepted: number;
  explained: number;
  not_accepted: number;
  undecided: number;
}

export interface PlanUndecided {
  id: string;
  title: string;
  undecided: number;
}

// Open rounds first (nearest deadline first), then closed ones, latest first.
const ORDER = `r.status <> 'open', CASE WHEN r.status = 'open' THEN r.deadline END, r.closed_at DESC NULLS LAST, r.opened_at DESC, r.id`;

/**
 * The counts the round lists need, one statement per page however many rounds it shows (not a
 * report per round). Who may see which round is the caller's: an agency id limits it to the
 * rounds that agency was invited to.
 */
@Injectable()
export class RoundSummaries {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async forAgency(agencyId: string, page: Page, onlyOpen = false): Promise<List<AgencyRoundSummary>> {
    const where = `EXISTS (SELECT 1 FROM round_agencies ra WHERE ra.round_id = r.id AND ra.agency_id = $1)${onlyOpen ? ` AND r.status = 'open'` : ''}`;
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM rounds r WHERE ${where}`, [agencyId]);
    const rows: {
      id: string;
      title: string;
      plan_title: string;
      version_number: number;
      deadline: Date;
      status: 'open' | 'closed';
      submitted_at: Date | null;
      no_comments: boolean | null;
      late: boolean | null;
      reference: string | null;
      drafts: number;
      submitted: number;
      decided: number;
    }[] = await this.db.query(
      `SELECT r.id, r.title, p.title AS plan_title, r.version_number, r.deadline, r.status,
              rs.submitted_at, rs.no_comments, rs.late, rs.reference,
              count(c.id) FILTER (WHERE c.status = 'draft')::int AS drafts,
              count(c.id) FILTER (WHERE c.status = 'submitted')::int AS submitted,
              count(c.id) FILTER (WHERE c.decision IS NOT NULL)::int AS decided
       FROM rounds r
       JOIN plans p ON p.id = r.plan_id
       LEFT JOIN responses rs ON rs.round_id = r.id AND rs.agency_id = $1 AND rs.withdrawn_at IS NULL
       LEFT JOIN comments c ON c.round_id = r.id AND c.agency_id = $1
       WHERE ${where}
       GROUP BY r.id, p.title, rs.submitted_at, rs.no_comments, rs.late, rs.reference
       ORDER BY ${ORDER} LIMIT $2 OFFSET $3`,
      [agencyId, page.limit, page.offset],
    );
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        title: r.title,
        planTitle: r.plan_title,
        versionNumber: r.version_number,
        deadline: r.deadline.toISOString(),
        status: r.status,
        state: agencyState(r.submitted_at ? { noComments: r.no_comments === true, late: r.late === true } : null),
        reference: r.reference,
        drafts: r.drafts,
        submitted: r.submitted,
        decided: r.decided,
      })),
    };
  }

  async forStaff(page: Page, filter: { onlyOpen?: boolean; planId?: string } = {}): Promise<List<StaffRoundSummary>> {
    // $1 is the plan when there is one; the page's limit and offset come after it.
    const where = [filter.onlyOpen ? `r.status = 'open'` : 'TRUE', filter.planId ? 'r.plan_id = $1' : '$1::uuid IS NULL'].join(' AND ');
    const planId = filter.planId ?? null;
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM rounds r WHERE ${where}`, [planId]);
    const rows: {
      id: string;
      title: string;
      plan_id: string;
      plan_title: string;
      version_number: number;
      deadline: Date;
      status: 'open' | 'closed';
      closed_at: Date | null;
      invited: number;
      answered: number;
      undecided: number;
    }[] = await this.db.query(
      `SELECT r.id, r.title, r.plan_id, p.title AS plan_title, r.version_number, r.deadline, r.status, r.closed_at,
              (SELECT count(*)::int FROM round_agencies ra WHERE ra.round_id = r.id) AS invited,
              (SELECT count(*)::int FROM responses rs WHERE rs.round_id = r.id AND rs.withdrawn_at IS NULL) AS answered,
              (SELECT count(*)::int FROM comments c WHERE c.round_id = r.id AND c.status = 'submitted' AND c.decision IS NULL) AS undecided
       FROM rounds r JOIN plans p ON p.id = r.plan_id
       WHERE ${where}
       ORDER BY ${ORDER} LIMIT $2 OFFSET $3`,
      [planId, page.limit, page.offset],
    );
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        title: r.title,
        planId: r.plan_id,
        planTitle: r.plan_title,
        versionNumber: r.version_number,
        deadline: r.deadline.toISOString(),
        status: r.status,
        closedAt: r.closed_at?.toISOString() ?? null,
        invited: r.invited,
        answered: r.answered,
        undecided: r.undecided,
      })),
    };
  }

  async ownCounts(roundId: string, agencyId: string): Promise<OwnCommentCounts> {
    const rows: { section_key: string | null; total: number; drafts: number; decided: number }[] = await this.db.query(
      `SELECT section_key, count(*)::int AS total, count(*) FILTER (WHERE status = 'draft')::int AS drafts, count(*) FILTER (WHERE decision IS NOT NULL)::int AS decided
       FROM comments WHERE round_id = $1 AND agency_id = $2 GROUP BY section_key`,
      [roundId, agencyId],
    );
    const sum = (k: 'total' | 'drafts' | 'decided') => rows.reduce((n, r) => n + r[k], 0);
    return {
      total: sum('total'),
      drafts: sum('drafts'),
      decided: sum('decided'),
      bySection: Object.fromEntries(rows.filter((r) => r.section_key !== null).map((r) => [r.section_key, r.total])),
    };
  }

  /** Every round of a plan with its submitted comments counted by decision, in one statement. */
  async totalsForPlan(planId: string): Promise<RoundTotals[]> {
    const rows: (Omit<RoundTotals, 'roundId' | 'versionNumber'> & { id: string; version_number: number })[] = await this.db.query(
      `SELECT r.id, r.title, r.version_number, r.status,
              (SELECT count(*)::int FROM round_agencies ra WHERE ra.round_id = r.id) AS invited,
              (SELECT count(*)::int FROM responses rs WHERE rs.round_id = r.id AND rs.withdrawn_at IS NULL) AS answered,
              count(c.id)::int AS comments,
              count(c.id) FILTER (WHERE c.decision = 'accepted')::int AS accepted,
              count(c.id) FILTER (WHERE c.decision = 'partially_accepted')::int AS partially_accepted,
              count(c.id) FILTER (WHERE c.decision = 'explained')::int AS explained,
              count(c.id) FILTER (WHERE c.decision = 'not_accepted')::int AS not_accepted,
              count(c.id) FILTER (WHERE c.decision IS NULL)::int AS undecided
       FROM rounds r LEFT JOIN comments c ON c.round_id = r.id AND c.status = 'submitted'
       WHERE r.plan_id = $1 GROUP BY r.id ORDER BY r.opened_at DESC, r.id`,
      [planId],
    );
    return rows.map(({ id, version_number, ...r }) => ({ ...r, roundId: id, versionNumber: version_number }));
  }

  /** Plans not yet approved that hold submitted comments without a decision, latest changed first. */
  async undecidedByPlan(limit: number): Promise<PlanUndecided[]> {
    return this.db.query(
      `SELECT p.id, p.title, count(c.id)::int AS undecided
       FROM plans p JOIN rounds r ON r.plan_id = p.id JOIN comments c ON c.round_id = r.id
       WHERE c.status = 'submitted' AND c.decision IS NULL AND p.status <> 'approved'
       GROUP BY p.id ORDER BY max(p.updated_at) DESC, p.id LIMIT $1`,
      [limit],
    );
  }
}
