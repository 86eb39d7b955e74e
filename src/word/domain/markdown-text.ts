/**
 * Text from Word as the section Markdown the app renders (documents/render/markdown.ts: paragraphs,
 * lists, tables, bold, italic, backslash escapes), and back: the plain text a reader sees in a
 * body, with where each of its characters stands in the Markdown, to find a Word passage in it.
 */

// C0 controls but tab and newline, DEL and C1: the API refuses them (common/validation/text-rules.ts).
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Word's text made acceptable as duthao text: NFC, controls (Word's line and page breaks) as spaces. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROLS, ' ').normalize('NFC').toWellFormed();
}

/** Characters the renderer would read as syntax inside a line. */
export function escapeInline(text: string): string {
  return cleanText(text)
    .replace(/[\\*_]/g, (c) => `\\${c}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

/** A paragraph that starts like a list item ("1. ", "- ") stays a paragraph. */
export function escapeLineStart(md: string): string {
  return md.replace(/^(\s*)([-+]|\d{1,9}[.)])(?=\s|$)/, (_, space: string, marker: string) =>
    marker.length === 1 ? `${space}\\${marker}` : `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}`,
  );
}

export function escapeCell(md: string): string {
  return md.replace(/\|/g, '\\|');
}

/** Bold around text, its outer spaces kept outside the markers (or "** x**" would not be bold). */
export function wrap(md: string, marker: '**' | '*'): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(md)!;
  return m[2] ? `${m[1]}${marker}${m[2]}${marker}${m[3]}` : md;
}

export interface PlainText {
  text: string;
  /** For each character of `text`, its index in the Markdown. */
  at: number[];
}

const DELIMITER_ROW = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/**
 * The text a reader sees in a section body: escapes resolved, emphasis markers, list markers and
 * table pipes gone (a pipe reads as a space), table delimiter rows dropped.
 */
export function plainText(md: string): PlainText {
  const text: string[] = [];
  const at: number[] = [];
  let i = 0;
  let lineStart = true;
  while (i < md.length) {
    if (lineStart) {
      lineStart = false;
      const end = md.indexOf('\n', i);
      const line = md.slice(i, end < 0 ? md.length : end);
      if (DELIMITER_ROW.test(line) && line.includes('-')) {
        i = end < 0 ? md.length : end;
        continue;
      }
      const marker = /^\s*(?:[-+*]|\d{1,9}[.)])\s+/.exec(line);
      if (marker && !/^\s*\*\*/.test(line)) i += marker[0].length;
    }
    const c = md[i];
    if (c === '\\' && i + 1 < md.length && /[!-/:-@[-`{-~]/.test(md[i + 1])) {
      text.push(md[i + 1]);
      at.push(i + 1);
      i += 2;
      continue;
    }
    if (c === '*' || c === '_') {
      i++;
      continue;
    }
    text.push(c === '|' ? ' ' : c);
    at.push(i);
    if (c === '\n') lineStart = true;
    i++;
  }
  return { text: text.join(''), at };
}

/** Whitespace runs as one space, NFC: how a passage is compared (consultation/domain/quote-anchor.ts). */
export function foldSpaces(text: string): { text: string; at: number[] } {
  const out: string[] = [];
  const at: number[] = [];
  let space = false;
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(text[i])) {
      space = out.length > 0;
      continue;
    }
    if (space) {
      out.push(' ');
      at.push(i - 1);
      space = false;
    }
    out.push(text[i]);
    at.push(i);
  }
  return { text: out.join(''), at };
}
