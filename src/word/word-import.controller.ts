import { Body, Controller, Headers, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiExtraModels, ApiHeader, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { FileUpload, Upload, type UploadedFile } from '../common/http/file-upload';
import { UuidPipe } from '../common/http/uuid.pipe';
import { draftEtag } from '../plans/draft.service';
import { WORD_LIMITS } from './docx-archive';
import { ImportPlanDto, WordFileBody } from './dto/word-import.dto';
import { WordImportService } from './word-import.service';
import { ImportedDraftView, ImportedPlanView, ImportedReplyView } from './word-import.views';

/** Word files in (docs/word-files.md): multipart, the .docx in the field `file`, at most 20 MB. */
@ApiTags('word')
@ApiExtraModels(WordFileBody)
@ApiBearerAuth()
@Controller()
export class WordImportController {
  constructor(private readonly word: WordImportService) {}

  @Post('plans/import')
  @Roles('secretariat')
  @FileUpload(WORD_LIMITS.fileBytes)
  @ApiExtraModels(ImportPlanDto)
  @ApiBody({ schema: { allOf: [{ $ref: getSchemaPath(ImportPlanDto) }, { $ref: getSchemaPath(WordFileBody) }] } })
  @ApiCreatedResponse({ type: ImportedPlanView, description: 'Kế hoạch mới, bản đang soạn gồm các mục đọc từ tệp Word' })
  importPlan(@CurrentActor() actor: Actor, @Upload() file: UploadedFile, @Body() fields: ImportPlanDto): Promise<ImportedPlanView> {
    return this.word.importPlan(actor, file, fields);
  }

  @Put('plans/:id/draft/import')
  @Roles('secretariat')
  @FileUpload(WORD_LIMITS.fileBytes)
  @ApiBody({ type: WordFileBody })
  @ApiHeader({ name: 'If-Match', required: true, description: 'ETag nhận được từ GET .../draft' })
  @ApiOkResponse({ type: ImportedDraftView, headers: { ETag: { description: 'ETag mới của bản đang soạn' } } })
  async importDraft(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Upload() file: UploadedFile,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ImportedDraftView> {
    const { revision, ...view } = await this.word.importDraft(actor, id, ifMatch, file);
    res.setHeader('ETag', draftEtag(revision));
    return view;
  }

  @Post('rounds/:id/comments/import')
  @Roles('agency')
  @HttpCode(201)
  @FileUpload(WORD_LIMITS.fileBytes)
  @ApiBody({ type: WordFileBody })
  @ApiCreatedResponse({ type: ImportedReplyView, description: 'Ý kiến nháp từ các nhận xét (comment) và chỗ sửa (track changes) của tệp Word' })
  importReply(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Upload() file: UploadedFile): Promise<ImportedReplyView> {
    return this.word.importReply(actor, id, file);
  }
}
