import type { Block, HtmlDocument, SkippedKind } from './html-blocks';
import { escapeInline } from './markdown-text';
import { documentKind, isCapitals, isLowerOutline, isTitleBlockLine, outlineLevel } from './vn-outline';

export interface ImportedSection {
  heading: string;
  body: string;
}

export interface Skipped {
  what: SkippedKind;
  /** The heading of the section it was in, or TITLE_BLOCK. */
  where: string;
}

export interface ImportedDraft {
  /** From the title block ("ĐỀ ÁN" and the lines under it), else the file's own title; null when neither. */
  title: string | null;
  kind: string | null;
  sections: ImportedSection[];
  skipped: Skipped[];
}

export const TITLE_BLOCK = 'Phần đầu văn bản (tiêu đề)';
/** Text before the first heading that is not part of the title block. */
export const PREAMBLE_HEADING = 'Mở đầu';
/** A file with no heading at all: one section. */
export const WHOLE_HEADING = 'Nội dung';

interface Start {
  index: number;
  heading: string;
  /** Blocks the heading took (the marker line and its title line). */
  used: number;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function joinTitle(marker: string, title: string): string {
  const m = oneLine(marker);
  return /[.:]$/.test(m) ? `${m} ${oneLine(title)}` : `${m}. ${oneLine(title)}`;
}

/** A heading paragraph of two lines, "Phần I" over its title (as duthao and Decree 30 set them), reads as "Phần I. TITLE". */
function styledHeading(block: Block): string {
  const [first, ...rest] = block.lines;
  return rest.length && outlineLevel(first)?.bare ? joinTitle(first, rest.join(' ')) : oneLine(block.text);
}

/** Heading 1 and 2 when the file has them; else the highest level of the Vietnamese outline present. */
function sectionStarts(blocks: Block[]): Start[] {
  if (blocks.some((b) => b.headingLevel === 1 || b.headingLevel === 2)) {
    return blocks.flatMap((b, index) => (b.headingLevel === 1 || b.headingLevel === 2 ? [{ index, heading: styledHeading(b), used: 1 }] : []));
  }
  const levels = blocks.map((b) => (b.kind === 'paragraph' ? outlineLevel(b.text) : null));
  // A loop, not Math.min(...): a file may hold a million paragraphs, past the spread's stack.
  const top = levels.reduce((min, l) => Math.min(min, l?.rank ?? Infinity), Infinity);
  if (top === Infinity) return [];
  const starts: Start[] = [];
  levels.forEach((level, index) => {
    if (level?.rank !== top) return;
    const next = blocks[index + 1];
    const titled = level.bare && next?.kind === 'paragraph' && !outlineLevel(next.text) && (next.bold || isCapitals(next.text));
    starts.push(titled ? { index, heading: joinTitle(blocks[index].text, next.text), used: 2 } : { index, heading: oneLine(blocks[index].text), used: 1 });
  });
  return starts;
}

/** A body block as Markdown: lower outline levels and minor headings as bold paragraphs. */
function bodyMarkdown(block: Block, topRankSeen: boolean): string {
  if (block.kind !== 'paragraph' || block.bold) return block.md;
  const minorHeading = block.headingLevel !== null || (topRankSeen && (outlineLevel(block.text) !== null || isLowerOutline(block.text)));
  return minorHeading ? `**${escapeInline(oneLine(block.text))}**` : block.md;
}

function withNotes(blocks: Block[], doc: HtmlDocument): string[] {
  const notes = [...new Set(blocks.flatMap((b) => b.notes))];
  return notes.flatMap((id) => {
    const note = doc.notes.get(id);
    return note ? [`${note.label} ${note.md}`] : [];
  });
}

interface TitleBlock {
  title: string | null;
  kind: string | null;
  preamble: Block[];
}

/** The title block: the kind line ("ĐỀ ÁN") and the bold or capital lines under it are the title. */
function readTitleBlock(blocks: Block[]): TitleBlock {
  const paragraphs = blocks.filter((b) => b.kind === 'paragraph');
  const kindAt = paragraphs.findIndex((b) => documentKind(b.text) !== null);
  const taken = new Set<Block>();
  let title: string | null = null;
  let kind: string | null = null;
  if (kindAt >= 0) {
    kind = documentKind(paragraphs[kindAt].text);
    taken.add(paragraphs[kindAt]);
    const lines: string[] = [];
    for (const b of paragraphs.slice(kindAt + 1)) {
      if (isTitleBlockLine(b.text) || (lines.length > 0 && !(b.bold || isCapitals(b.text))) || lines.length >= 3) break;
      lines.push(oneLine(b.text));
      taken.add(b);
    }
    if (lines.length) title = `${kind} ${lines.join(' ')}`;
  } else {
    const first = paragraphs.find((b) => (b.bold || isCapitals(b.text)) && !isTitleBlockLine(b.text) && b.text.length <= 500);
    if (first) {
      title = oneLine(first.text);
      taken.add(first);
    }
  }
  // What is left of the title block and is not its usual furniture (agency, motto, "Số:", date) is text.
  const preamble = blocks.filter(
    (b) =>
      !taken.has(b) &&
      b.kind !== 'table' &&
      !(b.kind === 'paragraph' && (isCapitals(b.text) || (b.bold && b.text.length <= 300) || b.lines.every(isTitleBlockLine))),
  );
  return { title, kind, preamble };
}

function skippedIn(blocks: Block[], where: string): Skipped[] {
  return blocks.flatMap((b) => b.skipped.map((what) => ({ what, where })));
}

/**
 * The blocks before the document's closing: the table of "Nơi nhận" beside the signature (Decree
 * 30), like the title block, belongs to the document, not to its last section.
 */
function withoutClosing(blocks: Block[]): Block[] {
  const at = blocks.findIndex((b, i) => i > 0 && b.kind === 'table' && /^\s*Nơi nhận\s*:/i.test(b.text));
  return at < 0 ? blocks : blocks.slice(0, at);
}

/** A Word file's blocks as a plan: its title, its sections, and what could not be kept as it was. */
export function draftFromBlocks(doc: HtmlDocument, fileTitle: string | null): ImportedDraft {
  const blocks = withoutClosing(doc.blocks);
  const starts = sectionStarts(blocks);
  const head = blocks.slice(0, starts.length ? starts[0].index : blocks.length);
  const titleBlock = starts.length ? readTitleBlock(head) : { title: null, kind: null, preamble: [] };
  const sections: ImportedSection[] = [];
  const skipped: Skipped[] = skippedIn(starts.length ? head.filter((b) => !titleBlock.preamble.includes(b)) : [], TITLE_BLOCK);
  const section = (heading: string, body: Block[]) => {
    const parts = [...body.map((b) => bodyMarkdown(b, true)), ...withNotes(body, doc)].filter((p) => p.trim());
    sections.push({ heading, body: parts.join('\n\n') });
    skipped.push(...skippedIn(body, heading));
  };
  if (!starts.length) {
    section(fileTitle ?? WHOLE_HEADING, blocks);
  } else if (titleBlock.preamble.length) {
    section(PREAMBLE_HEADING, titleBlock.preamble);
  }
  starts.forEach((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].index : blocks.length;
    const own = blocks.slice(start.index, start.index + start.used);
    skipped.push(...skippedIn(own, start.heading));
    section(start.heading, blocks.slice(start.index + start.used, end));
  });
  return { title: titleBlock.title ?? fileTitle, kind: titleBlock.kind, sections, skipped };
}
