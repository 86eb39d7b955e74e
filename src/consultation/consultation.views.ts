import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AnchorView } from './anchor.views';
import { AGENCY_STATES, AgencyState } from './domain/agency-state';
import { DECISIONS, Decision } from './domain/disposition';
import type { Comment } from './comment.entity';

/** The signed letter attached to a response, without its content (GET .../responses/:agencyId/letter gives the file). */
export class LetterSummary {
  @ApiProperty() fileName!: string;
  @ApiProperty({ description: 'Dung lượng (byte)' }) bytes!: number;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
  @ApiProperty({ description: 'Họ tên người đính kèm' }) uploadedByName!: string;
}

export class ResponseLetterView extends LetterSummary {
  @ApiProperty({ format: 'uuid' }) responseId!: string;
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty() sha256!: string;
  @ApiProperty({ format: 'uuid' }) uploadedBy!: string;
}

export class RoundAgencyView {
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: AGENCY_STATES }) state!: AgencyState;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) respondedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) reference!: string | null;
  @ApiProperty() noComments!: boolean;
  @ApiProperty({ description: 'Đã quá hạn mà chưa trả lời' }) overdue!: boolean;
  @ApiProperty({ type: LetterSummary, nullable: true, description: 'Công văn đã ký (PDF) đính kèm văn bản góp ý' }) letter!: LetterSummary | null;
}

export class RoundView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() versionNumber!: number;
  @ApiProperty({ format: 'date-time' }) deadline!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: 'open' | 'closed';
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ type: [RoundAgencyView], description: 'Với tài khoản đơn vị: chỉ đơn vị của mình' }) agencies!: RoundAgencyView[];
}

export class RoundList {
  @ApiProperty({ type: [RoundView] }) items!: RoundView[];
  @ApiProperty() total!: number;
}

export class DispositionView {
  @ApiProperty({ enum: DECISIONS }) decision!: Decision;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ nullable: true, type: Number }) addressedInVersion!: number | null;
  @ApiProperty({ format: 'date-time' }) decidedAt!: string;
}

export class SuggestionView {
  @ApiProperty({ description: 'Đoạn đề nghị bỏ (có thể rỗng)' }) delete!: string;
  @ApiProperty({ description: 'Đoạn đề nghị thêm (có thể rỗng)' }) insert!: string;
}

export class CommentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty({ nullable: true, type: String }) sectionKey!: string | null;
  @ApiProperty({ nullable: true, type: String }) quote!: string | null;
  @ApiProperty() body!: string;
  @ApiProperty({ type: SuggestionView, nullable: true, description: 'Đề nghị sửa câu chữ tại đoạn trích' }) suggestion!: SuggestionView | null;
  @ApiProperty({ enum: ['draft', 'submitted'] }) status!: 'draft' | 'submitted';
  @ApiProperty({ enum: ['agency', 'conference'] }) source!: 'agency' | 'conference';
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Hội nghị có ý kiến này (nguồn conference)' }) conferenceId!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Số thứ tự ý kiến trong biên bản' }) opinionNo!: number | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) submittedAt!: string | null;
  @ApiProperty() late!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: DispositionView, nullable: true }) disposition!: DispositionView | null;
  @ApiPropertyOptional({
    type: () => AnchorView,
    description: 'Vị trí đoạn trích: ở dự thảo mới nhất của kế hoạch (GET), ở dự thảo của đợt (khi tạo, sửa)',
  })
  anchor?: AnchorView;

  static of(c: Comment, anchor?: AnchorView): CommentView {
    return {
      id: c.id,
      roundId: c.roundId,
      agencyId: c.agencyId,
      sectionKey: c.sectionKey,
      quote: c.quote,
      body: c.body,
      suggestion: c.suggestion ?? null,
      status: c.status,
      source: c.source,
      conferenceId: c.conferenceId ?? null,
      opinionNo: c.opinionNo ?? null,
      submittedAt: c.submittedAt?.toISOString() ?? null,
      late: c.late,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      disposition:
        c.decision && c.decidedAt
          ? { decision: c.decision, reason: c.reason, addressedInVersion: c.addressedInVersion, decidedAt: c.decidedAt.toISOString() }
          : null,
      ...(anchor ? { anchor } : {}),
    };
  }
}

export class CommentList {
  @ApiProperty({ type: [CommentView] }) items!: CommentView[];
  @ApiProperty() total!: number;
}

export class ResponseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty() noComments!: boolean;
  @ApiProperty({ nullable: true, type: String }) reference!: string | null;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty() late!: boolean;
  @ApiProperty({ enum: AGENCY_STATES }) state!: AgencyState;
  @ApiProperty({ type: [String], format: 'uuid' }) commentIds!: string[];
}

class ReportTotals {
  @ApiProperty() comments!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty() partially_accepted!: number;
  @ApiProperty() explained!: number;
  @ApiProperty() not_accepted!: number;
  @ApiProperty() undecided!: number;
}

class ReportAgency extends RoundAgencyView {
  @ApiProperty() comments!: number;
}

export class ReportRow {
  @ApiProperty() no!: number;
  @ApiProperty({ format: 'uuid' }) commentId!: string;
  @ApiProperty({ nullable: true, type: String }) sectionKey!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null: ý kiến chung' }) sectionHeading!: string | null;
  @ApiProperty({ nullable: true, type: String }) quote!: string | null;
  @ApiProperty({ description: 'Tên đơn vị góp ý' }) agency!: string;
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: SuggestionView, nullable: true, description: 'Đề nghị sửa câu chữ tại đoạn trích' }) suggestion!: SuggestionView | null;
  @ApiProperty({ enum: DECISIONS, nullable: true }) decision!: Decision | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ nullable: true, type: Number }) addressedInVersion!: number | null;
  @ApiProperty() late!: boolean;
  @ApiProperty({ enum: ['agency', 'conference'] }) source!: string;
}

export class ReportView {
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() versionNumber!: number;
  @ApiProperty({ format: 'date-time' }) deadline!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: string;
  @ApiProperty({ type: ReportTotals }) totals!: ReportTotals;
  @ApiProperty({ type: [ReportAgency] }) agencies!: ReportAgency[];
  @ApiProperty({ type: [ReportRow] }) rows!: ReportRow[];
}
