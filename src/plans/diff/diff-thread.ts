import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { diffPassage, diffSections, newDiffBudget } from '../domain/section-diff';
import type { Section } from '../domain/sections';
import type { DiffTask, DiffTaskResult } from './diff-pool';

/**
 * A diff thread: takes the versions' sections as JSON text (parsed here, not on the HTTP thread) and
 * answers with the diff as JSON text, ready to store and to send.
 */
async function run(task: DiffTask): Promise<DiffTaskResult> {
  if (task.kind === 'module') {
    const work = (await import(task.module)) as { runInThread: (input: string) => Buffer };
    return { json: work.runInThread(task.input), approximate: false };
  }
  if (task.kind === 'text') {
    const { ops, approximate } = diffPassage(task.from, task.to);
    return { json: Buffer.from(JSON.stringify(ops)), approximate };
  }
  const sections = diffSections(JSON.parse(task.from) as Section[], JSON.parse(task.to) as Section[], newDiffBudget());
  return { json: Buffer.from(JSON.stringify(sections)), approximate: sections.some((s) => s.approximate) };
}

/**
 * On Linux a thread has a niceness of its own: this one yields the CPU to the process's HTTP thread
 * (a diff may wait a little; a request should not). /proc/thread-self names this thread's id.
 */
function yieldToHttp(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (tid > 0) setPriority(tid, 10);
  } catch {
    // Not Linux, or not allowed: the thread keeps the process's priority.
  }
}

yieldToHttp();

parentPort!.on('message', async ({ id, task }: { id: number; task: DiffTask }) => {
  try {
    const result = await run(task);
    // A copy of the bytes in a buffer of their own, whose memory moves to the HTTP thread as it is.
    const json = new Uint8Array(result.json);
    parentPort!.postMessage({ id, result: { json, approximate: result.approximate } }, [json.buffer]);
  } catch (err) {
    parentPort!.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
