import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { UuidPipe } from '../common/http/uuid.pipe';
import { ListQueryDto, pageOf } from '../common/pagination/list-query.dto';
import { positiveVersion, versionNumber } from '../plans/version-number.pipe';
import { PlacedCommentList } from './anchor.views';
import { CommentAnchors } from './comment-anchors.service';

@ApiTags('comments')
@ApiBearerAuth()
@Controller('plans')
export class VersionCommentsController {
  constructor(private readonly anchors: CommentAnchors) {}

  @Get(':id/versions/:n/comments')
  @Roles('secretariat', 'leader', 'agency')
  @ApiOkResponse({ type: PlacedCommentList, description: 'Ý kiến đã gửi về các dự thảo trước, đặt vào dự thảo lần n (đơn vị: chỉ ý kiến của mình)' })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Param('n', versionNumber) n: number,
    @Query() query: ListQueryDto,
  ): Promise<PlacedCommentList> {
    return this.anchors.listOnVersion(actor, id, positiveVersion(n), pageOf(query));
  }
}
