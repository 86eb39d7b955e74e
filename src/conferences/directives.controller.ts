import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { UuidPipe } from '../common/http/uuid.pipe';
import { pageOf } from '../common/pagination/list-query.dto';
import { DirectiveList, DirectiveView } from './conference.views';
import { DirectivesService } from './directives.service';
import { ListDirectivesDto, UpdateDirectiveDto } from './dto/directive.dto';

@ApiTags('directives')
@ApiBearerAuth()
@Controller('directives')
export class DirectivesController {
  constructor(private readonly directives: DirectivesService) {}

  @Get()
  @ApiOkResponse({ type: DirectiveList })
  list(@CurrentActor() actor: Actor, @Query() query: ListDirectivesDto): Promise<DirectiveList> {
    return this.directives.list(actor, { agencyId: query.agencyId, status: query.status, planId: query.planId }, pageOf(query));
  }

  @Get(':id')
  @ApiOkResponse({ type: DirectiveView })
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<DirectiveView> {
    return this.directives.get(actor, id);
  }

  @Patch(':id')
  @Roles('secretariat', 'agency')
  @ApiOkResponse({ type: DirectiveView })
  update(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: UpdateDirectiveDto): Promise<DirectiveView> {
    return this.directives.update(actor, id, dto);
  }
}
