import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/decorators';
import { UuidPipe } from '../common/http/uuid.pipe';
import { pageOf } from '../common/pagination/list-query.dto';
import { ListNotificationsDto, NotificationList, NotificationSubjectDto } from './dto/notifications.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOkResponse({ type: NotificationList })
  list(@CurrentActor() actor: Actor, @Query() query: ListNotificationsDto): Promise<NotificationList> {
    return this.notifications.list(actor, query.unread === true, pageOf(query), { type: query.subjectType, id: query.subjectId });
  }

  /** Every notice about one round, plan or directive, read at once. */
  @Post('read')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Đã đánh dấu đã đọc mọi thông báo về đối tượng này' })
  @ApiNotFoundResponse({ description: 'Không có thông báo nào của người dùng về đối tượng này' })
  async readSubject(@CurrentActor() actor: Actor, @Body() body: NotificationSubjectDto): Promise<void> {
    await this.notifications.markSubjectRead(actor, { type: body.subjectType, id: body.subjectId });
  }

  @Post('read-all')
  @HttpCode(204)
  @ApiNoContentResponse()
  readAll(@CurrentActor() actor: Actor): Promise<void> {
    return this.notifications.markAllRead(actor);
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiNoContentResponse()
  read(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<void> {
    return this.notifications.markRead(actor, id);
  }
}
