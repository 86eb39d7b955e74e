import { edited, vnText } from '../../../test/support/vn-text';
import { DiffOp, diffPassage, diffSections, diffText } from './section-diff';

const apply = (ops: DiffOp[], side: 'from' | 'to') =>
  ops
    .filter((o) => o.op === 'equal' || o.op === (side === 'from' ? 'delete' : 'insert'))
    .map((o) => o.text)
    .join('');

describe('diffText', () => {
  it('works on whole Vietnamese words, never splitting a syllable or its diacritics', () => {
    const ops = diffText('Thành lập mới ít nhất 30 hợp tác xã.', 'Thành lập mới ít nhất 35 hợp tác xã kiểu mới.');
    expect(ops).toContainEqual({ op: 'delete', text: '30' });
    expect(ops).toContainEqual({ op: 'insert', text: '35' });
    for (const op of ops.filter((o) => o.op !== 'equal')) {
      expect(
        op.text
          .trim()
          .split(/\s+/)
          .every((w) => /^[\p{L}\p{N}.,]+$/u.test(w)),
      ).toBe(true);
    }
    expect(
      ops
        .filter((o) => o.op === 'insert')
        .map((o) => o.text)
        .join(''),
    ).toContain('kiểu mới');
  });

  it('tells a changed diacritic as a changed word', () => {
    const ops = diffText('hợp tác xã', 'hợp tắc xã');
    expect(ops).toEqual([
      { op: 'equal', text: 'hợp ' },
      { op: 'delete', text: 'tác' },
      { op: 'insert', text: 'tắc' },
      { op: 'equal', text: ' xã' },
    ]);
  });

  it('reconstructs both texts from the ops', () => {
    const pairs = [
      ['Kinh tế tập thể, hợp tác xã là thành phần kinh tế quan trọng.', 'Kinh tế tập thể và hợp tác xã là thành phần rất quan trọng của nền kinh tế.'],
      ['- Luật Hợp tác xã năm 2012;\n- Nghị định 193/2013/NĐ-CP;', '- Luật Hợp tác xã năm 2023;\n- Nghị định 193/2013/NĐ-CP;\n- Quyết định 340/QĐ-TTg.'],
      ['', 'Nội dung mới.'],
      ['Nội dung cũ.', ''],
      ['Giữ   nguyên   khoảng trắng', 'Giữ nguyên khoảng trắng'],
    ];
    for (const [a, b] of pairs) {
      const ops = diffText(a, b);
      expect(apply(ops, 'from')).toBe(a);
      expect(apply(ops, 'to')).toBe(b);
    }
  });

  it('merges neighbouring ops of the same kind', () => {
    const ops = diffText('một hai ba', 'bốn năm sáu');
    for (let i = 1; i < ops.length; i++) expect(ops[i].op).not.toBe(ops[i - 1].op);
  });

  it('compares in NFC, so a decomposed copy of the same text is unchanged', () => {
    expect(diffText('hợp tác xã', 'hợp tác xã'.normalize('NFD'))).toEqual([{ op: 'equal', text: 'hợp tác xã' }]);
  });
});

describe('diffSections', () => {
  const a = { key: 'a', heading: 'Phần I', body: 'Sự cần thiết.' };
  const b = { key: 'b', heading: 'Phần II', body: 'Căn cứ.' };
  const c = { key: 'c', heading: 'Phần III', body: 'Thực trạng.' };
  const d = { key: 'd', heading: 'Phần IV', body: 'Mục tiêu.' };

  it('marks each section same, changed, added or removed, following keys not positions', () => {
    const result = diffSections([a, b, c], [{ ...a }, { ...c, body: 'Thực trạng năm 2022.' }, d]);
    expect(result.map((s) => [s.key, s.change])).toEqual([
      ['a', 'same'],
      ['b', 'removed'],
      ['c', 'changed'],
      ['d', 'added'],
    ]);
    expect(result[1].ops).toEqual([{ op: 'delete', text: 'Căn cứ.' }]);
    expect(result[3].ops).toEqual([{ op: 'insert', text: 'Mục tiêu.' }]);
  });

  it('shows a renamed heading as a change, with the old heading', () => {
    const [only] = diffSections([a], [{ ...a, heading: 'Phần I. SỰ CẦN THIẾT' }]);
    expect(only).toMatchObject({ change: 'changed', heading: 'Phần I. SỰ CẦN THIẾT', previousHeading: 'Phần I' });
  });

  it('keeps a removed first section at the top and follows a moved section by its key', () => {
    expect(diffSections([a, b], [b]).map((s) => [s.key, s.change])).toEqual([
      ['a', 'removed'],
      ['b', 'same'],
    ]);
    expect(diffSections([a, b], [b, a]).map((s) => [s.key, s.change])).toEqual([
      ['b', 'same'],
      ['a', 'same'],
    ]);
  });
});

describe('a bounded diff', () => {
  const big = vnText(200_000, 1);

  it('keeps every character of long texts on both sides, however they changed', () => {
    const oneLine = vnText(60_000, 9).replace(/[.;\n]/g, ' ');
    const pairs: [string, string][] = [
      [big, edited(big, 0.05, 2)],
      [big, vnText(200_000, 3)],
      [oneLine, edited(oneLine, 0.3, 4)],
      ['a '.repeat(20_000), 'a b '.repeat(10_000)],
      ['Dòng một\r\n\tthụt lề  hai   dấu cách\r\n', 'Dòng một\r\n\tthụt lề hai dấu cách\r\n\r\n'],
    ];
    for (const [a, b] of pairs) {
      const { ops } = diffPassage(a, b);
      expect(apply(ops, 'from')).toBe(a.normalize('NFC'));
      expect(apply(ops, 'to')).toBe(b.normalize('NFC'));
    }
  });

  it('finds a few edited words in a 200,000-character section, word by word', () => {
    const words = big.split(' ');
    words[1000] = 'sửa';
    words[20_000] = 'đổi';
    const { ops, approximate } = diffPassage(big, words.join(' '));
    expect(approximate).toBe(false);
    expect(ops.filter((o) => o.op === 'insert').map((o) => o.text)).toEqual(['sửa', 'đổi']);
  });

  it('shows a passage past its limits as replaced, and says so', () => {
    const oneLine = vnText(200_000, 9).replace(/[.;\n]/g, ' ');
    const { ops, approximate } = diffPassage(oneLine, edited(oneLine, 0.3, 4));
    expect(approximate).toBe(true);
    expect(ops.filter((o) => o.op === 'delete').length).toBeGreaterThan(0);
  });

  it('shares one budget across the sections: past it, the later changed sections are replaced whole', () => {
    const from = Array.from({ length: 6 }, (_, i) => ({ key: `k${i}`, heading: `Mục ${i + 1}`, body: vnText(20_000, 20 + i) }));
    const to = from.map((s, i) => ({ ...s, body: edited(s.body, 0.05, 40 + i) }));
    const full = diffSections(from, to);
    expect(full.some((s) => s.approximate)).toBe(false);
    const limited = diffSections(from, to, { left: 600_000 });
    expect(limited[0].approximate).toBeUndefined();
    expect(limited[5]).toMatchObject({
      change: 'changed',
      approximate: true,
      ops: [
        { op: 'delete', text: from[5].body },
        { op: 'insert', text: to[5].body },
      ],
    });
    for (const [i, s] of limited.entries()) {
      expect(apply(s.ops, 'from')).toBe(from[i].body);
      expect(apply(s.ops, 'to')).toBe(to[i].body);
    }
  });

  it('gives the same result every time (it is stored once and for all)', () => {
    const b = vnText(200_000, 5);
    expect(JSON.stringify(diffPassage(big, b))).toBe(JSON.stringify(diffPassage(big, b)));
  });

  it('shows a rewritten sentence as replaced rather than as words kept apart by the spaces they share', () => {
    const ops = diffText(
      'Giữ nguyên câu này. Hỗ trợ thành lập mới hợp tác xã nông nghiệp.',
      'Giữ nguyên câu này. Tăng cường kiểm tra giám sát các doanh nghiệp nhỏ.',
    );
    expect(ops).toEqual([
      { op: 'equal', text: 'Giữ nguyên câu này. ' },
      { op: 'delete', text: 'Hỗ trợ thành lập mới hợp tác xã nông nghiệp' },
      { op: 'insert', text: 'Tăng cường kiểm tra giám sát các doanh nghiệp nhỏ' },
      { op: 'equal', text: '.' },
    ]);
  });
});
