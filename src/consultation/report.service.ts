import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { Clock } from '../common/clock';
import { VersionsService } from '../plans/versions.service';
import { ReportRow, ReportView } from './consultation.views';
import { boardState } from './domain/consultation-rules';
import { DECISIONS, Decision } from './domain/disposition';
import type { Suggestion } from './comment.entity';
import { RoundAccess } from './round-access';
import { REPORT_ROWS_SQL } from './report-rows';
import { RoundsService } from './rounds.service';

interface Row {
  id: string;
  agency_id: string;
  agency_name: string;
  section_key: string | null;
  quote: string | null;
  body: string;
  suggestion: Suggestion | null;
  decision: Decision | null;
  reason: string | null;
  addressed_in_version: number | null;
  late: boolean;
  source: string;
}

/**
 * "Báo cáo tổng hợp, giải trình, tiếp thu ý kiến": every submitted comment of a round with its
 * disposition, in the board's order (REPORT_ROWS_SQL).
 */
@Injectable()
export class ReportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rounds: RoundAccess,
    private readonly roundsService: RoundsService,
    private readonly versions: VersionsService,
    private readonly clock: Clock,
  ) {}

  async build(actor: Actor, roundId: string): Promise<ReportView> {
    const round = await this.rounds.reachable(actor, roundId);
    const [sections, agencies, rows] = await Promise.all([
      this.versions.frozenSections(this.db.manager, round.planId, round.versionNumber),
      this.roundsService.agencyStates(this.db.manager, roundId),
      this.db.query<Row[]>(REPORT_ROWS_SQL, [roundId]),
    ]);
    const heading = new Map(sections.map((s) => [s.key, s.heading]));

    const totals = { comments: rows.length, undecided: 0, ...Object.fromEntries(DECISIONS.map((d) => [d, 0])) } as ReportView['totals'];
    for (const r of rows) totals[boardState(r)]++;
    const perAgency = new Map<string, number>();
    for (const r of rows) perAgency.set(r.agency_id, (perAgency.get(r.agency_id) ?? 0) + 1);
    const now = this.clock.now();

    return {
      roundId,
      planId: round.planId,
      title: round.title,
      versionNumber: round.versionNumber,
      deadline: round.deadline.toISOString(),
      status: round.status,
      totals,
      agencies: agencies.map((a) => ({ ...this.roundsService.agencyView(a, round, now), comments: perAgency.get(a.agency_id) ?? 0 })),
      rows: rows.map((r, i): ReportRow => ({
        no: i + 1,
        commentId: r.id,
        sectionKey: r.section_key,
        sectionHeading: r.section_key === null ? null : (heading.get(r.section_key) ?? null),
        quote: r.quote,
        agency: r.agency_name,
        agencyId: r.agency_id,
        body: r.body,
        suggestion: r.suggestion,
        decision: r.decision,
        reason: r.reason,
        addressedInVersion: r.addressed_in_version,
        late: r.late,
        source: r.source,
      })),
    };
  }
}
