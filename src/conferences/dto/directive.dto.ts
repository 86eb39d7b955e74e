import { ListQueryDto } from '../../common/pagination/list-query.dto';
import { EnumField, NumberField, TextField, UuidField } from '../../common/validation/fields';
import { DIRECTIVE_STATUSES, DirectiveStatus } from '../domain/directive-status';

export class ListDirectivesDto extends ListQueryDto {
  @UuidField({ optional: true, description: 'Đơn vị được giao' })
  agencyId?: string;

  @EnumField(DIRECTIVE_STATUSES, { optional: true, description: 'open | done | overdue' })
  status?: DirectiveStatus;

  @UuidField({ optional: true, description: 'Kế hoạch' })
  planId?: string;
}

export class UpdateDirectiveDto {
  @EnumField(['open', 'done'] as const, { optional: true, description: 'done: đã hoàn thành; open: mở lại (quá hạn được tính tự động)' })
  status?: 'open' | 'done';

  @TextField({ max: 20_000, optional: true, description: 'Báo cáo tiến độ (ghi thêm vào nhật ký)' })
  progress?: string;

  @NumberField({ min: 0, max: 1e12, optional: true, nullable: true, description: 'Kết quả đạt được, ví dụ số hợp tác xã đã thành lập' })
  value?: number | null;
}
