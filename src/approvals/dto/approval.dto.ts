import { EnumField, IntField, TextField, UuidArrayField } from '../../common/validation/fields';

export class SubmitForApprovalDto {
  @IntField({ min: 1, max: 2_000_000_000, description: 'Trình dự thảo lần … (phải là dự thảo mới nhất)' })
  versionNumber!: number;

  @UuidArrayField({ minItems: 1, maxItems: 10, description: 'Lãnh đạo ký duyệt, theo thứ tự' })
  approverIds!: string[];
}

export class ApprovalDecisionDto {
  @EnumField(['approve', 'return'] as const, { description: 'approve: phê duyệt; return: trả lại để chỉnh sửa' })
  decision!: 'approve' | 'return';

  @TextField({ max: 20_000, optional: true, nullable: true, description: 'Ý kiến của lãnh đạo (bắt buộc khi trả lại)' })
  note?: string | null;
}
