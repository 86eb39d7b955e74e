import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { UuidPipe } from '../common/http/uuid.pipe';
import { ListQueryDto, pageOf } from '../common/pagination/list-query.dto';
import { AgenciesService } from './agencies.service';
import { AgencyList, AgencyView } from './agency.view';
import { CreateAgencyDto } from './dto/create-agency.dto';

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: AgencyView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAgencyDto): Promise<AgencyView> {
    return this.agencies.create(actor, dto);
  }

  @Get()
  @ApiOkResponse({ type: AgencyList })
  list(@Query() query: ListQueryDto): Promise<AgencyList> {
    return this.agencies.list(pageOf(query));
  }

  @Get(':id')
  @ApiOkResponse({ type: AgencyView })
  get(@Param('id', UuidPipe) id: string): Promise<AgencyView> {
    return this.agencies.get(id);
  }
}
