import { extname, join } from 'node:path';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { Clock } from '../common/clock';
import { Page } from '../common/pagination/list-query.dto';
import { rowsOf } from '../database/rows';
import { VersionDiffs } from '../plans/diff/version-diffs';
import type { Section } from '../plans/domain/sections';
import { VersionsService, versionNotFound } from '../plans/versions.service';
import { AnchorView, PlacedCommentList, PlacedCommentView } from './anchor.views';
import type { AnchorTask } from './anchor-thread';
import type { Comment } from './comment.entity';
import { AnchorInput, Candidate, Placement, PLACEMENT_ALGORITHM } from './domain/anchor-placement';
import type { Decision } from './domain/disposition';

/** The file a diff thread loads to place comments (anchor-thread.ts, or .js once built). */
const THREAD_MODULE = join(__dirname, `anchor-thread${extname(__filename)}`);

type Query = <T>(sql: string, params: unknown[]) => Promise<T[]>;

interface AnchorRow {
  id: string;
  version_number: number;
  updated_at: string;
  section_key: string | null;
  quote: string | null;
  quote_start: number | null;
  quote_end: number | null;
  quote_before: string | null;
  quote_after: string | null;
}

interface PlacedRow {
  comment_id: string;
  round_id: string;
  round_version: number;
  agency_id: string;
  quote: string | null;
  body: string;
  decision: Decision | null;
  reason: string | null;
  addressed_in_version: number | null;
  decided_at: Date | null;
  quote_occurrences: number | null;
  state: Placement['state'];
  section_key: string | null;
  heading: string | null;
  start_offset: number | null;
  end_offset: number | null;
  text: string | null;
  candidates: Candidate[] | null;
  total: string;
}

const placementOf = (r: Pick<PlacedRow, 'state' | 'section_key' | 'heading' | 'start_offset' | 'end_offset' | 'text' | 'candidates'>): Placement => ({
  state: r.state,
  sectionKey: r.section_key,
  heading: r.heading,
  start: r.start_offset,
  end: r.end_offset,
  text: r.text,
  ...(r.candidates ? { candidates: r.candidates } : {}),
});

const placedComment = (r: PlacedRow, number: number, p: Placement): PlacedCommentView => ({
  commentId: r.comment_id,
  round: { id: r.round_id, versionNumber: r.round_version },
  agencyId: r.agency_id,
  quote: r.quote,
  body: r.body,
  disposition:
    r.decision && r.decided_at
      ? { decision: r.decision, reason: r.reason, addressedInVersion: r.addressed_in_version, decidedAt: r.decided_at.toISOString() }
      : null,
  anchor: AnchorView.of(number, p, r.quote_occurrences),
});

/** A comment where it was made: its own version, as it was anchored. */
export function placementOnOwnVersion(c: Pick<Comment, 'sectionKey' | 'quoteStart' | 'quoteEnd'>, sections: readonly Section[]): Placement {
  if (c.sectionKey === null) return { state: 'whole_plan', sectionKey: null, heading: null, start: null, end: null, text: null };
  const s = sections.find((x) => x.key === c.sectionKey);
  const at =
    s && c.quoteStart !== null && c.quoteEnd !== null
      ? { start: c.quoteStart, end: c.quoteEnd, text: s.body.slice(c.quoteStart, c.quoteEnd) }
      : { start: null, end: null, text: null };
  return { state: 'same', sectionKey: c.sectionKey, heading: s?.heading ?? null, ...at };
}

/**
 * Where the comments of earlier versions stand in a later one: placed in a diff thread when the
 * version is frozen (in the freeze's transaction) and kept in comment_anchors; a comment changed
 * or carried in since (or kept by an older algorithm) is placed the first time it is read, once.
 */
@Injectable()
export class CommentAnchors implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly versions: VersionsService,
    private readonly diffs: VersionDiffs,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.versions.onFrozen((tx, planId, number) => this.fill((sql, params) => tx.query(sql, params), planId, number, tx.now));
  }

  /** Places on version `number` each comment of an earlier version (or just `commentId`) not placed there yet by this algorithm. */
  async fill(query: Query, planId: string, number: number, now: Date, commentId?: string): Promise<void> {
    const rows = await query<AnchorRow>(
      `SELECT c.id, r.version_number, c.updated_at::text AS updated_at, c.section_key, c.quote, c.quote_start, c.quote_end, c.quote_before, c.quote_after
         FROM comments c JOIN rounds r ON r.id = c.round_id
        WHERE r.plan_id = $1 AND r.version_number < $2 ${commentId ? 'AND c.id = $4' : ''}
          AND NOT EXISTS (SELECT 1 FROM comment_anchors ca WHERE ca.comment_id = c.id AND ca.version_number = $2
                             AND ca.algorithm = $3 AND ca.comment_updated_at = c.updated_at)
        ORDER BY c.id`,
      [planId, number, PLACEMENT_ALGORITHM, ...(commentId ? [commentId] : [])],
    );
    if (!rows.length) return;
    const numbers = [...new Set([...rows.map((r) => r.version_number), number])];
    const texts = await query<{ number: number; sections: string }>(
      'SELECT number, sections::text AS sections FROM plan_versions WHERE plan_id = $1 AND number = ANY($2::int[])',
      [planId, numbers],
    );
    const target = texts.find((t) => t.number === number);
    if (!target) throw versionNotFound(number);
    const anchors: AnchorInput[] = rows.map((r) => ({
      versionNumber: r.version_number,
      sectionKey: r.section_key,
      quote: r.quote,
      start: r.quote_start,
      end: r.quote_end,
      before: r.quote_before,
      after: r.quote_after,
    }));
    // The versions' JSON goes to the thread as PostgreSQL wrote it: parsed there, not here.
    const olds = texts.filter((t) => t.number !== number).map((t) => `"${t.number}":${t.sections}`);
    const task = `{"anchors":${JSON.stringify(anchors satisfies AnchorTask['anchors'])},"versions":{${olds.join(',')}},"target":${target.sections}}`;
    const placements = JSON.parse((await this.diffs.inThread(THREAD_MODULE, task)).toString('utf8')) as Placement[];
    const records = rows.map((r, i) => {
      const p = placements[i];
      return {
        comment_id: r.id,
        comment_updated_at: r.updated_at,
        state: p.state,
        section_key: p.sectionKey,
        heading: p.heading,
        start_offset: p.start,
        end_offset: p.end,
        text: p.text,
        candidates: p.candidates ?? null,
      };
    });
    await query(
      `INSERT INTO comment_anchors (comment_id, version_number, algorithm, comment_updated_at, state, section_key, heading, start_offset, end_offset, text, candidates, created_at)
       SELECT x.comment_id, $2, $3, x.comment_updated_at, x.state, x.section_key, x.heading, x.start_offset, x.end_offset, x.text, x.candidates, $4
         FROM jsonb_to_recordset($1::jsonb) AS x(comment_id uuid, comment_updated_at timestamptz, state text, section_key text, heading text,
                                                start_offset integer, end_offset integer, text text, candidates jsonb)
        WHERE EXISTS (SELECT 1 FROM comments c WHERE c.id = x.comment_id)
       ON CONFLICT (comment_id, version_number) DO UPDATE SET
         algorithm = EXCLUDED.algorithm, comment_updated_at = EXCLUDED.comment_updated_at, state = EXCLUDED.state,
         section_key = EXCLUDED.section_key, heading = EXCLUDED.heading, start_offset = EXCLUDED.start_offset,
         end_offset = EXCLUDED.end_offset, text = EXCLUDED.text, candidates = EXCLUDED.candidates, created_at = EXCLUDED.created_at`,
      [JSON.stringify(records), number, PLACEMENT_ALGORITHM, now],
    );
  }

  /**
   * The submitted comments of earlier versions, placed on version `number`: every one for the
   * secretariat and leaders, the agency's own for an agency; in the order they were made.
   */
  async listOnVersion(actor: Actor, planId: string, number: number, page: Page): Promise<PlacedCommentList> {
    await this.versions.readable(actor, planId);
    const [exists] = await this.db.query<unknown[]>('SELECT 1 FROM plan_versions WHERE plan_id = $1 AND number = $2', [planId, number]);
    if (!exists) throw versionNotFound(number);
    await this.fill(this.query, planId, number, this.clock.now());
    const own = actor.role === 'agency';
    const rows = await this.query<PlacedRow>(
      `SELECT c.id AS comment_id, r.id AS round_id, r.version_number AS round_version, c.agency_id, c.quote, c.body, c.decision, c.reason,
              c.addressed_in_version, c.decided_at, c.quote_occurrences, ca.state, ca.section_key, ca.heading, ca.start_offset,
              ca.end_offset, ca.text, ca.candidates, count(*) OVER () AS total
         FROM comments c
         JOIN rounds r ON r.id = c.round_id
         JOIN comment_anchors ca ON ca.comment_id = c.id AND ca.version_number = $2
        WHERE r.plan_id = $1 AND r.version_number < $2 AND c.status = 'submitted' ${own ? 'AND c.agency_id = $5' : ''}
        ORDER BY r.version_number, r.opened_at, c.submitted_at, c.created_at, c.id
        LIMIT $3 OFFSET $4`,
      [planId, number, page.limit, page.offset, ...(own ? [actor.agencyId] : [])],
    );
    const total = rows.length ? Number(rows[0].total) : await this.count(planId, number, own ? actor.agencyId : null);
    return {
      items: rows.map((r) => placedComment(r, number, placementOf(r))),
      total,
    };
  }

  /**
   * What a comparison of versions `from` and `to` answers: the submitted comments made on versions
   * `from` to `to - 1`, placed on version `to`, with their agency's name (an agency: its own only);
   * in the order they were made, at most `limit` (a round has some 2,000). The comparison page and
   * the comparison document both read this.
   */
  async madeBetween(actor: Actor, planId: string, from: number, to: number, limit = 10_000): Promise<(PlacedCommentView & { agency: string })[]> {
    if (from >= to) return [];
    await this.versions.readable(actor, planId);
    await this.fill(this.query, planId, to, this.clock.now());
    const own = actor.role === 'agency';
    const rows = await this.query<PlacedRow & { agency: string }>(
      `SELECT c.id AS comment_id, r.id AS round_id, r.version_number AS round_version, c.agency_id, a.name AS agency, c.quote, c.body, c.decision,
              c.reason, c.addressed_in_version, c.decided_at, c.quote_occurrences, ca.state, ca.section_key, ca.heading, ca.start_offset,
              ca.end_offset, ca.text, ca.candidates
         FROM comments c
         JOIN rounds r ON r.id = c.round_id
         JOIN agencies a ON a.id = c.agency_id
         JOIN comment_anchors ca ON ca.comment_id = c.id AND ca.version_number = $2
        WHERE r.plan_id = $1 AND r.version_number >= $3 AND r.version_number < $2 AND c.status = 'submitted' ${own ? 'AND c.agency_id = $5' : ''}
        ORDER BY r.version_number, r.opened_at, c.submitted_at, c.created_at, c.id
        LIMIT $4`,
      [planId, to, from, Math.max(1, Math.min(limit, 10_000)), ...(own ? [actor.agencyId] : [])],
    );
    return rows.map((r) => ({ ...placedComment(r, to, placementOf(r)), agency: r.agency }));
  }

  /**
   * The submitted comments that sit on section `key` of the plan's latest version (those made on it,
   * and those of earlier versions placed there), for the secretariat editing that section; at most `limit`.
   */
  async onLatestSection(actor: Actor, planId: string, key: string, limit = 200): Promise<PlacedCommentView[]> {
    await this.versions.readable(actor, planId);
    const [plan] = await this.query<{ latest_version: number }>('SELECT latest_version FROM plans WHERE id = $1', [planId]);
    const latest = plan?.latest_version ?? 0;
    if (latest < 1) return [];
    await this.fill(this.query, planId, latest, this.clock.now());
    const own = actor.role === 'agency' ? 'AND c.agency_id = $4' : '';
    const rows = await this.query<PlacedRow & { quote_start: number | null; quote_end: number | null; on_own: boolean }>(
      `SELECT c.id AS comment_id, r.id AS round_id, r.version_number AS round_version, c.agency_id, c.quote, c.body, c.decision, c.reason,
              c.addressed_in_version, c.decided_at, c.quote_occurrences, c.quote_start, c.quote_end, r.version_number = $2 AS on_own,
              ca.state, ca.section_key, ca.heading, ca.start_offset, ca.end_offset, ca.text, ca.candidates
         FROM comments c
         JOIN rounds r ON r.id = c.round_id
         LEFT JOIN comment_anchors ca ON ca.comment_id = c.id AND ca.version_number = $2
        WHERE r.plan_id = $1 AND c.status = 'submitted' ${own}
          AND ((r.version_number = $2 AND c.section_key = $3) OR (r.version_number < $2 AND ca.section_key = $3 AND ca.state <> 'removed'))
        ORDER BY r.version_number, r.opened_at, c.submitted_at, c.created_at, c.id
        LIMIT ${Math.max(1, Math.min(limit, 500))}`,
      [planId, latest, key, ...(own ? [actor.agencyId] : [])],
    );
    const sections = rows.some((r) => r.on_own) ? await this.versions.frozenSections(this.db.manager, planId, latest) : [];
    return rows.map((r) =>
      placedComment(
        r,
        latest,
        r.on_own ? placementOnOwnVersion({ sectionKey: key, quoteStart: r.quote_start, quoteEnd: r.quote_end }, sections) : placementOf(r),
      ),
    );
  }

  /** Where a comment (visible to the caller) stands in its plan's latest version. */
  async onLatest(comment: Comment): Promise<AnchorView> {
    const [round] = await this.query<{ plan_id: string; version_number: number; latest_version: number }>(
      'SELECT r.plan_id, r.version_number, p.latest_version FROM rounds r JOIN plans p ON p.id = r.plan_id WHERE r.id = $1',
      [comment.roundId],
    );
    if (round.version_number >= round.latest_version) {
      const sections = await this.versions.frozenSections(this.db.manager, round.plan_id, round.version_number);
      return AnchorView.of(round.version_number, placementOnOwnVersion(comment, sections), comment.quoteOccurrences);
    }
    await this.fill(this.query, round.plan_id, round.latest_version, this.clock.now(), comment.id);
    const [row] = await this.query<PlacedRow>('SELECT * FROM comment_anchors WHERE comment_id = $1 AND version_number = $2', [
      comment.id,
      round.latest_version,
    ]);
    return AnchorView.of(round.latest_version, placementOf(row), comment.quoteOccurrences);
  }

  private async count(planId: string, number: number, agencyId: string | null): Promise<number> {
    const [row] = await this.query<{ n: string }>(
      `SELECT count(*) AS n FROM comments c JOIN rounds r ON r.id = c.round_id
        WHERE r.plan_id = $1 AND r.version_number < $2 AND c.status = 'submitted' ${agencyId ? 'AND c.agency_id = $3' : ''}`,
      [planId, number, ...(agencyId ? [agencyId] : [])],
    );
    return Number(row.n);
  }

  private readonly query: Query = async <T>(sql: string, params: unknown[]) => rowsOf<T>(await this.db.query(sql, params));
}
