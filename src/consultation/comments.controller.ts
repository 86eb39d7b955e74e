import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { UuidPipe } from '../common/http/uuid.pipe';
import { CommentsService } from './comments.service';
import { DecidedCommentView } from './board.views';
import { CommentView } from './consultation.views';
import { DispositionsService } from './dispositions.service';
import { UpdateCommentDto } from './dto/comment.dto';
import { DispositionDto } from './dto/disposition.dto';

@ApiTags('comments')
@ApiBearerAuth()
@Controller('comments')
export class CommentsController {
  constructor(
    private readonly comments: CommentsService,
    private readonly dispositions: DispositionsService,
  ) {}

  @Get(':id')
  @Roles('agency', 'secretariat', 'leader')
  @ApiOkResponse({ type: CommentView })
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<CommentView> {
    return this.comments.get(actor, id);
  }

  @Patch(':id')
  @Roles('agency')
  @ApiOkResponse({ type: CommentView })
  update(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: UpdateCommentDto): Promise<CommentView> {
    return this.comments.update(actor, id, dto);
  }

  @Delete(':id')
  @Roles('agency')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.comments.remove(actor, id);
  }

  @Put(':id/disposition')
  @Roles('secretariat')
  @ApiOkResponse({ type: DecidedCommentView, description: 'Ý kiến đã cập nhật, kèm board: số còn lại và ý kiến chưa quyết định tiếp theo' })
  decide(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: DispositionDto): Promise<DecidedCommentView> {
    return this.dispositions.record(actor, id, dto);
  }
}
