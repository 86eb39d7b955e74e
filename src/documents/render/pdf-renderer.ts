import { availableParallelism } from 'node:os';
import type { HTTPRequest, Page, Target } from 'puppeteer';
import { ChromiumBrowser, findChromium } from './chromium';
import { countPdfPages } from './pdf-pages';
import { Slots } from './slots';

export interface PdfRendererOptions {
  /** A Chrome or Chromium binary; null or absent: found on the machine (see findChromium). */
  executablePath?: string | null;
  /** Pages rendering at once (default: the CPU count); more renders wait their turn. */
  concurrency?: number;
  /** The browser is replaced after this many renders (default 200). */
  recycleAfter?: number;
  /** Per render, from the moment it has a browser (default 30 s), plus timeoutPerPageMs per estimated page. */
  timeoutMs?: number;
  /** Added to the time limit for every page a render is estimated to have (default 0). */
  timeoutPerPageMs?: number;
  /** Estimated pages rendering at once (default: no limit); see Slots. */
  budgetPages?: number;
}

/** What the caller knows of the document: its estimated pages size its slot and its time limit. */
export interface RenderOptions {
  pages?: number;
}

export interface RenderedPdf {
  pdf: Buffer;
  pages: number;
}

export type PdfRenderFailure = 'timeout' | 'crash' | 'closed' | 'failed';

export class PdfRenderError extends Error {
  constructor(
    message: string,
    readonly reason: PdfRenderFailure,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PdfRenderError';
  }
}

/**
 * Print options: the stylesheet's @page rules give size, margins and the page numbers. Untagged
 * and without an outline: tagging costs about half again the time on long documents.
 */
export const PDF_OPTIONS = { preferCSSPageSize: true, printBackground: true, tagged: false, outline: false } as const;

/** How long a timed-out page, or a browser being closed, may take before its browser is killed. */
const GRACE_MS = 5_000;

interface RenderJob {
  page: Page | null;
  aborted: PdfRenderError | null;
  abort: (err: PdfRenderError) => void;
}

const closedError = () => new PdfRenderError('The PDF renderer is closed', 'closed');

/**
 * Renders HTML to PDF in one warm Chromium per process, at most `concurrency` pages at a time.
 * Locked down: JavaScript is off in every page and every request a page makes is refused; the
 * document is set as the page's content and its fonts are inline, so it needs none.
 */
export class PdfRenderer {
  private readonly concurrency: number;
  private readonly recycleAfter: number;
  private readonly timeoutMs: number;
  private readonly timeoutPerPageMs: number;
  private readonly slots: Slots;
  private pagesInFlight = 0;
  private readonly browsers = new Set<ChromiumBrowser>();
  private current: ChromiumBrowser | null = null;
  private launching: Promise<ChromiumBrowser> | null = null;
  private closed = false;
  private readonly jobs = new WeakMap<Page, RenderJob>();
  private readonly counters = { launches: 0, renders: 0, blockedRequests: 0, maxOpenPages: 0, maxPagesInFlight: 0 };
  /** Page targets Chromium reported created and not yet destroyed, in every browser. */
  private readonly pageTargets = new Set<Target>();

  constructor(private readonly options: PdfRendererOptions = {}) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? availableParallelism()));
    this.recycleAfter = Math.max(1, Math.floor(options.recycleAfter ?? 200));
    this.timeoutMs = Math.max(1, options.timeoutMs ?? 30_000);
    this.timeoutPerPageMs = Math.max(0, options.timeoutPerPageMs ?? 0);
    this.slots = new Slots(this.concurrency, options.budgetPages ?? Number.POSITIVE_INFINITY);
  }

  /** The time limit of a render of so many estimated pages. */
  timeLimit(pages = 0): number {
    return this.timeoutMs + Math.ceil(Math.max(0, pages) * this.timeoutPerPageMs);
  }

  async render(html: string, options: RenderOptions = {}): Promise<RenderedPdf> {
    if (this.closed) throw closedError();
    const pages = Math.max(0, options.pages ?? 0);
    const timeoutMs = this.timeLimit(pages);
    await this.slots.acquire(pages);
    this.pagesInFlight += pages;
    this.counters.maxPagesInFlight = Math.max(this.counters.maxPagesInFlight, this.pagesInFlight);
    const release = () => {
      this.pagesInFlight -= pages;
      this.slots.release(pages);
    };
    let chromium: ChromiumBrowser;
    try {
      chromium = await this.browser();
    } catch (err) {
      release();
      throw err;
    }
    chromium.started += 1;
    chromium.inFlight += 1;
    if (chromium.started >= this.recycleAfter) this.retire(chromium);

    const job: RenderJob = { page: null, aborted: null, abort: () => undefined };
    const aborted = new Promise<never>((_, reject) => {
      job.abort = (err) => {
        if (job.aborted) return;
        job.aborted = err;
        reject(err);
        if (job.page) void job.page.close().catch(() => undefined);
      };
    });
    aborted.catch(() => undefined);
    const work = this.renderOnPage(chromium, html, job);
    // The slot comes back when the page is done with, not when the caller gives up on it.
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    const timer = setTimeout(() => {
      job.abort(new PdfRenderError(`The PDF was not rendered within ${timeoutMs} ms`, 'timeout'));
      // A page that will not even close takes its browser with it.
      const kill = setTimeout(() => chromium.kill(), GRACE_MS);
      void settled.finally(() => clearTimeout(kill));
    }, timeoutMs);
    void settled.finally(() => {
      clearTimeout(timer);
      chromium.inFlight -= 1;
      this.closeIfDone(chromium);
      release();
    });

    try {
      const result = await Promise.race([work, aborted, chromium.lost]);
      this.counters.renders += 1;
      return result;
    } catch (err) {
      throw this.describe(err, chromium, job);
    }
  }

  /** Closes every browser; renders in flight or still waiting for a slot are refused. */
  async close(): Promise<void> {
    this.closed = true;
    this.slots.refuseWaiting(closedError());
    await this.launching?.catch(() => undefined);
    await Promise.all([...this.browsers].map((b) => b.close(GRACE_MS)));
  }

  /** For tests, benchmarks and health checks. */
  stats(): {
    browserPid: number | null;
    launches: number;
    renders: number;
    inFlight: number;
    waiting: number;
    openPages: number;
    maxOpenPages: number;
    blockedRequests: number;
    pagesInFlight: number;
    maxPagesInFlight: number;
  } {
    return {
      browserPid: this.current?.pid ?? null,
      inFlight: [...this.browsers].reduce((n, b) => n + b.inFlight, 0),
      pagesInFlight: this.pagesInFlight,
      waiting: this.slots.waiting,
      openPages: this.pageTargets.size,
      ...this.counters,
    };
  }

  /** Pages open in the live browsers, as Chromium reports them. */
  async openPages(): Promise<number> {
    const counts = await Promise.all(
      [...this.browsers]
        .filter((b) => !b.gone)
        .map((b) =>
          b.browser.pages().then(
            (p) => p.length,
            () => 0,
          ),
        ),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  private async renderOnPage(chromium: ChromiumBrowser, html: string, job: RenderJob): Promise<RenderedPdf> {
    const page = chromium.idle.pop() ?? (await this.openPage(chromium));
    job.page = page;
    this.jobs.set(page, job);
    let reusable = false;
    try {
      if (job.aborted) throw job.aborted;
      // The render's own timer bounds both steps.
      await page.setContent(html, { waitUntil: 'load', timeout: 0 });
      const pdf = Buffer.from(await page.pdf({ ...PDF_OPTIONS, timeout: 0 }));
      const pages = countPdfPages(pdf);
      reusable = !job.aborted;
      return { pdf, pages };
    } finally {
      this.jobs.delete(page);
      if (reusable && !chromium.retiring && !chromium.gone && !page.isClosed()) chromium.idle.push(page);
      else void page.close().catch(() => undefined);
    }
  }

  private async openPage(chromium: ChromiumBrowser): Promise<Page> {
    const page = await chromium.browser.newPage();
    try {
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (request) => this.refuse(request));
      // The page's renderer process died: fail its render now rather than at the timeout, and
      // never hand the page out again.
      page.on('error', (err) => {
        chromium.idle = chromium.idle.filter((p) => p !== page);
        this.jobs.get(page)?.abort(new PdfRenderError(`The page crashed while rendering: ${err.message}`, 'crash', { cause: err }));
        void page.close().catch(() => undefined);
      });
      return page;
    } catch (err) {
      await page.close().catch(() => undefined);
      throw err;
    }
  }

  /**
   * Every request is refused: no http(s), no file://, nothing a stylesheet, image, frame, object or
   * redirect asks for. A navigation (meta refresh, a frame) is answered "204 No Content" without
   * touching the network, which leaves the document in place; aborting it would swap the document
   * for an error page.
   */
  private refuse(request: HTTPRequest): void {
    if (request.isInterceptResolutionHandled()) return;
    // data: URLs (the inline fonts) are content already in the document; nothing leaves the page.
    if (request.url().startsWith('data:')) {
      void request.continue().catch(() => undefined);
      return;
    }
    this.counters.blockedRequests += 1;
    const refused = request.isNavigationRequest() ? request.respond({ status: 204, body: '' }) : request.abort('blockedbyclient');
    void refused.catch(() => undefined);
  }

  private browser(): Promise<ChromiumBrowser> {
    const b = this.current;
    if (b && !b.gone && !b.retiring) return Promise.resolve(b);
    this.launching ??= this.launch().finally(() => {
      this.launching = null;
    });
    return this.launching;
  }

  private async launch(): Promise<ChromiumBrowser> {
    const executablePath = findChromium(this.options.executablePath);
    let chromium: ChromiumBrowser;
    try {
      chromium = await ChromiumBrowser.launch(executablePath);
    } catch (err) {
      throw new PdfRenderError(`Chromium (${executablePath}) did not start: ${(err as Error).message}`, 'failed', { cause: err });
    }
    this.browsers.add(chromium);
    this.counters.launches += 1;
    chromium.browser.on('targetcreated', (t: Target) => this.trackPage(t, true));
    chromium.browser.on('targetdestroyed', (t: Target) => this.trackPage(t, false));
    chromium.onExit(() => {
      if (this.current === chromium) this.current = null;
      this.browsers.delete(chromium);
      for (const t of this.pageTargets) if (t.browser() === chromium.browser) this.pageTargets.delete(t);
    });
    if (this.closed) {
      await chromium.close(GRACE_MS);
      throw closedError();
    }
    this.current = chromium;
    return chromium;
  }

  private trackPage(target: Target, open: boolean): void {
    if (target.type() !== 'page') return;
    if (!open) {
      this.pageTargets.delete(target);
      return;
    }
    this.pageTargets.add(target);
    this.counters.maxOpenPages = Math.max(this.counters.maxOpenPages, this.pageTargets.size);
  }

  /** No new render goes to this browser; it closes once its renders are done. */
  private retire(chromium: ChromiumBrowser): void {
    chromium.retiring = true;
    if (this.current === chromium) this.current = null;
    for (const page of chromium.idle.splice(0)) void page.close().catch(() => undefined);
    this.closeIfDone(chromium);
  }

  private closeIfDone(chromium: ChromiumBrowser): void {
    if (chromium.retiring && chromium.inFlight === 0) void chromium.close(GRACE_MS);
  }

  private describe(err: unknown, chromium: ChromiumBrowser, job: RenderJob): PdfRenderError {
    if (err instanceof PdfRenderError) return err;
    if (job.aborted) return job.aborted;
    const message = err instanceof Error ? err.message : String(err);
    if (chromium.closing) return new PdfRenderError(`The PDF renderer was closed during the render: ${message}`, 'closed', { cause: err });
    if (chromium.gone) return new PdfRenderError(`Chromium exited during the render: ${message}`, 'crash', { cause: err });
    return new PdfRenderError(`The PDF could not be rendered: ${message}`, 'failed', { cause: err });
  }
}
