import { canonicalContent, contentHash } from './content-hash';

const sections = [
  { key: 's-1', heading: 'Phần I. SỰ CẦN THIẾT', body: 'Kinh tế tập thể, hợp tác xã.' },
  { key: 's-2', heading: 'Phần II', body: '' },
];

describe('content hash', () => {
  it('is the sha256 of a documented canonical form', () => {
    expect(canonicalContent(sections)).toBe('[["s-1","Phần I. SỰ CẦN THIẾT","Kinh tế tập thể, hợp tác xã."],["s-2","Phần II",""]]');
    expect(contentHash(sections)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is stable: the same content gives the same hash, whatever extra properties the objects carry', () => {
    const withExtras = sections.map((s) => ({ ...s, extra: 1 }));
    expect(contentHash(withExtras)).toBe(contentHash(sections));
  });

  it('changes with any letter, diacritic, key or order', () => {
    const base = contentHash(sections);
    expect(contentHash([{ ...sections[0], body: 'Kinh te tap the, hop tac xa.' }, sections[1]])).not.toBe(base);
    expect(contentHash([{ ...sections[0], key: 's-9' }, sections[1]])).not.toBe(base);
    expect(contentHash([sections[1], sections[0]])).not.toBe(base);
    expect(contentHash([{ ...sections[0], heading: `${sections[0].heading} ` }, sections[1]])).not.toBe(base);
  });

  it('treats composed and decomposed Vietnamese as the same text (NFC)', () => {
    const decomposed = sections.map((s) => ({ ...s, heading: s.heading.normalize('NFD'), body: s.body.normalize('NFD') }));
    expect(decomposed[0].body).not.toBe(sections[0].body);
    expect(contentHash(decomposed)).toBe(contentHash(sections));
  });
});
