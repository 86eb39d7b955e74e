import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { uploadGuard } from '../common/http/file-upload';
import { CSRF_IN_UPLOAD, UploadCsrfGuard } from './web-session.guard';

/**
 * A page form that sends one file (`enctype="multipart/form-data"`, field `file`): read into memory
 * with the API's limits, then CSRF-checked from the form's own `_csrf` field (which only exists
 * once the multipart body is read). Read the file with `@Upload()`.
 */
export const WebFileUpload = (maxBytes: number) => applyDecorators(SetMetadata(CSRF_IN_UPLOAD, true), UseGuards(uploadGuard(maxBytes), UploadCsrfGuard));
