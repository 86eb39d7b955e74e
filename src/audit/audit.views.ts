import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIT_ENTITY_TYPES } from './domain/audit-entry';

export class AuditEntryView {
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Vị trí trong cây Merkle (từ 0) khi đã được niêm phong; null khi còn chờ (vài trăm mili giây sau khi ghi)',
  })
  seq!: number | null;
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
  @ApiProperty({ description: 'Số mục đã kiểm tra' }) checked!: number;
  @ApiPropertyOptional({ description: 'Số điểm kiểm tra đã đối chiếu' }) checkpoints?: number;
  @ApiPropertyOptional({ description: 'Mục (vị trí) hoặc điểm kiểm tra (kích thước cây) đầu tiên bị sai' }) brokenAt?: number;
  @ApiPropertyOptional() reason?: string;
}

export class CheckpointView {
  @ApiProperty() treeSize!: number;
  @ApiProperty({ description: 'SHA-256, hex' }) rootHash!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: ['ed25519', 'ecdsa-p256-sha256'] }) algorithm!: string;
  @ApiProperty({ description: 'SPKI PEM' }) publicKey!: string;
  @ApiProperty({ description: 'base64, over the UTF-8 text "duthao-audit\\n{treeSize}\\n{rootHash}\\n{at}\\n"' }) signature!: string;
}

export class CheckpointList {
  @ApiProperty({ type: [CheckpointView] }) items!: CheckpointView[];
  @ApiProperty() total!: number;
}

export class SealedEntryView {
  @ApiProperty() index!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId!: string | null;
  @ApiProperty() action!: string;
  @ApiProperty({ enum: AUDIT_ENTITY_TYPES }) entityType!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) entityId!: string | null;
  @ApiProperty({ type: Object }) data!: Record<string, unknown>;
  @ApiProperty({ description: 'SHA-256(0x00 ‖ canonical JSON), hex' }) leafHash!: string;
}

export class InclusionProofView {
  @ApiProperty() index!: number;
  @ApiProperty() treeSize!: number;
  @ApiProperty() leafHash!: string;
  @ApiProperty({ type: [String] }) path!: string[];
}

export class ConsistencyProofView {
  @ApiProperty() from!: number;
  @ApiProperty() to!: number;
  @ApiProperty({ type: [String] }) path!: string[];
}
