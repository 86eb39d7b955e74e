import { diffWordsWithSpace } from 'diff';
import type { Section } from './sections';

export type DiffOp = { op: 'equal' | 'insert' | 'delete'; text: string };
export type SectionChange = 'added' | 'removed' | 'changed' | 'same';

export interface SectionDiff {
  key: string;
  change: SectionChange;
  heading: string;
  /** Set when the heading itself changed. */
  previousHeading?: string;
  ops: DiffOp[];
}

/** Word-level diff of two texts; applying the equal+delete ops gives `from`, equal+insert gives `to`. */
export function diffText(from: string, to: string, timeoutMs = 2000): DiffOp[] {
  const a = from.normalize('NFC');
  const b = to.normalize('NFC');
  if (a === b) return a ? [{ op: 'equal', text: a }] : [];
  // Whitespace is kept exactly (plain diffWords rewrites it); in NFC every Vietnamese letter, with its
  // diacritics, is a word character of the library's Latin ranges, so a syllable is never split.
  const changes = diffWordsWithSpace(a, b, { timeout: timeoutMs });
  // Past the time limit the diff library gives up: show the whole text as replaced.
  if (!changes) return [...(a ? [{ op: 'delete' as const, text: a }] : []), ...(b ? [{ op: 'insert' as const, text: b }] : [])];
  const ops: DiffOp[] = [];
  for (const c of changes) {
    const op: DiffOp['op'] = c.added ? 'insert' : c.removed ? 'delete' : 'equal';
    const last = ops[ops.length - 1];
    if (last?.op === op) last.text += c.value;
    else if (c.value) ops.push({ op, text: c.value });
  }
  return ops;
}

/**
 * Section by section, in the order of the newer version; a removed section appears where it
 * stood, after the section it used to follow.
 */
export function diffSections(from: readonly Section[], to: readonly Section[]): SectionDiff[] {
  const oldByKey = new Map(from.map((s) => [s.key, s]));
  const newKeys = new Set(to.map((s) => s.key));
  const removedAfter = new Map<string | null, Section[]>();
  let anchor: string | null = null;
  for (const s of from) {
    if (newKeys.has(s.key)) anchor = s.key;
    else removedAfter.set(anchor, [...(removedAfter.get(anchor) ?? []), s]);
  }
  const removed = (key: string | null): SectionDiff[] =>
    (removedAfter.get(key) ?? []).map((s) => ({ key: s.key, change: 'removed', heading: s.heading, ops: s.body ? [{ op: 'delete', text: s.body }] : [] }));

  const out: SectionDiff[] = removed(null);
  for (const s of to) {
    const old = oldByKey.get(s.key);
    if (!old) {
      out.push({ key: s.key, change: 'added', heading: s.heading, ops: s.body ? [{ op: 'insert', text: s.body }] : [] });
    } else {
      const ops = diffText(old.body, s.body);
      const headingChanged = old.heading.normalize('NFC') !== s.heading.normalize('NFC');
      const bodyChanged = ops.some((o) => o.op !== 'equal');
      out.push({
        key: s.key,
        change: headingChanged || bodyChanged ? 'changed' : 'same',
        heading: s.heading,
        ...(headingChanged ? { previousHeading: old.heading } : {}),
        ops,
      });
    }
    out.push(...removed(s.key));
  }
  return out;
}
