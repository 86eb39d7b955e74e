import { ApiProperty } from '@nestjs/swagger';
import { STEP_STATES, StepState } from './domain/approval-steps';

export class ApprovalStepView {
  @ApiProperty() position!: number;
  @ApiProperty({ format: 'uuid' }) approverId!: string;
  @ApiProperty() approverName!: string;
  @ApiProperty({ enum: STEP_STATES }) state!: StepState;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt!: string | null;
}

export class ApprovalView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty() versionNumber!: number;
  @ApiProperty({ enum: ['pending', 'approved', 'returned'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt!: string | null;
  @ApiProperty({ type: [ApprovalStepView] }) steps!: ApprovalStepView[];
}
