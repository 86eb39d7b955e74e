import { ApiProperty } from '@nestjs/swagger';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import { EnumField, TextField } from '../../common/validation/fields';
import { DECISION_LABELS, DECISIONS, Decision } from '../domain/disposition';

export const REASON_MAX_CHARS = 2_000;

export class CreateDispositionReasonDto {
  @TextField({
    max: REASON_MAX_CHARS,
    description: 'Lý do, nội dung giải trình dùng lại nhiều lần',
    example: 'Nội dung này đã được quy định tại Luật Hợp tác xã năm 2023, không cần nêu lại trong Đề án.',
  })
  text!: string;

  @EnumField(DECISIONS, {
    optional: true,
    nullable: true,
    description: 'Quyết định mà lý do này dành cho (bỏ trống: dùng cho mọi quyết định)',
    labels: DECISION_LABELS,
  })
  decision?: Decision | null;
}

export class ListDispositionReasonsDto extends ListQueryDto {
  @EnumField(DECISIONS, { optional: true, description: 'Chỉ lý do dành cho quyết định này (và lý do dùng chung)', labels: DECISION_LABELS })
  decision?: Decision;
}

export class DispositionReasonView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ enum: DECISIONS, nullable: true, type: String }) decision!: Decision | null;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class DispositionReasonList {
  @ApiProperty({ type: [DispositionReasonView] }) items!: DispositionReasonView[];
  @ApiProperty() total!: number;
}
