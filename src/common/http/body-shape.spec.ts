import { MAX_KEYS, shapeProblem } from './body-shape';

const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));

describe('shapeProblem (a parsed query, form or body)', () => {
  it('passes ordinary input', () => {
    expect(shapeProblem({ title: 'Đề án', sections: [{ heading: 'H', body: 'B' }] })).toBeNull();
    expect(shapeProblem(keys(MAX_KEYS))).toBeNull();
    expect(shapeProblem({ agencyId: Array(MAX_KEYS).fill('x') })).toBeNull();
  });

  it('refuses keys the validation pipe would silently drop', () => {
    expect(shapeProblem(JSON.parse('{"a":{"__proto__":{"x":1}}}'))?.en).toBe('a.__proto__: is not an allowed field');
    expect(shapeProblem({ constructor: 'x' })?.en).toBe('constructor: is not an allowed field');
  });

  it('refuses more than 1,000 keys in an object or items in a list, in a form with a null prototype too', () => {
    expect(shapeProblem(keys(MAX_KEYS + 1))?.en).toMatch(/^body: has more than 1,000 keys/);
    expect(shapeProblem({ op_speaker: Array(MAX_KEYS + 1).fill('x') })?.en).toMatch(/^op_speaker: has more than 1,000 items/);
    const bare = Object.assign(Object.create(null) as object, keys(MAX_KEYS + 1));
    expect(shapeProblem(bare)?.en).toMatch(/has more than 1,000 keys/);
  });

  it('refuses nesting past 32 levels', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(shapeProblem({ junk: deep })?.en).toMatch(/^junk(\[0\])+: nested more than 32 levels deep$/);
  });
});
