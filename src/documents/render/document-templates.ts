import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import Handlebars from 'handlebars';
import { TEMPLATES_DIR } from '../../common/paths';
import type { ComparisonDocumentModel } from '../domain/comparison-document';
import type { MinutesDocumentModel } from '../domain/minutes-document';
import type { PlanDocumentModel } from '../domain/plan-document';
import type { ReportDocumentModel } from '../domain/report-document';
import { MARKDOWN_RULES, renderMarkdown } from './markdown';

export const DOCUMENT_KINDS = ['plan', 'report', 'minutes', 'comparison'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface DocumentModels {
  plan: PlanDocumentModel;
  report: ReportDocumentModel;
  minutes: MinutesDocumentModel;
  comparison: ComparisonDocumentModel;
}

/** Bump when a view-model builder changes what it prints (templates and fonts are hashed on their own). */
const MODEL_REVISION = '2';

export const PDF_TEMPLATES_DIR = join(TEMPLATES_DIR, 'pdf');

/**
 * Tinos regular, bold, italic and bold italic, each cut in subsets that apply only to their
 * characters. The face declared last is tried first, so Vietnamese letters come from the
 * Vietnamese subset and a Vietnamese document loads just that one and Latin.
 */
const FONT_SUBSETS = ['latin-ext', 'latin', 'vietnamese'];
const FONT_STYLES = [
  { weight: 400, style: 'normal' },
  { weight: 700, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 700, style: 'italic' },
];

interface FontFace {
  file: string;
  weight: number;
  style: string;
  unicodeRange: string;
  data: Buffer;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

/** The woff2 files that @fontsource/tinos ships, with its unicode range for each subset. */
function loadFonts(): FontFace[] {
  const pkg = dirname(require.resolve('@fontsource/tinos/package.json'));
  const ranges = JSON.parse(readFileSync(join(pkg, 'unicode.json'), 'utf8')) as Record<string, string>;
  return FONT_SUBSETS.flatMap((subset) =>
    FONT_STYLES.map((s) => {
      const file = `tinos-${subset}-${s.weight}-${s.style}.woff2`;
      const unicodeRange = ranges[subset];
      if (!unicodeRange) throw new Error(`@fontsource/tinos has no "${subset}" subset`);
      return { file, weight: s.weight, style: s.style, unicodeRange, data: readFileSync(join(pkg, 'files', file)) };
    }),
  );
}

function fontFaceCss(fonts: FontFace[]): string {
  return fonts
    .map(
      (f) =>
        `@font-face{font-family:'Tinos';font-style:${f.style};font-weight:${f.weight};font-display:block;` +
        `src:url(data:font/woff2;base64,${f.data.toString('base64')}) format('woff2');unicode-range:${f.unicodeRange};}`,
    )
    .join('\n');
}

interface Compiled {
  version: string;
  render: { [K in DocumentKind]: (model: DocumentModels[K]) => string };
}

let compiled: Compiled | null = null;

/** Compiles every template once per process; the fonts go inline so no request is ever needed. */
function compile(): Compiled {
  if (compiled) return compiled;
  const files = listFiles(PDF_TEMPLATES_DIR);
  const fonts = loadFonts();
  const markdownIt = (JSON.parse(readFileSync(require.resolve('markdown-it/package.json'), 'utf8')) as { version: string }).version;
  const hash = createHash('sha256').update(`model:${MODEL_REVISION}\0handlebars:${Handlebars.VERSION}\0markdown-it:${markdownIt}:${MARKDOWN_RULES}\0`);
  for (const file of files)
    hash
      .update(`${relative(PDF_TEMPLATES_DIR, file)}\0`)
      .update(readFileSync(file))
      .update('\0');
  for (const f of fonts) hash.update(`${f.file}\0${f.unicodeRange}\0`).update(f.data);

  const hb = Handlebars.create();
  const styles = new hb.SafeString(`${fontFaceCss(fonts)}\n${readFileSync(join(PDF_TEMPLATES_DIR, 'document.css'), 'utf8')}`);
  hb.registerHelper('styles', () => styles);
  hb.registerHelper('markdown', (source: unknown) => new hb.SafeString(typeof source === 'string' ? renderMarkdown(source) : ''));
  for (const file of files.filter((f) => f.startsWith(join(PDF_TEMPLATES_DIR, 'partials')) && f.endsWith('.hbs'))) {
    hb.registerPartial(basename(file, '.hbs'), readFileSync(file, 'utf8'));
  }
  const options: CompileOptions = { knownHelpers: { styles: true, markdown: true }, knownHelpersOnly: true, preventIndent: true };
  const template = (kind: DocumentKind) => hb.compile(readFileSync(join(PDF_TEMPLATES_DIR, `${kind}.hbs`), 'utf8'), options);
  compiled = {
    version: hash.digest('hex'),
    render: { plan: template('plan'), report: template('report'), minutes: template('minutes'), comparison: template('comparison') },
  };
  return compiled;
}

/**
 * sha256 of the templates, stylesheet, fonts, Markdown rules and the versions of Handlebars and
 * markdown-it: part of every cached document's key, so a document changes when any of them does.
 */
export const TEMPLATE_VERSION: string = compile().version;

/**
 * The HTML of one document; every string from the model is escaped except the Markdown bodies.
 * `auditLine` (the audit checkpoint the document is issued under) is printed small at the end.
 */
export function renderHtml<K extends DocumentKind>(kind: K, model: DocumentModels[K], auditLine: string | null = null): string {
  const { render } = compile();
  if (!Object.hasOwn(render, kind)) throw new Error(`Unknown document kind: ${String(kind)}`);
  return (render[kind] as (m: DocumentModels[K] & { auditLine: string | null }) => string)({ ...model, auditLine });
}
