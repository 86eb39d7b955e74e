import { createHash } from 'node:crypto';
import type { Section } from './sections';

/**
 * The canonical form of a version's content: a JSON array of [key, heading, body] in section
 * order, text in Unicode NFC, no whitespace between tokens, UTF-8. Its sha256 is the content hash.
 */
export function canonicalContent(sections: readonly Section[]): string {
  return JSON.stringify(sections.map((s) => [s.key, s.heading.normalize('NFC'), s.body.normalize('NFC')]));
}

export function contentHash(sections: readonly Section[]): string {
  return createHash('sha256').update(canonicalContent(sections), 'utf8').digest('hex');
}
