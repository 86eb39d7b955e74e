import { ApiProperty } from '@nestjs/swagger';
import { DIRECTIVE_STATUSES, DirectiveStatus } from './domain/directive-status';

class AttendeeView {
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) position!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) agencyId!: string | null;
}

class CarriedView {
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ format: 'uuid' }) commentId!: string;
}

class OpinionView {
  @ApiProperty({ description: 'Số thứ tự (từ 1), dùng trong …/opinions/:n/comment' }) no!: number;
  @ApiProperty() speaker!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) agencyId!: string | null;
  @ApiProperty() content!: string;
  @ApiProperty({ type: [CarriedView], description: 'Các đợt lấy ý kiến đã đưa ý kiến này vào' }) carriedInto!: CarriedView[];
}

class DirectiveDraftView {
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty() task!: string;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty({ nullable: true, type: Number }) target!: number | null;
}

class MinutesView {
  @ApiProperty() summary!: string;
  @ApiProperty({ type: [OpinionView] }) opinions!: OpinionView[];
  @ApiProperty({ type: [String] }) conclusions!: string[];
  @ApiProperty({ type: [DirectiveDraftView], description: 'Nhiệm vụ như ghi trong biên bản' }) directives!: DirectiveDraftView[];
  @ApiProperty({ format: 'date-time' }) endedAt!: string;
}

export class ProgressView {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ format: 'uuid' }) by!: string;
  @ApiProperty() byName!: string;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ nullable: true, type: Number }) value!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Trạng thái được đặt ở lần cập nhật này' }) status!: string | null;
}

export class DirectiveView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) conferenceId!: string;
  @ApiProperty() conferenceTitle!: string;
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty() agencyName!: string;
  @ApiProperty() task!: string;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty({ nullable: true, type: Number }) target!: number | null;
  @ApiProperty({ nullable: true, type: Number }) value!: number | null;
  @ApiProperty({ enum: DIRECTIVE_STATUSES }) status!: DirectiveStatus;
  @ApiProperty({ type: [ProgressView] }) progress!: ProgressView[];
}

export class DirectiveList {
  @ApiProperty({ type: [DirectiveView] }) items!: DirectiveView[];
  @ApiProperty() total!: number;
}

export class ConferenceView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date-time' }) heldAt!: string;
  @ApiProperty() location!: string;
  @ApiProperty() chair!: string;
  @ApiProperty() secretary!: string;
  @ApiProperty({ type: [AttendeeView] }) attendees!: AttendeeView[];
  @ApiProperty({ type: MinutesView, nullable: true }) minutes!: MinutesView | null;
  @ApiProperty({ description: 'Biên bản đã chốt (không sửa được nữa)' }) finalized!: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finalizedAt!: string | null;
  @ApiProperty({ type: [DirectiveView], description: 'Nhiệm vụ đang theo dõi (có sau khi chốt biên bản)' }) directives!: DirectiveView[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ConferenceList {
  @ApiProperty({ type: [ConferenceView] }) items!: ConferenceView[];
  @ApiProperty() total!: number;
}
