import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Two versions' sections (JSON arrays of {key, heading, body}), or two texts; or work of another
 * module built on the diff (its file exports `runInThread(input: string): Buffer`).
 */
export type DiffTask = { kind: 'sections' | 'text'; from: string; to: string } | { kind: 'module'; module: string; input: string };
/** The SectionDiff[] (or DiffOp[]) as JSON, in UTF-8 (moved from the thread, not copied). */
export interface DiffTaskResult {
  json: Buffer;
  approximate: boolean;
}

interface Pending {
  id: number;
  task: DiffTask;
  resolve: (r: DiffTaskResult) => void;
  reject: (err: Error) => void;
}

interface Thread {
  worker: Worker;
  busy: Pending | null;
}

/**
 * Under ts-jest the sources are TypeScript: a thread compiles them as it loads them, with the
 * compiler the tests already have. Built code (dist/) loads the .js beside this file.
 */
export const TS_LOADER = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const ts = require(workerData.typescript);
require.extensions['.ts'] = (module, filename) => {
  const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(out.outputText, filename);
};
require(workerData.entry);
`;

/**
 * Diffs in worker threads, so that the HTTP thread never spends the diff's time: at most `size`
 * threads, started when first needed and kept (unreferenced, so an idle one holds no process open);
 * more tasks wait their turn. A thread that dies fails its task and is replaced by the next.
 */
export class DiffPool {
  private readonly threads: Thread[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly size: number) {}

  run(task: DiffTask): Promise<DiffTaskResult> {
    if (this.closed) return Promise.reject(new Error('The diff threads are stopped'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.dispatch();
    });
  }

  /** Threads alive and tasks waiting (for tests and health). */
  stats(): { threads: number; busy: number; waiting: number } {
    return { threads: this.threads.length, busy: this.threads.filter((t) => t.busy).length, waiting: this.queue.length };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('The diff threads are stopped'));
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length) {
      let thread = this.threads.find((t) => !t.busy);
      if (!thread && this.threads.length < this.size) thread = this.spawn();
      if (!thread) return;
      const next = this.queue.shift()!;
      thread.busy = next;
      thread.worker.ref();
      thread.worker.postMessage({ id: next.id, task: next.task });
    }
  }

  private spawn(): Thread {
    const entry = join(__dirname, `diff-thread${extname(__filename)}`);
    const worker = entry.endsWith('.ts')
      ? new Worker(TS_LOADER, { eval: true, workerData: { entry, typescript: require.resolve('typescript') } })
      : new Worker(entry);
    const thread: Thread = { worker, busy: null };
    worker.unref();
    worker.on('message', (msg: { id: number; result?: { json: Uint8Array; approximate: boolean }; error?: string }) => {
      const done = thread.busy;
      if (!done || done.id !== msg.id) return;
      thread.busy = null;
      worker.unref();
      if (msg.result)
        done.resolve({
          json: Buffer.from(msg.result.json.buffer, msg.result.json.byteOffset, msg.result.json.byteLength),
          approximate: msg.result.approximate,
        });
      else done.reject(new Error(`The diff failed: ${msg.error}`));
      this.dispatch();
    });
    const lost = (err: Error) => {
      const i = this.threads.indexOf(thread);
      if (i < 0) return;
      this.threads.splice(i, 1);
      thread.busy?.reject(err);
      thread.busy = null;
      if (!this.closed) this.dispatch();
    };
    worker.on('error', (err) => lost(new Error(`The diff thread failed: ${err.message}`)));
    worker.on('exit', (code) => lost(new Error(`The diff thread exited (code ${code})`)));
    this.threads.push(thread);
    return thread;
  }
}
