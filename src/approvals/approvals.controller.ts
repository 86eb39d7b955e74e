import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { UuidPipe } from '../common/http/uuid.pipe';
import { ApprovalView } from './approval.views';
import { ApprovalsService } from './approvals.service';
import { ApprovalDecisionDto, SubmitForApprovalDto } from './dto/approval.dto';

@ApiTags('approval')
@ApiBearerAuth()
@Controller('plans/:id/approval')
export class ApprovalsController {
  constructor(private readonly approvals: ApprovalsService) {}

  @Post()
  @Roles('secretariat')
  @ApiCreatedResponse({ type: ApprovalView })
  submit(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: SubmitForApprovalDto): Promise<ApprovalView> {
    return this.approvals.submit(actor, id, dto);
  }

  @Get()
  @ApiOkResponse({ type: ApprovalView })
  current(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<ApprovalView> {
    return this.approvals.current(actor, id);
  }

  @Post('decision')
  @Roles('leader')
  @HttpCode(200)
  @ApiOkResponse({ type: ApprovalView })
  decide(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: ApprovalDecisionDto): Promise<ApprovalView> {
    return this.approvals.decide(actor, id, dto);
  }
}
