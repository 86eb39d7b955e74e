import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PlanStatus } from './domain/plan-lifecycle';
import type { Section } from './domain/sections';

@Entity('plans')
export class Plan {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  title!: string;

  @Column('text', { nullable: true })
  kind!: string | null;

  @Column('uuid', { nullable: true })
  ownerAgencyId!: string | null;

  @Column('text')
  status!: PlanStatus;

  /** The working draft: the one editable copy of the sections. */
  @Column('jsonb')
  draft!: Section[];

  /** Bumped by every save of the draft; the draft's ETag. */
  @Column('integer')
  draftRevision!: number;

  @Column('integer')
  latestVersion!: number;

  @Column('integer', { nullable: true })
  approvedVersion!: number | null;

  @Column('uuid')
  createdBy!: string;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;
}
