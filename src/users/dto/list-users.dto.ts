import { ROLE_LABELS, ROLES, Role } from '../../common/auth/actor';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import { EnumField, UuidField } from '../../common/validation/fields';

export class ListUsersDto extends ListQueryDto {
  @EnumField(ROLES, { optional: true, description: 'Lọc theo vai trò', labels: ROLE_LABELS })
  role?: Role;

  @UuidField({ optional: true, description: 'Lọc theo đơn vị' })
  agencyId?: string;
}
