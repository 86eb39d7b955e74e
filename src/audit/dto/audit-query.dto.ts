import { ListQueryDto } from '../../common/pagination/list-query.dto';
import { EnumField, UuidField } from '../../common/validation/fields';
import { AUDIT_ENTITY_TYPES, AuditEntityType } from '../domain/audit-entry';

export class AuditQueryDto extends ListQueryDto {
  @EnumField(AUDIT_ENTITY_TYPES, { optional: true, description: 'Loại đối tượng' })
  entityType?: AuditEntityType;

  @UuidField({ optional: true, description: 'Mã định danh đối tượng' })
  entityId?: string;
}
