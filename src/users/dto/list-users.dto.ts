import { ROLE_LABELS, ROLES, Role } from '../../common/auth/actor';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import { EnumField, TextField, UuidField } from '../../common/validation/fields';

export const USER_STATUSES = ['active', 'disabled', 'all'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export class ListUsersDto extends ListQueryDto {
  @EnumField(ROLES, { optional: true, description: 'Lọc theo vai trò', labels: ROLE_LABELS })
  role?: Role;

  @UuidField({ optional: true, description: 'Lọc theo đơn vị' })
  agencyId?: string;

  @TextField({ max: 200, optional: true, description: 'Tìm theo họ tên hoặc e-mail (không phân biệt hoa thường và dấu tiếng Việt)', example: 'nguyen lan' })
  search?: string;

  @EnumField(USER_STATUSES, { optional: true, description: 'active (mặc định): đang hoạt động; disabled: đã khoá; all: tất cả' })
  status?: UserStatus;
}
