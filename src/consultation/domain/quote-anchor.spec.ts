import { normaliseForMatch, quoteOccursIn } from './quote-anchor';

const section = {
  heading: 'Phần III. THỰC TRẠNG',
  body: 'Đến nay, toàn tỉnh có 633 hợp tác xã,\ntrong đó có 25 hợp tác xã được thành lập mới từ đầu năm 2022.',
};

describe('quote anchoring', () => {
  it('finds a verbatim passage of the body or the heading', () => {
    expect(quoteOccursIn('633 hợp tác xã', section)).toBe(true);
    expect(quoteOccursIn('THỰC TRẠNG', section)).toBe(true);
  });

  it('lets a selection run across a line break, as a browser joins lines', () => {
    expect(quoteOccursIn('633 hợp tác xã, trong đó có 25', section)).toBe(true);
    expect(quoteOccursIn('  633   hợp tác xã  ', section)).toBe(true);
  });

  it('matches decomposed Vietnamese typed on another keyboard', () => {
    expect(quoteOccursIn('hợp tác xã được thành lập'.normalize('NFD'), section)).toBe(true);
  });

  it('refuses text that is not in the section, including the same words without diacritics', () => {
    expect(quoteOccursIn('634 hợp tác xã', section)).toBe(false);
    expect(quoteOccursIn('hop tac xa', section)).toBe(false);
    expect(quoteOccursIn('   ', section)).toBe(false);
  });

  it('normalises to NFC with single spaces', () => {
    expect(normaliseForMatch(' a\t\n b ')).toBe('a b');
    expect(normaliseForMatch('xã'.normalize('NFD'))).toBe('xã');
  });
});
