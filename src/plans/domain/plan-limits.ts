import type { SectionInput } from './sections';

/**
 * The size of a plan (docs/api.md "Conventions"), in one place for the DTOs, the services that
 * write sections and the benches that prove a plan at the maximum is served.
 */
export const PLAN_LIMITS = {
  minSections: 1,
  maxSections: 500,
  headingChars: 500,
  bodyChars: 200_000,
  /** Headings and bodies of all sections together, in characters (code points). */
  totalChars: 5_000_000,
} as const;

/** Code points of well-formed text: UTF-16 units less one per surrogate pair. */
function codePoints(text: string): number {
  let pairs = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) pairs++;
  }
  return text.length - pairs;
}

/** Characters of text in the sections, headings included. */
export function planChars(sections: readonly Pick<SectionInput, 'heading' | 'body'>[]): number {
  let chars = 0;
  for (const s of sections) chars += codePoints(s.heading) + codePoints(s.body);
  return chars;
}

export interface PlanSizeProblem {
  chars: number;
  max: number;
}

/** Too much text for one plan, however the sections came (a whole draft, or one more section). */
export function planSizeProblem(sections: readonly Pick<SectionInput, 'heading' | 'body'>[]): PlanSizeProblem | null {
  let units = 0;
  for (const s of sections) units += s.heading.length + s.body.length;
  // A character is one or two UTF-16 units: counting is needed only past the limit in units.
  if (units <= PLAN_LIMITS.totalChars) return null;
  const chars = planChars(sections);
  return chars > PLAN_LIMITS.totalChars ? { chars, max: PLAN_LIMITS.totalChars } : null;
}
