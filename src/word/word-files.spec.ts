import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDraftFile, readReplyFile } from './word-files';

const fixture = (name: string) => readFileSync(join(__dirname, '../../test/fixtures/word', name));

describe('Word files made by LibreOffice', () => {
  it('an agency file with no heading styles: title from the title block, sections from "Phần"', async () => {
    const draft = await readDraftFile(fixture('de-an-outline.docx'));
    console.log(JSON.stringify(draft, null, 1));
  });
  it('a file with heading styles', async () => {
    const draft = await readDraftFile(fixture('ke-hoach-headings.docx'));
    console.log(JSON.stringify(draft, null, 1));
  });
  it('a reply', async () => {
    const marks = await readReplyFile(fixture('y-kien-so-tai-chinh.docx'));
    console.log(JSON.stringify(marks, null, 1));
  });
});
