import { parentPort, workerData } from 'node:worker_threads';
import { PDFParse } from 'pdf-parse';
import { normalisePageText } from './domain/page-text';

/**
 * Reads one PDF's text page by page, in a thread of its own: pdf.js is a large parser of untrusted
 * input, kept off the HTTP thread, and it loads its own worker code with import(), which the test
 * runner's module sandbox does not allow on the main thread. Only this thread loads it: its bundle
 * replaces built-ins such as Array.prototype.push with polyfills for the whole realm it runs in.
 */
async function pageTexts(pdf: Buffer): Promise<string[]> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const result = await parser.getText();
    return result.pages.map((p) => normalisePageText(p.text));
  } finally {
    await parser.destroy();
  }
}

pageTexts(Buffer.from(workerData.pdf as Uint8Array)).then(
  (pages) => parentPort!.postMessage({ pages }),
  (err: Error) => parentPort!.postMessage({ error: `${err.name}: ${err.message}` }),
);
