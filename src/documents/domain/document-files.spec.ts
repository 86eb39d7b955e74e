import { CONTENT_TYPES, fileName } from './document-files';

describe('document files', () => {
  it('names a download by kind, id and format', () => {
    expect(fileName({ kind: 'plan', id: '1a2b3c4d-0000-4000-8000-000000000000', format: 'pdf' })).toBe('du-thao-1a2b3c4d.pdf');
    expect(fileName({ kind: 'report', id: '1a2b3c4d-0000-4000-8000-000000000000', format: 'docx' })).toBe('bao-cao-tong-hop-1a2b3c4d.docx');
    expect(CONTENT_TYPES.docx).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });
});
