import { insertSection, moveSection, removeSection, replaceSection } from './draft-edits';

const draft = [
  { key: 's-a', heading: 'A', body: 'a' },
  { key: 's-b', heading: 'B', body: 'b' },
  { key: 's-c', heading: 'C', body: 'c' },
];
const text = { heading: 'N', body: 'n' };

describe('edits of one section of the working draft', () => {
  it('inserts a new section at the place asked, or at the end', () => {
    expect(insertSection(draft, text, 0)).toEqual({ sections: [{ heading: 'N', body: 'n' }, ...draft], index: 0 });
    expect(insertSection(draft, text, 2).sections.map((s) => s.heading)).toEqual(['A', 'B', 'N', 'C']);
    expect(insertSection(draft, text, null).index).toBe(3);
    expect(insertSection(draft, text, 99).index).toBe(3);
    expect(insertSection(draft, text, -1).index).toBe(3);
  });

  it('replaces a section in place, keeping its key', () => {
    expect(replaceSection(draft, 's-b', text, 1, new Set())).toEqual([draft[0], { key: 's-b', heading: 'N', body: 'n' }, draft[2]]);
    // A DTO instance has its own (unset) key: it must not wipe the section's.
    expect(replaceSection(draft, 's-b', { key: undefined, ...text } as typeof text, 1, new Set())[1].key).toBe('s-b');
  });

  it('puts back a section removed meanwhile where it stood: with its key if a version had it, else as a new one', () => {
    const without = removeSection(draft, 's-b');
    expect(replaceSection(without, 's-b', text, 1, new Set(['s-b']))).toEqual([draft[0], { key: 's-b', heading: 'N', body: 'n' }, draft[2]]);
    expect(replaceSection(without, 's-b', text, 1, new Set())).toEqual([draft[0], { heading: 'N', body: 'n' }, draft[2]]);
    expect(replaceSection(without, 's-b', text, null, new Set()).at(-1)).toEqual({ heading: 'N', body: 'n' });
  });

  it('moves a section one place, and nothing past either end', () => {
    expect(moveSection(draft, 's-a', 'down').map((s) => s.key)).toEqual(['s-b', 's-a', 's-c']);
    expect(moveSection(draft, 's-c', 'up').map((s) => s.key)).toEqual(['s-a', 's-c', 's-b']);
    expect(moveSection(draft, 's-a', 'up')).toEqual(draft);
    expect(moveSection(draft, 's-c', 'down')).toEqual(draft);
    expect(moveSection(draft, 's-x', 'down')).toEqual(draft);
  });
});
