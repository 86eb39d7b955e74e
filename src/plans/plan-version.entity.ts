import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Section } from './domain/sections';

/** "Dự thảo lần N": a frozen snapshot of the sections. The database refuses any change to it. */
@Entity('plan_versions')
export class PlanVersion {
  @PrimaryColumn('uuid')
  planId!: string;

  @PrimaryColumn('integer')
  number!: number;

  @Column('text')
  note!: string;

  @Column('jsonb')
  sections!: Section[];

  @Column('text')
  contentHash!: string;

  @Column('uuid')
  createdBy!: string;

  @Column('timestamptz')
  createdAt!: Date;
}
