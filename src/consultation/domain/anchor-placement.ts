import type { DiffBudget } from '../../plans/domain/myers';
import { diffPassage, DiffOp, newDiffBudget } from '../../plans/domain/section-diff';
import type { Section } from '../../plans/domain/sections';
import { words } from '../../plans/domain/text-units';
import { anchorQuote, matchText, MatchText, occurrences, toSource, fromSource } from './anchor-text';
import { normaliseForMatch } from './quote-anchor';

/**
 * Where a comment's quote stands in a later version (docs/comment-anchors.md): the same words in
 * the same section; else the same words in another section; else the passage the section's diff
 * puts in their place, if it still shares enough of their words; else gone. A phrase that occurs
 * more than once is told apart by the text around it; when that does not decide, the answer says so (`changed` with every candidate), never a guess.
 */
export const ANCHOR_STATES = ['same', 'moved', 'changed', 'removed', 'whole_plan'] as const;
export type AnchorState = (typeof ANCHOR_STATES)[number];

export const PLACEMENT_LIMITS = {
  /** Words in common (Dice, as a bag) between the quote and what stands in its place now, to call it the same passage edited. */
  minSimilarity: 0.5,
  /** Characters of context (before and after together) that must agree for context to pick one occurrence. */
  minContext: 8,
  /** A quote this long (NFC characters), found once in another section, is taken as moved even when its context changed. */
  distinctiveQuote: 24,
  /** Occurrences of one quote looked at, and candidates reported, at most. */
  maxOccurrences: 1_000,
  maxCandidates: 20,
};

/** Names the algorithm: a stored placement is reused only by the same one. */
export const PLACEMENT_ALGORITHM = `exact-context-diff/1 similarity=${PLACEMENT_LIMITS.minSimilarity} context=${PLACEMENT_LIMITS.minContext} distinctive=${PLACEMENT_LIMITS.distinctiveQuote}`;

export interface AnchorInput {
  /** The version the comment was made on. */
  versionNumber: number;
  sectionKey: string | null;
  quote: string | null;
  /** Offsets in that version's stored section body; null for a quote found only in the heading. */
  start: number | null;
  end: number | null;
  before: string | null;
  after: string | null;
}

export interface Candidate {
  sectionKey: string;
  start: number | null;
  end: number | null;
}

export interface Placement {
  state: AnchorState;
  sectionKey: string | null;
  heading: string | null;
  start: number | null;
  end: number | null;
  text: string | null;
  candidates?: Candidate[];
}

interface Spot {
  key: string;
  at: number;
}

interface Mapped {
  start: number;
  end: number;
}

/** The sections of one version, matched lazily: only those a comment needs. */
class VersionText {
  readonly byKey: Map<string, Section>;
  private readonly texts = new Map<string, MatchText>();
  private joined: { flat: string; starts: number[]; keys: string[] } | null = null;

  constructor(readonly sections: readonly Section[]) {
    this.byKey = new Map(sections.map((s) => [s.key, s]));
  }

  mt(key: string): MatchText {
    let mt = this.texts.get(key);
    if (!mt) this.texts.set(key, (mt = matchText(this.byKey.get(key)?.body ?? '')));
    return mt;
  }

  /** Every occurrence of `needle` in any section, found in one pass over the whole text. */
  everywhere(needle: string): Spot[] {
    if (!this.joined) {
      const keys = this.sections.map((s) => s.key);
      const starts: number[] = [];
      let offset = 0;
      const flats = keys.map((k) => {
        starts.push(offset);
        const flat = this.mt(k).flat;
        offset += flat.length + 1;
        return flat;
      });
      this.joined = { flat: flats.join('\u0000'), starts, keys };
    }
    const { flat, starts, keys } = this.joined;
    return occurrences(flat, needle, PLACEMENT_LIMITS.maxOccurrences).map((i) => {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= i) lo = mid;
        else hi = mid - 1;
      }
      return { key: keys[lo], at: i - starts[lo] };
    });
  }
}

/** Places comments of earlier versions on one version. Diffs are computed once per section and shared by its comments. */
export class AnchorPlacer {
  private readonly target: VersionText;
  private readonly olds = new Map<number, VersionText>();
  private readonly diffs = new Map<string, DiffOp[] | null>();

  constructor(
    versions: ReadonlyMap<number, readonly Section[]>,
    target: readonly Section[],
    private readonly budget: DiffBudget = newDiffBudget(),
  ) {
    this.target = new VersionText(target);
    for (const [n, sections] of versions) this.olds.set(n, new VersionText(sections));
  }

  place(a: AnchorInput): Placement {
    if (a.sectionKey === null) return { state: 'whole_plan', sectionKey: null, heading: null, start: null, end: null, text: null };
    const key = a.sectionKey;
    const section = this.target.byKey.get(key);
    const needle = a.quote ? normaliseForMatch(a.quote) : '';
    if (!needle) return section ? { state: 'same', sectionKey: key, heading: section.heading, start: null, end: null, text: null } : this.removed(null);
    const old = this.olds.get(a.versionNumber);
    const fast = section && this.verbatim(a, old?.byKey.get(key)?.body, section.body, needle);
    if (fast) return this.placedAt('same', key, fast.start, fast.end);
    let at = a.start === null ? null : { start: a.start, before: a.before ?? '', after: a.after ?? '' };
    if (!at) {
      // A quote of the heading, or one kept before offsets were (found again as at creation).
      at = anchorQuote(old?.byKey.get(key)?.body ?? '', a.quote!, null).anchor;
      if (!at) return this.placeHeading(key, needle);
    }

    const oldMt = old?.mt(key) ?? matchText('');
    let from = fromSource(oldMt, at.start);
    if (from < 0 || oldMt.flat.slice(from, from + needle.length) !== needle) from = oldMt.flat.indexOf(needle);
    const alone = occurrences(oldMt.flat, needle, 2).length <= 1;
    const context = { before: matchText(at.before).flat, after: matchText(at.after).flat };
    let mapped: Mapped | null | undefined;
    const mapOnce = () => (mapped === undefined ? (mapped = from < 0 ? null : this.map(a.versionNumber, key, from, from + needle.length)) : mapped);

    let own: Spot[] = [];
    if (section) {
      own = occurrences(this.target.mt(key).flat, needle, PLACEMENT_LIMITS.maxOccurrences).map((at) => ({ key, at }));
      if (own.length) {
        if (own.length === 1 && alone) return this.placed('same', key, own[0].at, own[0].at + needle.length);
        // Not the diff: a word diff may keep either copy of a repeated phrase, so it cannot tell them apart.
        const pick = this.decide(own, needle.length, context);
        if (pick) return this.placed('same', key, pick.at, pick.at + needle.length);
        return this.undecided(own, needle.length);
      }
    }
    const elsewhere = this.target.everywhere(needle).filter((s) => s.key !== key);
    if (elsewhere.length) {
      const pick = this.decide(elsewhere, needle.length, context);
      const sole = elsewhere.length === 1 && alone && needle.length >= PLACEMENT_LIMITS.distinctiveQuote ? elsewhere[0] : null;
      const chosen = pick ?? sole;
      if (chosen) return this.placed('moved', chosen.key, chosen.at, chosen.at + needle.length);
    }
    if (section) {
      const m = mapOnce();
      if (m && m.end > m.start && similarity(needle, this.target.mt(key).flat.slice(m.start, m.end)) >= PLACEMENT_LIMITS.minSimilarity) {
        return this.placed('changed', key, m.start, m.end);
      }
    }
    if (elsewhere.length) return this.undecided(elsewhere, needle.length);
    return this.removed(section ? key : null);
  }

  /**
   * The common case without matching: the quoted characters, exactly as stored, once in the old
   * section and once in the new one. (Matching in NFC with spaces joined finds at least these.)
   */
  private verbatim(a: AnchorInput, oldBody: string | undefined, body: string, needle: string): { start: number; end: number } | null {
    if (oldBody === undefined || a.start === null || a.end === null || a.end <= a.start) return null;
    const exact = oldBody.slice(a.start, a.end);
    if (normaliseForMatch(exact) !== needle || oldBody.indexOf(exact) !== a.start || oldBody.lastIndexOf(exact) !== a.start) return null;
    const i = body.indexOf(exact);
    return i >= 0 && body.lastIndexOf(exact) === i ? { start: i, end: i + exact.length } : null;
  }

  /** A quote of a heading: the same heading, or the one other heading that has it. */
  private placeHeading(key: string, needle: string): Placement {
    const has = (s: Section) => normaliseForMatch(s.heading).includes(needle);
    const own = this.target.byKey.get(key);
    if (own && has(own)) return { state: 'same', sectionKey: key, heading: own.heading, start: null, end: null, text: null };
    const others = this.target.sections.filter(has);
    if (others.length === 1) return { state: 'moved', sectionKey: others[0].key, heading: others[0].heading, start: null, end: null, text: null };
    if (others.length > 1)
      return {
        ...this.removed(null),
        state: 'changed',
        candidates: others.slice(0, PLACEMENT_LIMITS.maxCandidates).map((s) => ({ sectionKey: s.key, start: null, end: null })),
      };
    return this.removed(own ? key : null);
  }

  /** The one spot whose context agrees best, by at least `minContext` characters (or all there is) and strictly more than any other. */
  private decide(spots: Spot[], length: number, context: { before: string; after: string }): Spot | null {
    const need = Math.min(PLACEMENT_LIMITS.minContext, context.before.length + context.after.length);
    let best: Spot | null = null;
    let bestScore = -1;
    let second = -1;
    for (const s of spots) {
      const flat = this.target.mt(s.key).flat;
      const score = commonSuffix(flat, s.at, context.before) + commonPrefix(flat, s.at + length, context.after);
      if (score > bestScore) {
        second = bestScore;
        bestScore = score;
        best = s;
      } else if (score > second) second = score;
    }
    return best && bestScore > second && bestScore >= need ? best : null;
  }

  /** The old passage carried through the section's diff, without the spaces at its ends. */
  private map(version: number, key: string, start: number, end: number): Mapped | null {
    const ops = this.diff(version, key);
    if (!ops) return null;
    const m = mapRange(ops, start, end);
    if (!m) return null;
    const flat = this.target.mt(key).flat;
    let s = m.start;
    let e = m.end;
    while (s < e && flat[s] === ' ') s++;
    while (e > s && flat[e - 1] === ' ') e--;
    return { start: s, end: e };
  }

  private diff(version: number, key: string): DiffOp[] | null {
    const id = `${version}\u0000${key}`;
    if (this.diffs.has(id)) return this.diffs.get(id)!;
    const a = this.olds.get(version)?.mt(key).text ?? '';
    const b = this.target.mt(key).text;
    let ops: DiffOp[] | null = diffPassage(a, b, this.budget).ops;
    // The diff normalises to NFC again; should that change a length, its offsets are not ours.
    const side = (op: DiffOp['op']) => ops!.reduce((n, o) => n + (o.op === 'equal' || o.op === op ? o.text.length : 0), 0);
    if (side('delete') !== a.length || side('insert') !== b.length) ops = null;
    this.diffs.set(id, ops);
    return ops;
  }

  private placed(state: AnchorState, key: string, start: number, end: number): Placement {
    const section = this.target.byKey.get(key)!;
    const src = toSource(this.target.mt(key), start, end);
    return { state, sectionKey: key, heading: section.heading, start: src.start, end: src.end, text: section.body.slice(src.start, src.end) };
  }

  /** As placed(), from offsets in the stored text. */
  private placedAt(state: AnchorState, key: string, start: number, end: number): Placement {
    const section = this.target.byKey.get(key)!;
    return { state, sectionKey: key, heading: section.heading, start, end, text: section.body.slice(start, end) };
  }

  private undecided(spots: Spot[], length: number): Placement {
    const key = spots.every((s) => s.key === spots[0].key) ? spots[0].key : null;
    const candidates = spots
      .slice(0, PLACEMENT_LIMITS.maxCandidates)
      .map((s) => ({ sectionKey: s.key, ...toSource(this.target.mt(s.key), s.at, s.at + length) }));
    return { state: 'changed', sectionKey: key, heading: key ? this.target.byKey.get(key)!.heading : null, start: null, end: null, text: null, candidates };
  }

  private removed(key: string | null): Placement {
    return { state: 'removed', sectionKey: key, heading: key ? this.target.byKey.get(key)!.heading : null, start: null, end: null, text: null };
  }
}

/** Places each anchor on `target`; `versions` holds the sections of every version the anchors were made on. */
export function placeAnchors(anchors: readonly AnchorInput[], versions: ReadonlyMap<number, readonly Section[]>, target: readonly Section[]): Placement[] {
  const placer = new AnchorPlacer(versions, target);
  return anchors.map((a) => placer.place(a));
}

/** Old `start`..`end` in the new text: a boundary inside a deleted run goes to the text inserted in its place. */
export function mapRange(ops: readonly DiffOp[], start: number, end: number): { start: number; end: number; exact: boolean } | null {
  let o = 0;
  let n = 0;
  let newStart = -1;
  let exactStart = false;
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k];
    const len = op.text.length;
    if (op.op === 'insert') {
      n += len;
      continue;
    }
    if (newStart < 0 && start < o + len) {
      exactStart = op.op === 'equal';
      newStart = exactStart ? n + (start - o) : n;
    }
    if (newStart >= 0 && end - 1 < o + len) {
      if (op.op === 'equal') return { start: newStart, end: n + (end - o), exact: exactStart };
      const next = ops[k + 1];
      return { start: newStart, end: n + (next?.op === 'insert' ? next.text.length : 0), exact: false };
    }
    if (op.op === 'equal') n += len;
    else exactStart = false;
    o += len;
  }
  return null;
}

function commonSuffix(flat: string, at: number, before: string): number {
  let k = 0;
  while (k < before.length && at - 1 - k >= 0 && flat[at - 1 - k] === before[before.length - 1 - k]) k++;
  return k;
}

function commonPrefix(flat: string, at: number, after: string): number {
  let k = 0;
  while (k < after.length && at + k < flat.length && flat[at + k] === after[k]) k++;
  return k;
}

const wordsOf = (text: string) => words(text).filter((w) => /[\p{L}\p{N}]/u.test(w));

/** Dice coefficient of the two texts' words, counted as bags. */
export function similarity(a: string, b: string): number {
  const wa = wordsOf(a.toLocaleLowerCase('vi'));
  const wb = wordsOf(b.toLocaleLowerCase('vi'));
  if (!wa.length || !wb.length) return 0;
  const bag = new Map<string, number>();
  for (const w of wa) bag.set(w, (bag.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of wb) {
    const left = bag.get(w) ?? 0;
    if (left > 0) {
      common++;
      bag.set(w, left - 1);
    }
  }
  return (2 * common) / (wa.length + wb.length);
}
