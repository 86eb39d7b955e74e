/**
 * Word import benchmark: a ~100-page plan read from .docx, the app's import against mammoth alone.
 *
 *   npm run bench -- word-import
 *
 *   (a) readDraftFile: what POST /api/plans/import does with the bytes (the bounded zip reader,
 *       mammoth to HTML, the blocks, the sections from the headings, each body as Markdown).
 *   (b) the floor: mammoth's own convertToHtml of the same file, nothing else.
 * The file is the plan as duthao exports it (renderDocx), so every heading, list and table of a
 * real plan is in it. Medians of BENCH_RUNS (default 15) runs each, alternating, after warm-up runs,
 * in wall time and in CPU time. Goal: ≤ 1.3× the floor and under 1 s.
 */
import mammoth from 'mammoth';
import { buildPlanDocument } from '../src/documents/domain/plan-document';
import { renderDocx } from '../src/documents/docx/docx-renderer';
import { readDraftFile } from '../src/word/word-files';
import { largePlanInput } from '../test/pdf-support';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);

async function time(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wall: Number(process.hrtime.bigint() - start) / 1e6, cpu: (used.user + used.system) / 1000 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function main(): Promise<void> {
  const docx = await renderDocx('plan', buildPlanDocument(largePlanInput(100)));
  const draft = await readDraftFile(docx);
  const chars = draft.sections.reduce((n, s) => n + s.heading.length + s.body.length, 0);
  console.log(
    `a ~100-page plan as .docx: ${(docx.length / 1024).toFixed(0)} KiB, ${draft.sections.length} sections, ${chars.toLocaleString('en-US')} characters read back`,
  );
  const app = async () => readDraftFile(docx);
  const bare = async () => mammoth.convertToHtml({ buffer: docx });
  for (let i = 0; i < 3; i++) await Promise.all([app(), bare()].map((p) => p.then(() => undefined)));
  const a: { wall: number; cpu: number }[] = [];
  const b: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    a.push(await time(app));
    b.push(await time(bare));
  }
  const [aw, ac, bw, bc] = [median(a.map((x) => x.wall)), median(a.map((x) => x.cpu)), median(b.map((x) => x.wall)), median(b.map((x) => x.cpu))];
  const row = (name: string, wall: number, cpu: number) => console.log(`${name}${wall.toFixed(1).padStart(9)} ms wall ${cpu.toFixed(1).padStart(9)} ms CPU`);
  row('  import (readDraftFile)      ', aw, ac);
  row('  mammoth.convertToHtml alone ', bw, bc);
  console.log(
    `  ratio ${(aw / bw).toFixed(2)}× wall, ${(ac / bc).toFixed(2)}× CPU (goal ≤ 1.3×: ${ac / bc <= 1.3 ? 'met' : 'MISSED'}); ` +
      `under 1 s: ${aw < 1000 ? 'met' : 'MISSED'} (medians of ${RUNS})`,
  );
}
