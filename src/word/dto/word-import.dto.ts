import { ApiProperty } from '@nestjs/swagger';
import { TextField, UuidField } from '../../common/validation/fields';

/** The text fields beside the file of `POST /api/plans/import` (the file itself: field `file`). */
export class ImportPlanDto {
  @TextField({ max: 500, optional: true, description: 'Tên đề án / kế hoạch; bỏ trống: lấy từ phần tiêu đề của tệp Word' })
  title?: string;

  @TextField({ max: 100, optional: true, description: 'Loại văn bản; bỏ trống: theo tệp ("ĐỀ ÁN" → Đề án)' })
  kind?: string;

  @UuidField({ optional: true, description: 'Cơ quan chủ trì soạn thảo' })
  ownerAgencyId?: string;
}

/** The multipart body as the API document shows it: the file, then the fields. */
export class WordFileBody {
  @ApiProperty({ type: 'string', format: 'binary', description: 'Tệp .docx (tối đa 20 MB)' }) file!: unknown;
}

export class ImportPlanBody extends WordFileBody {
  @ApiProperty({ required: false, maxLength: 500 }) title?: string;
  @ApiProperty({ required: false, maxLength: 100 }) kind?: string;
  @ApiProperty({ required: false, format: 'uuid' }) ownerAgencyId?: string;
}
