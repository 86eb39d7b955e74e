import type { Text } from '../errors/domain-error';
import { vnNumberText } from '../vn-number';

/**
 * The shape limits of every request input (JSON body, query string, form body), checked before
 * validation: the whitelist walk of class-transformer / class-validator costs time that grows with
 * the square of an object's key count, JSON.parse of a few megabytes of tiny values blocks the event
 * loop for a second, and a recursive walk past some depth overflows the stack. No DTO comes near
 * these: the longest list a DTO takes is 500 items.
 */
export const MAX_KEYS = 1_000;
export const MAX_DEPTH = 32;
export const MAX_VALUES = 100_000;

// Keys Nest's ValidationPipe deletes without a word (so they would pass as allowed).
const STRIPPED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const n = vnNumberText;

export const tooManyKeys = (path: string): Text => ({
  vi: `${path}: có hơn ${n(MAX_KEYS, 'vi')} khóa; một đối tượng có tối đa ${n(MAX_KEYS, 'vi')} khóa`,
  en: `${path}: has more than ${n(MAX_KEYS, 'en')} keys; an object may have at most ${n(MAX_KEYS, 'en')}`,
});

export const tooManyItems = (path: string): Text => ({
  vi: `${path}: có hơn ${n(MAX_KEYS, 'vi')} phần tử; một danh sách có tối đa ${n(MAX_KEYS, 'vi')} phần tử`,
  en: `${path}: has more than ${n(MAX_KEYS, 'en')} items; a list may have at most ${n(MAX_KEYS, 'en')}`,
});

export const tooDeep = (path: string): Text => ({ vi: `${path}: lồng nhau quá ${MAX_DEPTH} cấp`, en: `${path}: nested more than ${MAX_DEPTH} levels deep` });

export const tooManyValues = (): Text => ({
  vi: `body: có hơn ${n(MAX_VALUES, 'vi')} giá trị; một yêu cầu có tối đa ${n(MAX_VALUES, 'vi')} giá trị`,
  en: `body: holds more than ${n(MAX_VALUES, 'en')} values; a request may hold at most ${n(MAX_VALUES, 'en')}`,
});

export const tooManyParameters = (where: 'query' | 'form', max: number): Text => ({
  vi: `${where}: có hơn ${n(max, 'vi')} tham số; tối đa ${n(max, 'vi')} tham số`,
  en: `${where}: has more than ${n(max, 'en')} parameters; at most ${n(max, 'en')} are allowed`,
});

const notAllowed = (path: string): Text => ({ vi: `${path}: là trường không được phép`, en: `${path}: is not an allowed field` });

/** A key as shown in a message: short, whatever its length. */
function shownKey(key: string): string {
  return key.length > 60 ? `${key.slice(0, 60)}…` : key;
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${shownKey(key)}` : shownKey(key);
}

interface Frame {
  value: unknown;
  path: string;
  depth: number;
}

/**
 * What validation would not see, or should not be made to walk, in a parsed input: a stripped key,
 * nesting too deep, an object or list too long. Iterative; stops at the first problem.
 */
export function shapeProblem(input: unknown): Text | null {
  const stack: Frame[] = [{ value: input, path: '', depth: 0 }];
  let values = 0;
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) return tooDeep(path || 'body');
    if (Array.isArray(value)) {
      if (value.length > MAX_KEYS) return tooManyItems(path || 'body');
      if ((values += value.length) > MAX_VALUES) return tooManyValues();
      for (let i = 0; i < value.length; i++) {
        if (value[i] !== null && typeof value[i] === 'object') stack.push({ value: value[i], path: join(path, i), depth: depth + 1 });
      }
      continue;
    }
    let count = 0;
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      if (++count > MAX_KEYS) return tooManyKeys(path || 'body');
      if (STRIPPED_KEYS.has(key)) return notAllowed(join(path, key));
      const child = (value as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') stack.push({ value: child, path: join(path, key), depth: depth + 1 });
    }
    if ((values += count) > MAX_VALUES) return tooManyValues();
  }
  return null;
}
