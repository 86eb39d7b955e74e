/** A section of a plan. Its key is stable across versions: comments and diffs follow it. */
export interface Section {
  key: string;
  heading: string;
  body: string;
}

export interface SectionInput {
  key?: string;
  heading: string;
  body: string;
}

export type KeyProblem = { kind: 'duplicate' | 'unknown'; index: number; key: string };

/**
 * Gives new sections a fresh key and checks the kept ones: a key may appear once, and only if the
 * plan already had it (in the draft or any earlier version, so a removed section can come back).
 */
export function assignKeys(input: SectionInput[], knownKeys: ReadonlySet<string>, newKey: () => string): { sections: Section[]; problems: KeyProblem[] } {
  const seen = new Set<string>();
  const problems: KeyProblem[] = [];
  const sections = input.map((s, index) => {
    let key = s.key;
    if (key === undefined) {
      do key = newKey();
      while (seen.has(key) || knownKeys.has(key));
    } else if (seen.has(key)) {
      problems.push({ kind: 'duplicate', index, key });
    } else if (!knownKeys.has(key)) {
      problems.push({ kind: 'unknown', index, key });
    }
    seen.add(key);
    return { key, heading: s.heading, body: s.body };
  });
  return { sections, problems };
}
