import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { Browser, Page } from 'puppeteer';
import { findChromium } from '../../src/documents/render/chromium';
import type { PageChecks } from './page-checks';
import { ROOT } from './processes';

/** Screenshots of the pages, kept as test artifacts to look at. */
export const ARTIFACTS = join(ROOT, 'test-artifacts');

/** A real Chromium for page tests (the machine's, as the PDF renderer finds it). */
export async function launchBrowser(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: findChromium(process.env.PUPPETEER_EXECUTABLE_PATH ?? null),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=vi-VN',
    ],
  });
}

/** A fresh browser context (its own cookies) with a page of office-screen size. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1366, height: 850 });
  page.setDefaultTimeout(20_000);
  return page;
}

/** Signs in through the sign-in page, as a person would. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.type('#email', email);
  await page.type('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  if (new URL(page.url()).pathname === '/login') throw new Error(`sign-in failed for ${email}: ${await page.$eval('main', (m) => m.textContent)}`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Submits the form holding `selector` (a button) and waits for the next page. */
export async function submit(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

// The few browser globals used inside page.evaluate below (this file is compiled without the DOM library).
interface DomNode {
  textContent: string | null;
}
declare const document: {
  querySelectorAll(selector: string): Iterable<DomNode>;
  createTreeWalker(root: DomNode, what: number): { nextNode(): DomNode | null };
  createRange(): { setStart(node: DomNode, at: number): void; setEnd(node: DomNode, at: number): void };
  dispatchEvent(event: object): void;
};
declare const window: { getSelection(): { removeAllRanges(): void; addRange(range: object): void } | null };
declare const MouseEvent: new (type: string, init: { bubbles: boolean }) => object;

/** Selects `phrase` inside the section text that holds it, as a person dragging the mouse would, and lets go. */
export async function selectPassage(page: Page, phrase: string): Promise<void> {
  await page.evaluate((p) => {
    const section = [...document.querySelectorAll('[data-section-key]')].find((e) => (e.textContent ?? '').includes(p));
    if (!section) throw new Error(`no section holds "${p}"`);
    const walker = document.createTreeWalker(section, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node.textContent ?? '').indexOf(p);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + p.length);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return;
    }
    throw new Error(`"${p}" spans several text nodes`);
  }, phrase);
}

/** The value of a form field on the page. */
export function valueOf(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (el) => (el as unknown as { value: string }).value);
}

/** Sets a form field's value directly (date and time inputs, hidden selects). */
export async function setValue(page: Page, selector: string, value: string): Promise<void> {
  await page.$eval(selector, (el, v) => ((el as unknown as { value: string }).value = v), value);
}

/** Confirmations are accepted as a person would; any other dialog (an injected alert) is recorded in `alerts`. */
export function watchDialogs(page: Page, alerts: string[]): void {
  page.on('dialog', async (d) => {
    if (d.type() === 'confirm') return d.accept();
    alerts.push(`${d.type()}: ${d.message()}`);
    return d.dismiss();
  });
}

/** A fresh page signed in as `email`, its dialogs watched. */
export async function signedInPage(browser: Browser, baseUrl: string, email: string, password: string, alerts: string[]): Promise<Page> {
  const page = await newPage(browser);
  watchDialogs(page, alerts);
  await signIn(page, baseUrl, email, password);
  return page;
}

/** The text of the page's main element, whitespace collapsed. */
export async function mainText(page: Page): Promise<string> {
  return (await page.$eval('main', (m) => m.textContent ?? '')).replace(/\s+/g, ' ');
}

/** The success message shown after a form, or '' when there is none. */
export async function flash(page: Page): Promise<string> {
  return (await page.$eval('main .alert--ok', (m) => m.textContent ?? '').catch(() => '')).trim();
}

/** The CSRF token of the form on the page. */
export function csrfOf(page: Page): Promise<string> {
  return page.$eval('input[name=_csrf]', (i) => (i as { value: string }).value);
}

/** POSTs a form from inside the page (same origin, the person's cookies), as a forged or hand-made form would. */
export function postForm(page: Page, path: string, fields: Record<string, string>): Promise<{ status: number; redirected: boolean; text: string }> {
  return page.evaluate(
    async (p, f) => {
      const res = await fetch(p, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(f).toString() });
      return { status: res.status, redirected: res.redirected, text: await res.text() };
    },
    path,
    fields,
  );
}

/**
 * One signed-in page per person for a whole spec file: signing in costs a password hash, so each
 * person signs in once. Pages a form or an error produced go to `checks` (axe-core, Nu checker).
 */
export class People {
  private readonly pages = new Map<string, Promise<Page>>();

  constructor(
    private readonly browser: () => Browser,
    private readonly baseUrl: () => string,
    private readonly alerts: string[],
    private readonly checks?: PageChecks,
  ) {}

  as(email: string, password: string): Promise<Page> {
    let page = this.pages.get(email);
    if (!page) {
      page = signedInPage(this.browser(), this.baseUrl(), email, password, this.alerts).then((p) => {
        this.checks?.attach(p, email, { refusalsOnly: true });
        return p;
      });
      this.pages.set(email, page);
    }
    return page;
  }
}
