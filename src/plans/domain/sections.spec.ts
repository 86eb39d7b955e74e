import { assignKeys } from './sections';

let n = 0;
const newKey = () => `new-${++n}`;

describe('assignKeys', () => {
  beforeEach(() => (n = 0));

  it('gives new sections fresh keys and keeps known ones', () => {
    const { sections, problems } = assignKeys(
      [
        { key: 'k1', heading: 'A', body: '' },
        { heading: 'B', body: 'x' },
      ],
      new Set(['k1']),
      newKey,
    );
    expect(problems).toEqual([]);
    expect(sections).toEqual([
      { key: 'k1', heading: 'A', body: '' },
      { key: 'new-1', heading: 'B', body: 'x' },
    ]);
  });

  it('refuses a key the plan never had and a key given twice', () => {
    const { problems } = assignKeys(
      [
        { key: 'k1', heading: 'A', body: '' },
        { key: 'k1', heading: 'B', body: '' },
        { key: 'zz', heading: 'C', body: '' },
      ],
      new Set(['k1']),
      newKey,
    );
    expect(problems).toEqual([
      { kind: 'duplicate', index: 1, key: 'k1' },
      { kind: 'unknown', index: 2, key: 'zz' },
    ]);
  });

  it('never hands out a key already in use', () => {
    const taken = ['new-1', 'new-2'];
    const { sections } = assignKeys(
      [
        { key: 'new-1', heading: 'A', body: '' },
        { heading: 'B', body: '' },
      ],
      new Set(taken),
      newKey,
    );
    expect(sections[1].key).toBe('new-3');
  });
});
