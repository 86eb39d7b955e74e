import type { Text } from '../errors/domain-error';
import { MAX_DEPTH, MAX_KEYS, MAX_VALUES, tooDeep, tooManyItems, tooManyKeys, tooManyValues } from './body-shape';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;
/** Bytes of a key kept to name it in a message. */
const KEY_BYTES = 240;

interface Level {
  object: boolean;
  commas: number;
  /** The first bytes of the key being read in an object, or null. */
  key: Buffer | null;
}

function keyText(key: Buffer | null): string {
  if (!key) return '?';
  const raw = key.toString('utf8');
  let text: string;
  try {
    text = JSON.parse(`"${raw}"`) as string;
  } catch {
    text = raw; // cut inside an escape: shown as written
  }
  return text.length > 60 || key.length >= KEY_BYTES ? `${text.slice(0, 60)}…` : text;
}

/**
 * The shape limits checked on the raw bytes of a UTF-8 JSON body as they arrive, before JSON.parse
 * builds anything: it stops at the first object with more than MAX_KEYS keys (or list with more
 * items), the first container deeper than MAX_DEPTH, or past MAX_VALUES values in all, usually a few
 * kilobytes into a hostile body. Strings are skipped with native searches for their closing quote.
 * Malformed JSON is left to JSON.parse.
 */
export class JsonShapeScanner {
  private readonly levels: Level[] = [];
  private depth = 0;
  private values = 0;
  private inString = false;
  /** The byte after a backslash in a string, when the backslash ended the last chunk. */
  private escaped = false;
  private stringStart: Buffer[] = [];
  private stringBytes = 0;
  private lastString: Buffer | null = null;
  private done = false;

  /** The first problem in the body so far, or null. */
  push(chunk: Buffer): Text | null {
    if (this.done) return null;
    for (let i = 0; i < chunk.length; i++) {
      if (this.inString) {
        i = this.skipString(chunk, i);
        continue;
      }
      const c = chunk[i];
      if (c === QUOTE) {
        this.inString = true;
        this.stringStart = [];
        this.stringBytes = 0;
      } else if (c === COLON) {
        if (this.depth > 0) this.levels[this.depth - 1].key = this.lastString;
      } else if (c === COMMA) {
        if (this.depth === 0) continue;
        const level = this.levels[this.depth - 1];
        if (++level.commas >= MAX_KEYS) return this.stop(level.object ? tooManyKeys(this.path(this.depth - 1)) : tooManyItems(this.path(this.depth - 1)));
        if (++this.values > MAX_VALUES) return this.stop(tooManyValues());
        level.key = null;
      } else if (c === OPEN_OBJECT || c === OPEN_LIST) {
        if (this.depth >= MAX_DEPTH) return this.stop(tooDeep(this.path(this.depth)));
        this.levels[this.depth++] = { object: c === OPEN_OBJECT, commas: 0, key: null };
        if (++this.values > MAX_VALUES) return this.stop(tooManyValues());
      } else if (c === CLOSE_OBJECT || c === CLOSE_LIST) {
        if (this.depth === 0) {
          this.done = true; // malformed: JSON.parse will say so
          return null;
        }
        this.depth--;
      }
    }
    return null;
  }

  /** From `i` inside a string: the index of its closing quote, or the chunk's last byte if it goes on. */
  private skipString(chunk: Buffer, i: number): number {
    let at = i;
    if (this.escaped) {
      this.escaped = false;
      at++;
    }
    let quote = -2;
    let backslash = -2;
    for (;;) {
      // Each search is redone only once passed, so a string of many backslashes stays linear.
      if (quote !== -1 && quote < at) quote = chunk.indexOf(QUOTE, at);
      if (backslash !== -1 && backslash < at) backslash = chunk.indexOf(BACKSLASH, at);
      if (backslash !== -1 && (quote === -1 || backslash < quote)) {
        if (backslash + 1 >= chunk.length) {
          this.keep(chunk, i, chunk.length);
          this.escaped = true;
          return chunk.length - 1;
        }
        at = backslash + 2;
        continue;
      }
      if (quote === -1) {
        this.keep(chunk, i, chunk.length);
        return chunk.length - 1;
      }
      this.keep(chunk, i, quote);
      this.inString = false;
      this.lastString = Buffer.concat(this.stringStart);
      return quote;
    }
  }

  private keep(chunk: Buffer, from: number, to: number): void {
    if (this.stringBytes >= KEY_BYTES || to <= from) return;
    const part = chunk.subarray(from, Math.min(to, from + KEY_BYTES - this.stringBytes));
    this.stringStart.push(Buffer.from(part));
    this.stringBytes += part.length;
  }

  private stop(problem: Text): Text {
    this.done = true;
    return problem;
  }

  private path(depth: number): string {
    let path = '';
    for (let d = 0; d < depth; d++) {
      const level = this.levels[d];
      if (!level.object) path += `[${level.commas}]`;
      else path += path ? `.${keyText(level.key)}` : keyText(level.key);
    }
    return path || 'body';
  }
}

/** The shape problem of a whole JSON body at once (see JsonShapeScanner). */
export function scanJson(json: Buffer): Text | null {
  return new JsonShapeScanner().push(json);
}
