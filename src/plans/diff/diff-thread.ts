import { parentPort } from 'node:worker_threads';
import { diffPassage, diffSections, newDiffBudget } from '../domain/section-diff';
import type { Section } from '../domain/sections';
import type { DiffTask, DiffTaskResult } from './diff-pool';

/**
 * A diff thread: takes the versions' sections as JSON text (parsed here, not on the HTTP thread) and
 * answers with the diff as JSON text, ready to store and to send.
 */
function run(task: DiffTask): DiffTaskResult {
  if (task.kind === 'text') {
    const { ops, approximate } = diffPassage(task.from, task.to);
    return { json: JSON.stringify(ops), approximate };
  }
  const sections = diffSections(JSON.parse(task.from) as Section[], JSON.parse(task.to) as Section[], newDiffBudget());
  return { json: JSON.stringify(sections), approximate: sections.some((s) => s.approximate) };
}

parentPort!.on('message', ({ id, task }: { id: number; task: DiffTask }) => {
  try {
    parentPort!.postMessage({ id, result: run(task) });
  } catch (err) {
    parentPort!.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
