import { buildPlanDocument } from './plan-document';
import { estimatePages } from './page-estimate';
import { samplePlanInput } from '../../../test/fixtures/document-inputs';

describe('estimatePages', () => {
  it('counts the text of the whole model, however nested', () => {
    expect(estimatePages({})).toBe(1);
    expect(estimatePages({ title: 'x'.repeat(2200) })).toBe(1);
    expect(estimatePages({ rows: [{ body: 'x'.repeat(2200) }, { cells: ['x'.repeat(2200), 'y'] }], n: 3 })).toBe(3);
  });

  it('grows with the plan: ten times the sections, about ten times the pages', () => {
    const input = samplePlanInput(true);
    const one = estimatePages(buildPlanDocument(input));
    const ten = estimatePages(
      buildPlanDocument({ ...input, version: { ...input.version, sections: Array.from({ length: 10 }, () => input.version.sections).flat() } }),
    );
    expect(ten).toBeGreaterThanOrEqual(5 * one);
    expect(ten).toBeLessThanOrEqual(10 * one + 1);
  });
});
