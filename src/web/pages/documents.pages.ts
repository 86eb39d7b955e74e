import { Body, Get, Header, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { invalid } from '../../common/errors/domain-error';
import { UuidPipe } from '../../common/http/uuid.pipe';
import { DocumentsService } from '../../documents/documents.service';
import { DOCUMENT_KINDS, DocumentKind, DocumentView, FIELDS_OF, RequestDocumentDto } from '../../documents/dto/document.dto';
import { field, validateForm } from '../forms';
import { PageContexts } from '../page-context';
import { Views } from '../views';
import { WebController } from '../web-controller';
import { intOrNull, langOf, pageTitle, SignedIn, sizeText } from './secretariat-forms';

const FILE_NAMES: Record<DocumentKind, string> = { plan: 'du-thao', report: 'bao-cao-tong-hop', minutes: 'bien-ban', comparison: 'bang-so-sanh' };

/** What a document is, for a person: "Dự thảo lần 2", "Bảng so sánh lần 1 – lần 2" … */
export function documentLabel(d: Pick<DocumentView, 'kind' | 'subject'>): { vi: string; en: string } {
  const s = d.subject as { versionNumber?: number; from?: number; to?: number };
  switch (d.kind) {
    case 'plan':
      return { vi: `Dự thảo lần ${s.versionNumber}`, en: `Version ${s.versionNumber}` };
    case 'report':
      return { vi: 'Báo cáo tổng hợp, giải trình, tiếp thu ý kiến', en: 'Consolidation report' };
    case 'minutes':
      return { vi: 'Biên bản hội nghị', en: 'Conference minutes' };
    case 'comparison':
      return { vi: `Bảng so sánh dự thảo lần ${s.from} và lần ${s.to}`, en: `Comparison of versions ${s.from} and ${s.to}` };
  }
}

/** Where the thing a document is of can be seen. */
function subjectLink(d: DocumentView): string {
  const s = d.subject as { planId?: string; roundId?: string; conferenceId?: string; versionNumber?: number };
  if (d.kind === 'report' && s.roundId) return `/rounds/${s.roundId}/board`;
  if (d.kind === 'minutes' && s.conferenceId) return `/conferences/${s.conferenceId}`;
  if (d.kind === 'plan' && s.planId) return `/plans/${s.planId}/versions/${s.versionNumber}`;
  return s.planId ? `/plans/${s.planId}` : '/';
}

/**
 * PDFs from the pages: a button posts what the document is of, the progress page refreshes itself
 * until the worker has rendered it, then the file downloads with the session cookie. Who may read
 * a document is the documents service's rule.
 */
@WebController()
export class DocumentPages {
  constructor(
    private readonly views: Views,
    private readonly contexts: PageContexts,
    private readonly documents: DocumentsService,
  ) {}

  @Post('documents')
  async request(@Req() req: SignedIn, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const lang = langOf(req);
    const kind = field(body, 'kind') as DocumentKind;
    if (!DOCUMENT_KINDS.includes(kind)) throw invalid({ vi: 'kind: loại văn bản không hợp lệ', en: 'kind: not a kind of document' });
    const input: Record<string, unknown> = { kind };
    for (const name of FIELDS_OF[kind]) {
      const raw = field(body, name);
      input[name] = ['versionNumber', 'from', 'to'].includes(name) ? intOrNull(raw) : raw;
    }
    const { value, errors } = await validateForm(RequestDocumentDto, input, lang);
    // These forms are buttons with hidden fields: a problem is shown as a page, with a way back.
    if (errors) throw invalid(Object.entries(errors).map(([k, m]) => ({ vi: `${k}: ${m}`, en: `${k}: ${m}` })));
    const document = await this.documents.request(req.user, value);
    res.redirect(303, `/documents/${document.id}`);
  }

  @Get('documents/:id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async show(@Req() req: SignedIn, @Res({ passthrough: true }) res: Response, @Param('id', UuidPipe) id: string): Promise<string> {
    const document = await this.documents.get(req.user, id);
    const label = documentLabel(document);
    const ctx = await this.contexts.build(req, res, pageTitle(req, label.vi, label.en));
    const s = document.subject as Record<string, unknown>;
    return this.views.render('b-document', {
      ...ctx,
      document,
      label,
      size: sizeText(document.bytes),
      back: subjectLink(document),
      working: document.status === 'queued' || document.status === 'rendering',
      retry: document.status === 'failed' ? FIELDS_OF[document.kind].map((name) => ({ name, value: String(s[name] ?? '') })) : null,
    });
  }

  @Get('documents/:id/download')
  async download(@Req() req: SignedIn, @Res() res: Response, @Param('id', UuidPipe) id: string): Promise<void> {
    const { document, content } = await this.documents.file(req.user, id);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="${FILE_NAMES[document.kind]}-${document.id.slice(0, 8)}.pdf"`);
    res.setHeader('Content-Length', String(content.length));
    res.setHeader('Cache-Control', 'private, no-store');
    res.status(200).end(content);
  }
}
