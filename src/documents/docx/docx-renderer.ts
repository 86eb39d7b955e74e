import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Document, Packer } from 'docx';
import type { DocumentKind, DocumentModels } from '../render/document-templates';
import { MARKDOWN_RULES } from '../render/markdown';
import { comparisonDocx } from './comparison-docx';
import { minutesDocx } from './minutes-docx';
import { planDocx } from './plan-docx';
import { reportDocx } from './report-docx';

const WRITERS: { [K in DocumentKind]: (model: DocumentModels[K], auditLine: string | null) => Document } = {
  plan: planDocx,
  report: reportDocx,
  minutes: minutesDocx,
  comparison: comparisonDocx,
};

/** A package's version, found from its entry point (docx exports no ./package.json). */
function versionOf(pkg: string): string {
  for (let dir = dirname(require.resolve(pkg)); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version: string };
    if (name === pkg) return version;
  }
  throw new Error(`No package.json for ${pkg}`);
}

/**
 * sha256 of this folder's code (the layout and the writers), the Markdown rules and the versions
 * of docx and markdown-it: part of every Word document's key, so a document changes when they do.
 */
function docxVersion(): string {
  const hash = createHash('sha256').update(`docx:${versionOf('docx')}\0markdown-it:${versionOf('markdown-it')}:${MARKDOWN_RULES}\0`);
  const files = readdirSync(__dirname)
    .filter((f) => /\.(js|ts)$/.test(f) && !/\.(spec|d)\.ts$/.test(f))
    .sort();
  for (const f of files)
    hash
      .update(`${f}\0`)
      .update(readFileSync(join(__dirname, f)))
      .update('\0');
  return hash.digest('hex');
}

export const DOCX_VERSION: string = docxVersion();

/** The .docx of one document, from the same view model as its PDF; `auditLine` as in renderHtml. */
export async function renderDocx<K extends DocumentKind>(kind: K, model: DocumentModels[K], auditLine: string | null = null): Promise<Buffer> {
  if (!Object.hasOwn(WRITERS, kind)) throw new Error(`Unknown document kind: ${String(kind)}`);
  return Packer.toBuffer((WRITERS[kind] as (m: DocumentModels[K], line: string | null) => Document)(model, auditLine));
}
