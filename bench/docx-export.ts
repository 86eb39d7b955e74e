/**
 * Word export benchmark: a ~100-page plan as .docx, the app's writer against the docx library alone.
 *
 *   npm run bench -- docx-export
 *
 *   (a) renderDocx: what the worker does per Word document (Markdown parsed, the Decree 30 layout,
 *       the header, title block, numbered lists, tables, closing), packed to bytes.
 *   (b) the floor: the docx library alone writing the same content (the same headings, paragraphs,
 *       runs, list items as Word lists, tables with their header row, read from the Markdown before
 *       the clock starts) with none of the layout, packed the same way.
 * Medians of BENCH_RUNS (default 15) runs each, alternating, after warm-up runs, in wall time and
 * in CPU time (the process's user + system time, less moved by other work on the machine). Goal:
 * ≤ 1.3× the floor and under 1 s.
 */
import { Document, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { buildPlanDocument } from '../src/documents/domain/plan-document';
import { renderDocx } from '../src/documents/docx/docx-renderer';
import { parseMarkdown } from '../src/documents/render/markdown';
import { largePlanInput } from '../test/pdf-support';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);

type Run = { text: string; bold: boolean; italics: boolean };
/** `list`: the paragraph is an item of the n-th list of the document (numbered or bulleted). */
type Block = { kind: 'p'; runs: Run[]; list?: { n: number; ordered: boolean; level: number } } | { kind: 'table'; rows: string[][] };

let lists = 0;

/** The content of a body, as the floor writes it: paragraphs of runs, list items, tables of cell texts. */
function content(source: string): Block[] {
  const blocks: Block[] = [];
  let table: string[][] | null = null;
  const open: { n: number; ordered: boolean }[] = [];
  for (const t of parseMarkdown(source)) {
    if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') open.push({ n: ++lists, ordered: t.type === 'ordered_list_open' });
    else if (t.type === 'bullet_list_close' || t.type === 'ordered_list_close') open.pop();
    else if (t.type === 'table_open') table = [];
    else if (t.type === 'table_close' && table) {
      blocks.push({ kind: 'table', rows: table });
      table = null;
    } else if (t.type === 'tr_open' && table) table.push([]);
    else if (t.type === 'inline') {
      if (table) {
        table[table.length - 1].push(t.content);
        continue;
      }
      let bold = false;
      let italics = false;
      const runs: Run[] = [];
      for (const c of t.children ?? []) {
        if (c.type === 'strong_open' || c.type === 'strong_close') bold = c.type === 'strong_open';
        else if (c.type === 'em_open' || c.type === 'em_close') italics = c.type === 'em_open';
        else if (c.content) runs.push({ text: c.content, bold, italics });
      }
      const list = open[open.length - 1];
      blocks.push({ kind: 'p', runs, list: list && { ...list, level: open.length - 1 } });
    }
  }
  return blocks;
}

const LEVELS = (format: (typeof LevelFormat)[keyof typeof LevelFormat], text: (i: number) => string) =>
  Array.from({ length: 5 }, (_, level) => ({ level, format, text: text(level) }));
const NUMBERING = {
  config: [
    { reference: 'bullet', levels: LEVELS(LevelFormat.BULLET, () => '-') },
    { reference: 'ordered', levels: LEVELS(LevelFormat.DECIMAL, (i) => `%${i + 1}.`) },
  ],
};

/** The same headings, paragraphs, runs, list items (as Word lists) and tables, with no layout. */
function floor(sections: { heading: string; blocks: Block[] }[]): Promise<Buffer> {
  const children = sections.flatMap((s) => [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: s.heading, bold: true })] }),
    ...s.blocks.map((b) =>
      b.kind === 'p'
        ? new Paragraph({
            children: b.runs.map((r) => new TextRun(r)),
            numbering: b.list && { reference: b.list.ordered ? 'ordered' : 'bullet', instance: b.list.n, level: b.list.level },
          })
        : new Table({
            rows: b.rows.map(
              (row, i) => new TableRow({ tableHeader: i === 0, children: row.map((cell) => new TableCell({ children: [new Paragraph(cell)] })) }),
            ),
          }),
    ),
  ]);
  return Packer.toBuffer(new Document({ numbering: NUMBERING, sections: [{ children }] }));
}

/** Wall time and CPU time (user + system) of one run, in ms: on a loaded machine the CPU time says more. */
async function time(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wall: Number(process.hrtime.bigint() - start) / 1e6, cpu: (used.user + used.system) / 1000 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export async function main(): Promise<void> {
  const model = buildPlanDocument(largePlanInput(100));
  const sections = model.sections.map((s) => ({ heading: `${s.label} ${s.title}`, blocks: content(s.body) }));
  const chars = model.sections.reduce((n, s) => n + s.body.length, 0);
  console.log(
    `Word export benchmark — Node ${process.version}: a plan of ${model.sections.length} sections, ${chars.toLocaleString('en')} characters of Markdown (~100 pages)`,
  );

  let appBytes = 0;
  let floorBytes = 0;
  for (let i = 0; i < 3; i++) {
    appBytes = (await renderDocx('plan', model)).length;
    floorBytes = (await floor(sections)).length;
  }
  const app: { wall: number; cpu: number }[] = [];
  const bare: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    app.push(await time(() => renderDocx('plan', model)));
    bare.push(await time(() => floor(sections)));
  }
  const [aw, ac, bw, bc] = [median(app.map((x) => x.wall)), median(app.map((x) => x.cpu)), median(bare.map((x) => x.wall)), median(bare.map((x) => x.cpu))];
  const row = (name: string, wall: number, cpu: number, bytes: number) =>
    console.log(`${name}${wall.toFixed(1).padStart(9)} ms wall ${cpu.toFixed(1).padStart(9)} ms CPU  ${(bytes / 1024).toFixed(0)} KiB`);
  row('(a) renderDocx         ', aw, ac, appBytes);
  row('(b) docx library alone ', bw, bc, floorBytes);
  const [rw, rc] = [aw / bw, ac / bc];
  console.log(
    `ratio ${rw.toFixed(2)}× wall, ${rc.toFixed(2)}× CPU (goal ≤ 1.3×: ${Math.max(rw, rc) <= 1.3 ? 'met' : 'NOT met'}); under 1 s: ${aw < 1000 ? 'yes' : 'NO'} (wall), ${ac < 1000 ? 'yes' : 'NO'} (CPU)`,
  );
}
