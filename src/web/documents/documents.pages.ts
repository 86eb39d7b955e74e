import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { invalid } from '../../common/errors/domain-error';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { CONTENT_TYPES, fileName } from '../../documents/domain/document-files';
import { DocumentsService } from '../../documents/documents.service';
import { DOCUMENT_KINDS, DocumentKind, FIELDS_OF, RequestDocumentDto } from '../../documents/dto/document.dto';
import { FormBody, text, vnInteger } from '../form-adapter';
import { checkForm } from '../form-pipeline';
import { langOf, SignedIn } from '../lang';
import { PageRenderer } from '../page-renderer';
import { WebController } from '../web-controller';
import { documentLabel, subjectLink } from './document-labels';

/**
 * PDFs and Word files from the pages: a button posts what the document is of and its format, the
 * status page follows the worker until it has rendered it, then the file downloads with the
 * session cookie. Who may read a document is the documents service's rule.
 */
@WebController()
export class DocumentPages {
  constructor(
    private readonly pages: PageRenderer,
    private readonly documents: DocumentsService,
  ) {}

  @Post('documents')
  async request(@Req() req: SignedIn, @Res() res: Response, @Body() body: FormBody): Promise<void> {
    const kind = text(body, 'kind') as DocumentKind;
    if (!DOCUMENT_KINDS.includes(kind)) throw invalid({ vi: 'kind: loại văn bản không hợp lệ', en: 'kind: not a kind of document' });
    const input: Record<string, unknown> = { kind };
    for (const name of FIELDS_OF[kind]) input[name] = ['versionNumber', 'from', 'to'].includes(name) ? vnInteger(text(body, name)) : text(body, name);
    // The PDF unless the button asks for the Word file.
    if (text(body, 'format')) input.format = text(body, 'format');
    const { value, problem } = await checkForm(RequestDocumentDto, input, langOf(req));
    // These forms are buttons with hidden fields: nothing to correct on them, so a problem is a page with a way back.
    if (problem) throw invalid(Object.entries(problem.errors).map(([k, m]) => ({ vi: `${k}: ${m}`, en: `${k}: ${m}` })));
    const document = await this.documents.request(req.user, value);
    res.redirect(303, `/documents/${document.id}`);
  }

  @Get('documents/:id')
  async show(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string): Promise<void> {
    const document = await this.documents.get(req.user, id);
    const subject = document.subject as Record<string, unknown>;
    await this.pages.send(req, res, 'documents/show', {
      title: documentLabel(document),
      document,
      label: documentLabel(document),
      back: subjectLink(document),
      working: document.status === 'queued' || document.status === 'rendering',
      retry:
        document.status === 'failed' && document.kind !== 'approved'
          ? FIELDS_OF[document.kind].map((name) => ({ name, value: String(subject[name] ?? '') }))
          : null,
    });
  }

  @Get('documents/:id/download')
  async download(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string): Promise<void> {
    const { document, content } = await this.documents.file(req.user, id);
    res.setHeader('Content-Type', CONTENT_TYPES[document.format]);
    res.setHeader('Content-Disposition', `attachment; filename="${fileName(document)}"`);
    res.setHeader('Content-Length', String(content.length));
    res.setHeader('Cache-Control', 'private, no-store');
    res.status(200).end(content);
  }
}
