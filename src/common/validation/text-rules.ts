/**
 * The text rules of docs/api.md, "Text and limits", as pure functions shared by the validators, the
 * services and the tests: valid Unicode, no control characters but tab and newline, not blank.
 */

// C0 controls except tab (0x09) and newline (0x0A), DEL, and the C1 controls.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/** Windows line ends become "\n" before the rules apply; a lone "\r" stays and is refused. */
export function normaliseNewlines(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/\r\n/g, '\n') : value;
}

export function hasLoneSurrogate(value: string): boolean {
  return !value.isWellFormed();
}

export function hasForbiddenControl(value: string): boolean {
  return FORBIDDEN_CONTROL.test(value);
}

export function isBlank(value: string): boolean {
  return value.trim().length === 0;
}

/** Length in characters as a person counts them (code points), not UTF-16 units. */
export function charLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/**
 * min ≤ charLength(value) ≤ max, without counting when the UTF-16 length already decides (a code
 * point is one or two units): a 5 MB string against a limit of 200 is refused at once.
 */
export function withinChars(value: string, min: number, max: number): boolean {
  if (value.length < min || value.length > 2 * max) return false;
  if (value.length <= max && value.length >= 2 * min) return true;
  const n = charLength(value);
  return n >= min && n <= max;
}
