import { Controller, Get, Param, Put, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { FileUpload, Upload, type UploadedFile } from '../common/http/file-upload';
import { UuidPipe } from '../common/http/uuid.pipe';
import { ResponseLetterView } from './consultation.views';
import { LETTER_UPLOAD_CEILING, ResponseLettersService } from './response-letters.service';

class LetterFileBody {
  @ApiProperty({ type: 'string', format: 'binary', description: 'Công văn đã ký, tệp PDF (tối đa LETTER_MAX_BYTES, mặc định 10 MB)' }) file!: unknown;
}

/** The signed letter (công văn, PDF) of an agency's response to a round. */
@ApiTags('rounds')
@ApiBearerAuth()
@Controller('rounds/:id/responses')
export class ResponseLettersController {
  constructor(private readonly letters: ResponseLettersService) {}

  @Put('letter')
  @Roles('agency')
  @FileUpload(LETTER_UPLOAD_CEILING)
  @ApiBody({ type: LetterFileBody })
  @ApiOkResponse({
    type: ResponseLetterView,
    description: 'Công văn đã ký được đính kèm (hoặc thay) vào văn bản góp ý của đơn vị; 413 quá giới hạn, 415 không phải PDF',
  })
  @ApiConflictResponse({ description: '`no_response`: đơn vị chưa gửi văn bản góp ý; `round_closed`: đợt đã đóng' })
  attach(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Upload() file: UploadedFile): Promise<ResponseLetterView> {
    return this.letters.attach(actor, id, file);
  }

  @Get(':agencyId/letter')
  @Roles('secretariat', 'leader', 'agency')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'Tệp PDF công văn của đơn vị; đơn vị chỉ tải được công văn của chính mình' })
  @ApiNotFoundResponse({ description: 'Chưa có công văn, hoặc đợt/đơn vị không thuộc quyền xem' })
  async file(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Param('agencyId', UuidPipe) agencyId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const letter = await this.letters.file(actor, id, agencyId);
    res.attachment(letter.fileName);
    res.setHeader('Content-Type', 'application/pdf');
    return new StreamableFile(letter.content);
  }
}
