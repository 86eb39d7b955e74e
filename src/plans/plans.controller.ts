import { Body, Controller, Get, Headers, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { UuidPipe } from '../common/http/uuid.pipe';
import { ListQueryDto, pageOf } from '../common/pagination/list-query.dto';
import { DraftService, draftEtag } from './draft.service';
import { CreatePlanDto, PutDraftDto } from './dto/create-plan.dto';
import { DiffQueryDto, FreezeVersionDto } from './dto/version.dto';
import { DiffView, DraftView, FrozenVersionView, PlanList, PlanView, VersionView } from './plan.views';
import { PlansService } from './plans.service';
import { VersionsService } from './versions.service';
import { positiveVersion, versionNumber } from './version-number.pipe';

/** JSON text already written, sent as it is (res.send would also hash its megabytes for an ETag). */
function sendJson(res: Response, json: string): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly drafts: DraftService,
    private readonly versions: VersionsService,
  ) {}

  @Post()
  @Roles('secretariat')
  @ApiCreatedResponse({ type: PlanView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePlanDto): Promise<PlanView> {
    return this.plans.create(actor, dto);
  }

  @Get()
  @ApiOkResponse({ type: PlanList })
  list(@CurrentActor() actor: Actor, @Query() query: ListQueryDto): Promise<PlanList> {
    return this.plans.list(actor, pageOf(query));
  }

  @Get(':id')
  @ApiOkResponse({ type: PlanView })
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<PlanView> {
    return this.plans.get(actor, id);
  }

  @Get(':id/draft')
  @Roles('secretariat')
  @ApiOkResponse({ type: DraftView, headers: { ETag: { description: 'Gửi lại trong If-Match khi lưu' } } })
  async getDraft(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<DraftView> {
    const draft = await this.drafts.get(actor, id);
    res.setHeader('ETag', draftEtag(draft.revision));
    return draft;
  }

  @Put(':id/draft')
  @Roles('secretariat')
  @ApiHeader({ name: 'If-Match', required: true, description: 'ETag nhận được từ GET .../draft' })
  @ApiOkResponse({ type: DraftView })
  async putDraft(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: PutDraftDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DraftView> {
    const draft = await this.drafts.put(actor, id, ifMatch, dto);
    res.setHeader('ETag', draftEtag(draft.revision));
    return draft;
  }

  @Post(':id/versions')
  @Roles('secretariat')
  @ApiCreatedResponse({ type: FrozenVersionView })
  freeze(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: FreezeVersionDto): Promise<FrozenVersionView> {
    return this.versions.freeze(actor, id, dto.note);
  }

  @Get(':id/versions/:n')
  @ApiOkResponse({ type: VersionView })
  async version(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Param('n', versionNumber) n: number, @Res() res: Response): Promise<void> {
    // Up to a whole plan of JSON, sent as PostgreSQL gave it (VersionsService.getJson).
    sendJson(res, await this.versions.getJson(actor, id, positiveVersion(n)));
  }

  @Get(':id/versions/:n/diff')
  @ApiOkResponse({ type: DiffView })
  async diff(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Param('n', versionNumber) n: number,
    @Query() query: DiffQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    // Stored JSON, sent as stored: a whole plan's diff is never parsed and written again on this thread.
    sendJson(res, await this.versions.diffJson(actor, id, positiveVersion(n), query.from));
  }
}
