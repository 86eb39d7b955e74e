import { DiffOp, diffSections, diffText } from './section-diff';

const apply = (ops: DiffOp[], side: 'from' | 'to') => ops.filter((o) => o.op === 'equal' || o.op === (side === 'from' ? 'delete' : 'insert')).map((o) => o.text).join('');

describe('diffText', () => {
  it('works on whole Vietnamese words, never splitting a syllable or its diacritics', () => {
    const ops = diffText('Thành lập mới ít nhất 30 hợp tác xã.', 'Thành lập mới ít nhất 35 hợp tác xã kiểu mới.');
    expect(ops).toContainEqual({ op: 'delete', text: '30' });
    expect(ops).toContainEqual({ op: 'insert', text: '35' });
    for (const op of ops.filter((o) => o.op !== 'equal')) {
      expect(op.text.trim().split(/\s+/).every((w) => /^[\p{L}\p{N}.,]+$/u.test(w))).toBe(true);
    }
    expect(ops.filter((o) => o.op === 'insert').map((o) => o.text).join('')).toContain('kiểu mới');
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
