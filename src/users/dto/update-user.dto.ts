import { ROLES, Role } from '../../common/auth/actor';
import { BoolField, EnumField, PasswordField, TextField, UuidField } from '../../common/validation/fields';

export class UpdateUserDto {
  @TextField({ max: 500, optional: true, description: 'Họ và tên', example: 'Nguyễn Thị Lan' })
  fullName?: string;

  @EnumField(ROLES, { optional: true, description: 'Vai trò' })
  role?: Role;

  @UuidField({ optional: true, nullable: true, description: 'Đơn vị (bắt buộc với vai trò agency; null: không thuộc đơn vị)' })
  agencyId?: string | null;

  @BoolField({ optional: true, description: 'true: khoá tài khoản (mọi phiên đăng nhập dừng ngay); false: mở lại' })
  disabled?: boolean;
}

export class ResetPasswordDto {
  @PasswordField({
    min: 8,
    optional: true,
    description: 'Mật khẩu tạm do quản trị đặt (8–200 ký tự); bỏ trống thì hệ thống tạo một mật khẩu và chỉ trả về một lần',
  })
  password?: string;
}
