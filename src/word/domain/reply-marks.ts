import { DOMParser } from '@xmldom/xmldom';
import { cleanText } from './markdown-text';

/**
 * An agency's marked-up copy, read from WordprocessingML: the text of the version as it was sent
 * (tracked deletions in, tracked insertions out), each Word comment with the range it covers, and
 * each tracked change. Offsets are into `text`, whose paragraphs are separated by "\n".
 */
export interface ReplyMarks {
  text: string;
  paragraphs: { start: number; end: number }[];
  comments: WordComment[];
  changes: TrackedChange[];
}

export interface WordComment {
  id: string;
  author: string;
  body: string;
  /** -1 when the comment is attached to nothing in the document. */
  start: number;
  end: number;
}

export interface TrackedChange {
  author: string;
  start: number;
  /** start + length of `delete`: the deleted text is part of `text`. */
  end: number;
  delete: string;
  insert: string;
}

type Node = { nodeType: number; localName?: string | null; childNodes: ArrayLike<Node>; data?: string; getAttribute?(name: string): string | null };

const ELEMENT = 1;
const TEXT = 3;
/** Not text of the document: properties (a paragraph mark's own w:ins lives there), field codes, the Fallback copy of a shape. */
const IGNORED = new Set([
  'pPr',
  'rPr',
  'sectPr',
  'tblPr',
  'trPr',
  'tcPr',
  'rPrChange',
  'pPrChange',
  'instrText',
  'delInstrText',
  'fldData',
  'Fallback',
  'footnoteReference',
  'endnoteReference',
  'annotationRef',
]);

export class UnreadableXml extends Error {}

export function parseXml(xml: string): Node {
  let root: Node | null = null;
  try {
    const doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new UnreadableXml(String(message));
      },
    }).parseFromString(xml, 'text/xml');
    root = doc.documentElement as unknown as Node | null;
  } catch (err) {
    throw err instanceof UnreadableXml ? err : new UnreadableXml(err instanceof Error ? err.message : String(err));
  }
  if (!root) throw new UnreadableXml('no root element');
  return root;
}

const kids = (n: Node) => Array.from(n.childNodes);
const attr = (n: Node, name: string) => n.getAttribute?.(`w:${name}`) ?? n.getAttribute?.(name) ?? '';

function textOf(n: Node): string {
  let out = '';
  const walk = (x: Node) => {
    for (const c of kids(x)) {
      if (c.nodeType === TEXT) continue;
      if (c.nodeType !== ELEMENT || IGNORED.has(c.localName ?? '')) continue;
      const name = c.localName;
      if (name === 't')
        out += kids(c)
          .map((t) => t.data ?? '')
          .join('');
      else if (name === 'tab' || name === 'br' || name === 'cr') out += ' ';
      else if (name === 'p' && out) {
        out += '\n';
        walk(c);
      } else walk(c);
    }
  };
  walk(n);
  return cleanText(out).trim();
}

/** Word comments by id: the text of each (its paragraphs joined by "\n") and its author. */
export function readComments(xml: string | null): Map<string, { author: string; body: string }> {
  const out = new Map<string, { author: string; body: string }>();
  if (!xml) return out;
  for (const c of kids(parseXml(xml))) {
    if (c.nodeType === ELEMENT && c.localName === 'comment') out.set(attr(c, 'id'), { author: cleanText(attr(c, 'author')), body: textOf(c) });
  }
  return out;
}

export function readReply(documentXml: string, commentsXml: string | null): ReplyMarks {
  const texts = readComments(commentsXml);
  const chunks: string[] = [];
  let offset = 0;
  const paragraphs: ReplyMarks['paragraphs'] = [];
  const changes: TrackedChange[] = [];
  const opened = new Map<string, number>();
  const ranges = new Map<string, { start: number; end: number }>();
  const referenced = new Map<string, number>();

  const original = (raw: string) => {
    const t = cleanText(raw);
    chunks.push(t);
    offset += t.length;
  };
  const deleted = (raw: string, author: string) => {
    const t = cleanText(raw);
    const last = changes.at(-1);
    if (last && last.end === offset && !last.insert) {
      last.delete += t;
      last.end += t.length;
    } else changes.push({ author, start: offset, end: offset + t.length, delete: t, insert: '' });
    original(raw);
  };
  const inserted = (raw: string, author: string) => {
    const t = cleanText(raw);
    const last = changes.at(-1);
    if (last && last.end === offset) last.insert += t;
    else changes.push({ author, start: offset, end: offset, delete: '', insert: t });
  };

  const walk = (n: Node, mode: 'normal' | 'ins' | 'del', author: string) => {
    for (const c of kids(n)) {
      if (c.nodeType !== ELEMENT) continue;
      const name = c.localName ?? '';
      if (IGNORED.has(name)) continue;
      if (name === 'p') {
        const start = offset;
        walk(c, mode, author);
        paragraphs.push({ start, end: offset });
        original('\n');
      } else if (name === 't' || name === 'delText' || name === 'tab' || name === 'br' || name === 'cr') {
        const t =
          name === 't' || name === 'delText'
            ? kids(c)
                .map((x) => x.data ?? '')
                .join('')
            : ' ';
        if (mode === 'ins') inserted(t, author);
        else if (mode === 'del') deleted(t, author);
        else original(t);
      } else if (name === 'ins' || name === 'moveTo') {
        walk(c, 'ins', cleanText(attr(c, 'author')));
      } else if (name === 'del' || name === 'moveFrom') {
        walk(c, 'del', cleanText(attr(c, 'author')));
      } else if (name === 'commentRangeStart') {
        opened.set(attr(c, 'id'), offset);
      } else if (name === 'commentRangeEnd') {
        const id = attr(c, 'id');
        ranges.set(id, { start: opened.get(id) ?? offset, end: offset });
      } else if (name === 'commentReference') {
        if (!referenced.has(attr(c, 'id'))) referenced.set(attr(c, 'id'), offset);
      } else {
        walk(c, mode, author);
      }
    }
  };
  const root = parseXml(documentXml);
  const body = kids(root).find((c) => c.nodeType === ELEMENT && c.localName === 'body');
  if (body) walk(body, 'normal', '');

  const comments: WordComment[] = [...texts].map(([id, { author, body: text }]) => {
    const range = ranges.get(id) ?? (referenced.has(id) ? { start: referenced.get(id)!, end: referenced.get(id)! } : { start: -1, end: -1 });
    return { id, author, body: text, ...range };
  });
  comments.sort((a, b) => a.start - b.start);
  // A text box's paragraphs close before the paragraph that anchors it: document order by start.
  paragraphs.sort((a, b) => a.start - b.start);
  return { text: chunks.join(''), paragraphs, comments, changes: changes.filter((c) => c.delete.trim() || c.insert.trim()) };
}
