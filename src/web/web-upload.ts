import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { AuthService } from '../auth/auth.service';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { FileUpload } from '../common/http/file-upload';
import { csrfRefused, WEB_UPLOAD } from './web-session.guard';

/** The CSRF token of a multipart form, checked once the upload guard has read the body into memory. */
@Injectable()
class UploadCsrfGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const token = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.headers['x-csrf-token'];
    const session = ((req.cookies ?? {}) as Record<string, string>)[SESSION_COOKIE];
    if (!(await this.auth.csrfValid(token, session))) throw csrfRefused();
    return true;
  }
}

/**
 * A page's form that sends a file (`enctype="multipart/form-data"`, the file in the field `file`):
 * the API's own upload guard (memory only, `maxBytes`), then the form's CSRF token. The person is
 * known before the body is read (WebSessionGuard), so nobody's upload is buffered anonymously.
 */
export const WebFileUpload = (maxBytes: number) => applyDecorators(SetMetadata(WEB_UPLOAD, true), FileUpload(maxBytes), UseGuards(UploadCsrfGuard));
