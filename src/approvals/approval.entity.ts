import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ApprovalStatus = 'pending' | 'approved' | 'returned';

/** "Trình ký": one submission of a version to an ordered list of leaders. */
@Entity('approvals')
export class Approval {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  planId!: string;

  @Column('integer')
  versionNumber!: number;

  @Column('text')
  status!: ApprovalStatus;

  @Column('uuid')
  createdBy!: string;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  decidedAt!: Date | null;
}
