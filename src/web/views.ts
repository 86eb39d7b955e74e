import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Injectable } from '@nestjs/common';
import Handlebars, { TemplateDelegate } from 'handlebars';
import { TEMPLATES_DIR } from '../common/paths';
import { VIEW_HELPERS } from './view-helpers';
import type { PageContext } from './page-context';

const WEB_DIR = join(TEMPLATES_DIR, 'web');

/**
 * The pages' Handlebars: partials and helpers registered once, each page compiled once. Every
 * value is escaped ({{ }}); the only unescaped output is the page body inside the layout.
 */
@Injectable()
export class Views {
  private readonly hb = Handlebars.create();
  private readonly pages = new Map<string, TemplateDelegate>();
  private readonly layout: TemplateDelegate;

  constructor() {
    this.hb.registerHelper(VIEW_HELPERS);
    for (const file of readdirSync(join(WEB_DIR, 'partials')).filter((f) => f.endsWith('.hbs'))) {
      this.hb.registerPartial(basename(file, '.hbs'), readFileSync(join(WEB_DIR, 'partials', file), 'utf8'));
    }
    this.layout = this.compile(join(WEB_DIR, 'layouts', 'main.hbs'));
  }

  private compile(file: string): TemplateDelegate {
    return this.hb.compile(readFileSync(file, 'utf8'), { strict: false, preventIndent: true });
  }

  /** Renders templates/web/pages/<page>.hbs inside the main layout. */
  render(page: string, ctx: PageContext & Record<string, unknown>): string {
    let template = this.pages.get(page);
    if (!template) {
      template = this.compile(join(WEB_DIR, 'pages', `${page}.hbs`));
      this.pages.set(page, template);
    }
    const body = template(ctx);
    return this.layout({ ...ctx, body });
  }
}
