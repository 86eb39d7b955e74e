import { ApiProperty } from '@nestjs/swagger';
import { ROLES, Role } from '../common/auth/actor';
import type { User } from './user.entity';

/** A user as the API shows it: never any password field. */
export class UserView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) agencyId!: string | null;
  @ApiProperty({ description: 'Tài khoản đã bị khoá: không đăng nhập được, mọi phiên đã dừng' }) disabled!: boolean;

  static of(u: Pick<User, 'id' | 'email' | 'fullName' | 'role' | 'agencyId'> & { active?: boolean }): UserView {
    return { id: u.id, email: u.email, fullName: u.fullName, role: u.role, agencyId: u.agencyId, disabled: u.active === false };
  }
}

export class UserList {
  @ApiProperty({ type: [UserView] }) items!: UserView[];
  @ApiProperty() total!: number;
}

export class PasswordReset {
  @ApiProperty({ type: UserView }) user!: UserView;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Mật khẩu tạm do hệ thống tạo, chỉ trả về lần này (null khi quản trị tự đặt mật khẩu)',
  })
  temporaryPassword!: string | null;
  @ApiProperty({ description: 'Số phiên đăng nhập của người dùng đã dừng' }) sessionsEnded!: number;
}
