import { ListQueryDto } from '../../common/pagination/list-query.dto';
import { IntField } from '../../common/validation/fields';

const MAX = 2_000_000_000;

export class AuditIndexParams {
  @IntField({ min: 0, max: MAX, fromQuery: true, description: 'Vị trí của mục trong nhật ký (từ 0)' })
  index!: number;
}

export class InclusionQueryDto {
  @IntField({ min: 1, max: MAX, optional: true, fromQuery: true, description: 'Kích thước cây (của một điểm kiểm tra); mặc định: điểm kiểm tra mới nhất' })
  size?: number;
}

export class ConsistencyQueryDto {
  @IntField({ min: 0, max: MAX, fromQuery: true, description: 'Kích thước cây cũ' })
  from!: number;

  @IntField({ min: 0, max: MAX, fromQuery: true, description: 'Kích thước cây mới' })
  to!: number;
}

export class CheckpointListQueryDto extends ListQueryDto {}
