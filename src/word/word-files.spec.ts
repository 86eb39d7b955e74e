import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../common/errors/domain-error';
import { readDraftFile, readReplyFile } from './word-files';

const word = (name: string) => readFileSync(join(__dirname, '../../test/fixtures/word/ms-word', name));

const outcome = (p: Promise<unknown>) =>
  p.then(
    (v) => ({ ok: v }),
    (err: unknown) => ({ err: err instanceof DomainError ? err.code : String(err) }),
  );

describe('files written by Microsoft Word (mammoth.js test data)', () => {
  it.each(['text-box', 'comments', 'tables', 'footnotes', 'external-picture', 'strict-format', 'endnotes'])(
    '%s.docx is read or refused with a domain error, never thrown past',
    async (name) => {
      const result = await outcome(readDraftFile(word(`${name}.docx`)));
      expect('ok' in result || ['invalid', 'unsupported_media_type'].includes((result as { err: string }).err)).toBe(true);
    },
  );

  it('a text box keeps its text and is listed; footnotes become text at the end of their section', async () => {
    const box = await readDraftFile(word('text-box.docx'));
    expect(box.sections).toEqual([{ heading: 'Nội dung', body: 'Datum plane' }]);
    expect(box.skipped).toEqual([{ what: 'text_box', where: 'đoạn “Datum plane”' }]);
    const notes = await readDraftFile(word('footnotes.docx'));
    expect(notes.sections[0].body).toBe('Ouch[1].[2]\n\n[1] A tachyon walks into a bar.\n\n[2] Fin.');
    expect(notes.skipped.map((s) => s.what)).toEqual(['footnote', 'footnote']);
  });

  it('a linked picture is never fetched: a file with nothing else has no text (400)', async () => {
    await expect(readDraftFile(word('external-picture.docx'))).rejects.toMatchObject({ code: 'invalid' });
  });

  it('Word tables become Markdown tables', async () => {
    const { sections } = await readDraftFile(word('tables.docx'));
    expect(sections[0].body).toMatch(/^\| .+ \|\n\| --- \|/m);
  });

  it("Word's own comments are read with their ranges", async () => {
    const marks = await readReplyFile(word('comments.docx'));
    expect(marks.comments.length).toBeGreaterThan(0);
    for (const c of marks.comments) expect(c.body.trim()).not.toBe('');
  });
});
