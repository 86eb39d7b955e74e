import { DateField, DateTimeField, NestedField, NumberField, TextArrayField, TextField, UuidField } from '../../common/validation/fields';

export class AttendeeDto {
  @TextField({ max: 500, description: 'Họ và tên', example: 'Phạm Văn Thành' })
  name!: string;

  @TextField({ max: 500, optional: true, nullable: true, description: 'Chức vụ', example: 'Phó Chủ tịch UBND tỉnh' })
  position?: string | null;

  @UuidField({ optional: true, nullable: true, description: 'Đơn vị' })
  agencyId?: string | null;
}

export class CreateConferenceDto {
  @TextField({ max: 500, description: 'Tên hội nghị', example: 'Hội nghị góp ý dự thảo Đề án phát triển kinh tế tập thể, hợp tác xã' })
  title!: string;

  @DateTimeField({ description: 'Thời gian bắt đầu', example: '2022-06-08T08:00:00+07:00' })
  heldAt!: string;

  @TextField({ max: 500, description: 'Địa điểm', example: 'Trụ sở UBND tỉnh Quảng Ninh' })
  location!: string;

  @TextField({ max: 500, description: 'Chủ trì', example: 'Phạm Văn Thành, Phó Chủ tịch UBND tỉnh' })
  chair!: string;

  @TextField({ max: 500, description: 'Thư ký' })
  secretary!: string;

  @NestedField(() => AttendeeDto, { array: { min: 0, max: 500 }, description: 'Thành phần tham dự' })
  attendees!: AttendeeDto[];
}

export class UpdateConferenceDto {
  @TextField({ max: 500, optional: true })
  title?: string;

  @DateTimeField({ optional: true })
  heldAt?: string;

  @TextField({ max: 500, optional: true })
  location?: string;

  @TextField({ max: 500, optional: true })
  chair?: string;

  @TextField({ max: 500, optional: true })
  secretary?: string;

  @NestedField(() => AttendeeDto, { array: { min: 0, max: 500 }, optional: true })
  attendees?: AttendeeDto[];
}

export class OpinionDto {
  @TextField({ max: 500, description: 'Người phát biểu', example: 'Đại diện Sở Tài chính' })
  speaker!: string;

  @UuidField({ optional: true, nullable: true, description: 'Đơn vị của người phát biểu (cần để đưa ý kiến vào tổng hợp)' })
  agencyId?: string | null;

  @TextField({ max: 20_000, description: 'Nội dung phát biểu' })
  content!: string;
}

export class DirectiveInputDto {
  @UuidField({ description: 'Đơn vị được giao' })
  agencyId!: string;

  @TextField({ max: 5_000, description: 'Nhiệm vụ', example: 'Rà soát khó khăn, vướng mắc để thành lập mới ít nhất 30 hợp tác xã theo kế hoạch' })
  task!: string;

  @DateField({ description: 'Thời hạn hoàn thành', example: '2022-12-31' })
  dueDate!: string;

  @NumberField({ min: 0, max: 1e12, optional: true, nullable: true, description: 'Chỉ tiêu (nếu có), ví dụ 30 hợp tác xã' })
  target?: number | null;
}

export class MinutesDto {
  @TextField({ max: 200_000, allowBlank: true, description: 'Tóm tắt nội dung hội nghị' })
  summary!: string;

  @NestedField(() => OpinionDto, { array: { min: 0, max: 500 }, description: 'Ý kiến phát biểu' })
  opinions!: OpinionDto[];

  @TextArrayField({ max: 20_000, maxItems: 200, description: 'Kết luận của chủ trì' })
  conclusions!: string[];

  @NestedField(() => DirectiveInputDto, { array: { min: 0, max: 200 }, description: 'Nhiệm vụ được giao' })
  directives!: DirectiveInputDto[];

  @DateTimeField({ description: 'Thời gian kết thúc', example: '2022-06-08T11:30:00+07:00' })
  endedAt!: string;
}

export class CarryOpinionDto {
  @UuidField({ description: 'Đợt lấy ý kiến của cùng kế hoạch' })
  roundId!: string;
}
