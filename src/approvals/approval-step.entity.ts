import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { StepState } from './domain/approval-steps';

@Entity('approval_steps')
export class ApprovalStep {
  @PrimaryColumn('uuid')
  approvalId!: string;

  @PrimaryColumn('integer')
  position!: number;

  @Column('uuid')
  approverId!: string;

  @Column('text')
  state!: StepState;

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt!: Date | null;
}
