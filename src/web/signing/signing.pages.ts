import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../../common/auth/decorators';
import { Upload, UploadedFile } from '../../common/http/file-upload';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { PlansService } from '../../plans/plans.service';
import { ApprovedService } from '../../signing/approved.service';
import { NOT_OFFICIAL } from '../../signing/domain/organisation-certificate';
import type { VerifyResultView } from '../../signing/dto/signing.views';
import { MAX_PDF_BYTES } from '../../signing/pdf-checks';
import { SignedCopiesService } from '../../signing/signed-copies.service';
import { VerifyService } from '../../signing/verify.service';
import { setFlash } from '../flash';
import { FormProblem, refusal } from '../form-pipeline';
import { langOf, SignedIn } from '../lang';
import { PageRenderer } from '../page-renderer';
import { WebController } from '../web-controller';
import { WebFileUpload } from '../web-upload';

/**
 * The approved plan as issued: its seal (who, when, official or not), the signed PDF, the copies
 * leaders signed with their own tokens and a form to file one; and "Kiểm tra chữ ký" for everyone.
 */
@WebController()
export class SigningPages {
  constructor(
    private readonly pages: PageRenderer,
    private readonly plans: PlansService,
    private readonly approved: ApprovedService,
    private readonly copies: SignedCopiesService,
    private readonly verifier: VerifyService,
  ) {}

  @Get('plans/:id/approved')
  async show(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.render(req, res, id);
  }

  @Get('plans/:id/approved/download')
  async download(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string): Promise<void> {
    const { view, content } = await this.approved.file(req.user, id);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="ban-phe-duyet-ky-so-lan-${view.versionNumber}.pdf"`);
    res.setHeader('Content-Length', String(content.length));
    res.setHeader('Cache-Control', 'private, no-store');
    res.status(200).end(content);
  }

  @Post('plans/:id/approved/signed-copies')
  @Roles('secretariat', 'leader')
  @WebFileUpload(MAX_PDF_BYTES)
  async fileCopy(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string, @Upload() upload: UploadedFile): Promise<void> {
    const lang = langOf(req);
    try {
      const copy = await this.copies.file(req.user, id, upload.buffer);
      setFlash(res, 'ok', lang === 'en' ? `Signed copy filed (signed by ${copy.signer}).` : `Đã nhận bản ký số (người ký: ${copy.signer}).`);
      res.redirect(303, `/plans/${id}/approved`);
    } catch (err) {
      await this.render(req, res, id, refusal(err, lang, []));
    }
  }

  private async render(req: SignedIn, res: Response, id: string, problem?: FormProblem): Promise<void> {
    const [plan, approved] = await Promise.all([this.plans.get(req.user, id), this.approved.approved(req.user, id)]);
    const last = approved.approvers[approved.approvers.length - 1];
    await this.pages.send(
      req,
      res,
      'signing/approved',
      {
        title: { vi: `Bản phê duyệt có chữ ký số: ${plan.title}`, en: `Approved and signed: ${plan.title}` },
        plan,
        approved,
        notOfficial: NOT_OFFICIAL,
        pending: approved.signingStatus === 'pending',
        mayFile: approved.signingStatus === 'signed' && (req.user.role === 'secretariat' || req.user.id === last?.id),
        problem,
      },
      problem?.status ?? 200,
    );
  }

  @Get('verify')
  async verifyForm(@Req() req: SignedIn, @Res() res: Response): Promise<void> {
    await this.pages.send(req, res, 'signing/verify', { title: { vi: 'Kiểm tra chữ ký số', en: 'Check a signature' }, result: null });
  }

  @Post('verify')
  @WebFileUpload(MAX_PDF_BYTES)
  async verify(@Req() req: SignedIn, @Res() res: Response, @Upload() upload: UploadedFile): Promise<void> {
    let result: VerifyResultView | null = null;
    let problem: FormProblem | undefined;
    try {
      result = await this.verifier.verify(upload.buffer);
    } catch (err) {
      problem = refusal(err, langOf(req), []);
    }
    await this.pages.send(
      req,
      res,
      'signing/verify',
      { title: { vi: 'Kiểm tra chữ ký số', en: 'Check a signature' }, result, fileName: upload.originalName, problem },
      problem?.status ?? 200,
    );
  }
}
