import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ANCHOR_STATES, AnchorState, Placement } from './domain/anchor-placement';
import { DispositionView } from './consultation.views';

export class AnchorCandidateView {
  @ApiProperty() sectionKey!: string;
  @ApiProperty({ nullable: true, type: Number }) start!: number | null;
  @ApiProperty({ nullable: true, type: Number }) end!: number | null;
}

/** Where a comment's quote stands in one version (docs/comment-anchors.md). */
export class AnchorView {
  @ApiProperty({ description: 'Dự thảo lần … mà vị trí này nói tới' }) versionNumber!: number;
  @ApiProperty({
    enum: ANCHOR_STATES,
    description:
      'same: vẫn ở mục cũ; moved: sang mục khác; changed: đoạn đã được sửa (text là nội dung hiện nay) hoặc không xác định chắc được (candidates); removed: đã bị bỏ; whole_plan: góp ý chung',
  })
  state!: AnchorState;
  @ApiProperty({ nullable: true, type: String, description: 'Mục hiện có đoạn trích; với removed: mục cũ, hoặc null nếu mục đó cũng đã bỏ' }) sectionKey!:
    string | null;
  @ApiProperty({ nullable: true, type: String }) heading!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Vị trí (ký tự, UTF-16) trong nội dung mục' }) start!: number | null;
  @ApiProperty({ nullable: true, type: Number }) end!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Đoạn văn đang đứng ở vị trí đó' }) text!: string | null;
  @ApiPropertyOptional({ type: [AnchorCandidateView], description: 'Khi ngữ cảnh không đủ để xác định: mọi vị trí có thể' }) candidates?: AnchorCandidateView[];
  @ApiProperty({ nullable: true, type: Number, description: 'Số lần đoạn trích xuất hiện trong mục khi góp ý (khi không gửi quoteStart, lấy lần đầu)' })
  occurrences!: number | null;

  static of(versionNumber: number, p: Placement, occurrences: number | null): AnchorView {
    return {
      versionNumber,
      state: p.state,
      sectionKey: p.sectionKey,
      heading: p.heading,
      start: p.start,
      end: p.end,
      text: p.text,
      ...(p.candidates ? { candidates: p.candidates } : {}),
      occurrences,
    };
  }
}

class PlacedRoundView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() versionNumber!: number;
}

/** A comment of an earlier version, placed on the version asked for. */
export class PlacedCommentView {
  @ApiProperty({ format: 'uuid' }) commentId!: string;
  @ApiProperty({ type: PlacedRoundView }) round!: PlacedRoundView;
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty({ nullable: true, type: String }) quote!: string | null;
  @ApiProperty() body!: string;
  @ApiProperty({ type: () => DispositionView, nullable: true }) disposition!: DispositionView | null;
  @ApiProperty({ type: AnchorView }) anchor!: AnchorView;
}

export class PlacedCommentList {
  @ApiProperty({ type: [PlacedCommentView] }) items!: PlacedCommentView[];
  @ApiProperty() total!: number;
}
