import { boundedMyers, DiffBudget } from './myers';
import type { Section } from './sections';
import { isSpace, lines, sentences, words } from './text-units';

export type DiffOp = { op: 'equal' | 'insert' | 'delete'; text: string };
export type SectionChange = 'added' | 'removed' | 'changed' | 'same';

export interface SectionDiff {
  key: string;
  change: SectionChange;
  heading: string;
  /** Set when the heading itself changed. */
  previousHeading?: string;
  /** Set when a changed passage was past the diff's limits and is shown as replaced whole. */
  approximate?: true;
  ops: DiffOp[];
}

/**
 * What one diff may cost. `maxEdits` bounds one comparison (its trace holds about maxEdits² cells);
 * `budget` bounds the whole diff in work units (a step of Myers' walk, or a character cut; a few ns
 * each), so that the worst pair of versions at the largest plan costs a fraction of a second; past
 * either, the passage being compared is shown as deleted and inserted whole, and marked approximate.
 */
export const DIFF_LIMITS = {
  maxEdits: 2_000,
  budget: 30_000_000,
  /** Word by word, a passage sharing fewer of its words than this reads better as replaced. */
  minSimilarity: 0.5,
};

/** Names the algorithm and its limits: a stored diff is reused only by the same one. */
export const DIFF_ALGORITHM = `lines-sentences-words/1 edits=${DIFF_LIMITS.maxEdits} budget=${DIFF_LIMITS.budget} similarity=${DIFF_LIMITS.minSimilarity}`;

export const newDiffBudget = (): DiffBudget => ({ left: DIFF_LIMITS.budget });

/** Levels, coarse to fine: lines (0), sentences (1), words (WORDS). */
const CUTS = [lines, sentences, words];
const WORDS = 2;
/** Work units per character cut at each level: cutting into words and numbering them costs about ten steps of Myers' walk. */
const CUT_COST = [1, 1, 10];

const join = (tokens: readonly string[], from: number, to: number): string => tokens.slice(from, to).join('');

/**
 * Coarse to fine: lines, then sentences inside changed lines, then words inside changed sentences,
 * each level comparing only what the level above found changed.
 */
class PassageDiff {
  readonly ops: DiffOp[] = [];
  approximate = false;

  constructor(private readonly budget: DiffBudget) {}

  compare(a: string, b: string, level: number): void {
    if (a === b) return this.emit('equal', a);
    if (!a || !b) return this.replace(a, b);
    const cost = (a.length + b.length) * CUT_COST[level];
    if (cost > this.budget.left) {
      this.approximate = true;
      return this.replace(a, b);
    }
    this.budget.left -= cost;
    const ta = CUTS[level](a);
    const tb = CUTS[level](b);
    let start = 0;
    while (start < ta.length && start < tb.length && ta[start] === tb[start]) start++;
    let endA = ta.length;
    let endB = tb.length;
    while (endA > start && endB > start && ta[endA - 1] === tb[endB - 1]) {
      endA--;
      endB--;
    }
    this.emit('equal', join(ta, 0, start));
    this.middle(ta.slice(start, endA), tb.slice(start, endB), level);
    this.emit('equal', join(ta, endA, ta.length));
  }

  private middle(ta: string[], tb: string[], level: number): void {
    if (!ta.length || !tb.length) return this.replace(ta.join(''), tb.join(''));
    const { a, b, spaces } = intern(ta, tb);
    if (level === WORDS && !similarEnough(a, b, spaces)) return this.replace(ta.join(''), tb.join(''));
    const script = this.budget.left > 0 ? boundedMyers(a, b, DIFF_LIMITS.maxEdits, this.budget) : null;
    if (!script) {
      this.approximate = true;
      return this.replace(ta.join(''), tb.join(''));
    }
    let i = 0;
    let j = 0;
    let changeI = 0;
    let changeJ = 0;
    const flush = () => {
      if (changeI < i || changeJ < j) this.change(ta.slice(changeI, i), tb.slice(changeJ, j), level);
    };
    for (const run of script) {
      if (run.op === 'equal') {
        flush();
        this.emit('equal', join(ta, i, i + run.n));
        i += run.n;
        j += run.n;
        changeI = i;
        changeJ = j;
      } else if (run.op === 'delete') i += run.n;
      else j += run.n;
    }
    flush();
  }

  /** A run of pieces removed and added together: compared piece by piece when they pair up, else as one. */
  private change(removed: string[], added: string[], level: number): void {
    if (level === WORDS || !removed.length || !added.length) return this.replace(removed.join(''), added.join(''));
    if (removed.length === added.length) {
      for (let k = 0; k < removed.length; k++) this.compare(removed[k], added[k], level + 1);
      return;
    }
    this.compare(removed.join(''), added.join(''), level + 1);
  }

  private replace(a: string, b: string): void {
    this.emit('delete', a);
    this.emit('insert', b);
  }

  private emit(op: DiffOp['op'], text: string): void {
    if (text) this.ops.push({ op, text });
  }
}

/** Tokens as small integers (equal text, equal id), and which ids are whitespace. */
function intern(ta: string[], tb: string[]): { a: Int32Array; b: Int32Array; spaces: Uint8Array } {
  const ids = new Map<string, number>();
  const idsOf = (tokens: string[]) => {
    const out = new Int32Array(tokens.length);
    for (let k = 0; k < tokens.length; k++) {
      let id = ids.get(tokens[k]);
      if (id === undefined) ids.set(tokens[k], (id = ids.size));
      out[k] = id;
    }
    return out;
  };
  const a = idsOf(ta);
  const b = idsOf(tb);
  const spaces = new Uint8Array(ids.size);
  for (const [token, id] of ids) if (isSpace(token)) spaces[id] = 1;
  return { a, b, spaces };
}

/** Words in common, counted as a bag: an upper bound of what a word diff could keep, found in linear time. */
function similarEnough(a: Int32Array, b: Int32Array, spaces: Uint8Array): boolean {
  const bag = new Int32Array(spaces.length);
  let wordsA = 0;
  for (const id of a) {
    if (spaces[id]) continue;
    wordsA++;
    bag[id]++;
  }
  let wordsB = 0;
  let common = 0;
  for (const id of b) {
    if (spaces[id]) continue;
    wordsB++;
    if (bag[id] > 0) {
      common++;
      bag[id]--;
    }
  }
  return wordsA + wordsB === 0 || (2 * common) / (wordsA + wordsB) >= DIFF_LIMITS.minSimilarity;
}

/**
 * Merges neighbouring ops of a kind, deletions before insertions within a change, and folds into
 * the change a run of spaces standing alone between two changes (a rewritten phrase reads as one
 * replacement, not as words kept apart by the spaces they happened to share).
 */
function tidy(ops: DiffOp[]): DiffOp[] {
  const out: DiffOp[] = [];
  let del = '';
  let ins = '';
  const flush = () => {
    if (del) out.push({ op: 'delete', text: del });
    if (ins) out.push({ op: 'insert', text: ins });
    del = ins = '';
  };
  for (let k = 0; k < ops.length; k++) {
    const o = ops[k];
    const lone = o.op === 'equal' && (del || ins) && k + 1 < ops.length && ops[k + 1].op !== 'equal' && /^[^\S\n]+$/.test(o.text);
    if (o.op === 'delete' || lone) del += o.text;
    if (o.op === 'insert' || lone) ins += o.text;
    if (o.op !== 'equal' || lone) continue;
    flush();
    const last = out[out.length - 1];
    if (last?.op === 'equal') last.text += o.text;
    else out.push({ op: 'equal', text: o.text });
  }
  flush();
  return out;
}

/** A bounded diff of two texts, in NFC; applying the equal+delete ops gives `from`, equal+insert gives `to`. */
export function diffPassage(from: string, to: string, budget: DiffBudget = newDiffBudget()): { ops: DiffOp[]; approximate: boolean } {
  const passage = new PassageDiff(budget);
  passage.compare(from.normalize('NFC'), to.normalize('NFC'), 0);
  return { ops: tidy(passage.ops), approximate: passage.approximate };
}

/** Word-level diff of two texts (bounded: see DIFF_LIMITS). */
export function diffText(from: string, to: string, budget?: DiffBudget): DiffOp[] {
  return diffPassage(from, to, budget).ops;
}

/**
 * Section by section, in the order of the newer version; a removed section appears where it
 * stood, after the section it used to follow. One budget covers the whole diff.
 */
export function diffSections(from: readonly Section[], to: readonly Section[], budget: DiffBudget = newDiffBudget()): SectionDiff[] {
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
      const { ops, approximate } = diffPassage(old.body, s.body, budget);
      const headingChanged = old.heading.normalize('NFC') !== s.heading.normalize('NFC');
      const bodyChanged = ops.some((o) => o.op !== 'equal');
      out.push({
        key: s.key,
        change: headingChanged || bodyChanged ? 'changed' : 'same',
        heading: s.heading,
        ...(headingChanged ? { previousHeading: old.heading } : {}),
        ...(approximate ? { approximate: true as const } : {}),
        ops,
      });
    }
    out.push(...removed(s.key));
  }
  return out;
}
