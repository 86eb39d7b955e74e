import { AlignmentType, INumberingOptions, LevelFormat, LevelSuffix, Paragraph, ParagraphChild, TextRun } from 'docx';
import { MarkdownToken, parseMarkdown } from '../render/markdown';
import { Block, cellPara, cellText, gridTable, INDENT, para, SIZE, TEXT_WIDTH } from './docx-layout';

/**
 * Section bodies (the app's Markdown: paragraphs, lists, tables, bold, italic, line breaks) as
 * Word paragraphs, runs and tables. Parsed by the same markdown-it rules as the PDF and the pages,
 * so what a body means is decided once; anything else in the source is text, as there.
 */

const LEVELS = 5;
const BULLETS = ['-', '+', '-', '+', '-'];

/**
 * The Word numbering that the lists of one document use: "-" and "+" bullets (as Vietnamese
 * administrative text writes them) and "1." numbers; each ordered list restarts at its own start.
 */
export class ListNumbering {
  private readonly starts = new Set<number>();
  private instances = 0;

  bullet(): { reference: string; instance: number } {
    return { reference: 'bullet', instance: ++this.instances };
  }

  ordered(start: number): { reference: string; instance: number } {
    this.starts.add(start);
    return { reference: `ordered-${start}`, instance: ++this.instances };
  }

  options(): INumberingOptions {
    const level = (i: number) => ({
      level: i,
      alignment: AlignmentType.LEFT,
      suffix: LevelSuffix.SPACE,
      style: { paragraph: { indent: { left: 0, firstLine: INDENT * (i + 1) } } },
    });
    return {
      config: [
        { reference: 'bullet', levels: Array.from({ length: LEVELS }, (_, i) => ({ ...level(i), format: LevelFormat.BULLET, text: BULLETS[i] })) },
        ...[...this.starts]
          .sort((a, b) => a - b)
          .map((start) => ({
            reference: `ordered-${start}`,
            levels: Array.from({ length: LEVELS }, (_, i) => ({ ...level(i), format: LevelFormat.DECIMAL, text: `%${i + 1}.`, start: i === 0 ? start : 1 })),
          })),
      ],
    };
  }
}

export interface MarkdownDocxOptions {
  /** Font size of the text (half-points); tables inside take the table size. */
  size?: number;
  /** Width the tables may take (twips); the text width by default. */
  width?: number;
}

type Style = { bold?: boolean; italics?: boolean; size?: number };

/** Inline tokens (text, bold, italic, breaks) as runs. */
export function inlineRuns(children: readonly MarkdownToken[], base: Style = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  let bold = 0;
  let italics = 0;
  let pendingBreak = false;
  for (const t of children) {
    switch (t.type) {
      case 'strong_open':
        bold++;
        break;
      case 'strong_close':
        bold--;
        break;
      case 'em_open':
        italics++;
        break;
      case 'em_close':
        italics--;
        break;
      case 'softbreak':
        out.push(new TextRun({ text: ' ', size: base.size }));
        break;
      case 'hardbreak':
        pendingBreak = true;
        break;
      default:
        if (!t.content) break;
        out.push(
          new TextRun({
            text: t.content,
            bold: base.bold || bold > 0 || undefined,
            italics: base.italics || italics > 0 || undefined,
            size: base.size,
            break: pendingBreak ? 1 : undefined,
          }),
        );
        pendingBreak = false;
    }
  }
  return out;
}

interface ListFrame {
  numbering: { reference: string; instance: number };
  /** Paragraphs already written in the current item: the first carries the number. */
  itemParagraphs: number;
}

const ALIGNS: Record<string, 'left' | 'center' | 'right'> = { left: 'left', center: 'center', right: 'right' };

function cellAlign(token: MarkdownToken): 'left' | 'center' | 'right' {
  const m = /text-align:(\w+)/.exec(String(token.attrGet('style') ?? ''));
  return (m && ALIGNS[m[1]]) || 'left';
}

/** Reads a table from `table_open` to `table_close`; returns the table and the index after it. */
function table(tokens: MarkdownToken[], start: number, width: number): { block: Block; next: number } {
  const head: { text: MarkdownToken }[] = [];
  const rows: Block[][][] = [];
  let row: Block[][] | null = null;
  let inHead = false;
  let i = start + 1;
  for (; i < tokens.length && tokens[i].type !== 'table_close'; i++) {
    const t = tokens[i];
    if (t.type === 'thead_open') inHead = true;
    else if (t.type === 'thead_close') inHead = false;
    else if (t.type === 'tr_open' && !inHead) row = [];
    else if (t.type === 'tr_close' && row) {
      rows.push(row);
      row = null;
    } else if ((t.type === 'th_open' || t.type === 'td_open') && tokens[i + 1]?.type === 'inline') {
      const content = tokens[i + 1];
      if (inHead) head.push({ text: content });
      else row?.push([cellPara(inlineRuns(content.children ?? []), cellAlign(t))]);
    }
  }
  // The header row is bold already: its text without the bold or italic markers.
  const plain = (inline: MarkdownToken) => (inline.children ?? []).map((c) => (c.type === 'softbreak' ? ' ' : c.content)).join('');
  const columns = head.map((h) => ({ title: plain(h.text), share: 1 / Math.max(1, head.length) }));
  const block = gridTable(
    columns,
    rows.map((r) => columns.map((_, c) => r[c] ?? [cellText('')])),
    SIZE.table,
    width,
  );
  return { block, next: i + 1 };
}

/** One Markdown body as Word blocks; `lists` collects the numbering the document must declare. */
export function markdownToDocx(source: string, lists: ListNumbering, options: MarkdownDocxOptions = {}): Block[] {
  const tokens = parseMarkdown(source);
  const width = options.width ?? TEXT_WIDTH;
  const base: Style = { size: options.size };
  const out: Block[] = [];
  const stack: ListFrame[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    switch (t.type) {
      case 'bullet_list_open':
        stack.push({ numbering: lists.bullet(), itemParagraphs: 0 });
        break;
      case 'ordered_list_open':
        stack.push({ numbering: lists.ordered(Number(t.attrGet('start') ?? 1) || 1), itemParagraphs: 0 });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        stack.pop();
        break;
      case 'list_item_open':
        if (stack.length) stack[stack.length - 1].itemParagraphs = 0;
        break;
      case 'table_open': {
        const { block, next } = table(tokens, i, width);
        out.push(block);
        i = next - 1;
        break;
      }
      case 'inline': {
        const children = inlineRuns(t.children ?? [], base);
        const frame = stack[stack.length - 1];
        if (!frame) {
          out.push(para(children));
        } else if (frame.itemParagraphs++ === 0) {
          // A nested list is one level deeper: the mark and the indent of its depth.
          const level = stack.length - 1;
          const numbering = { reference: frame.numbering.reference, instance: frame.numbering.instance, level };
          out.push(new Paragraph({ children, numbering }));
        } else {
          out.push(new Paragraph({ children, indent: { firstLine: INDENT * stack.length } }));
        }
        break;
      }
    }
  }
  return out;
}
