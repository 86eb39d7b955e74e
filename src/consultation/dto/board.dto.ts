import { Matches, ValidateIf } from 'class-validator';
import { ListQueryDto } from '../../common/pagination/list-query.dto';
import { BoolField, EnumField, TextField, UuidArrayField, UuidField } from '../../common/validation/fields';
import { SECTION_KEY } from '../../plans/dto/section.dto';
import { BOARD_STATES, BoardState } from '../domain/consultation-rules';
import { DispositionDto } from './disposition.dto';

/** At most this many comments take one decision at once (a section's or an agency's worth, and more). */
export const BULK_DISPOSITION_MAX = 500;

/** `GET /api/rounds/:id/comments`: a page of the board, narrowed by agency, section, state and text. */
export class CommentFilterDto extends ListQueryDto {
  @UuidField({ optional: true, description: 'Chỉ ý kiến của đơn vị này' })
  agencyId?: string;

  @TextField({ max: 64, optional: true, description: 'Chỉ ý kiến về mục này (khóa mục trong dự thảo được lấy ý kiến)' })
  @ValidateIf((_, v) => v !== undefined)
  @Matches(SECTION_KEY, { message: 'not a section key', context: { vi: 'không phải khóa mục hợp lệ', en: 'is not a section key' } })
  sectionKey?: string;

  @BoolField({ optional: true, fromQuery: true, description: 'true: chỉ ý kiến chung cho cả văn bản (không gắn với mục nào)' })
  general?: boolean;

  @EnumField(BOARD_STATES, { optional: true, description: 'undecided: chưa giải trình, tiếp thu; hoặc một quyết định' })
  state?: BoardState;

  @TextField({ max: 200, optional: true, description: 'Tìm trong nội dung và đoạn trích, không phân biệt hoa thường và dấu ("hop tac xa" thấy "Hợp tác xã")' })
  q?: string;
}

/** `PUT /api/rounds/:id/dispositions`: one decision and reason for many comments of a round. */
export class BulkDispositionDto extends DispositionDto {
  @UuidArrayField({ minItems: 1, maxItems: BULK_DISPOSITION_MAX, description: `Các ý kiến (đã gửi) của đợt này, tối đa ${BULK_DISPOSITION_MAX}` })
  commentIds!: string[];
}
