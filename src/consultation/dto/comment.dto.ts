import { BoolField, IntField, NestedField, TextField } from '../../common/validation/fields';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import { Matches, ValidateIf } from 'class-validator';
import { SECTION_KEY } from '../../plans/dto/section.dto';

const keyRule = Matches(SECTION_KEY, { message: 'sectionKey: not a section key', context: { vi: 'không phải khóa mục hợp lệ', en: 'is not a section key' } });

const quoteStartField = (description: string) => IntField({ min: 0, max: 2_000_000_000, optional: true, nullable: true, description });

export class SuggestionDto {
  @TextField({ max: 20_000, allowBlank: true, description: 'Đoạn đề nghị bỏ (nằm trong đoạn trích; rỗng nếu chỉ thêm)' })
  delete!: string;

  @TextField({ max: 20_000, allowBlank: true, description: 'Đoạn đề nghị thêm vào (rỗng nếu chỉ bỏ)' })
  insert!: string;
}

export class CreateCommentDto {
  @TextField({ max: 64, optional: true, nullable: true, description: 'Khóa của mục được góp ý; bỏ trống nếu góp ý chung cho cả văn bản' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @keyRule
  sectionKey?: string | null;

  @TextField({ max: 20_000, optional: true, nullable: true, description: 'Đoạn trích nguyên văn trong mục đó (phải có trong dự thảo)' })
  quote?: string | null;

  @quoteStartField('Vị trí (ký tự, UTF-16, từ 0) đoạn trích bắt đầu trong nội dung mục, như vùng chọn trên trang cho; không gửi: lấy lần xuất hiện đầu tiên')
  quoteStart?: number | null;

  @TextField({ max: 20_000, description: 'Nội dung góp ý' })
  body!: string;

  @NestedField(() => SuggestionDto, { optional: true, nullable: true, description: 'Đề nghị sửa câu chữ tại đoạn trích (cần có quote)' })
  suggestion?: SuggestionDto | null;
}

export class UpdateCommentDto {
  @TextField({ max: 64, optional: true, nullable: true, description: 'Đổi mục được góp ý (null: góp ý chung)' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @keyRule
  sectionKey?: string | null;

  @TextField({ max: 20_000, optional: true, nullable: true, description: 'Đổi đoạn trích (null: bỏ trích dẫn)' })
  quote?: string | null;

  @quoteStartField(
    'Vị trí đoạn trích trong nội dung mục (như khi tạo); không gửi: giữ vị trí cũ nếu đoạn trích không đổi, nếu đổi thì lấy lần xuất hiện đầu tiên',
  )
  quoteStart?: number | null;

  @TextField({ max: 20_000, optional: true, description: 'Nội dung góp ý mới' })
  body?: string;
}

export class SubmitResponseDto {
  @BoolField({ optional: true, description: 'true: thống nhất, không có ý kiến' })
  noComments?: boolean;

  @TextField({ max: 200, optional: true, nullable: true, description: 'Số, ký hiệu văn bản góp ý của đơn vị', example: '1234/SKHĐT-KTN' })
  reference?: string | null;
}

export class ListCommentsDto extends ListQueryDto {}
