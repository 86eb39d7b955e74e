import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/decorators';
import { pageOf } from '../common/pagination/list-query.dto';
import { AuditProofs } from './audit-proofs.service';
import { AuditList, AuditVerifyView, CheckpointList, CheckpointView, ConsistencyProofView, InclusionProofView, SealedEntryView } from './audit.views';
import { AuditService } from './audit.service';
import { AuditQueryDto } from './dto/audit-query.dto';
import { AuditIndexParams, CheckpointListQueryDto, ConsistencyQueryDto, InclusionQueryDto } from './dto/audit-proof.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly proofs: AuditProofs,
  ) {}

  @Get()
  @Roles('admin', 'secretariat', 'leader')
  @ApiOkResponse({ type: AuditList })
  list(@Query() query: AuditQueryDto): Promise<AuditList> {
    return this.audit.list(pageOf(query), { entityType: query.entityType, entityId: query.entityId });
  }

  @Get('verify')
  @Roles('admin')
  @ApiOperation({ summary: 'Tính lại cây Merkle từ các mục và đối chiếu mọi điểm kiểm tra đã ký' })
  @ApiOkResponse({ type: AuditVerifyView })
  verify(): Promise<AuditVerifyView> {
    return this.audit.verify();
  }

  @Get('checkpoints/latest')
  @Roles('admin', 'secretariat', 'leader')
  @ApiOperation({ summary: 'Điểm kiểm tra mới nhất (kích thước cây, gốc, chữ ký)' })
  @ApiOkResponse({ type: CheckpointView })
  @ApiNotFoundResponse({ description: 'Chưa có mục nào được niêm phong' })
  latest(): Promise<CheckpointView> {
    return this.proofs.latest();
  }

  @Get('checkpoints')
  @Roles('admin', 'secretariat', 'leader')
  @ApiOperation({ summary: 'Các điểm kiểm tra, mới nhất trước' })
  @ApiOkResponse({ type: CheckpointList })
  checkpoints(@Query() query: CheckpointListQueryDto): Promise<CheckpointList> {
    return this.proofs.checkpoints(pageOf(query));
  }

  @Get('entries/:index')
  @Roles('admin', 'secretariat', 'leader')
  @ApiOkResponse({ type: SealedEntryView })
  @ApiNotFoundResponse({ description: 'Không có mục đã niêm phong ở vị trí này' })
  entry(@Param() params: AuditIndexParams): Promise<SealedEntryView> {
    return this.proofs.entry(params.index);
  }

  @Get('entries/:index/proof')
  @Roles('admin', 'secretariat', 'leader')
  @ApiOperation({ summary: 'Bằng chứng một mục nằm trong cây (RFC 9162)' })
  @ApiOkResponse({ type: InclusionProofView })
  @ApiBadRequestResponse({ description: 'Mục hoặc kích thước nằm ngoài cây' })
  inclusion(@Param() params: AuditIndexParams, @Query() query: InclusionQueryDto): Promise<InclusionProofView> {
    return this.proofs.inclusion(params.index, query.size);
  }

  @Get('consistency')
  @Roles('admin', 'secretariat', 'leader')
  @ApiOperation({ summary: 'Bằng chứng cây mới nối tiếp cây cũ (RFC 9162)' })
  @ApiOkResponse({ type: ConsistencyProofView })
  @ApiBadRequestResponse({ description: 'Kích thước ngoài cây hoặc from > to' })
  consistency(@Query() query: ConsistencyQueryDto): Promise<ConsistencyProofView> {
    return this.proofs.consistency(query.from, query.to);
  }
}
