import type { Section } from '../../plans/domain/sections';
import { AnchorInput, mapRange, placeAnchors, Placement, similarity } from './anchor-placement';
import { anchorQuote, nthQuoteStart } from './anchor-text';

const V1: Section[] = [
  {
    key: 's1',
    heading: 'I. MỤC TIÊU',
    body: 'Đến năm 2025, toàn tỉnh có 700 hợp tác xã hoạt động hiệu quả.\nThành lập mới ít nhất 30 hợp tác xã nông nghiệp ứng dụng công nghệ cao. Doanh thu bình quân đạt 5 tỷ đồng mỗi năm.',
  },
  {
    key: 's2',
    heading: 'II. NHIỆM VỤ',
    body: 'Tuyên truyền chính sách pháp luật về kinh tế tập thể. Hỗ trợ đào tạo cán bộ quản lý hợp tác xã. Hỗ trợ đào tạo cán bộ quản lý hợp tác xã ở các huyện miền núi.',
  },
  { key: 's3', heading: 'III. GIẢI PHÁP', body: 'Bố trí nguồn vốn ngân sách tỉnh để thực hiện kế hoạch, ưu tiên chuỗi giá trị sản phẩm chủ lực.' },
];

/** The anchor a comment on `quote` in section `key` of V1 (or `sections`) keeps, at its `nth` occurrence. */
function anchorOn(key: string, quote: string, nth = 0, sections: Section[] = V1): AnchorInput {
  const body = sections.find((s) => s.key === key)!.body;
  let at = -1;
  for (let k = 0; k <= nth; k++) at = body.indexOf(quote, at + 1);
  const found = anchorQuote(body, quote, at);
  if (!found.anchor) throw new Error(`no ${quote} in ${key}`);
  return { versionNumber: 1, sectionKey: key, quote, start: found.anchor.start, end: found.anchor.end, before: found.anchor.before, after: found.anchor.after };
}

const withBody = (key: string, body: string, sections: Section[] = V1): Section[] => sections.map((s) => (s.key === key ? { ...s, body } : s));
const place = (anchor: AnchorInput, target: Section[], versions: Section[] = V1): Placement => placeAnchors([anchor], new Map([[1, versions]]), target)[0];
const at = (p: Placement, target: Section[]) => target.find((s) => s.key === p.sectionKey)!.body.slice(p.start!, p.end!);

describe('placing a comment on a later version', () => {
  it('same: an unchanged version keeps every quote where it was', () => {
    const a = anchorOn('s1', '30 hợp tác xã nông nghiệp');
    expect(place(a, V1)).toEqual({ state: 'same', sectionKey: 's1', heading: 'I. MỤC TIÊU', start: a.start, end: a.end, text: '30 hợp tác xã nông nghiệp' });
  });

  it('same: text inserted before the quote moves its offsets, not its words', () => {
    const target = withBody('s1', `Căn cứ Nghị quyết số 20-NQ/TW. ${V1[0].body}`);
    const p = place(anchorOn('s1', '30 hợp tác xã nông nghiệp'), target);
    expect(p.state).toBe('same');
    expect(at(p, target)).toBe('30 hợp tác xã nông nghiệp');
    expect(p.start).toBe(V1[0].body.indexOf('30 hợp') + 'Căn cứ Nghị quyết số 20-NQ/TW. '.length);
  });

  it('changed: an edit inside the quote gives the passage that stands there now', () => {
    const target = withBody('s1', V1[0].body.replace('ít nhất 30 hợp tác xã nông nghiệp', 'ít nhất 45 hợp tác xã nông nghiệp kiểu mới'));
    const p = place(anchorOn('s1', '30 hợp tác xã nông nghiệp ứng dụng công nghệ cao'), target);
    expect(p.state).toBe('changed');
    expect(p.text).toBe('45 hợp tác xã nông nghiệp kiểu mới ứng dụng công nghệ cao');
    expect(at(p, target)).toBe(p.text);
    expect(p.candidates).toBeUndefined();
  });

  it('changed: a sentence split in two, and two sentences joined into one', () => {
    const quote = 'Thành lập mới ít nhất 30 hợp tác xã nông nghiệp ứng dụng công nghệ cao';
    const split = withBody('s1', V1[0].body.replace(quote, 'Thành lập mới ít nhất 30 hợp tác xã nông nghiệp. Các hợp tác xã này ứng dụng công nghệ cao'));
    const p1 = place(anchorOn('s1', quote), split);
    expect(p1).toMatchObject({
      state: 'changed',
      sectionKey: 's1',
      text: 'Thành lập mới ít nhất 30 hợp tác xã nông nghiệp. Các hợp tác xã này ứng dụng công nghệ cao',
    });

    const two = 'ứng dụng công nghệ cao. Doanh thu bình quân';
    const joined = withBody('s1', V1[0].body.replace(two, 'ứng dụng công nghệ cao, doanh thu bình quân'));
    const p2 = place(anchorOn('s1', two), joined);
    expect(p2).toMatchObject({ state: 'changed', text: 'ứng dụng công nghệ cao, doanh thu bình quân' });
  });

  it('moved: sections merged (the quoted section gone into another)', () => {
    const merged: Section[] = [{ ...V1[0], body: `${V1[0].body}\n${V1[2].body}` }, V1[1]];
    const p = place(anchorOn('s3', 'ưu tiên chuỗi giá trị'), merged);
    expect(p).toMatchObject({ state: 'moved', sectionKey: 's1', heading: 'I. MỤC TIÊU', text: 'ưu tiên chuỗi giá trị' });
    expect(at(p, merged)).toBe('ưu tiên chuỗi giá trị');
  });

  it('moved: a section split, the quote going with its half into a new section', () => {
    const [first, second] = [V1[0].body.slice(0, V1[0].body.indexOf('\n')), V1[0].body.slice(V1[0].body.indexOf('\n') + 1)];
    const split: Section[] = [{ ...V1[0], body: first }, { key: 'n1', heading: 'I.2. Chỉ tiêu cụ thể', body: second }, V1[1], V1[2]];
    const p = place(anchorOn('s1', 'Doanh thu bình quân đạt 5 tỷ đồng'), split);
    expect(p).toMatchObject({ state: 'moved', sectionKey: 'n1', heading: 'I.2. Chỉ tiêu cụ thể' });
    expect(at(p, split)).toBe('Doanh thu bình quân đạt 5 tỷ đồng');
    // The half that stayed stays "same".
    expect(place(anchorOn('s1', '700 hợp tác xã'), split)).toMatchObject({ state: 'same', sectionKey: 's1' });
  });

  it('removed: the passage deleted, and a whole section deleted (sectionKey null then)', () => {
    const cut = withBody('s1', V1[0].body.replace(' Doanh thu bình quân đạt 5 tỷ đồng mỗi năm.', ''));
    expect(place(anchorOn('s1', 'Doanh thu bình quân đạt 5 tỷ đồng'), cut)).toEqual({
      state: 'removed',
      sectionKey: 's1',
      heading: 'I. MỤC TIÊU',
      start: null,
      end: null,
      text: null,
    });
    const gone = V1.filter((s) => s.key !== 's3');
    expect(place(anchorOn('s3', 'nguồn vốn ngân sách tỉnh'), gone)).toEqual({
      state: 'removed',
      sectionKey: null,
      heading: null,
      start: null,
      end: null,
      text: null,
    });
  });

  it('whole_plan: a comment on no section; a comment on a section without a quote follows the section', () => {
    const whole: AnchorInput = { versionNumber: 1, sectionKey: null, quote: null, start: null, end: null, before: null, after: null };
    expect(place(whole, V1).state).toBe('whole_plan');
    const onSection: AnchorInput = { ...whole, sectionKey: 's2' };
    expect(place(onSection, V1)).toMatchObject({ state: 'same', sectionKey: 's2', start: null });
    expect(place(onSection, [V1[0]])).toMatchObject({ state: 'removed', sectionKey: null });
  });

  it('matches NFD (decomposed) text and quotes, and reports offsets in the stored text', () => {
    const nfdTarget = withBody('s1', `Mở đầu. ${V1[0].body}`.normalize('NFD'));
    const quote = 'hợp tác xã nông nghiệp';
    const a = { ...anchorOn('s1', quote), quote: quote.normalize('NFD') };
    const p = place(a, nfdTarget);
    expect(p.state).toBe('same');
    expect(p.text).toBe(quote.normalize('NFD'));
    expect(at(p, nfdTarget).normalize('NFC')).toBe(quote);
    // An NFD version of the comment, placed on NFC text.
    const nfdV1 = withBody('s1', V1[0].body.normalize('NFD'));
    const fromNfd = anchorOn('s1', quote.normalize('NFD'), 0, nfdV1);
    const q = placeAnchors([fromNfd], new Map([[1, nfdV1]]), withBody('s1', `Mở đầu. ${V1[0].body}`))[0];
    expect(q).toMatchObject({ state: 'same', text: quote });
  });

  it('a repeated phrase follows its own occurrence when another copy is inserted before it', () => {
    const phrase = 'Hỗ trợ đào tạo cán bộ quản lý hợp tác xã';
    const second = anchorOn('s2', phrase, 1);
    const first = anchorOn('s2', phrase, 0);
    const target = withBody('s2', `${phrase} cấp tỉnh. ${V1[1].body}`);
    const p2 = place(second, target);
    const p1 = place(first, target);
    expect(p2.state).toBe('same');
    expect(p1.state).toBe('same');
    expect(p2.start).toBe(second.start! + `${phrase} cấp tỉnh. `.length);
    expect(p1.start).toBe(first.start! + `${phrase} cấp tỉnh. `.length);
    expect(target[1].body.slice(p2.end!)).toBe(' ở các huyện miền núi.');
  });

  it('a repeated phrase is told apart by its context when the diff cannot keep it', () => {
    const phrase = 'Hỗ trợ đào tạo cán bộ quản lý hợp tác xã';
    const rewritten = withBody('s2', `Hỗ trợ đào tạo cán bộ quản lý hợp tác xã ở các huyện miền núi. Các nội dung khác giữ nguyên; ${phrase}.`);
    const p = place(anchorOn('s2', phrase, 1), rewritten);
    expect(p.state).toBe('same');
    expect(p.start).toBe(0);
  });

  it('changed with every candidate when the context cannot decide, never a guess', () => {
    const phrase = 'Hỗ trợ đào tạo cán bộ quản lý hợp tác xã';
    const target = withBody('s2', `Nội dung mới hoàn toàn: ${phrase}; và ${phrase}; cùng các việc khác.`);
    const p = place(anchorOn('s2', phrase, 0), target);
    expect(p.state).toBe('changed');
    expect(p.start).toBeNull();
    expect(p.candidates).toHaveLength(2);
    for (const c of p.candidates!) expect(target[1].body.slice(c.start!, c.end!)).toBe(phrase);
  });

  it('a short quote found elsewhere only by chance is not taken as moved', () => {
    const target: Section[] = [V1[0], { ...V1[1], body: 'Nội dung đã viết lại hoàn toàn.' }, { ...V1[2], body: `${V1[2].body} Kinh tế tập thể.` }];
    const p = place(anchorOn('s2', 'kinh tế tập thể'), target);
    expect(p.state).not.toBe('moved');
  });

  it('a heading quote follows the heading', () => {
    const a: AnchorInput = { versionNumber: 1, sectionKey: 's3', quote: 'GIẢI PHÁP', start: null, end: null, before: null, after: null };
    expect(place(a, V1)).toMatchObject({ state: 'same', sectionKey: 's3' });
    expect(place(a, [V1[0], { ...V1[2], key: 'x', heading: 'IV. GIẢI PHÁP' }])).toMatchObject({ state: 'moved', sectionKey: 'x' });
    expect(place(a, [V1[0]])).toMatchObject({ state: 'removed', sectionKey: null });
  });

  it('places many comments in one call, sharing the diff of a section', () => {
    const target = withBody('s2', `Mở đầu. ${V1[1].body}`);
    const anchors = [anchorOn('s2', 'Tuyên truyền'), anchorOn('s2', 'miền núi'), anchorOn('s1', '700'), anchorOn('s3', 'kế hoạch')];
    expect(placeAnchors(anchors, new Map([[1, V1]]), target).map((p) => p.state)).toEqual(['same', 'same', 'same', 'same']);
  });
});

describe('the pieces', () => {
  it('maps a range through diff ops, a deleted boundary going to what was inserted', () => {
    const ops = [
      { op: 'equal' as const, text: 'ab ' },
      { op: 'delete' as const, text: 'cd' },
      { op: 'insert' as const, text: 'XYZ' },
      { op: 'equal' as const, text: ' ef' },
    ];
    expect(mapRange(ops, 0, 2)).toEqual({ start: 0, end: 2, exact: true });
    expect(mapRange(ops, 3, 5)).toEqual({ start: 3, end: 6, exact: false });
    expect(mapRange(ops, 6, 8)).toEqual({ start: 7, end: 9, exact: true });
    expect(mapRange(ops, 0, 8)).toMatchObject({ start: 0, end: 9, exact: false });
  });

  it('measures words in common, ignoring case and punctuation', () => {
    expect(similarity('hợp tác xã', 'Hợp tác xã.')).toBe(1);
    expect(similarity('hợp tác xã', 'doanh nghiệp')).toBe(0);
  });

  it('anchors a quote at its offset, refusing an offset where it is not', () => {
    const body = 'Một hai ba. Một hai ba.';
    expect(anchorQuote(body, 'Một hai', null)).toMatchObject({ anchor: { start: 0, end: 7, occurrences: 2 } });
    expect(anchorQuote(body, 'Một hai', 12)).toMatchObject({ anchor: { start: 12, end: 19, before: 'Một hai ba. ', after: ' ba.' } });
    expect(anchorQuote(body, ' Một hai', 11)).toMatchObject({ anchor: { start: 12 } });
    expect(anchorQuote(body, 'Một hai', 3)).toEqual({ anchor: null, problem: { kind: 'not_at_start', occurrences: 2 } });
    expect(anchorQuote(body, 'bốn', null)).toEqual({ anchor: null, problem: { kind: 'absent' } });
    expect(anchorQuote('a\n  b', 'a b', 0)).toMatchObject({ anchor: { start: 0, end: 5 } });
  });

  it('finds the offset of the occurrence a reader selected on the rendered page', () => {
    const body = '**Một** hai, một  hai\nmột hai.';
    expect(nthQuoteStart(body, 'một hai', 0)).toBe(13);
    expect(nthQuoteStart(body, 'một hai', 1)).toBe(22);
    expect(nthQuoteStart(body, 'một hai', 2)).toBeNull();
    expect(nthQuoteStart(body, 'một hai', 1)).toBe(anchorQuote(body, 'một hai', 22).anchor?.start);
  });
});
