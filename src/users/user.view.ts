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

  static of(u: Pick<User, 'id' | 'email' | 'fullName' | 'role' | 'agencyId'>): UserView {
    return { id: u.id, email: u.email, fullName: u.fullName, role: u.role, agencyId: u.agencyId };
  }
}

export class UserList {
  @ApiProperty({ type: [UserView] }) items!: UserView[];
  @ApiProperty() total!: number;
}
