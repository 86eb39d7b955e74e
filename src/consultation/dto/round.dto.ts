import { DateTimeField, IntField, TextField, UuidArrayField } from '../../common/validation/fields';

export class OpenRoundDto {
  @TextField({ max: 500, description: 'Tên đợt lấy ý kiến', example: 'Lấy ý kiến các sở, ngành về dự thảo Đề án lần 1' })
  title!: string;

  @IntField({ min: 1, max: 2_000_000_000, description: 'Dự thảo lần … được gửi lấy ý kiến' })
  versionNumber!: number;

  @DateTimeField({ description: 'Hạn gửi ý kiến (ISO 8601 có múi giờ)', example: '2022-05-31T17:00:00+07:00' })
  deadline!: string;

  @UuidArrayField({ minItems: 1, maxItems: 500, description: 'Các đơn vị được xin ý kiến' })
  agencyIds!: string[];
}

export class UpdateRoundDto {
  @TextField({ max: 500, optional: true, description: 'Tên đợt lấy ý kiến' })
  title?: string;

  @DateTimeField({ optional: true, description: 'Hạn mới (các lời nhắc được đặt lại theo hạn mới)', example: '2022-06-05T17:00:00+07:00' })
  deadline?: string;
}
