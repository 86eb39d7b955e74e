import { Body, Controller, Get, HttpCode, Param, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/decorators';
import { UuidPipe } from '../common/http/uuid.pipe';
import { DocumentsService } from './documents.service';
import { DocumentView, RequestDocumentDto } from './dto/document.dto';

const FILE_NAMES: Record<string, string> = { plan: 'du-thao', report: 'bao-cao-tong-hop', minutes: 'bien-ban', comparison: 'bang-so-sanh', approved: 'ban-phe-duyet-ky-so' };

@ApiTags('documents')
@ApiBearerAuth()
@Controller('documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: DocumentView, description: 'Đã nhận yêu cầu; cùng nội dung thì trả về cùng văn bản' })
  request(@CurrentActor() actor: Actor, @Body() dto: RequestDocumentDto): Promise<DocumentView> {
    return this.documents.request(actor, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: DocumentView })
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<DocumentView> {
    return this.documents.get(actor, id);
  }

  @Get(':id/file')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'Tệp PDF' })
  @ApiConflictResponse({ description: 'Văn bản chưa tạo xong' })
  async file(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { document, content } = await this.documents.file(actor, id);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="${FILE_NAMES[document.kind]}-${document.id.slice(0, 8)}.pdf"`);
    res.setHeader('ETag', `"${document.sha256}"`);
    return new StreamableFile(content);
  }
}
