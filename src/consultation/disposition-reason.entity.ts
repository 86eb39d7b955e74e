import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Decision } from './domain/disposition';

/** A reason the secretariat wrote once and reuses ("lý do giải trình mẫu"), in its organisation's list. */
@Entity('disposition_reasons')
export class DispositionReason {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The agency the secretariat's users belong to; null for staff of no agency, who share one list. */
  @Column('uuid', { nullable: true })
  organisationId!: string | null;

  @Column('text')
  text!: string;

  /** The decision it is written for; null: any. */
  @Column('text', { nullable: true })
  decision!: Decision | null;

  @Column('uuid')
  createdBy!: string;

  @Column('timestamptz')
  createdAt!: Date;
}
