import { ApiProperty } from '@nestjs/swagger';
import { CommentView } from '../consultation/consultation.views';
import { SectionView } from '../plans/dto/section.dto';
import { PlanView } from '../plans/plan.views';

const SKIPPED_KINDS = ['image', 'footnote', 'endnote', 'text_box', 'field'];

export class SkippedView {
  @ApiProperty({ enum: SKIPPED_KINDS, description: 'image: bỏ qua; footnote, endnote: giữ thành văn bản cuối mục; text_box, field: giữ phần chữ' })
  what!: string;
  @ApiProperty({ description: 'Mục chứa nó (tiêu đề mục), hoặc phần tiêu đề, hoặc đoạn văn chứa nó' }) where!: string;
}

export class ImportedPlanView {
  @ApiProperty({ type: PlanView }) plan!: PlanView;
  @ApiProperty({ description: 'Số mục đọc được từ tệp' }) sections!: number;
  @ApiProperty({ type: [SkippedView] }) skipped!: SkippedView[];
}

export class ImportedDraftView {
  @ApiProperty({ type: [SectionView], description: 'Bản đang soạn mới' }) sections!: SectionView[];
  @ApiProperty({ description: 'Mục có tiêu đề trùng với bản đang soạn: giữ nguyên key' }) matched!: number;
  @ApiProperty({ description: 'Mục mới' }) added!: number;
  @ApiProperty({ description: 'Mục của bản đang soạn không còn trong tệp' }) removed!: number;
  @ApiProperty({ type: [SkippedView] }) skipped!: SkippedView[];
}

export class UnplacedView {
  @ApiProperty({ description: 'Nội dung ý kiến hoặc đề nghị sửa' }) text!: string;
  @ApiProperty({ description: 'Vì sao không đặt được vào dự thảo' }) reason!: string;
  @ApiProperty({ enum: ['not_found', 'ambiguous', 'empty', 'too_long', 'not_attached'] }) code!: string;
}

export class ImportedReplyView {
  @ApiProperty({ type: [CommentView], description: 'Ý kiến nháp đã tạo (trạng thái draft)' }) created!: CommentView[];
  @ApiProperty({ type: [UnplacedView] }) unplaced!: UnplacedView[];
}
