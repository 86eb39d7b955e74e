import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildComparisonDocument } from '../domain/comparison-document';
import { buildMinutesDocument } from '../domain/minutes-document';
import { buildPlanDocument } from '../domain/plan-document';
import { buildReportDocument } from '../domain/report-document';
import { poison, sampleComparisonInput, sampleMinutesInput, samplePlanInput, sampleReportInput } from '../../../test/fixtures/document-inputs';
import { PDF_TEMPLATES_DIR, renderHtml, TEMPLATE_VERSION } from './document-templates';

const HOSTILE =
  '<img src=http://127.0.0.1:1/img><script>document.title="x"</script><iframe src=http://127.0.0.1:1/frame></iframe>' +
  '<link rel=stylesheet href=http://127.0.0.1:1/css><style>@import url(http://127.0.0.1:1/import); p{background:url(http://127.0.0.1:1/bg)}</style>' +
  '<object data=file:///etc/passwd></object><meta http-equiv=refresh content="0;url=http://127.0.0.1:1/refresh">{{{styles}}}';

const documents = () => ({
  plan: renderHtml('plan', buildPlanDocument(samplePlanInput(true))),
  report: renderHtml('report', buildReportDocument(sampleReportInput())),
  minutes: renderHtml('minutes', buildMinutesDocument(sampleMinutesInput())),
  comparison: renderHtml('comparison', buildComparisonDocument(sampleComparisonInput())),
});

describe('document templates', () => {
  it('never print a value unescaped: no triple-stash, no {{& }}', () => {
    const files = readdirSync(PDF_TEMPLATES_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.hbs'));
    expect(files.sort()).toEqual([
      'comparison.hbs',
      'minutes.hbs',
      'partials/closing.hbs',
      'partials/disposition.hbs',
      'partials/header.hbs',
      'partials/layout.hbs',
      'partials/recipients.hbs',
      'partials/title.hbs',
      'plan.hbs',
      'report.hbs',
    ]);
    for (const f of files) expect(readFileSync(join(PDF_TEMPLATES_DIR, f), 'utf8')).not.toMatch(/\{\{\{|\{\{~?\s*&/);
  });

  it('versions the templates, stylesheet and fonts with one sha256', () => {
    expect(TEMPLATE_VERSION).toMatch(/^[0-9a-f]{64}$/);
  });

  it('knows only its four kinds', () => {
    expect(() => renderHtml('toString' as never, {} as never)).toThrow('Unknown document kind: toString');
  });

  it('renders the four seed documents with the official header and their content', () => {
    const html = documents();
    for (const doc of Object.values(html)) {
      expect(doc).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(doc).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(doc).toContain('<html lang="vi">');
    }
    expect(html.plan).toContain('<h2 class="part">Phần III</h2>');
    expect(html.plan).toContain('<strong>Tồn tại, hạn chế:</strong>');
    expect(html.plan).toContain('Quảng Ninh, ngày 08 tháng 6 năm 2022');
    expect(html.plan).not.toContain('Phần I. SỰ CẦN THIẾT');
    expect(html.report).toContain('BÁO CÁO TỔNG HỢP, GIẢI TRÌNH, TIẾP THU Ý KIẾN');
    expect(html.report).toContain('<th>Giải trình, tiếp thu</th>');
    expect(html.minutes).toContain('Hội nghị kết thúc vào 11 giờ 30 phút, ngày 08 tháng 6 năm 2022./.');
    expect(html.comparison).toContain('<ins>; 12 hợp tác xã giải thể, ngừng hoạt động trong cùng kỳ</ins>');
  });

  it('carries its fonts inline and refers to nothing outside the document', () => {
    for (const doc of Object.values(documents())) {
      expect(doc.match(/@font-face\{font-family:'Tinos'/g)).toHaveLength(12);
      expect(doc.match(/src:url\(data:font\/woff2;base64,/g)).toHaveLength(12);
      expect(doc).toContain('unicode-range:U+0102-0103,U+0110-0111');
      expect(doc).not.toMatch(/url\((?!data:)/);
      expect(doc).not.toMatch(/\s(src|href|data|action|poster)=/i);
    }
  });

  it('escapes every piece of text users wrote, in all four documents', () => {
    const html = {
      plan: renderHtml('plan', buildPlanDocument(poison(samplePlanInput(true), HOSTILE))),
      report: renderHtml('report', buildReportDocument(poison(sampleReportInput(), HOSTILE))),
      minutes: renderHtml('minutes', buildMinutesDocument(poison(sampleMinutesInput(), HOSTILE))),
      comparison: renderHtml('comparison', buildComparisonDocument(poison(sampleComparisonInput(), HOSTILE))),
    };
    for (const [kind, doc] of Object.entries(html)) {
      expect([kind, doc.match(/<(img|script|iframe|link|object|embed)\b/gi)]).toEqual([kind, null]);
      expect(doc.match(/<style\b/g)).toHaveLength(1);
      expect(doc.match(/<meta\b[^>]*>/gi)).toEqual([
        '<meta charset="utf-8">',
        expect.stringContaining('Content-Security-Policy'),
        '<meta name="referrer" content="no-referrer">',
      ]);
      const style = /<style>([\s\S]*?)<\/style>/.exec(doc)![1];
      expect(style).not.toContain('@import');
      expect(style).not.toMatch(/url\((?!data:)/);
      expect(doc.split('&lt;img src&#x3D;http://127.0.0.1:1/img&gt;').length).toBeGreaterThan(5);
      expect(doc).toContain('{{{styles}}}');
    }
  });
});
