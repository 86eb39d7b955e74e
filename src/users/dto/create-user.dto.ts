import { ROLE_LABELS, ROLES, Role } from '../../common/auth/actor';
import { EmailField, EnumField, PasswordField, TextField, UuidField } from '../../common/validation/fields';

export class CreateUserDto {
  @EmailField({ example: 'chuyenvien@skhdt.quangninh.gov.vn' })
  email!: string;

  @TextField({ max: 500, description: 'Họ và tên', example: 'Nguyễn Thị Lan' })
  fullName!: string;

  @PasswordField({ min: 8, description: 'Mật khẩu (8–200 ký tự)' })
  password!: string;

  @EnumField(ROLES, { description: 'Vai trò', labels: ROLE_LABELS })
  role!: Role;

  @UuidField({ optional: true, nullable: true, description: 'Đơn vị (bắt buộc với vai trò đơn vị góp ý, agency)' })
  agencyId?: string | null;
}
