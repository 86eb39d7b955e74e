import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { IdempotencyKeyIgnored } from '../common/idempotency/idempotency-key-ignored';
import { UuidPipe } from '../common/http/uuid.pipe';
import { pageOf } from '../common/pagination/list-query.dto';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersDto } from './dto/list-users.dto';
import { ResetPasswordDto, UpdateUserDto } from './dto/update-user.dto';
import { UserAdminService } from './user-admin.service';
import { PasswordReset, UserList, UserView } from './user.view';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly admin: UserAdminService,
  ) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: UserView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(actor, dto);
  }

  @Get()
  @Roles('admin', 'secretariat')
  @ApiOkResponse({ type: UserList, description: 'Tìm theo họ tên hoặc e-mail (không dấu cũng được), lọc theo vai trò, đơn vị, trạng thái' })
  list(@Query() query: ListUsersDto): Promise<UserList> {
    return this.users.list(pageOf(query), { role: query.role, agencyId: query.agencyId, search: query.search, status: query.status });
  }

  @Get(':id')
  @Roles('admin')
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse({ description: 'Không có tài khoản này' })
  get(@Param('id', UuidPipe) id: string): Promise<UserView> {
    return this.admin.get(id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Sửa họ tên, vai trò, đơn vị; khoá hoặc mở lại tài khoản (khoá: mọi phiên dừng ngay)' })
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse({ description: 'Không có tài khoản này' })
  @ApiConflictResponse({ description: '`own_account`: tự khoá hoặc tự bỏ quyền quản trị; `last_admin`: quản trị cuối cùng đang hoạt động' })
  update(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: UpdateUserDto): Promise<UserView> {
    return this.admin.update(actor, id, dto);
  }

  @Post(':id/password-reset')
  @Roles('admin')
  // The answer may carry the temporary password: it must not be kept for a replay.
  @IdempotencyKeyIgnored()
  @HttpCode(200)
  @ApiOperation({ summary: 'Đặt mật khẩu tạm (quản trị tự đặt, hoặc hệ thống tạo và chỉ hiện một lần); mọi phiên của người dùng dừng' })
  @ApiOkResponse({ type: PasswordReset })
  @ApiNotFoundResponse({ description: 'Không có tài khoản này' })
  resetPassword(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: ResetPasswordDto): Promise<PasswordReset> {
    return this.admin.resetPassword(actor, id, dto);
  }
}
