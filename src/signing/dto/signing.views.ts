import { ApiProperty } from '@nestjs/swagger';
import { STORED_DOCUMENT_KINDS, StoredDocumentKind } from '../../documents/dto/document.dto';

export class ApproverView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}

export class ApprovedDocumentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String, description: 'SHA-256 of the signed PDF; null until it is signed' }) sha256!: string | null;
  @ApiProperty({ nullable: true, type: Number }) pages!: number | null;
  @ApiProperty({ enum: ['queued', 'rendering', 'done', 'failed'] }) status!: string;
}

export class SignatureView {
  @ApiProperty({ description: 'Who signed (the certificate\'s name); duthao\'s own certificate says "không dùng cho văn bản chính thức"' }) signer!: string;
  @ApiProperty() certificateSha256!: string;
  @ApiProperty({ format: 'date-time' }) signedAt!: string;
  @ApiProperty({ description: "false: duthao's self-signed certificate, not for official use" }) official!: boolean;
}

export class SignatureVerdictView {
  @ApiProperty({ nullable: true, type: String }) signer!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) signedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) certificateSha256!: string | null;
  @ApiProperty({ description: 'The digest matches the signed bytes and the CMS signature verifies' }) valid!: boolean;
  @ApiProperty({ description: "duthao's own certificate, or one chaining to a TRUSTED_CERTS certificate" }) trusted!: boolean;
  @ApiProperty({ description: 'This signature covers the file from its first byte to its end, but its own /Contents' }) coversWholeDocument!: boolean;
}

export class SignedCopyView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The outermost (last) signature' }) signer!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) signedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) certificateSha256!: string | null;
  @ApiProperty() sha256!: string;
  @ApiProperty() bytes!: number;
  @ApiProperty() pages!: number;
  @ApiProperty({ type: [SignatureVerdictView] }) signatures!: SignatureVerdictView[];
  @ApiProperty({ format: 'uuid' }) filedBy!: string;
  @ApiProperty() filedByName!: string;
  @ApiProperty({ format: 'date-time' }) filedAt!: string;
}

export class ApprovedPlanView {
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty({ format: 'uuid' }) approvalId!: string;
  @ApiProperty() versionNumber!: number;
  @ApiProperty({ format: 'date-time' }) approvedAt!: string;
  @ApiProperty({ type: [ApproverView] }) approvers!: ApproverView[];
  @ApiProperty({ enum: ['pending', 'signed', 'failed'], description: 'pending: the signed PDF is being made (document and signature may be null)' })
  signingStatus!: 'pending' | 'signed' | 'failed';
  @ApiProperty({ type: ApprovedDocumentView, nullable: true }) document!: ApprovedDocumentView | null;
  @ApiProperty({ type: SignatureView, nullable: true, description: 'null while signing is pending' }) signature!: SignatureView | null;
  @ApiProperty({ type: [SignedCopyView] }) signedCopies!: SignedCopyView[];
}

export class VerifiedDocumentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: STORED_DOCUMENT_KINDS }) kind!: StoredDocumentKind;
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty({ nullable: true, type: Number }) versionNumber!: number | null;
}

export class VerifyResultView {
  @ApiProperty() signed!: boolean;
  @ApiProperty({ description: 'Signed, and every signature valid' }) valid!: boolean;
  @ApiProperty({ description: 'Signed, and a signature covers the whole file: nothing was added after the last one' }) coversWholeDocument!: boolean;
  @ApiProperty({ type: [SignatureVerdictView] }) signatures!: SignatureVerdictView[];
  @ApiProperty({ type: VerifiedDocumentView, nullable: true, description: 'The duthao document this file is (or the revision a signature covers is), if any' })
  document!: VerifiedDocumentView | null;
  @ApiProperty({ nullable: true, type: Number }) pages!: number | null;
}
