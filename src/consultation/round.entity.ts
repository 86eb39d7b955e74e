import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type RoundStatus = 'open' | 'closed';

/** "Đợt lấy ý kiến": named agencies asked to comment on one version before a deadline. */
@Entity('rounds')
export class Round {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  planId!: string;

  @Column('text')
  title!: string;

  @Column('integer')
  versionNumber!: number;

  @Column('timestamptz')
  deadline!: Date;

  @Column('text')
  status!: RoundStatus;

  @Column('uuid')
  openedBy!: string;

  @Column('timestamptz')
  openedAt!: Date;

  @Column('uuid', { nullable: true })
  closedBy!: string | null;

  @Column('timestamptz', { nullable: true })
  closedAt!: Date | null;
}
