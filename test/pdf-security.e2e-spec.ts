import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { buildComparisonDocument } from '../src/documents/domain/comparison-document';
import { buildMinutesDocument } from '../src/documents/domain/minutes-document';
import { buildPlanDocument } from '../src/documents/domain/plan-document';
import { buildReportDocument } from '../src/documents/domain/report-document';
import { poison, sampleComparisonInput, sampleMinutesInput, samplePlanInput, sampleReportInput } from './fixtures/document-inputs';
import { renderHtml } from '../src/documents/render/document-templates';
import { PdfRenderer } from '../src/documents/render/pdf-renderer';
import { bare, bareText, readPdf } from './pdf-support';

/**
 * docs/architecture.md, "The PDF renderer": the renderer reaches no network and no file system. A canary HTTP
 * listener counts every TCP connection (Chromium preconnects before it requests) and every request.
 */
describe('PDF rendering reaches nothing outside the document', () => {
  let server: Server;
  let port: number;
  const hits: string[] = [];
  const renderer = new PdfRenderer({ concurrency: 2 });

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(`request ${req.url}`);
      res.end('CANARY RESPONSE');
    });
    server.on('connection', () => hits.push('connection'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await renderer.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const canaries = (p: number) => [
    `<img src=http://127.0.0.1:${p}/img>`,
    `<iframe src="http://127.0.0.1:${p}/frame"></iframe>`,
    `<script>fetch('http://127.0.0.1:${p}/script')</script>`,
    `<link rel=stylesheet href="http://127.0.0.1:${p}/link.css">`,
    `<style>@import url("http://127.0.0.1:${p}/import.css"); p { background: url(http://127.0.0.1:${p}/url) }</style>`,
    `<object data="file:///etc/passwd"></object>`,
    `<meta http-equiv="refresh" content="0;url=http://127.0.0.1:${p}/refresh">`,
    `![x](http://127.0.0.1:${p}/md)`,
    `[liên kết](http://127.0.0.1:${p}/link)`,
    `<http://127.0.0.1:${p}/autolink>`,
  ];

  it('prints hostile text in all four documents as text, and no request leaves', async () => {
    const payload = canaries(port).join(' ');
    const html = [
      renderHtml('plan', buildPlanDocument(poison(samplePlanInput(true), payload))),
      renderHtml('report', buildReportDocument(poison(sampleReportInput(), payload))),
      renderHtml('minutes', buildMinutesDocument(poison(sampleMinutesInput(), payload))),
      renderHtml('comparison', buildComparisonDocument(poison(sampleComparisonInput(), payload))),
    ];
    const blockedBefore = renderer.stats().blockedRequests;
    const out = await Promise.all(html.map((h) => renderer.render(h)));
    await new Promise((r) => setTimeout(r, 500));
    expect(hits).toEqual([]);
    // Escaped, the canaries are text: the page never even asks for them.
    expect(renderer.stats().blockedRequests).toBe(blockedBefore);
    for (const o of out) {
      const text = bareText(readPdf(o.pdf));
      for (const c of canaries(port)) expect(text).toContain(bare(c));
      expect(text).not.toContain('root:x:0:0');
      expect(text).not.toContain('CANARY');
    }
  });

  it('keeps the page locked down even when the HTML itself is hostile', async () => {
    // A fresh page: a page that rendered one of our documents keeps its Content-Security-Policy
    // (document.open() keeps the document), which would refuse most of these before interception.
    const fresh = new PdfRenderer({ concurrency: 1 });
    const p = port;
    const html = `<!DOCTYPE html><html><head>
      <meta http-equiv="refresh" content="0;url=http://127.0.0.1:${p}/refresh">
      <link rel="stylesheet" href="http://127.0.0.1:${p}/link.css">
      <link rel="preconnect" href="http://127.0.0.1:${p}"><link rel="prefetch" href="http://127.0.0.1:${p}/prefetch">
      <style>
        @import url("http://127.0.0.1:${p}/import.css");
        @font-face { font-family: X; src: url(http://127.0.0.1:${p}/font.woff2); }
        body { font-family: X; background: url(http://127.0.0.1:${p}/background.png); }
        p[title^="a"] { background-image: url(http://127.0.0.1:${p}/attribute-leak); }
      </style></head>
      <body><p title="abc">ORIGINAL DOCUMENT</p>
      <img src="http://127.0.0.1:${p}/img"><img srcset="http://127.0.0.1:${p}/srcset 2x">
      <iframe src="http://127.0.0.1:${p}/frame"></iframe><iframe src="file:///etc/passwd"></iframe>
      <object data="file:///etc/passwd"></object><object data="http://127.0.0.1:${p}/object"></object>
      <embed src="file:///etc/hostname"><video poster="http://127.0.0.1:${p}/poster"></video>
      <svg><image href="http://127.0.0.1:${p}/svg-image"/></svg>
      <form action="http://127.0.0.1:${p}/form"><input type="image" src="http://127.0.0.1:${p}/input"></form>
      <script>document.body.innerHTML = 'JS RAN'; fetch('http://127.0.0.1:${p}/script');</script>
      <script src="http://127.0.0.1:${p}/script.js"></script>
      </body></html>`;
    let out;
    try {
      out = await fresh.render(html);
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      await fresh.close();
    }
    expect(hits).toEqual([]);
    // The page did ask (stylesheets, images, frames, the refresh…); every request was refused.
    expect(fresh.stats().blockedRequests).toBeGreaterThanOrEqual(8);
    const text = bareText(readPdf(out.pdf));
    // Still the document: the meta refresh did not replace it, no script ran, no file was read.
    expect(text).toContain('ORIGINALDOCUMENT');
    expect(text).not.toContain('JSRAN');
    expect(text).not.toContain('root:');
    expect(text).not.toContain('CANARY');
  });
});
