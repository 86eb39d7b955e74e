import type { Browser, Page } from 'puppeteer';
import { withoutOutsideLinks } from '../src/notifications/bull-board';
import { QUEUES } from '../src/queue/queues';
import { launchBrowser, screenshot, signedInPage } from './support/browser';
import { ADMIN, startTestApp, TestApp } from './support/test-app';
import { as, login } from './support/world';

// The few browser globals used inside page.evaluate below (this file is compiled without the DOM library).
declare const document: {
  head: { appendChild(node: object): void };
  createElement(tag: string): { rel: string; href: string };
  addEventListener(type: string, listener: (e: { blockedURI: string; violatedDirective: string }) => void): void;
};

/** Bull Board at /admin/queues: an administrator's page like the others, and like them it reaches nothing outside the app. */
describe('Bull Board reaches nothing outside the deployment', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Every URL the page asks for, from the first navigation on, with data: and blob: left out (they are the page's own bytes). */
  function recordRequests(page: Page): string[] {
    const urls: string[] = [];
    page.on('request', (req) => {
      if (!/^(data|blob):/.test(req.url())) urls.push(req.url());
    });
    return urls;
  }

  it('renders its queues for an administrator, every request to the app itself', async () => {
    const alerts: string[] = [];
    const page = await signedInPage(browser, t.url, ADMIN.email, ADMIN.password, alerts);
    const urls = recordRequests(page);
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });

    const res = await page.goto(`${t.url}/admin/queues`, { waitUntil: 'networkidle0' });
    expect(res?.status()).toBe(200);
    for (const name of Object.values(QUEUES)) {
      await page.waitForFunction(
        (n: string) => (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText.includes(n),
        {},
        name,
      );
    }
    await screenshot(page, 'bull-board');

    const origin = new URL(t.url).origin;
    expect(urls.length).toBeGreaterThan(3);
    expect(urls.filter((u) => new URL(u).origin !== origin)).toEqual([]);
    // The board's own scripts and its API calls are among them: it is working, not merely a blank page.
    expect(urls.some((u) => new URL(u).pathname.startsWith('/admin/queues/static/js/'))).toBe(true);
    expect(urls.some((u) => new URL(u).pathname.startsWith('/admin/queues/api/queues'))).toBe(true);
    expect(violations).toEqual([]);
    expect(alerts).toEqual([]);
    await page.browserContext().close();
  });

  it('serves a Content-Security-Policy that refuses any other origin, so a later version of the board cannot reach out either', async () => {
    const token = await login(t, ADMIN.email, ADMIN.password);
    const res = await as(t, token).get('/admin/queues');
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/googleapis|gstatic|https?:\/\/(?!www\.w3\.org)/);
    const csp = res.headers['content-security-policy'] as string;
    for (const directive of ["default-src 'self'", "script-src 'self'", "font-src 'self' data:", "connect-src 'self'"]) expect(csp).toContain(directive);

    const alerts: string[] = [];
    const page = await signedInPage(browser, t.url, ADMIN.email, ADMIN.password, alerts);
    await page.goto(`${t.url}/admin/queues`, { waitUntil: 'networkidle0' });
    const blocked = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(`${e.violatedDirective} ${e.blockedURI}`));
          const link = document.createElement('link');
          link.rel = 'stylesheet';
          link.href = 'https://fonts.googleapis.com/css2?family=IBM+Plex+Sans';
          document.head.appendChild(link);
        }),
    );
    expect(blocked).toMatch(/^style-src(-elem)? https:\/\/fonts\.googleapis\.com/);
    await page.browserContext().close();
  });

  it('drops links to other origins from the page it renders, and nothing else', () => {
    const html = [
      '<link rel="icon" href="static/images/logo.svg">',
      '<link href="https://fonts.googleapis.com/css2?family=IBM+Plex+Sans&display=swap" rel="stylesheet">',
      "<link rel='stylesheet' href='//cdn.example.com/x.css'>",
      '<link href="static/css/main.css" rel="stylesheet">',
    ].join('\n');
    expect(withoutOutsideLinks(html)).toBe(
      ['<link rel="icon" href="static/images/logo.svg">', '', '', '<link href="static/css/main.css" rel="stylesheet">'].join('\n'),
    );
  });

  it('stays closed to everyone but administrators', async () => {
    expect((await t.http.get('/admin/queues')).status).toBe(401);
    expect((await t.http.get('/admin/queues/api/queues')).status).toBe(401);
  });
});
