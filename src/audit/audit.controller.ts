import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/decorators';
import { pageOf } from '../common/pagination/list-query.dto';
import { AuditList, AuditVerifyView } from './audit.views';
import { AuditService } from './audit.service';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin', 'secretariat', 'leader')
  @ApiOkResponse({ type: AuditList })
  list(@Query() query: AuditQueryDto): Promise<AuditList> {
    return this.audit.list(pageOf(query), { entityType: query.entityType, entityId: query.entityId });
  }

  @Get('verify')
  @Roles('admin')
  @ApiOkResponse({ type: AuditVerifyView })
  verify(): Promise<AuditVerifyView> {
    return this.audit.verify();
  }
}
