import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { TS_LOADER } from '../plans/diff/diff-pool';

/** A file that pdf.js cannot read as a PDF. */
export class UnreadablePdfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadablePdfError';
  }
}

const TIME_LIMIT_MS = 60_000;

/** The text of each page (white space made single spaces), read in a thread that is then ended. */
export function readPageTexts(pdf: Buffer): Promise<string[]> {
  const entry = join(__dirname, `page-text-thread${extname(__filename)}`);
  const options = {
    workerData: { pdf: new Uint8Array(pdf), entry, typescript: entry.endsWith('.ts') ? require.resolve('typescript') : null },
    resourceLimits: { maxOldGenerationSizeMb: 512 },
  };
  const worker = entry.endsWith('.ts') ? new Worker(TS_LOADER, { ...options, eval: true }) : new Worker(entry, options);
  return new Promise<string[]>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new UnreadablePdfError(`reading the PDF took longer than ${TIME_LIMIT_MS / 1000} s`));
    }, TIME_LIMIT_MS);
    worker.once('message', (msg: { pages?: string[]; error?: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (msg.pages) resolve(msg.pages);
      else reject(new UnreadablePdfError(msg.error ?? 'unreadable PDF'));
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      reject(new UnreadablePdfError(err.message));
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      reject(new UnreadablePdfError(`the PDF reader stopped (exit ${code})`));
    });
  });
}
