import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AuditEntityType } from './domain/audit-entry';

const bigintNumber = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** Inserted by appendAudit(); the sealer sets `seq` once, nothing else ever changes a row. */
@Entity('audit_log')
export class AuditLogRow {
  /** Insertion order (a sequence, no lock); not the entry's place in the log. */
  @PrimaryColumn('bigint', { transformer: bigintNumber })
  id!: number;

  /** The entry's index in the Merkle tree, from 0; null until sealed. */
  @Column('bigint', { nullable: true, transformer: bigintNumber })
  seq!: number | null;

  @Column('timestamptz')
  at!: Date;

  @Column('uuid', { nullable: true })
  actorId!: string | null;

  @Column('text')
  action!: string;

  @Column('text')
  entityType!: AuditEntityType;

  @Column('uuid', { nullable: true })
  entityId!: string | null;

  @Column('jsonb')
  data!: Record<string, unknown>;
}
