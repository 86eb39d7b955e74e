import { checkpointLine } from '../audit/domain/audit-entry';
import { sampleComparisonInput, sampleMinutesInput, samplePlanInput, sampleReportInput } from '../../test/fixtures/document-inputs';
import { readDocxPart } from '../../test/support/docx-parts';
import { renderDocx } from './docx/docx-renderer';
import { buildComparisonDocument } from './domain/comparison-document';
import { buildMinutesDocument } from './domain/minutes-document';
import { buildPlanDocument } from './domain/plan-document';
import { buildReportDocument } from './domain/report-document';
import { DocumentKind, DocumentModels, renderHtml } from './render/document-templates';

const MODELS: { [K in DocumentKind]: DocumentModels[K] } = {
  plan: buildPlanDocument(samplePlanInput(true)),
  report: buildReportDocument(sampleReportInput()),
  minutes: buildMinutesDocument(sampleMinutesInput()),
  comparison: buildComparisonDocument(sampleComparisonInput()),
};
const LINE = checkpointLine({ treeSize: 1234, rootHash: '0123456789abcdef'.repeat(4) });

/** Every issued document ends with the audit checkpoint it was issued under, PDF and Word alike. */
describe('the audit checkpoint line at the end of every document', () => {
  it('reads "Nhật ký kiểm tra: {treeSize} · {first 16 hex of the root}"', () => {
    expect(LINE).toBe('Nhật ký kiểm tra: 1234 · 0123456789abcdef');
  });

  it.each(Object.keys(MODELS) as DocumentKind[])('%s: the HTML ends with it, and has none without a checkpoint', (kind) => {
    const html = renderHtml(kind, MODELS[kind] as never, LINE);
    const at = html.indexOf(`<p class="audit-checkpoint">${LINE}</p>`);
    expect(at).toBeGreaterThan(0);
    expect(
      html
        .slice(at)
        .replace(/<p class="audit-checkpoint">.*?<\/p>/, '')
        .trim(),
    ).toBe('</body>\n</html>');
    expect(renderHtml(kind, MODELS[kind] as never)).not.toContain('<p class="audit-checkpoint">');
  });

  it.each(Object.keys(MODELS) as DocumentKind[])('%s: the Word file ends with it', async (kind) => {
    const xml = (await readDocxPart(await renderDocx(kind, MODELS[kind] as never, LINE), 'word/document.xml'))!;
    const at = xml.lastIndexOf(LINE);
    expect(at).toBeGreaterThan(0);
    expect(xml.slice(at)).not.toMatch(/<w:p[ >]/);
    expect(await readDocxPart(await renderDocx(kind, MODELS[kind] as never), 'word/document.xml')).not.toContain('Nhật ký kiểm tra');
  });
});
