import { MAX_DEPTH, MAX_KEYS, MAX_VALUES } from './body-shape';
import { JsonShapeScanner, scanJson } from './json-scan';

const scan = (text: string) => scanJson(Buffer.from(text, 'utf8'));
const object = (n: number, prefix = 'k') => `{${Array.from({ length: n }, (_, i) => `"${prefix}${i}":${i}`).join(',')}}`;
const list = (n: number) => `[${Array.from({ length: n }, () => '0').join(',')}]`;

describe('scanJson (the raw bytes of a JSON body)', () => {
  it('lets through what a DTO can take: 1,000 keys, 1,000 items, 32 levels', () => {
    expect(scan(object(MAX_KEYS))).toBeNull();
    expect(scan(list(MAX_KEYS))).toBeNull();
    expect(scan(`${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}`)).toBeNull();
    expect(scan('{"title":"Đề án","sections":[{"heading":"H","body":"a, b: {c} [d]"}]}')).toBeNull();
  });

  it('refuses the 1,001st key of an object, naming where it is and the limit', () => {
    expect(scan(object(MAX_KEYS + 1))?.en).toBe('body: has more than 1,000 keys; an object may have at most 1,000');
    expect(scan(object(MAX_KEYS + 1))?.vi).toContain('1.000 khóa');
    expect(scan(`{"title":"T","sections":[{"heading":"H"},{"extra":${object(MAX_KEYS + 1)}}]}`)?.en).toMatch(/^sections\[1\]\.extra: has more than 1,000 keys/);
  });

  it('refuses the 1,001st item of a list', () => {
    expect(scan(`{"agencyIds":${list(MAX_KEYS + 1)}}`)?.en).toMatch(/^agencyIds: has more than 1,000 items/);
  });

  it('refuses nesting past 32 levels, naming the path', () => {
    expect(scan(`{"junk":${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}}`)?.en).toBe(`junk${'[0]'.repeat(MAX_DEPTH - 1)}: nested more than 32 levels deep`);
    expect(scan('['.repeat(1_000_000))?.en).toContain('nested more than 32 levels');
  });

  it('refuses more than 100,000 values in all, even in lists of 1,000', () => {
    const wide = `[${Array.from({ length: Math.ceil(MAX_VALUES / MAX_KEYS) + 1 }, () => list(MAX_KEYS)).join(',')}]`;
    expect(scan(wide)?.en).toBe('body: holds more than 100,000 values; a request may hold at most 100,000');
  });

  it('does not count what is inside strings, escaped quotes and backslashes included', () => {
    const text = `"${',{['.repeat(5000)}\\"${',\\\\'.repeat(5000)}"`;
    expect(scan(`{"body":${text},"a":"\\\\","b":"\\\\\\"{{{{"}`)).toBeNull();
    expect(scan(`{"body":"${'x'.repeat(5_000_000)}"}`)).toBeNull();
  });

  it('shows a long or escaped key short and decoded', () => {
    const long = 'k'.repeat(10_000);
    expect(scan(`{"${long}":${object(MAX_KEYS + 1)}}`)?.en).toMatch(/^k{60}…: has more than/);
    expect(scan(`{"\\u0110\\u1ec1 \\u00e1n":${object(MAX_KEYS + 1)}}`)?.en).toMatch(/^Đề án: has more than/);
  });

  it('leaves malformed JSON to JSON.parse', () => {
    for (const bad of ['{"a":', '"unterminated', ']]]', '{,,,}']) expect(scan(bad)).toBeNull();
  });

  it('gives the same answer however the body is cut into chunks, escapes and keys across the cuts included', () => {
    const bodies = [
      `{"a\\"b":{"x":"\\","y":"q\\"r"},"long key ${'é'.repeat(300)}":${object(MAX_KEYS + 1)}}`,
      `{"title":"T","sections":[{"heading":"H","body":"${'\\"{['.repeat(3000)}"}],"junk":${'['.repeat(40)}${']'.repeat(40)}}`,
      `{"ok":"${'x\\'.repeat(2000)}","list":${list(MAX_KEYS + 1)}}`,
      `{"fine":[${list(10)}],"s":"a\\\\"}`,
    ];
    for (const text of bodies) {
      const whole = scan(text);
      const bytes = Buffer.from(text, 'utf8');
      for (const size of [1, 2, 3, 7, 64, 1000]) {
        const scanner = new JsonShapeScanner();
        let got = null;
        for (let at = 0; at < bytes.length && !got; at += size) got = scanner.push(bytes.subarray(at, at + size));
        expect([size, got]).toEqual([size, whole]);
      }
    }
  });
});
