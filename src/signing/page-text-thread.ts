import { parentPort, workerData } from 'node:worker_threads';
import { pageTexts } from './domain/page-text';

/**
 * Reads one PDF's text page by page, in a thread of its own: pdf.js is a large parser of untrusted
 * input, kept off the HTTP thread, and it loads its own worker code with import(), which the test
 * runner's module sandbox does not allow on the main thread.
 */
const pdf = Buffer.from(workerData.pdf as Uint8Array);
pageTexts(pdf).then(
  (pages) => parentPort!.postMessage({ pages }),
  (err: Error) => parentPort!.postMessage({ error: `${err.name}: ${err.message}` }),
);
