/** A document comes as a PDF (the default) or as a Word file of the same content. */
export const DOCUMENT_FORMATS = ['pdf', 'docx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export const CONTENT_TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** The start of a downloaded file's name, in Vietnamese without diacritics (safe in every header). */
export const FILE_NAMES: Record<'plan' | 'report' | 'minutes' | 'comparison' | 'approved', string> = {
  plan: 'du-thao',
  report: 'bao-cao-tong-hop',
  minutes: 'bien-ban',
  comparison: 'bang-so-sanh',
  approved: 'ban-phe-duyet-ky-so',
};

/** "du-thao-1a2b3c4d.docx" */
export function fileName(d: { kind: keyof typeof FILE_NAMES; id: string; format: DocumentFormat }): string {
  return `${FILE_NAMES[d.kind]}-${d.id.slice(0, 8)}.${d.format}`;
}
