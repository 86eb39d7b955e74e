import { HeadingLevel, Paragraph, TextRun } from 'docx';
import type { PlanDocumentModel, PlanSectionModel } from '../domain/plan-document';
import { Block, centered, closing, decreeDocument, documentHeader, titleBlock } from './docx-layout';
import { ListNumbering, markdownToDocx } from './markdown-to-docx';
import type { Document } from 'docx';

/**
 * Each section heading is a Word heading, a part "Heading 1" and every level under it "Heading 2",
 * so a file exported here and imported back has the same sections; the level shows as in the PDF.
 */
function sectionHeading(s: PlanSectionModel): Paragraph {
  if (s.part) {
    return new Paragraph({
      heading: HeadingLevel.HEADING_1,
      alignment: 'center',
      indent: { firstLine: 0 },
      keepNext: true,
      spacing: { before: 240, after: 120 },
      children: [
        new TextRun({ text: s.label, bold: true }),
        ...(s.title ? [new TextRun({ text: s.title.toLocaleUpperCase('vi'), bold: true, break: 1 })] : []),
      ],
    });
  }
  const style = { 2: { bold: true, italics: false }, 3: { bold: true, italics: true }, 4: { bold: false, italics: true } }[s.level as 2 | 3 | 4];
  return new Paragraph({
    heading: HeadingLevel.HEADING_2,
    keepNext: true,
    children: [new TextRun({ text: `${s.label} ${s.title}`.trim(), ...style })],
  });
}

export function planDocx(m: PlanDocumentModel, auditLine: string | null = null): Document {
  const lists = new ListNumbering();
  const children: Block[] = [
    documentHeader(m.header),
    ...(m.draftMark
      ? [
          centered('', {}, { before: 120 }),
          new Paragraph({
            alignment: 'center',
            indent: { firstLine: 0 },
            children: [new TextRun({ text: m.draftMark, bold: true, size: 24, border: { style: 'single', size: 6, color: '000000', space: 2 } })],
          }),
        ]
      : []),
    ...titleBlock(m.docType, m.subject),
    ...m.sections.flatMap((s) => [sectionHeading(s), ...markdownToDocx(s.body, lists)]),
    closing(m.recipients, m.signature),
  ];
  return decreeDocument({ title: [m.docType, m.subject].filter(Boolean).join(' '), children, numbering: lists.options(), auditLine });
}
