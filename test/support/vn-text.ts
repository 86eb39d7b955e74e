/**
 * Long Vietnamese plan text for the diff and size specs and benchmarks: deterministic (a seed gives
 * the same text), Markdown paragraphs of sentences of words drawn from an administrative vocabulary.
 */

const VOCABULARY = (
  'kinh tế tập thể hợp tác xã liên hiệp tổ hợp thành viên phát triển nâng cao chất lượng hiệu quả hoạt động ' +
  'tỉnh huyện xã sở ban ngành ủy ban nhân dân kế hoạch đề án giai đoạn định hướng năm mục tiêu nhiệm vụ giải pháp ' +
  'nguồn vốn ngân sách hỗ trợ đào tạo bồi dưỡng cán bộ quản lý sản xuất nông nghiệp công nghệ cao chuỗi giá trị ' +
  'liên kết tiêu thụ sản phẩm thị trường xúc tiến thương mại chuyển đổi số ứng dụng khoa học thực hiện kiểm tra ' +
  'giám sát đánh giá tổng kết báo cáo tham mưu chủ trì phối hợp tổ chức triển khai tuyên truyền chính sách pháp luật ' +
  'thành lập mới củng cố giải thể ngừng hoạt động doanh thu lợi nhuận bình quân người lao động việc làm thu nhập'
).split(' ');

/** A small fast PRNG (mulberry32): the same seed, the same text. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(next: () => number): string {
  const n = 8 + Math.floor(next() * 18);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(VOCABULARY[Math.floor(next() * VOCABULARY.length)]);
  if (next() < 0.3) words.push(String(Math.floor(next() * 1000)));
  const text = words.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}${next() < 0.15 ? ';' : '.'}`;
}

/** About `chars` characters of Markdown: paragraphs of 3 to 8 sentences separated by blank lines. */
export function vnText(chars: number, seed: number): string {
  const next = random(seed);
  const paragraphs: string[] = [];
  let length = 0;
  while (length < chars) {
    const count = 3 + Math.floor(next() * 6);
    const p: string[] = [];
    for (let i = 0; i < count; i++) p.push(sentence(next));
    const text = p.join(' ');
    paragraphs.push(text);
    length += text.length + 2;
  }
  return paragraphs.join('\n\n').slice(0, chars).trimEnd();
}

/** The same text with about `share` of its words replaced, one here and there (an edited draft). */
export function edited(text: string, share: number, seed: number): string {
  const next = random(seed);
  return text.replace(/[\p{L}\p{N}]+/gu, (w) => (next() < share ? VOCABULARY[Math.floor(next() * VOCABULARY.length)] : w));
}
