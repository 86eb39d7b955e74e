import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConferenceInput, MinutesDocumentInput } from '../src/documents/domain/minutes-document';
import type { PlanDocumentInput } from '../src/documents/domain/plan-document';
import type { ReportDocumentInput, ReportRowInput } from '../src/documents/domain/report-document';
import { sampleMinutesInput, samplePlanInput, sampleReportInput, SAMPLE_VERSION_1 } from './fixtures/document-inputs';
import { DEMO_AGENCIES, DEMO_COMMENTS, DEMO_SECTIONS } from '../src/demo/demo-data';

/** Helpers for the PDF specs and the benchmark: read PDFs back with poppler-utils, build large inputs. */

export interface PdfWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface ReadPdf {
  pages: number;
  /** Width × height in points, rounded. */
  size: [number, number];
  fonts: { name: string; type: string; embedded: boolean }[];
  /** Text of each page in content-stream order (pdftotext -raw). */
  text: string[];
  /** Words of each page with their boxes (pdftotext -bbox). */
  words: PdfWord[][];
}

function poppler(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

export function readPdf(pdf: Buffer): ReadPdf {
  const dir = mkdtempSync(join(tmpdir(), 'duthao-pdf-test-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    const info = poppler('pdfinfo', [file]);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info)!;
    const fonts = poppler('pdffonts', [file])
      .split('\n')
      .slice(2)
      .filter(Boolean)
      .map((line) => {
        const cols = line.trim().split(/\s+/);
        // name type [type…] encoding emb sub uni object ID: emb is the fifth column from the end.
        return { name: cols[0], type: cols.slice(1, cols.length - 6).join(' '), embedded: cols[cols.length - 5] === 'yes' };
      });
    const text = poppler('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']).split('\f').slice(0, pages);
    const bbox = poppler('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-']);
    const words = bbox
      .split('<page ')
      .slice(1)
      .map((page) =>
        [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
          text: unescapeXml(m[5]),
          xMin: Number(m[1]),
          yMin: Number(m[2]),
          xMax: Number(m[3]),
          yMax: Number(m[4]),
        })),
      );
    return { pages, size: [Math.round(Number(size[1])), Math.round(Number(size[2]))], fonts, text, words };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Text with all whitespace removed: line breaks fall anywhere, the characters do not move. */
export function bare(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, '');
}

/** The whole document's text, whitespace removed. */
export function bareText(doc: ReadPdf): string {
  return bare(doc.text.join(''));
}

const MM = 72 / 25.4;

/** Words printed in the top margin (20 mm) of each page: the page number and nothing else. */
export function topMarginWords(doc: ReadPdf): PdfWord[][] {
  return doc.words.map((page) => page.filter((w) => w.yMax <= 20 * MM));
}

/** The horizontal centre of the text area (left margin 30 mm, right 15 mm on A4). */
export const TEXT_CENTRE_X = ((30 + (210 - 15)) / 2) * MM;

/** A report with `n` comments whose rows differ in height; every row carries unique marks A…E. */
export function largeReportInput(n: number): ReportDocumentInput {
  const input = sampleReportInput();
  const mark = (letter: string, i: number) => `${letter}${String(i + 1).padStart(4, '0')}`;
  const rows: ReportRowInput[] = Array.from({ length: n }, (_, i) => {
    const c = DEMO_COMMENTS[i % DEMO_COMMENTS.length];
    const filler = ' Đề nghị làm rõ thêm nội dung này để bảo đảm tính khả thi.'.repeat(i % 4);
    return {
      no: i + 1,
      sectionHeading: `${mark('A', i)} ${SAMPLE_VERSION_1[(c.section ?? i) % SAMPLE_VERSION_1.length].heading}`,
      quote: c.quote,
      agency: DEMO_AGENCIES[i % DEMO_AGENCIES.length].name,
      body: `${mark('B', i)} ${c.body}${filler} ${mark('C', i)}`,
      decision: (['accepted', 'partially_accepted', 'explained', 'not_accepted', null] as const)[i % 5],
      reason: i % 5 === 4 ? null : `${mark('D', i)} Đã rà soát, chỉnh sửa tại dự thảo lần 2. ${mark('E', i)}`,
      addressedInVersion: i % 5 < 2 ? 2 : null,
      late: i % 11 === 0,
      source: i % 13 === 0 ? 'conference' : 'agency',
    };
  });
  const count = (d: string | null) => rows.filter((r) => r.decision === d).length;
  return {
    ...input,
    report: {
      ...input.report,
      totals: {
        comments: n,
        accepted: count('accepted'),
        partially_accepted: count('partially_accepted'),
        explained: count('explained'),
        not_accepted: count('not_accepted'),
        undecided: count(null),
      },
      rows,
    },
  };
}

/** A plan of about `pages` pages: the seed sections again and again, with lists and a table. */
export function largePlanInput(pages: number): PlanDocumentInput {
  const input = samplePlanInput(true);
  const table = '| Năm | Số hợp tác xã | Thành lập mới |\n| --- | ---: | ---: |\n| 2021 | 608 | 41 |\n| 2022 | 633 | 25 |\n| 2025 | 700 | 30 |';
  const sections = Array.from({ length: Math.ceil(pages * 1.35) }, (_, i) => {
    const s = DEMO_SECTIONS[i % DEMO_SECTIONS.length];
    return {
      key: `big-${i}`,
      heading: i % 3 === 0 ? s.heading : `${i % 3}. ${s.heading.replace(/^Phần [IVX]+\. /u, '')}`,
      body: `${s.body}\n\n${table}\n\n${DEMO_SECTIONS[(i + 2) % DEMO_SECTIONS.length].body}`,
    };
  });
  return { ...input, version: { ...input.version, sections } };
}

/** The seed minutes with more opinions, to make them longer. */
export function longMinutesInput(opinions: number): MinutesDocumentInput {
  const input = sampleMinutesInput();
  const c: ConferenceInput = input.conference;
  const base = c.minutes!.opinions;
  return {
    ...input,
    conference: {
      ...c,
      minutes: { ...c.minutes!, opinions: Array.from({ length: opinions }, (_, i) => ({ ...base[i % base.length], no: i + 1 })) },
    },
  };
}

/** The text of one page, read on its own (pdftotext -f n -l n). */
export function pageText(pdf: Buffer, page: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'duthao-pdf-test-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return poppler('pdftotext', ['-raw', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), file, '-']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
