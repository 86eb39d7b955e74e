import type { Section, SectionInput } from './sections';

/**
 * The edits the pages make to one section of the working draft, as whole-draft replacements for
 * the draft's PUT (which checks the revision the person saw). Pure: the service saves the result.
 */

export interface SectionText {
  heading: string;
  body: string;
}

const clamp = (at: number | null, length: number) => (at === null || !Number.isInteger(at) || at < 0 ? length : Math.min(at, length));

/** A new section at index `at` (null or past the end: at the end). */
export function insertSection(draft: readonly Section[], text: SectionText, at: number | null): { sections: SectionInput[]; index: number } {
  const index = clamp(at, draft.length);
  const sections: SectionInput[] = [...draft];
  sections.splice(index, 0, { heading: text.heading, body: text.body });
  return { sections, index };
}

/**
 * The section's new text. If someone removed it meanwhile, saving puts it back where it stood: with
 * its key when a frozen version had it (comments and diffs follow it), else as a new section, since
 * a key never frozen went with the section.
 */
export function replaceSection(
  draft: readonly Section[],
  key: string,
  text: SectionText,
  stoodAt: number | null,
  frozenKeys: ReadonlySet<string>,
): SectionInput[] {
  // Only the text is taken from `text`: whatever else it carries (a DTO's own fields) never replaces the key.
  const mine = { heading: text.heading, body: text.body };
  if (draft.some((s) => s.key === key)) return draft.map((s) => (s.key === key ? { key, ...mine } : s));
  const restored: SectionInput = frozenKeys.has(key) ? { key, ...mine } : mine;
  const sections: SectionInput[] = [...draft];
  sections.splice(clamp(stoodAt, draft.length), 0, restored);
  return sections;
}

export function removeSection(draft: readonly Section[], key: string): Section[] {
  return draft.filter((s) => s.key !== key);
}

/** One place up or down; at either end (or a key no longer there) nothing moves. */
export function moveSection(draft: readonly Section[], key: string, direction: 'up' | 'down'): Section[] {
  const i = draft.findIndex((s) => s.key === key);
  const j = i + (direction === 'up' ? -1 : 1);
  const out = [...draft];
  if (i < 0 || j < 0 || j >= draft.length) return out;
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}
