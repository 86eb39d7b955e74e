import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { UuidPipe } from '../common/http/uuid.pipe';
import { ListQueryDto, pageOf } from '../common/pagination/list-query.dto';
import { CommentView } from '../consultation/consultation.views';
import { ConferenceList, ConferenceView } from './conference.views';
import { ConferencesService } from './conferences.service';
import { CarryOpinionDto, CreateConferenceDto, MinutesDto, UpdateConferenceDto } from './dto/conference.dto';
import { OpinionsService } from './opinions.service';
import { conferenceErrors } from './conference-errors';

const opinionNo = new ParseIntPipe({
  exceptionFactory: () => conferenceErrors.opinionNumber(),
});

@ApiTags('conferences')
@ApiBearerAuth()
@Controller()
export class ConferencesController {
  constructor(
    private readonly conferences: ConferencesService,
    private readonly opinions: OpinionsService,
  ) {}

  @Post('plans/:id/conferences')
  @Roles('secretariat')
  @ApiCreatedResponse({ type: ConferenceView })
  create(@CurrentActor() actor: Actor, @Param('id', UuidPipe) planId: string, @Body() dto: CreateConferenceDto): Promise<ConferenceView> {
    return this.conferences.create(actor, planId, dto);
  }

  @Get('plans/:id/conferences')
  @ApiOkResponse({ type: ConferenceList })
  list(@CurrentActor() actor: Actor, @Param('id', UuidPipe) planId: string, @Query() query: ListQueryDto): Promise<ConferenceList> {
    return this.conferences.listForPlan(actor, planId, pageOf(query));
  }

  @Get('conferences/:id')
  @ApiOkResponse({ type: ConferenceView })
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<ConferenceView> {
    return this.conferences.get(actor, id);
  }

  @Patch('conferences/:id')
  @Roles('secretariat')
  @ApiOkResponse({ type: ConferenceView })
  update(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: UpdateConferenceDto): Promise<ConferenceView> {
    return this.conferences.update(actor, id, dto);
  }

  @Put('conferences/:id/minutes')
  @Roles('secretariat')
  @ApiOkResponse({ type: ConferenceView })
  minutes(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: MinutesDto): Promise<ConferenceView> {
    return this.conferences.putMinutes(actor, id, dto);
  }

  @Post('conferences/:id/minutes/finalize')
  @Roles('secretariat')
  @HttpCode(200)
  @ApiOkResponse({ type: ConferenceView })
  finalize(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<ConferenceView> {
    return this.conferences.finalize(actor, id);
  }

  @Post('conferences/:id/opinions/:n/comment')
  @Roles('secretariat')
  @ApiParam({ name: 'n', description: 'Số thứ tự ý kiến trong biên bản, từ 1' })
  @ApiCreatedResponse({ type: CommentView })
  carry(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Param('n', opinionNo) n: number, @Body() dto: CarryOpinionDto): Promise<CommentView> {
    if (n < 1 || n > 500) throw conferenceErrors.opinionNumberRange();
    return this.opinions.carry(actor, id, n, dto.roundId);
  }
}
