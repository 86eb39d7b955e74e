import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIT_ENTITY_TYPES } from './domain/audit-chain';

export class AuditEntryView {
  @ApiProperty() seq!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId!: string | null;
  @ApiProperty({ example: 'round.opened' }) action!: string;
  @ApiProperty({ enum: AUDIT_ENTITY_TYPES }) entityType!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) entityId!: string | null;
  @ApiProperty({ type: Object }) data!: Record<string, unknown>;
}

export class AuditList {
  @ApiProperty({ type: [AuditEntryView] }) items!: AuditEntryView[];
  @ApiProperty() total!: number;
}

export class AuditVerifyView {
  @ApiProperty() ok!: boolean;
  @ApiProperty({ description: 'Số dòng đã kiểm tra' }) checked!: number;
  @ApiPropertyOptional({ description: 'Dòng đầu tiên bị sai' }) brokenAt?: number;
  @ApiPropertyOptional() reason?: string;
}
