import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { UuidPipe } from '../common/http/uuid.pipe';
import { BoardService } from './board.service';
import { BoardView, BulkDispositionResult } from './board.views';
import { DispositionsService } from './dispositions.service';
import { BulkDispositionDto, BULK_DISPOSITION_MAX } from './dto/board.dto';

/** The consolidation board of a round: its counts, and one decision for many comments at once. */
@ApiTags('rounds')
@ApiBearerAuth()
@Controller('rounds')
export class BoardController {
  constructor(
    private readonly board: BoardService,
    private readonly dispositions: DispositionsService,
  ) {}

  @Get(':id/board')
  @Roles('secretariat', 'leader')
  @ApiOkResponse({
    type: BoardView,
    description: 'Số ý kiến và số chưa giải trình, tiếp thu theo mục và theo đơn vị; các ý kiến: GET /api/rounds/:id/comments',
  })
  summary(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<BoardView> {
    return this.board.summary(actor, id);
  }

  @Put(':id/dispositions')
  @Roles('secretariat')
  @ApiOkResponse({
    type: BulkDispositionResult,
    description: `Một quyết định cho nhiều ý kiến (tối đa ${BULK_DISPOSITION_MAX}), tất cả hoặc không ý kiến nào: ý kiến không thuộc đợt này 404, ý kiến còn là bản nháp 409, cùng các quy tắc như PUT /api/comments/:id/disposition`,
  })
  decideMany(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: BulkDispositionDto): Promise<BulkDispositionResult> {
    return this.dispositions.recordMany(actor, id, dto);
  }
}
