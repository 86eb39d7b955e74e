import { DOMParser } from '@xmldom/xmldom';
import { cleanText, escapeCell, escapeInline, escapeLineStart, wrap } from './markdown-text';

/** Something of the file that is not kept as it was (listed in the import's `skipped`). */
export type SkippedKind = 'image' | 'footnote' | 'endnote' | 'text_box' | 'field';

/** A block of mammoth's HTML: its plain text (to find headings) and its section Markdown. */
export interface Block {
  kind: 'paragraph' | 'list' | 'table';
  /** 1–6 for h1–h6 (Word's Heading styles), else null. */
  headingLevel: number | null;
  text: string;
  /** The lines of a paragraph (split at its line breaks), or every cell line of a table. */
  lines: string[];
  md: string;
  /** Every letter of it is bold. */
  bold: boolean;
  skipped: SkippedKind[];
  /** Footnotes and endnotes referred to from this block, by mammoth's id. */
  notes: string[];
}

export interface HtmlDocument {
  blocks: Block[];
  /** Footnote and endnote text by id, with the number the reference showed. */
  notes: Map<string, { label: string; md: string }>;
}

type El = { nodeType: number; nodeName: string; childNodes: ArrayLike<El>; getAttribute?(name: string): string | null; data?: string };

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
const children = (n: El): El[] => Array.from(n.childNodes);
const tag = (n: El) => n.nodeName.toLowerCase();

interface Inline {
  md: string;
  text: string;
  boldChars: number;
  otherChars: number;
}

interface Sink {
  skipped: SkippedKind[];
  notes: string[];
}

const NOTE_REF = /^#(footnote|endnote)-(?!ref-)(.+)$/;

function inline(nodes: El[], sink: Sink, ctx: { bold: boolean; italic: boolean; cell: boolean }): Inline {
  const out: Inline = { md: '', text: '', boldChars: 0, otherChars: 0 };
  const add = (part: Inline) => {
    out.md += part.md;
    out.text += part.text;
    out.boldChars += part.boldChars;
    out.otherChars += part.otherChars;
  };
  for (const n of nodes) {
    if (n.nodeType === TEXT_NODE) {
      const t = cleanText(n.data ?? '');
      const letters = t.replace(/\s/g, '').length;
      add({ md: escapeInline(t), text: t, boldChars: ctx.bold ? letters : 0, otherChars: ctx.bold ? 0 : letters });
      continue;
    }
    if (n.nodeType !== ELEMENT_NODE) continue;
    const name = tag(n);
    if (name === 'br') {
      add({ md: ctx.cell ? ' ' : '\\\n', text: '\n', boldChars: 0, otherChars: 0 });
    } else if (name === 'img') {
      sink.skipped.push('image');
    } else if (name === 'a' && NOTE_REF.test(n.getAttribute?.('href') ?? '')) {
      const [, kind, id] = NOTE_REF.exec(n.getAttribute!('href')!)!;
      sink.skipped.push(kind as SkippedKind);
      sink.notes.push(`${kind}-${id}`);
      add(inline(children(n), sink, ctx));
    } else if (name === 'a' && /^#(footnote|endnote)-ref-/.test(n.getAttribute?.('href') ?? '')) {
      // The note's link back to its reference ("↑").
    } else if ((name === 'strong' || name === 'b') && !ctx.bold) {
      const part = inline(children(n), sink, { ...ctx, bold: true });
      add({ ...part, md: wrap(part.md, '**') });
    } else if ((name === 'em' || name === 'i') && !ctx.italic) {
      const part = inline(children(n), sink, { ...ctx, italic: true });
      add({ ...part, md: wrap(part.md, '*') });
    } else if (name === 'p' && ctx.cell) {
      const part = inline(children(n), sink, ctx);
      add({ ...part, md: out.md ? ` ${part.md}` : part.md, text: out.text ? `\n${part.text}` : part.text });
    } else {
      add(inline(children(n), sink, ctx));
    }
  }
  return out;
}

const tidy = (md: string) =>
  md
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\\\n ?/g, '\\\n')
    .trim()
    .replace(/\\\n$/, '')
    .trim();

function paragraph(n: El, headingLevel: number | null): Block {
  const sink: Sink = { skipped: [], notes: [] };
  const part = inline(children(n), sink, { bold: false, italic: false, cell: false });
  const text = part.text.replace(/[ \t]+/g, ' ').trim();
  return {
    kind: 'paragraph',
    headingLevel,
    text: text.replace(/\s*\n\s*/g, ' '),
    lines: text.split(/\s*\n\s*/).filter(Boolean),
    md: escapeLineStart(tidy(part.md)),
    bold: part.boldChars > 0 && part.otherChars === 0,
    ...sink,
  };
}

function listLines(n: El, indent: string, sink: Sink, lines: string[], texts: string[]): void {
  const ordered = tag(n) === 'ol';
  let no = 0;
  for (const li of children(n).filter((c) => c.nodeType === ELEMENT_NODE && tag(c) === 'li')) {
    no++;
    const marker = ordered ? `${no}. ` : '- ';
    const own = children(li).filter((c) => !(c.nodeType === ELEMENT_NODE && (tag(c) === 'ul' || tag(c) === 'ol')));
    const part = inline(own, sink, { bold: false, italic: false, cell: true });
    const md = tidy(part.md);
    lines.push(`${indent}${marker}${md}`);
    texts.push(part.text.replace(/\s+/g, ' ').trim());
    for (const sub of children(li).filter((c) => c.nodeType === ELEMENT_NODE && (tag(c) === 'ul' || tag(c) === 'ol'))) {
      listLines(sub, indent + ' '.repeat(marker.length), sink, lines, texts);
    }
  }
}

function list(n: El): Block {
  const sink: Sink = { skipped: [], notes: [] };
  const lines: string[] = [];
  const texts: string[] = [];
  listLines(n, '', sink, lines, texts);
  return { kind: 'list', headingLevel: null, text: texts.join(' '), lines: texts, md: lines.join('\n'), bold: false, ...sink };
}

function rowsOf(n: El): El[] {
  const rows: El[] = [];
  for (const c of children(n)) {
    if (c.nodeType !== ELEMENT_NODE) continue;
    if (tag(c) === 'tr') rows.push(c);
    else if (['thead', 'tbody', 'tfoot'].includes(tag(c))) rows.push(...rowsOf(c));
  }
  return rows;
}

function table(n: El): Block {
  const sink: Sink = { skipped: [], notes: [] };
  const cellTexts: string[] = [];
  const rows = rowsOf(n).map((tr) => {
    const cells: string[] = [];
    for (const td of children(tr).filter((c) => c.nodeType === ELEMENT_NODE && (tag(c) === 'td' || tag(c) === 'th'))) {
      const part = inline(children(td), sink, { bold: false, italic: false, cell: true });
      cellTexts.push(
        ...part.text
          .split(/\s*\n\s*/)
          .map((t) => t.replace(/\s+/g, ' ').trim())
          .filter(Boolean),
      );
      cells.push(escapeCell(tidy(part.md).replace(/\\\n/g, ' ')));
      const span = Number(td.getAttribute?.('colspan') ?? '1');
      for (let i = 1; i < Math.min(Number.isInteger(span) ? span : 1, 50); i++) cells.push('');
    }
    return cells;
  });
  const width = rows.reduce((max, r) => Math.max(max, r.length), 1);
  const line = (cells: string[]) => `| ${[...cells, ...Array<string>(width - cells.length).fill('')].join(' | ')} |`;
  const md = rows.length ? [line(rows[0]), line(Array<string>(width).fill('---')), ...rows.slice(1).map(line)].join('\n') : '';
  return { kind: 'table', headingLevel: null, text: cellTexts.join(' '), lines: cellTexts, md, bold: false, ...sink };
}

function notesList(n: El, notes: HtmlDocument['notes']): boolean {
  const items = children(n).filter((c) => c.nodeType === ELEMENT_NODE);
  if (!items.length || !items.every((li) => tag(li) === 'li' && /^(footnote|endnote)-/.test(li.getAttribute?.('id') ?? ''))) return false;
  items.forEach((li, i) => {
    const sink: Sink = { skipped: [], notes: [] };
    notes.set(li.getAttribute!('id')!, { label: `[${i + 1}]`, md: tidy(inline(children(li), sink, { bold: false, italic: false, cell: true }).md) });
  });
  return true;
}

/** mammoth's HTML (well-formed: it writes `<br />`, escapes text) as blocks; null if it cannot be read. */
export function htmlBlocks(html: string): HtmlDocument | null {
  let root: El;
  try {
    const doc = new DOMParser({ onError: () => undefined }).parseFromString(`<body>${html}</body>`, 'text/xml');
    root = doc.documentElement as unknown as El;
  } catch {
    return null;
  }
  if (!root) return null;
  const blocks: Block[] = [];
  const notes: HtmlDocument['notes'] = new Map();
  for (const n of children(root)) {
    if (n.nodeType === TEXT_NODE && (n.data ?? '').trim()) {
      blocks.push(paragraph({ nodeType: ELEMENT_NODE, nodeName: 'p', childNodes: [n] }, null));
    }
    if (n.nodeType !== ELEMENT_NODE) continue;
    const name = tag(n);
    const heading = /^h([1-6])$/.exec(name);
    if (name === 'ol' && notesList(n, notes)) continue;
    if (name === 'ul' || name === 'ol') blocks.push(list(n));
    else if (name === 'table') blocks.push(table(n));
    else blocks.push(paragraph(n, heading ? Number(heading[1]) : null));
  }
  // Footnote labels as the references showed them ("[1]").
  return { blocks: blocks.filter((b) => b.text || b.skipped.length), notes };
}
