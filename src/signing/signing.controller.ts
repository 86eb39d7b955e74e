import { Controller, Get, HttpCode, Param, Post, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { FileUpload, Upload, UploadedFile } from '../common/http/file-upload';
import { UuidPipe } from '../common/http/uuid.pipe';
import { ApprovedService } from './approved.service';
import { ApprovedPlanView, SignedCopyView, VerifyResultView } from './dto/signing.views';
import { MAX_PDF_BYTES } from './pdf-checks';
import { SignedCopiesService } from './signed-copies.service';
import { VerifyService } from './verify.service';

const PDF_BODY = {
  schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'A PDF (at most 20 MB)' } } },
};

@ApiTags('signing')
@ApiBearerAuth()
@Controller()
export class SigningController {
  constructor(
    private readonly approved: ApprovedService,
    private readonly copies: SignedCopiesService,
    private readonly verifier: VerifyService,
  ) {}

  @Get('plans/:id/approved')
  @ApiOkResponse({ type: ApprovedPlanView, description: 'signingStatus "pending": the signed PDF is being made; signature is null until then' })
  @ApiConflictResponse({ description: 'The plan is not approved' })
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<ApprovedPlanView> {
    return this.approved.approved(actor, id);
  }

  @Get('plans/:id/approved/file')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The signed PDF of the approved version' })
  @ApiConflictResponse({ description: 'Not approved, or the signed PDF is not made yet' })
  async file(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { view, content } = await this.approved.file(actor, id);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="ban-phe-duyet-ky-so-${view.planId.slice(0, 8)}-lan-${view.versionNumber}.pdf"`);
    res.setHeader('ETag', `"${view.document!.sha256}"`);
    return new StreamableFile(content);
  }

  @Post('plans/:id/approved/signed-copies')
  @Roles('secretariat', 'leader')
  @FileUpload(MAX_PDF_BYTES)
  @ApiBody(PDF_BODY)
  @ApiCreatedResponse({ type: SignedCopyView })
  @ApiForbiddenResponse({ description: 'Not the leader who approved last, nor the secretariat' })
  @ApiConflictResponse({ description: 'Not approved, the signed PDF not made yet, or this copy already filed' })
  @ApiUnprocessableEntityResponse({ description: 'A signature is invalid or does not cover the whole file, or the pages are not the approved text' })
  @ApiUnsupportedMediaTypeResponse({ description: 'Not a PDF' })
  @ApiBadRequestResponse({ description: 'A damaged PDF, or no file' })
  @ApiPayloadTooLargeResponse({ description: 'Over 20 MB' })
  fileCopy(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Upload() upload: UploadedFile): Promise<SignedCopyView> {
    return this.copies.file(actor, id, upload.buffer);
  }

  @Post('documents/verify')
  @HttpCode(200)
  @FileUpload(MAX_PDF_BYTES)
  @ApiBody(PDF_BODY)
  @ApiOkResponse({ type: VerifyResultView })
  @ApiUnsupportedMediaTypeResponse({ description: 'Not a PDF' })
  @ApiBadRequestResponse({ description: 'A damaged PDF, or no file' })
  @ApiPayloadTooLargeResponse({ description: 'Over 20 MB' })
  verify(@Upload() upload: UploadedFile): Promise<VerifyResultView> {
    return this.verifier.verify(upload.buffer);
  }
}
