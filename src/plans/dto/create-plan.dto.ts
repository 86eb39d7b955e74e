import { NestedField, TextField, UuidField } from '../../common/validation/fields';
import { PLAN_LIMITS } from '../domain/plan-limits';
import { SectionInputDto } from './section.dto';

export class CreatePlanDto {
  @TextField({
    max: 500,
    description: 'Tên đề án / kế hoạch',
    example: 'Đề án Phát triển kinh tế tập thể, hợp tác xã giai đoạn 2021-2025, định hướng đến năm 2030',
  })
  title!: string;

  @TextField({ max: 100, optional: true, nullable: true, description: 'Loại văn bản', example: 'Đề án' })
  kind?: string | null;

  @UuidField({ optional: true, nullable: true, description: 'Cơ quan chủ trì soạn thảo' })
  ownerAgencyId?: string | null;

  @NestedField(() => SectionInputDto, {
    array: { min: PLAN_LIMITS.minSections, max: PLAN_LIMITS.maxSections },
    description: 'Các mục của bản đang soạn (1–500; tổng cộng tối đa 5.000.000 ký tự, kể cả tiêu đề)',
  })
  sections!: SectionInputDto[];
}

export class PutDraftDto {
  @NestedField(() => SectionInputDto, {
    array: { min: PLAN_LIMITS.minSections, max: PLAN_LIMITS.maxSections },
    description: 'Toàn bộ các mục (1–500; tổng cộng tối đa 5.000.000 ký tự, kể cả tiêu đề); mục đã có giữ nguyên key',
  })
  sections!: SectionInputDto[];
}
