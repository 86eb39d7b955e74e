import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { sizeText } from '../../common/format/byte-size';
import { Roles } from '../../common/auth/decorators';
import { Upload, type UploadedFile } from '../../common/http/file-upload';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { LETTER_UPLOAD_CEILING, ResponseLettersService } from '../../consultation/response-letters.service';
import { submitAction } from '../form-pipeline';
import type { SignedIn } from '../lang';
import { WebController } from '../web-controller';
import { WebFileUpload } from '../web-upload';

/** The signed letter of an agency's response: the agency attaches it on its round page; staff download it from the tracker. */
@WebController('rounds')
@Roles('agency', 'secretariat', 'leader')
export class ResponseLetterPages {
  constructor(private readonly letters: ResponseLettersService) {}

  @Post(':id/response/letter')
  @Roles('agency')
  @WebFileUpload(LETTER_UPLOAD_CEILING)
  async attach(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Upload() file: UploadedFile): Promise<void> {
    await submitAction(req, res, {
      run: () => this.letters.attach(req.user, id, file),
      done: (letter) => ({
        vi: `Đã đính kèm công văn ${letter.fileName} (${sizeText(letter.bytes)}) vào văn bản góp ý.`,
        en: `Letter ${letter.fileName} (${sizeText(letter.bytes)}) attached to the response.`,
      }),
      to: `/rounds/${id}#response`,
    });
  }

  @Get(':id/responses/:agencyId/letter/download')
  async download(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Param('agencyId', UuidPipe) agencyId: string): Promise<void> {
    const letter = await this.letters.file(req.user, id, agencyId);
    res.attachment(letter.fileName);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Length', String(letter.content.length));
    res.setHeader('Cache-Control', 'private, no-store');
    res.status(200).end(letter.content);
  }
}
