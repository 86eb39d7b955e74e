import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { TextField } from '../../common/validation/fields';
import { PLAN_LIMITS } from '../domain/plan-limits';

export const SECTION_KEY = /^[A-Za-z0-9_-]{1,64}$/;

export class SectionInputDto {
  @TextField({ max: 64, optional: true, description: 'Khóa của mục đã có (giữ nguyên qua các dự thảo); mục mới để trống', example: 's-3f9a1c2b' })
  @Matches(SECTION_KEY, {
    message: 'key: letters, digits, "_" or "-" (at most 64)',
    context: { vi: 'chỉ gồm chữ, số, "_" hoặc "-" (tối đa 64)', en: 'letters, digits, "_" or "-" (at most 64)' },
  })
  key?: string;

  @TextField({ max: PLAN_LIMITS.headingChars, description: 'Tiêu đề mục', example: 'Phần I. SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN' })
  heading!: string;

  @TextField({ max: PLAN_LIMITS.bodyChars, allowBlank: true, description: 'Nội dung (Markdown: đoạn văn, danh sách, bảng, đậm, nghiêng)' })
  body!: string;
}

export class SectionView {
  @ApiProperty({ example: 's-3f9a1c2b' }) key!: string;
  @ApiProperty() heading!: string;
  @ApiProperty() body!: string;
}
