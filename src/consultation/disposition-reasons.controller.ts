import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { UuidPipe } from '../common/http/uuid.pipe';
import { pageOf } from '../common/pagination/list-query.dto';
import { DispositionReasonsService } from './disposition-reasons.service';
import { CreateDispositionReasonDto, DispositionReasonList, DispositionReasonView, ListDispositionReasonsDto } from './dto/disposition-reason.dto';

@ApiTags('disposition reasons')
@ApiBearerAuth()
@Controller('disposition-reasons')
@Roles('secretariat')
export class DispositionReasonsController {
  constructor(private readonly reasons: DispositionReasonsService) {}

  @Get()
  @ApiOkResponse({ type: DispositionReasonList, description: 'Lý do mẫu của tổ chức mình, theo thứ tự tạo' })
  list(@CurrentActor() actor: Actor, @Query() query: ListDispositionReasonsDto): Promise<DispositionReasonList> {
    return this.reasons.list(actor, pageOf(query), query.decision);
  }

  @Post()
  @ApiCreatedResponse({ type: DispositionReasonView, description: 'Trùng với lý do đã có, hoặc danh sách đã đủ: 409' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateDispositionReasonDto): Promise<DispositionReasonView> {
    return this.reasons.create(actor, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Đã xóa; lý do của tổ chức khác: 404' })
  async remove(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.reasons.remove(actor, id);
  }
}
