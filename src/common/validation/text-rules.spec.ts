import { charLength, hasForbiddenControl, hasLoneSurrogate, isBlank, normaliseNewlines, withinChars } from './text-rules';

describe('text rules', () => {
  it('allows tab and newline, refuses every other control character', () => {
    expect(hasForbiddenControl('Dòng 1\n\tDòng 2')).toBe(false);
    for (const c of ['\u0000', '\u0007', '\u000b', '\u001b', '\r', '\u007f', '\u0085', '\u009f']) expect(hasForbiddenControl(`a${c}b`)).toBe(true);
  });

  it('turns Windows line ends into newlines but leaves a lone carriage return to be refused', () => {
    expect(normaliseNewlines('a\r\nb')).toBe('a\nb');
    expect(hasForbiddenControl(normaliseNewlines('a\rb') as string)).toBe(true);
  });

  it('finds lone surrogates', () => {
    expect(hasLoneSurrogate('\ud800')).toBe(true);
    expect(hasLoneSurrogate('😀 Đề án')).toBe(false);
  });

  it('counts characters as people do', () => {
    expect(charLength('Đề án')).toBe(5);
    expect(charLength('😀😀')).toBe(2);
  });

  it('treats whitespace only as blank', () => {
    expect(isBlank(' \n\t ')).toBe(true);
    expect(isBlank(' a ')).toBe(false);
  });

  it('checks a length in characters, deciding from the UTF-16 length where it can', () => {
    expect(withinChars('😀'.repeat(200), 1, 200)).toBe(true);
    expect(withinChars('😀'.repeat(201), 1, 200)).toBe(false);
    expect(withinChars('a'.repeat(201), 1, 200)).toBe(false);
    expect(withinChars('x'.repeat(5_000_000), 1, 200)).toBe(false);
    expect(withinChars('', 1, 200)).toBe(false);
    expect(withinChars('😀', 2, 200)).toBe(false);
    expect(withinChars('ab', 2, 200)).toBe(true);
  });
});
