import { buildPlanDocument } from '../documents/domain/plan-document';
import { renderDocx } from '../documents/docx/docx-renderer';
import { samplePlanInput, SAMPLE_VERSION_2 } from '../../test/fixtures/document-inputs';
import { readDraftFile } from './word-files';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A plan exported as .docx and imported again is the same plan: the title, every section, its heading and its text. */
describe('Word round trip: export, then import', () => {
  it('gives back the sections of the version that was exported', async () => {
    const docx = await renderDocx('plan', buildPlanDocument(samplePlanInput(false)));
    const draft = await readDraftFile(docx);
    expect(draft.title).toBe(samplePlanInput(false).plan.title);
    expect(draft.skipped).toEqual([]);
    expect(draft.sections.map((s) => squash(s.heading))).toEqual(SAMPLE_VERSION_2.map((s) => squash(s.heading)));
    draft.sections.forEach((s, i) => expect(squash(s.body)).toBe(squash(SAMPLE_VERSION_2[i].body)));
  });
});
