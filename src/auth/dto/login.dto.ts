import { ApiProperty } from '@nestjs/swagger';
import { EmailField, PasswordField } from '../../common/validation/fields';
import { UserView } from '../../users/user.view';

export class LoginDto {
  @EmailField({ example: 'vanthu@quangninh.gov.vn' })
  email!: string;

  @PasswordField({ min: 1 })
  password!: string;
}

export class LoginResult {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'Số giây đến khi token hết hạn' }) expiresIn!: number;
  @ApiProperty({ type: UserView }) user!: UserView;
}
