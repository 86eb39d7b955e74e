import { ApiProperty } from '@nestjs/swagger';
import { EnumField, IntField, UuidField } from '../../common/validation/fields';

import { DOCUMENT_FORMATS, DocumentFormat } from '../domain/document-files';
import { DOCUMENT_KINDS, DocumentKind } from '../render/document-templates';

export { DOCUMENT_FORMATS, DocumentFormat, DOCUMENT_KINDS, DocumentKind };

/** What the documents table holds: the kinds one may ask for, and the signed approved plan (made on approval). */
export const STORED_DOCUMENT_KINDS = [...DOCUMENT_KINDS, 'approved'] as const;
export type StoredDocumentKind = DocumentKind | 'approved';

/** Which fields each kind of document takes; any other is refused. */
export const FIELDS_OF: Record<DocumentKind, readonly string[]> = {
  plan: ['planId', 'versionNumber'],
  report: ['roundId'],
  minutes: ['conferenceId'],
  comparison: ['planId', 'from', 'to'],
};

/** Each kind as a person calls it, for the refusals. */
export const KIND_NAMES: Record<DocumentKind, string> = {
  plan: 'dự thảo kế hoạch',
  report: 'báo cáo tổng hợp ý kiến',
  minutes: 'biên bản hội nghị',
  comparison: 'bảng so sánh dự thảo',
};

/**
 * `{kind: "plan", planId, versionNumber}`, `{kind: "report", roundId}`, `{kind: "minutes",
 * conferenceId}` or `{kind: "comparison", planId, from, to}`, each with `format` "pdf" (the
 * default) or "docx".
 */
export class RequestDocumentDto {
  @EnumField(DOCUMENT_KINDS, { description: 'plan | report | minutes | comparison' })
  kind!: DocumentKind;

  @EnumField(DOCUMENT_FORMATS, { optional: true, description: 'pdf (mặc định) | docx (Word)' })
  format?: DocumentFormat;

  @UuidField({ optional: true, description: 'plan, comparison' })
  planId?: string;

  @IntField({ min: 1, max: 2_000_000_000, optional: true, description: 'plan: dự thảo lần …' })
  versionNumber?: number;

  @UuidField({ optional: true, description: 'report: đợt lấy ý kiến' })
  roundId?: string;

  @UuidField({ optional: true, description: 'minutes: hội nghị' })
  conferenceId?: string;

  @IntField({ min: 1, max: 2_000_000_000, optional: true, description: 'comparison: từ dự thảo lần …' })
  from?: number;

  @IntField({ min: 1, max: 2_000_000_000, optional: true, description: 'comparison: đến dự thảo lần …' })
  to?: number;
}

export class DocumentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: STORED_DOCUMENT_KINDS, description: 'approved: bản được phê duyệt, có chữ ký số' }) kind!: StoredDocumentKind;
  @ApiProperty({ enum: DOCUMENT_FORMATS }) format!: DocumentFormat;
  @ApiProperty({ enum: ['queued', 'rendering', 'done', 'failed'] }) status!: 'queued' | 'rendering' | 'done' | 'failed';
  @ApiProperty({ nullable: true, type: Number, description: 'Số trang của PDF; null với tệp Word (Word tự dàn trang)' }) pages!: number | null;
  @ApiProperty({ nullable: true, type: Number }) bytes!: number | null;
  @ApiProperty({ nullable: true, type: String }) sha256!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Lý do khi không tạo được' }) error!: string | null;
  @ApiProperty({ type: Object, description: 'Văn bản của đối tượng nào' }) subject!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) renderedAt!: string | null;
}
