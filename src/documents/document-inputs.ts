import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApprovalsService } from '../approvals/approvals.service';
import type { Actor } from '../common/auth/actor';
import { forbidden, invalid, notFound } from '../common/errors/domain-error';
import { ConferencesService } from '../conferences/conferences.service';
import { CommentAnchors } from '../consultation/comment-anchors.service';
import { shownAnchorState } from '../consultation/domain/anchor-labels';
import { ReportService } from '../consultation/report.service';
import { AppConfig } from '../config/app-config';
import { PlanAccess } from '../plans/plan-access';
import { PlansService } from '../plans/plans.service';
import { VersionsService } from '../plans/versions.service';
import { buildComparisonDocument, DispositionInput } from './domain/comparison-document';
import type { DocumentContext } from './domain/document-parts';
import { buildMinutesDocument } from './domain/minutes-document';
import { buildPlanDocument } from './domain/plan-document';
import { buildReportDocument } from './domain/report-document';
import { DocumentKind, FIELDS_OF, KIND_NAMES, RequestDocumentDto, StoredDocumentKind } from './dto/document.dto';

export interface DocumentInput {
  kind: DocumentKind;
  subject: Record<string, unknown>;
  planId: string;
  model: unknown;
}

const REPORT_READERS = new Set(['secretariat', 'leader']);

export const documentNotFound = () => notFound({ vi: 'văn bản', en: 'document' });

/**
 * Gathers what a document shows, through the same services (and so the same access rules) as
 * the API, and turns it into the template's model. Called at request time: the model is frozen
 * with the document, so the same input is the same document.
 */
@Injectable()
export class DocumentInputs {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly plans: PlansService,
    private readonly planAccess: PlanAccess,
    private readonly versions: VersionsService,
    private readonly approvals: ApprovalsService,
    private readonly reports: ReportService,
    private readonly conferences: ConferencesService,
    private readonly anchors: CommentAnchors,
  ) {}

  /** Refuses a request that lacks a field its kind needs or carries one it does not take. */
  static check(dto: RequestDocumentDto): void {
    const wanted = FIELDS_OF[dto.kind];
    const given = Object.keys(dto).filter((k) => k !== 'kind' && k !== 'format' && dto[k as keyof RequestDocumentDto] !== undefined);
    const missing = wanted.filter((f) => !given.includes(f));
    const extra = given.filter((f) => !wanted.includes(f));
    if (missing.length || extra.length) {
      throw invalid([
        ...missing.map((f) => ({ vi: `${f}: là bắt buộc với ${KIND_NAMES[dto.kind]} (${dto.kind})`, en: `${f}: is required for kind "${dto.kind}"` })),
        ...extra.map((f) => ({ vi: `${f}: không dùng với ${KIND_NAMES[dto.kind]} (${dto.kind})`, en: `${f}: does not apply to kind "${dto.kind}"` })),
      ]);
    }
  }

  /** May `actor` read a document of this subject? Same rules as requesting it. */
  async assertReadable(actor: Actor, kind: StoredDocumentKind, subject: Record<string, unknown>): Promise<void> {
    switch (kind) {
      case 'plan':
      case 'approved':
        await this.planAccess.readable(actor, subject.planId as string);
        return;
      case 'comparison': {
        await this.planAccess.readable(actor, subject.planId as string);
        const audience = (subject.agencyId as string | null) ?? null;
        if (audience !== (actor.role === 'agency' ? actor.agencyId : null)) throw documentNotFound();
        return;
      }
      case 'report':
        if (!REPORT_READERS.has(actor.role)) throw documentNotFound();
        await this.reports.build(actor, subject.roundId as string);
        return;
      case 'minutes':
        await this.conferences.get(actor, subject.conferenceId as string);
        return;
    }
  }

  private context(): DocumentContext {
    return { issuingAuthority: this.config.issuingAuthority, place: this.config.placeName };
  }

  async load(actor: Actor, dto: RequestDocumentDto): Promise<DocumentInput> {
    DocumentInputs.check(dto);
    switch (dto.kind) {
      case 'plan': {
        const plan = await this.plans.get(actor, dto.planId!);
        const version = await this.versions.get(actor, plan.id, dto.versionNumber!);
        const approval = plan.approvedVersion === version.number ? await this.approvals.current(actor, plan.id) : null;
        return {
          kind: 'plan',
          planId: plan.id,
          subject: { planId: plan.id, versionNumber: version.number },
          model: buildPlanDocument({ ...this.context(), plan, version, approval }),
        };
      }
      case 'report': {
        if (!REPORT_READERS.has(actor.role))
          throw forbidden({ vi: 'Chỉ cơ quan chủ trì và lãnh đạo xem được báo cáo tổng hợp.', en: 'Only the secretariat and leaders may see the report.' });
        const report = await this.reports.build(actor, dto.roundId!);
        const plan = await this.planAccess.readable(actor, report.planId);
        return {
          kind: 'report',
          planId: plan.id,
          subject: { roundId: report.roundId, planId: plan.id },
          model: buildReportDocument({ ...this.context(), planTitle: plan.title, report }),
        };
      }
      case 'minutes': {
        const conference = await this.conferences.get(actor, dto.conferenceId!);
        const agencies: { id: string; name: string }[] = await this.db.query('SELECT id, name FROM agencies');
        return {
          kind: 'minutes',
          planId: conference.planId,
          subject: { conferenceId: conference.id, planId: conference.planId },
          model: buildMinutesDocument({ ...this.context(), conference, agencyNames: Object.fromEntries(agencies.map((a) => [a.id, a.name])) }),
        };
      }
      case 'comparison': {
        const plan = await this.planAccess.readable(actor, dto.planId!);
        const diff = await this.versions.diff(actor, plan.id, dto.to!, dto.from!);
        return {
          kind: 'comparison',
          planId: plan.id,
          // An agency's comparison shows its own comments only, so it is a document for that agency.
          subject: { planId: plan.id, from: dto.from, to: dto.to, agencyId: actor.role === 'agency' ? actor.agencyId : null },
          model: buildComparisonDocument({
            ...this.context(),
            planTitle: plan.title,
            diff,
            dispositions: await this.commentsAnswered(actor, plan.id, dto.from!, dto.to!),
          }),
        };
      }
    }
  }

  /** The comments the comparison answers, where they sit in version `to` (the comparison page shows the same). */
  private async commentsAnswered(actor: Actor, planId: string, from: number, to: number): Promise<DispositionInput[]> {
    const placed = await this.anchors.madeBetween(actor, planId, from, to);
    return placed.map((c) => ({
      sectionKey: c.anchor.sectionKey,
      state: shownAnchorState(c.anchor),
      version: c.round.versionNumber,
      quote: c.quote,
      agency: c.agency,
      body: c.body,
      decision: c.disposition?.decision ?? null,
      reason: c.disposition?.reason ?? null,
    }));
  }
}
