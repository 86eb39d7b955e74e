import { ApiProperty } from '@nestjs/swagger';
import { TextField, UuidField } from '../../common/validation/fields';

/** The multipart body of an upload as the API document shows it (multer takes the file out of the body). */
export class WordFileBody {
  @ApiProperty({ type: 'string', format: 'binary', description: 'Tệp .docx (tối đa 20 MB)' }) file!: unknown;
}

/**
 * The text fields beside the file of `POST /api/plans/import`, checked like any body. No `file`
 * here: multer takes the file out of the body, and a declared field would be an unknown one.
 */
export class ImportPlanDto {
  @TextField({ max: 500, optional: true, description: 'Tên đề án / kế hoạch; bỏ trống: lấy từ phần tiêu đề của tệp Word' })
  title?: string;

  @TextField({ max: 100, optional: true, description: 'Loại văn bản; bỏ trống: theo tệp ("ĐỀ ÁN" → Đề án)' })
  kind?: string;

  @UuidField({ optional: true, description: 'Cơ quan chủ trì soạn thảo' })
  ownerAgencyId?: string;
}
