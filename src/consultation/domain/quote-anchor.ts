import type { Section } from '../../plans/domain/sections';

/**
 * A quote is found in a section the way a reader would find it: same letters in Unicode NFC,
 * any run of spaces and line breaks counting as one space (a selection in a browser joins lines).
 */
export function normaliseForMatch(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

export function quoteOccursIn(quote: string, section: Pick<Section, 'heading' | 'body'>): boolean {
  const needle = normaliseForMatch(quote);
  if (!needle) return false;
  return normaliseForMatch(section.body).includes(needle) || normaliseForMatch(section.heading).includes(needle);
}
