import { renderEmail } from './email-renderer';

describe('e-mail rendering', () => {
  const message = {
    kind: 'round_opened',
    title: 'Đề nghị góp ý: Đề án <HTX> & "kinh tế"',
    body: 'Hạn gửi: 17 giờ 00, ngày 31/05/2022.',
    path: '/rounds/r1',
    subject: { type: 'round' as const, id: 'r1' },
  };

  it('writes a Vietnamese subject and body with the link to the page', () => {
    const e = renderEmail(message, 'Vũ Thị Hằng', 'https://duthao.quangninh.gov.vn');
    expect(e.subject).toBe('[duthao] Đề nghị góp ý: Đề án <HTX> & "kinh tế"');
    expect(e.text).toContain('Kính gửi Vũ Thị Hằng,');
    expect(e.text).toContain('Mở trên hệ thống: https://duthao.quangninh.gov.vn/rounds/r1');
    expect(e.text).toContain('Đề án <HTX> & "kinh tế"');
    expect(e.html).toContain('href="https://duthao.quangninh.gov.vn/rounds/r1"');
  });

  it('escapes what users wrote in the HTML part', () => {
    const e = renderEmail({ ...message, body: '<script>alert(1)</script>' }, '<b>Tên</b>', 'http://x');
    expect(e.html).not.toContain('<script>');
    expect(e.html).toContain('&lt;script&gt;');
    expect(e.html).toContain('&lt;b&gt;Tên&lt;/b&gt;');
  });

  it('lists each item of a digest with its own link', () => {
    const items = [
      { text: 'Tiếp thu: "Bổ sung <kinh phí>"', path: '/rounds/r1#comment-c1' },
      { text: 'Giải trình: "Sửa mục tiêu"', path: '/rounds/r1#comment-c2' },
    ];
    const e = renderEmail({ ...message, items }, 'Vũ Thị Hằng', 'http://x');
    expect(e.text).toContain('- Tiếp thu: "Bổ sung <kinh phí>"\n  http://x/rounds/r1#comment-c1');
    expect(e.text).toContain('http://x/rounds/r1#comment-c2');
    expect(e.html).toContain('<a href="http://x/rounds/r1#comment-c1" style="color:#9b1c1c">Tiếp thu: &quot;Bổ sung &lt;kinh phí&gt;&quot;</a>');
    expect(renderEmail(message, 'A', 'http://x').html).not.toContain('<ol');
  });
});
