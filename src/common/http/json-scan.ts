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

interface Level {
  object: boolean;
  commas: number;
  /** Byte range of the key being read in an object (its string without the quotes), or -1. */
  keyStart: number;
  keyEnd: number;
}

function keyText(json: Buffer, level: Level): string {
  if (level.keyStart < 0) return '?';
  const raw = json.subarray(level.keyStart, Math.min(level.keyEnd, level.keyStart + 240)).toString('utf8');
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw; // cut inside an escape: shown as written
  }
}

function pathTo(json: Buffer, levels: Level[], depth: number): string {
  let path = '';
  for (let d = 0; d < depth; d++) {
    const level = levels[d];
    if (!level.object) path += `[${level.commas}]`;
    else {
      const key = keyText(json, level);
      const shown = key.length > 60 ? `${key.slice(0, 60)}…` : key;
      path += path ? `.${shown}` : shown;
    }
  }
  return path || 'body';
}

/**
 * The shape limits checked on the raw bytes of a UTF-8 JSON body, before JSON.parse builds
 * anything: one pass, stopping at the first object with more than MAX_KEYS keys (or list with more
 * items), the first container deeper than MAX_DEPTH, or past MAX_VALUES values in all. Strings are
 * skipped with a native search for their closing quote. Malformed JSON is left to JSON.parse.
 */
export function scanJson(json: Buffer): Text | null {
  const levels: Level[] = [];
  let depth = 0;
  let values = 0;
  let stringStart = -1;
  let stringEnd = -1;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === QUOTE) {
      let end = i + 1;
      for (;;) {
        end = json.indexOf(QUOTE, end);
        if (end < 0) return null;
        let backslashes = 0;
        for (let k = end - 1; k > i && json[k] === BACKSLASH; k--) backslashes++;
        if (backslashes % 2 === 0) break;
        end++;
      }
      stringStart = i + 1;
      stringEnd = end;
      i = end;
    } else if (c === COLON) {
      if (depth > 0) {
        levels[depth - 1].keyStart = stringStart;
        levels[depth - 1].keyEnd = stringEnd;
      }
    } else if (c === COMMA) {
      if (depth === 0) continue;
      const level = levels[depth - 1];
      if (++level.commas >= MAX_KEYS) return level.object ? tooManyKeys(pathTo(json, levels, depth - 1)) : tooManyItems(pathTo(json, levels, depth - 1));
      if (++values > MAX_VALUES) return tooManyValues();
      level.keyStart = -1;
    } else if (c === OPEN_OBJECT || c === OPEN_LIST) {
      if (depth >= MAX_DEPTH) return tooDeep(pathTo(json, levels, depth));
      levels[depth++] = { object: c === OPEN_OBJECT, commas: 0, keyStart: -1, keyEnd: -1 };
      if (++values > MAX_VALUES) return tooManyValues();
    } else if (c === CLOSE_OBJECT || c === CLOSE_LIST) {
      if (depth === 0) return null;
      depth--;
    }
  }
  return null;
}
