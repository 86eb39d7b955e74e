/**
 * PDF rendering benchmark: the renderer against the floor and against a browser per render.
 *
 *   npm run bench -- pdf-render
 *
 * Takes a few minutes; run it on a quiet machine: every figure is a median of several runs,
 * printed with the ratios. bench/documents.ts measures the same documents end to end (POST → done).
 *
 *   (a) PdfRenderer, warm browser: what the worker does per document.
 *   (b) the floor: page.setContent + page.pdf() of the same HTML with the same print options, on a
 *       browser and page already open, with no lockdown and no queue.
 *   (c) launching a new browser for each render, as most projects do.
 * Also: 8 renders at once (throughput), and RSS (Node + Chromium) over 200 renders.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import puppeteer, { Browser } from 'puppeteer';
import { buildMinutesDocument } from '../src/documents/domain/minutes-document';
import { buildPlanDocument } from '../src/documents/domain/plan-document';
import { buildReportDocument } from '../src/documents/domain/report-document';
import { CHROMIUM_ARGS, findChromium } from '../src/documents/render/chromium';
import { renderHtml } from '../src/documents/render/document-templates';
import { PDF_OPTIONS, PdfRenderer } from '../src/documents/render/pdf-renderer';
import { largePlanInput, largeReportInput, longMinutesInput } from '../test/pdf-support';

const executablePath = findChromium(process.env.PUPPETEER_EXECUTABLE_PATH ?? null);

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const ms = (x: number) => `${x.toFixed(0).padStart(7)} ms`;
const ratio = (x: number) => `${x.toFixed(2)}×`;

export function launch(): Promise<Browser> {
  return puppeteer.launch({
    executablePath,
    headless: true,
    pipe: true,
    args: [...CHROMIUM_ARGS],
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    // A baseline render of the largest plan (~1,800 pages) may take minutes on a busy machine.
    protocolTimeout: 0,
  });
}

/** The bare minimum: the same HTML and print options on a page that is already open. */
export async function floorRender(browser: Browser, html: string): Promise<number> {
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  return time(async () => {
    await page.setContent(html, { waitUntil: 'load', timeout: 0 });
    await page.pdf({ ...PDF_OPTIONS, timeout: 0 });
  });
}

export async function launchPerRender(html: string): Promise<number> {
  return time(async () => {
    const browser = await launch();
    try {
      const page = await browser.newPage();
      await page.setContent(html, { waitUntil: 'load', timeout: 0 });
      await page.pdf({ ...PDF_OPTIONS, timeout: 0 });
    } finally {
      await browser.close();
    }
  });
}

/**
 * Memory in MB of a process and all its descendants (Linux /proc): RSS summed, and PSS summed
 * (shared pages divided among the processes that share them, so not counted once per process).
 */
function treeMemoryMb(rootPid: number): { rss: number; pss: number } {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const total = { rss: 0, pss: 0 };
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      total.rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0) / 1024;
      total.pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0) / 1024;
    } catch {
      // gone
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

interface Case {
  name: string;
  html: string;
  pages: number;
  runs: number;
  launchRuns: number;
}

async function compare(renderer: PdfRenderer, floorBrowser: Browser, c: Case): Promise<void> {
  const warm: number[] = [];
  const floor: number[] = [];
  const launched: number[] = [];
  // Interleaved, in alternating order, so that other load on the machine falls on all alike.
  for (let i = 0; i < c.runs; i++) {
    if (i % 2) floor.push(await floorRender(floorBrowser, c.html));
    warm.push(await time(() => renderer.render(c.html)));
    if (i % 2 === 0) floor.push(await floorRender(floorBrowser, c.html));
    if (i < c.launchRuns) launched.push(await launchPerRender(c.html));
  }
  const [w, f, l] = [median(warm), median(floor), median(launched)];
  console.log(`\n${c.name} (${c.pages} pages, ${(c.html.length / 1e6).toFixed(1)} MB of HTML), medians of ${c.runs} / ${c.runs} / ${c.launchRuns} runs`);
  console.log(`  (a) PdfRenderer, warm browser     ${ms(w)}`);
  console.log(`  (b) floor: bare page.pdf()        ${ms(f)}   (a)/(b) = ${ratio(w / f)}`);
  console.log(`  (c) new browser per render        ${ms(l)}   (c)/(a) = ${ratio(l / w)}`);
}

async function throughput(renderer: PdfRenderer, name: string, html: string): Promise<void> {
  const one = median([await time(() => renderer.render(html)), await time(() => renderer.render(html)), await time(() => renderer.render(html))]);
  const eight = await time(() => Promise.all(Array.from({ length: 8 }, () => renderer.render(html))));
  console.log(
    `  ${name}: one alone ${ms(one)}; 8 at once in ${ms(eight)} = ${((8 / eight) * 1000).toFixed(2)} renders/s, ${ratio((8 * one) / eight)} the rate of one at a time`,
  );
}

/** 200 renders on one browser (no recycling inside the window): does memory creep? */
async function memory(html: string): Promise<void> {
  const renderer = new PdfRenderer({ recycleAfter: 1000 });
  const samples: { at: number; node: number; rss: number; pss: number }[] = [];
  for (let i = 1; i <= 200; i++) {
    await renderer.render(html);
    if (i === 1 || i % 25 === 0) {
      const chromium = treeMemoryMb(renderer.stats().browserPid!);
      samples.push({ at: i, node: process.memoryUsage().rss / 1024 / 1024, ...chromium });
    }
  }
  await renderer.close();
  console.log('\nMemory over 200 renders of the 4-page minutes on one browser:');
  for (const s of samples) {
    console.log(
      `  after ${String(s.at).padStart(3)}: Node RSS ${s.node.toFixed(0).padStart(4)} MB; Chromium RSS ${s.rss.toFixed(0).padStart(5)} MB, PSS ${s.pss.toFixed(0).padStart(4)} MB`,
    );
  }
  const [a, z] = [samples[1], samples[samples.length - 1]];
  console.log(
    `  from render 25 to 200: Node ${(z.node - a.node).toFixed(0)} MB, Chromium PSS ${(z.pss - a.pss).toFixed(0)} MB (${(((z.pss - a.pss) / a.pss) * 100).toFixed(1)}%)`,
  );
}

export async function main(): Promise<void> {
  console.log(`PDF rendering benchmark — Chromium ${executablePath}, ${availableParallelism()} CPUs, Node ${process.version}`);
  const plan = renderHtml('plan', buildPlanDocument(largePlanInput(100)));
  const report = renderHtml('report', buildReportDocument(largeReportInput(2000)));
  const minutes = renderHtml('minutes', buildMinutesDocument(longMinutesInput(24)));

  const renderer = new PdfRenderer({});
  const floorBrowser = await launch();
  try {
    const pages = async (html: string) => (await renderer.render(html)).pages;
    const cases: Case[] = [
      { name: 'Plan of ~100 pages', html: plan, pages: await pages(plan), runs: 5, launchRuns: 3 },
      { name: 'Report of 2,000 comments', html: report, pages: await pages(report), runs: 5, launchRuns: 2 },
      { name: 'Minutes of 4 pages', html: minutes, pages: await pages(minutes), runs: 20, launchRuns: 10 },
    ];
    await floorRender(floorBrowser, minutes);
    for (const c of cases) await compare(renderer, floorBrowser, c);

    console.log(`\nThroughput, PdfRenderer with concurrency ${availableParallelism()} (default):`);
    await throughput(renderer, 'minutes (4 pages)', minutes);
    await throughput(renderer, 'plan (~100 pages)', plan);
  } finally {
    await renderer.close();
    await floorBrowser.close();
  }
  await memory(minutes);
}
