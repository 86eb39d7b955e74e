import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/decorators';
import { ListQueryDto, pageOf } from '../common/pagination/list-query.dto';
import { EmailList, FailedJobList, ListEmailsDto, RetryJobParams } from './dto/notifications.dto';
import { OperationsService } from './operations.service';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('admin')
@Roles('admin')
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  @Get('emails')
  @ApiOkResponse({ type: EmailList, description: 'Thư đã gửi, thư được giữ lại (chưa cấu hình SMTP) và thư lỗi' })
  emails(@Query() query: ListEmailsDto): Promise<EmailList> {
    return this.operations.emails(query.status, pageOf(query));
  }

  @Get('jobs/failed')
  @ApiOkResponse({ type: FailedJobList })
  failed(@Query() query: ListQueryDto): Promise<FailedJobList> {
    return this.operations.failedJobs(pageOf(query));
  }

  @Post('jobs/:queue/:id/retry')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'Đã đưa lại vào hàng đợi' })
  async retry(@Param() params: RetryJobParams): Promise<void> {
    await this.operations.retry(params.queue, params.id);
  }
}
