import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { UuidPipe } from '../common/http/uuid.pipe';
import { ListQueryDto, pageOf } from '../common/pagination/list-query.dto';
import { CommentsService } from './comments.service';
import { BoardService } from './board.service';
import { BoardCommentList } from './board.views';
import { CommentView, ReportView, ResponseView, RoundList, RoundView } from './consultation.views';
import { CommentFilterDto } from './dto/board.dto';
import { CreateCommentDto, SubmitResponseDto } from './dto/comment.dto';
import { OpenRoundDto, UpdateRoundDto } from './dto/round.dto';
import { ReportService } from './report.service';
import { ResponsesService } from './responses.service';
import { RoundsService } from './rounds.service';

@ApiTags('rounds')
@ApiBearerAuth()
@Controller()
export class RoundsController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly comments: CommentsService,
    private readonly responses: ResponsesService,
    private readonly reports: ReportService,
    private readonly board: BoardService,
  ) {}

  @Post('plans/:id/rounds')
  @Roles('secretariat')
  @ApiCreatedResponse({ type: RoundView })
  open(@CurrentActor() actor: Actor, @Param('id', UuidPipe) planId: string, @Body() dto: OpenRoundDto): Promise<RoundView> {
    return this.rounds.open(actor, planId, dto);
  }

  @Get('plans/:id/rounds')
  @Roles('secretariat', 'leader', 'agency')
  @ApiOkResponse({ type: RoundList })
  listForPlan(@CurrentActor() actor: Actor, @Param('id', UuidPipe) planId: string, @Query() query: ListQueryDto): Promise<RoundList> {
    return this.rounds.listForPlan(actor, planId, pageOf(query));
  }

  @Get('rounds/:id')
  @Roles('secretariat', 'leader', 'agency')
  @ApiOkResponse({ type: RoundView })
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<RoundView> {
    return this.rounds.get(actor, id);
  }

  @Patch('rounds/:id')
  @Roles('secretariat')
  @ApiOkResponse({ type: RoundView, description: 'Đổi tên hoặc hạn của đợt đang mở; lời nhắc theo hạn mới' })
  update(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: UpdateRoundDto): Promise<RoundView> {
    return this.rounds.update(actor, id, dto);
  }

  @Post('rounds/:id/comments')
  @Roles('agency')
  @ApiCreatedResponse({ type: CommentView })
  comment(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: CreateCommentDto): Promise<CommentView> {
    return this.comments.create(actor, id, dto);
  }

  @Get('rounds/:id/comments')
  @Roles('secretariat', 'leader', 'agency')
  @ApiOkResponse({ type: BoardCommentList, description: 'Theo thứ tự của bảng tổng hợp: mục (theo dự thảo), đơn vị, thời điểm gửi' })
  listComments(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Query() query: CommentFilterDto): Promise<BoardCommentList> {
    const { limit, offset, ...filter } = query;
    return this.board.list(actor, id, filter, pageOf({ limit, offset }));
  }

  @Post('rounds/:id/responses')
  @Roles('agency')
  @ApiCreatedResponse({ type: ResponseView })
  respond(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: SubmitResponseDto): Promise<ResponseView> {
    return this.responses.submit(actor, id, dto);
  }

  @Post('rounds/:id/responses/withdraw')
  @Roles('agency')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Văn bản góp ý đã được rút; các ý kiến trở lại bản nháp' })
  withdraw(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.responses.withdraw(actor, id);
  }

  @Post('rounds/:id/close')
  @Roles('secretariat')
  @HttpCode(200)
  @ApiOkResponse({ type: RoundView })
  close(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<RoundView> {
    return this.rounds.close(actor, id);
  }

  @Post('rounds/:id/remind')
  @Roles('secretariat')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'Nhắc ngay các đơn vị chưa trả lời' })
  remind(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.rounds.remind(actor, id);
  }

  @Get('rounds/:id/report')
  @Roles('secretariat', 'leader')
  @ApiOkResponse({ type: ReportView })
  report(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<ReportView> {
    return this.reports.build(actor, id);
  }
}
