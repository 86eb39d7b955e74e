import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, HTTPResponse, Page } from 'puppeteer';

const run = promisify(execFile);

interface Snapshot {
  label: string;
  url: string;
  status: number;
  html: string;
}

/** Where a page stands among its kind: ids, keys and numbers out of the path. */
function pathPattern(url: string): string {
  const u = new URL(url, 'http://site.invalid');
  const path = u.pathname
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id')
    .replace(/\/s-[0-9a-f]+/g, '/:key')
    .replace(/\/\d+(?=\/|$)/g, '/:n');
  return `${path}?${[...u.searchParams.keys()].sort().join('&')}`;
}

/**
 * The shape of a page, whatever its words, values and number of rows: the kinds of element it holds.
 * Two pages of one shape get the same verdicts, so each shape is checked once.
 */
function shapeOf(html: string): string {
  const tags = html.replace(/<!--[\s\S]*?-->/g, '').match(/<[a-z][^>]*>/gi) ?? [];
  const kinds = new Set(
    tags.map((t) =>
      t.replace(/\s(id|for|href|action|value|aria-describedby|aria-labelledby|aria-label|data-[\w-]+|name|style|placeholder|title|lang)="[^"]*"/gi, ''),
    ),
  );
  const shape = [...kinds].sort().join('');
  return createHash('sha256').update(shape).digest('hex');
}

// Functions given to page.evaluate run in Chromium; the project compiles without the DOM library.
declare const axe: {
  run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }>;
};
declare const document: unknown;

/**
 * Every page the browser was sent in a spec file (each GET and each form shown again), kept once
 * per shape, then checked together: axe-core (no critical or serious violation) in Chromium with
 * the app's stylesheet, and the Nu HTML checker (no error) in one Java run.
 */
export class PageChecks {
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly pending = new Set<Promise<void>>();

  /**
   * Records every HTML document `page` receives, under `label` (the role or person). With
   * `refusalsOnly`, only the pages a form or an error produced (the crawl of web-pages.e2e-spec.ts
   * has every page a link reaches).
   */
  attach(page: Page, label: string, options: { refusalsOnly?: boolean } = {}): void {
    page.on('response', (res) => {
      if (options.refusalsOnly && res.request().method() === 'GET' && res.status() === 200) return;
      const read = this.record(res, label).finally(() => this.pending.delete(read));
      this.pending.add(read);
    });
  }

  private async record(res: HTTPResponse, label: string): Promise<void> {
    if (res.request().resourceType() !== 'document' || !(res.headers()['content-type'] ?? '').startsWith('text/html')) return;
    if (res.status() >= 300 && res.status() < 400) return;
    const html = await res.text().catch(() => null);
    // The body of a page the browser left at once can be gone; another page of its shape is kept anyway.
    if (html === null) return;
    // Two pages of one shape get the same verdicts, whoever was shown them.
    const key = `${res.request().method()} ${pathPattern(res.url())} ${res.status()} ${shapeOf(html)}`;
    if (!this.snapshots.has(key)) this.snapshots.set(key, { label, url: res.url(), status: res.status(), html });
  }

  /** A page given by hand (the checks' own test). */
  add(label: string, url: string, html: string): void {
    this.snapshots.set(`${label} ${url} ${this.snapshots.size}`, { label, url, status: 200, html });
  }

  get size(): number {
    return this.snapshots.size;
  }

  /** axe-core's critical and serious violations, one line each ("label url: rule (selector)"). */
  async axe(browser: Browser, baseUrl: string): Promise<string[]> {
    await Promise.all(this.pending);
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setBypassCSP(true);
    await page.setViewport({ width: 1366, height: 850 });
    const found: string[] = [];
    try {
      // The documents are written at the app's address, so that its stylesheet and script load as they would.
      await page.goto(`${baseUrl}/assets/app.css`);
      for (const s of this.snapshots.values()) {
        await page.setContent(s.html, { waitUntil: 'load' });
        await page.addScriptTag({ path: require.resolve('axe-core') });
        const { violations } = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
        for (const v of violations.filter((x) => x.impact === 'critical' || x.impact === 'serious')) {
          found.push(
            `${s.label} ${s.url} [${s.status}]: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')}`,
          );
        }
      }
    } finally {
      await context.close();
    }
    return found;
  }

  /** The Nu HTML checker's errors, one line each, all pages in one Java run (it takes seconds to start). */
  async nu(): Promise<string[]> {
    await Promise.all(this.pending);
    const dir = mkdtempSync(join(tmpdir(), 'duthao-nu-'));
    const names = new Map<string, Snapshot>();
    try {
      let i = 0;
      for (const s of this.snapshots.values()) {
        const file = join(dir, `${String(i++).padStart(4, '0')}.html`);
        writeFileSync(file, s.html);
        names.set(file, s);
      }
      if (names.size === 0) return [];
      const jar = require('vnu-jar') as string;
      const { stderr, stdout } = await run('java', ['-Xss8m', '-jar', jar, '--format', 'json', '--errors-only', '--exit-zero-always', ...names.keys()], {
        maxBuffer: 64 * 1024 * 1024,
      });
      const report = JSON.parse(stderr.trim() || stdout.trim() || '{"messages":[]}') as {
        messages: { type: string; url?: string; message: string; extract?: string; lastLine?: number }[];
      };
      return report.messages
        .filter((m) => m.type === 'error')
        .map((m) => {
          const s = [...names.entries()].find(([file]) => m.url?.endsWith(file))?.[1];
          return `${s?.label ?? '?'} ${s?.url ?? m.url} line ${m.lastLine}: ${m.message} — ${(m.extract ?? '').replace(/\s+/g, ' ').slice(0, 160)}`;
        });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** Markdown a reader must never see: bold or italics marks, table rules and rows, headings. */
export const MARKDOWN_SYNTAX = /\*\*|__|\|\s*:?-{3,}|(^|\n)[ \t]*\|[^\n]*\|[ \t]*(\n|$)|(^|\n)[ \t]*#{1,6}[ \t]/;

/** The text a person sees on the page: no form values, scripts, templates or hidden elements. */
export function visibleText(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const skip = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'TEXTAREA', 'SELECT', 'OPTION', 'NOSCRIPT']);
    const out = [];
    const walk = (el) => {
      for (const node of el.childNodes) {
        if (node.nodeType === 3) out.push(node.textContent);
        else if (node.nodeType === 1 && !skip.has(node.tagName) && node.checkVisibility()) walk(node);
      }
      if (el.nodeType === 1 && getComputedStyle(el).display !== 'inline') out.push('\\n');
    };
    walk(document.body);
    return out.join('');
  })()`) as Promise<string>;
}

/** The same-site pages a page links to, as paths, without the ones that act or leave the pages. */
export function linksOf(page: Page): Promise<string[]> {
  return page.evaluate(`[...document.querySelectorAll('a[href]')]
    .map((a) => new URL(a.getAttribute('href'), location.href))
    .filter((u) => u.origin === location.origin && !/^\\/(logout|lang\\/|admin\\/queues|api\\/)|\\/download$/.test(u.pathname))
    .map((u) => u.pathname + u.search)`) as Promise<string[]>;
}

export { pathPattern };
