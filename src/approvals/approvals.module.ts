import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlansModule } from '../plans/plans.module';
import { ApprovalStep } from './approval-step.entity';
import { Approval } from './approval.entity';
import { ApprovalsController } from './approvals.controller';
import { ApprovalSummaries } from './approval-summaries.query';
import { ApprovalsService } from './approvals.service';

@Module({
  imports: [TypeOrmModule.forFeature([Approval, ApprovalStep]), PlansModule],
  controllers: [ApprovalsController],
  providers: [ApprovalsService, ApprovalSummaries],
  exports: [ApprovalsService, ApprovalSummaries],
})
export class ApprovalsModule {}
