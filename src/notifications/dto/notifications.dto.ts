import { ApiProperty } from '@nestjs/swagger';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import { BoolField, EnumField, TextField, UuidField } from '../../common/validation/fields';
import { Subject, SUBJECT_TYPES } from '../domain/messages';
import { QUEUES } from '../../queue/queues';

export class ListNotificationsDto extends ListQueryDto {
  @BoolField({ optional: true, fromQuery: true, description: 'true: chỉ thông báo chưa đọc' })
  unread?: boolean;

  @EnumField(SUBJECT_TYPES, { optional: true, description: 'Chỉ thông báo về đối tượng này (cùng với subjectId): round | plan | directive | conference' })
  subjectType?: Subject['type'];

  @UuidField({ optional: true, description: 'Mã đối tượng (cùng với subjectType)' })
  subjectId?: string;
}

/** Every notice about one subject (a round, a plan, a directive, a conference). */
export class NotificationSubjectDto {
  @EnumField(SUBJECT_TYPES, { description: 'round | plan | directive | conference' })
  subjectType!: Subject['type'];

  @UuidField({ description: 'Mã đối tượng' })
  subjectId!: string;
}

export class NotificationItemView {
  @ApiProperty({ example: 'Tiếp thu: "Bổ sung nguồn kinh phí"' }) text!: string;
  @ApiProperty({ description: 'Địa chỉ trang của mục này' }) link!: string;
}

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'round_opened' }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ description: 'Địa chỉ trang liên quan' }) link!: string;
  @ApiProperty({ enum: SUBJECT_TYPES, nullable: true, type: String, description: 'Thông báo về đối tượng nào' }) subjectType!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) subjectId!: string | null;
  @ApiProperty({ type: [NotificationItemView], description: 'Bản tổng hợp: từng việc, mỗi việc một đường dẫn (rỗng nếu chỉ một việc)' })
  items!: NotificationItemView[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) readAt!: string | null;
}

export class NotificationList {
  @ApiProperty({ type: [NotificationView] }) items!: NotificationView[];
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Số thông báo chưa đọc' }) unread!: number;
}

export const EMAIL_STATUSES = ['pending', 'sent', 'kept', 'failed'] as const;

export class ListEmailsDto extends ListQueryDto {
  @EnumField(EMAIL_STATUSES, { optional: true, description: 'pending | sent | kept (chưa cấu hình SMTP) | failed' })
  status?: (typeof EMAIL_STATUSES)[number];
}

export class EmailView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() eventKey!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() to!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ enum: EMAIL_STATUSES }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt!: string | null;
}

export class EmailList {
  @ApiProperty({ type: [EmailView] }) items!: EmailView[];
  @ApiProperty() total!: number;
}

export class FailedJobView {
  @ApiProperty() queue!: string;
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: Object }) data!: unknown;
  @ApiProperty() attemptsMade!: number;
  @ApiProperty() failedReason!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt!: string | null;
}

export class FailedJobList {
  @ApiProperty({ type: [FailedJobView] }) items!: FailedJobView[];
  @ApiProperty() total!: number;
}

export class RetryJobParams {
  @EnumField(Object.values(QUEUES), { description: 'Hàng đợi' })
  queue!: string;

  @TextField({ max: 200, description: 'Mã công việc' })
  id!: string;
}
