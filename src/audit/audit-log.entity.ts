import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AuditEntityType } from './domain/audit-chain';

/** Written only by appendAudit(); never updated. */
@Entity('audit_log')
export class AuditLogRow {
  @PrimaryColumn('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  seq!: number;

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

  @Column('text')
  prevHash!: string;

  @Column('text')
  hash!: string;
}
