/**
 * Placing comments on a new version (src/consultation/domain/anchor-placement.ts), as the freeze
 * does in a diff thread:
 *
 *   npm run bench -- anchors
 *
 * 2,000 comments of version 1 (quotes of 2 to 12 words, a tenth of them of a phrase repeated in
 * their section, a twentieth on no section) placed on a 100-page version 2 in which a fifth of the
 * sections are edited (3% of their words), some sections have text inserted at their start, two
 * are merged into their neighbours and one is removed. Baseline, in the same run: a bare
 * `indexOf` of each quote in its section of version 2 (and in the whole text when not there).
 * Goal: under 500 ms in all. Env: BENCH_RUNS (7; medians), BENCH_COMMENTS (2000), BENCH_PAGES (100).
 */
import { performance } from 'node:perf_hooks';
import { AnchorInput, placeAnchors, Placement } from '../src/consultation/domain/anchor-placement';
import { anchorQuote } from '../src/consultation/domain/anchor-text';
import { CHARS_PER_PAGE } from '../src/documents/domain/page-estimate';
import type { Section } from '../src/plans/domain/sections';
import { edited, random, vnText } from '../test/support/vn-text';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 2000);
const PAGES = Number(process.env.BENCH_PAGES ?? 100);
const SECTIONS = 120;

function versions(): { v1: Section[]; v2: Section[] } {
  const chars = Math.ceil((PAGES * CHARS_PER_PAGE) / SECTIONS);
  const v1 = Array.from({ length: SECTIONS }, (_, i) => ({ key: `s${i}`, heading: `Mục ${i + 1}`, body: vnText(chars, 500 + i) }));
  const next = random(42);
  const v2: Section[] = [];
  for (const [i, s] of v1.entries()) {
    if (i === 7) continue; // removed
    if (i === 30 || i === 60) {
      v2[v2.length - 1] = { ...v2[v2.length - 1], body: `${v2[v2.length - 1].body}\n\n${s.body}` }; // merged into the one before
      continue;
    }
    let body = s.body;
    if (next() < 0.2) body = edited(body, 0.03, 900 + i);
    if (next() < 0.1) body = `Căn cứ Nghị quyết số 20-NQ/TW của Hội nghị Trung ương 5 khóa XIII. ${body}`;
    v2.push({ ...s, body });
  }
  return { v1, v2 };
}

function comments(v1: Section[]): AnchorInput[] {
  const next = random(7);
  const out: AnchorInput[] = [];
  while (out.length < COMMENTS) {
    if (next() < 0.05) {
      out.push({ versionNumber: 1, sectionKey: null, quote: null, start: null, end: null, before: null, after: null });
      continue;
    }
    const s = v1[Math.floor(next() * v1.length)];
    const words = [...s.body.matchAll(/[^\s]+/g)];
    const first = Math.floor(next() * (words.length - 12));
    const last = first + 1 + Math.floor(next() * 11);
    const quote = s.body.slice(words[first].index, words[last].index + words[last][0].length);
    const found = anchorQuote(s.body, quote, words[first].index).anchor!;
    out.push({ versionNumber: 1, sectionKey: s.key, quote, start: found.start, end: found.end, before: found.before, after: found.after });
  }
  return out;
}

function bare(anchors: AnchorInput[], v2: Section[]): number {
  const byKey = new Map(v2.map((s) => [s.key, s.body]));
  const whole = v2.map((s) => s.body).join('\n');
  let found = 0;
  for (const a of anchors) {
    if (!a.quote) continue;
    if ((byKey.get(a.sectionKey!)?.indexOf(a.quote) ?? -1) >= 0 || whole.indexOf(a.quote) >= 0) found++;
  }
  return found;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(1)} ms`;

export async function main(): Promise<void> {
  const { v1, v2 } = versions();
  const anchors = comments(v1);
  const chars = v2.reduce((n, s) => n + s.body.length, 0);
  console.log(
    `anchors: ${anchors.length} comments of version 1 on version 2 (${v2.length} sections, ${chars.toLocaleString('en')} characters ≈ ${Math.round(chars / CHARS_PER_PAGE)} pages), ${RUNS} runs`,
  );
  const times: number[] = [];
  const bases: number[] = [];
  let placements: Placement[] = [];
  for (let run = 0; run < RUNS; run++) {
    let t = performance.now();
    placements = placeAnchors(anchors, new Map([[1, v1]]), v2);
    times.push(performance.now() - t);
    t = performance.now();
    bare(anchors, v2);
    bases.push(performance.now() - t);
  }
  const states = placements.reduce<Record<string, number>>((n, p) => ({ ...n, [p.state]: (n[p.state] ?? 0) + 1 }), {});
  const undecided = placements.filter((p) => p.candidates).length;
  console.log(
    `  states: ${Object.entries(states)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ')} (of which undecided, with candidates: ${undecided})`,
  );
  console.log(`  bare indexOf (baseline): median ${ms(median(bases))}`);
  console.log(`  placing:                 median ${ms(median(times))}, first run ${ms(times[0])}, worst ${ms(Math.max(...times))}`);
  console.log(`  ratio: ${(median(times) / median(bases)).toFixed(1)}× the baseline; goal < 500 ms in all: ${Math.max(...times) < 500 ? 'met' : 'MISSED'}`);
}
