import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '../agencies/agencies.module';
import { FirstAdmin } from './first-admin';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';
import { UserAdminService } from './user-admin.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User]), AgenciesModule],
  controllers: [UsersController],
  providers: [UsersService, UserAdminService, PasswordHasher, FirstAdmin],
  exports: [UsersService, UserAdminService, PasswordHasher],
})
export class UsersModule {}
