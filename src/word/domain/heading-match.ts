import type { Section, SectionInput } from '../../plans/domain/sections';
import type { ImportedSection } from './draft-sections';

const fold = (heading: string) => heading.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');

/** The heading without its outline marker ("Phần I.", "II.", "Điều 3."), for a file that renumbered. */
const unnumbered = (heading: string) => fold(heading).replace(/^(?:(?:phần|chương|mục|điều)\s+\S+|[ivxlc]{1,7}|\d{1,3}(?:\.\d{1,3})*)\s*[.):\-–—]?\s*/u, '');

export interface KeyedImport {
  sections: SectionInput[];
  matched: number;
  added: number;
  removed: number;
}

/**
 * A new working draft from a file: a section whose heading matches one of the draft's keeps that
 * section's key (same heading first, then the same words under another number), each key once.
 */
export function keepKeysByHeading(draft: readonly Section[], imported: readonly ImportedSection[]): KeyedImport {
  const free = new Map(draft.map((s) => [s.key, s]));
  const keys: (string | undefined)[] = imported.map(() => undefined);
  for (const [pass, key] of [fold, unnumbered].entries()) {
    imported.forEach((s, i) => {
      if (keys[i] !== undefined) return;
      const wanted = key(s.heading);
      if (pass === 1 && wanted.length < 3) return;
      const hit = [...free.values()].find((d) => key(d.heading) === wanted);
      if (hit) {
        keys[i] = hit.key;
        free.delete(hit.key);
      }
    });
  }
  const sections = imported.map((s, i) => (keys[i] ? { key: keys[i], heading: s.heading, body: s.body } : { heading: s.heading, body: s.body }));
  const matched = keys.filter(Boolean).length;
  return { sections, matched, added: imported.length - matched, removed: draft.length - matched };
}
