import { ApiProperty } from '@nestjs/swagger';
import { CommentView } from './consultation.views';
import { DECISIONS, Decision } from './domain/disposition';

/** A comment as the board shows it: with its agency's name and its section's heading. */
export class BoardCommentView extends CommentView {
  @ApiProperty({ description: 'Tên đơn vị góp ý' }) agencyName!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Tiêu đề mục trong dự thảo được lấy ý kiến; null: ý kiến chung' }) sectionHeading!: string | null;
}

export class BoardCommentList {
  @ApiProperty({ type: [BoardCommentView] }) items!: BoardCommentView[];
  @ApiProperty() total!: number;
}

export class BoardTotals {
  @ApiProperty({ description: 'Ý kiến đã gửi' }) comments!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty() partially_accepted!: number;
  @ApiProperty() explained!: number;
  @ApiProperty() not_accepted!: number;
  @ApiProperty({ description: 'Chưa giải trình, tiếp thu' }) undecided!: number;
}

export class BoardSectionCount {
  @ApiProperty({ nullable: true, type: String, description: 'null: ý kiến chung cho cả văn bản' }) sectionKey!: string | null;
  @ApiProperty({ nullable: true, type: String }) heading!: string | null;
  @ApiProperty() comments!: number;
  @ApiProperty() undecided!: number;
}

export class BoardAgencyCount {
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() comments!: number;
  @ApiProperty() undecided!: number;
}

/** The counts a consolidation board is steered by: per section and per agency, in board order. */
export class BoardView {
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() versionNumber!: number;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: 'open' | 'closed';
  @ApiProperty({ format: 'date-time' }) deadline!: string;
  @ApiProperty({ type: BoardTotals }) totals!: BoardTotals;
  @ApiProperty({ type: [BoardSectionCount], description: 'Các mục có ý kiến, theo thứ tự của dự thảo (ý kiến chung trước)' }) sections!: BoardSectionCount[];
  @ApiProperty({ type: [BoardAgencyCount], description: 'Các đơn vị có ý kiến, theo tên' }) agencies!: BoardAgencyCount[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Ý kiến đầu tiên chưa giải trình, tiếp thu' }) firstUndecidedId!: string | null;
}

/** What a page needs after a decision to update in place and move on, without reading the round again. */
export class BoardProgress {
  @ApiProperty({ type: BoardTotals }) totals!: BoardTotals;
  @ApiProperty({ description: 'Ý kiến chưa quyết định còn lại trong mục của ý kiến vừa quyết định' }) sectionUndecided!: number;
  @ApiProperty({ description: 'Ý kiến chưa quyết định còn lại của đơn vị đó' }) agencyUndecided!: number;
  @ApiProperty({
    type: BoardCommentView,
    nullable: true,
    description: 'Ý kiến chưa quyết định tiếp theo theo thứ tự của bảng (quay lại từ đầu khi hết); null: đã quyết định hết',
  })
  next!: BoardCommentView | null;
}

export class DecidedCommentView extends BoardCommentView {
  @ApiProperty({ type: BoardProgress }) board!: BoardProgress;
}

export class BulkDispositionResult {
  @ApiProperty({ type: [BoardCommentView], description: 'Các ý kiến đã cập nhật, theo thứ tự của bảng' }) items!: BoardCommentView[];
  @ApiProperty() total!: number;
  @ApiProperty({ type: BoardProgress, description: 'sectionUndecided, agencyUndecided: của ý kiến cuối cùng trong items' }) board!: BoardProgress;
}

/** One round's totals, for pages that list many rounds. */
export interface RoundTotals extends BoardTotals {
  roundId: string;
  invited: number;
  pending: number;
}

export const emptyTotals = (): BoardTotals => ({
  comments: 0,
  undecided: 0,
  ...(Object.fromEntries(DECISIONS.map((d) => [d, 0])) as Record<Decision, number>),
});
