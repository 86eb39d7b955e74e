import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import Handlebars, { TemplateDelegate } from 'handlebars';
import { TEMPLATES_DIR } from '../common/paths';
import type { Text } from './lang';
import { PageContext, PageContexts } from './page-context';
import { VIEW_HELPERS } from './view-helpers';

const WEB_DIR = join(TEMPLATES_DIR, 'web');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.hbs') ? [join(dir, e.name)] : [],
  );
}

/** What a page controller hands over: the title, the page's own model and the scripts (in templates/web/assets) it needs besides app.js. */
export type PageModel = { title: Text; scripts?: string[] } & Record<string, unknown>;

/**
 * The one way a page is sent: the layout's context (language, person, CSRF, flash) plus the page's
 * model, rendered from templates/web/pages/<resource>/<page>.hbs inside the main layout. Every
 * value is escaped ({{ }}); the only unescaped output is the page body inside the layout and what
 * the helpers build (Markdown through the documents' restricted renderer, CSRF forms).
 */
@Injectable()
export class PageRenderer {
  private readonly hb = Handlebars.create();
  private readonly pages = new Map<string, TemplateDelegate>();
  private readonly layout: TemplateDelegate;

  constructor(private readonly contexts: PageContexts) {
    this.hb.registerHelper(VIEW_HELPERS);
    const partials = join(WEB_DIR, 'partials');
    for (const file of filesUnder(partials)) this.hb.registerPartial(relative(partials, file).replace(/\.hbs$/, ''), readFileSync(file, 'utf8'));
    for (const file of filesUnder(join(WEB_DIR, 'pages'))) this.pages.set(relative(join(WEB_DIR, 'pages'), file).replace(/\.hbs$/, ''), this.compile(file));
    this.layout = this.compile(join(WEB_DIR, 'layouts', 'main.hbs'));
  }

  private compile(file: string): TemplateDelegate {
    return this.hb.compile(readFileSync(file, 'utf8'), { strict: false, preventIndent: true });
  }

  /** Renders `page` ("plans/list") and sends it with `status`. */
  async send(req: Request, res: Response, page: string, model: PageModel, status = 200): Promise<void> {
    const ctx = await this.contexts.build(req, res, model.title);
    // The page's model may say more than the layout's context (the sign-in page has no person yet).
    res
      .status(status)
      .type('html')
      .send(this.html(page, { ...ctx, ...model, title: ctx.title }));
  }

  /**
   * Renders `page` without the layout: a piece of a page a script puts in place of the same piece
   * (the elements keep their ids), built with the same context as the whole page.
   */
  async fragment(req: Request, res: Response, page: string, model: PageModel, status = 200): Promise<void> {
    const ctx = await this.contexts.build(req, res, model.title);
    res
      .status(status)
      .type('html')
      .send(this.find(page)({ ...ctx, ...model, title: ctx.title }));
  }

  /** The HTML of a page for a context already built (the error filter's fallback path). */
  html(page: string, ctx: PageContext & Record<string, unknown>): string {
    // The body first: a message it shows beside its element (the flashAt helper) is not shown again at the top.
    const body = this.find(page)(ctx);
    return this.layout({ ...ctx, body });
  }

  private find(page: string): TemplateDelegate {
    const template = this.pages.get(page);
    if (!template) throw new Error(`no page template "${page}" (${basename(page)})`);
    return template;
  }
}
