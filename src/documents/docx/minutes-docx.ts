import type { Document } from 'docx';
import type { MinutesDocumentModel } from '../domain/minutes-document';
import {
  Block,
  body,
  cellText,
  decreeDocument,
  documentHeader,
  gridTable,
  layoutTable,
  para,
  recipientsBlock,
  runs,
  signatureBlock,
  SIZE,
  titleBlock,
} from './docx-layout';

const heading = (text: string): Block => para(runs(text, { bold: true }), { before: 120, keepNext: true });

/** The minutes (Decree 30/2020, form 1.9): time, place, people, content, directives, the two signatures. */
export function minutesDocx(m: MinutesDocumentModel, auditLine: string | null = null): Document {
  const t = SIZE.table;
  const content: Block[] = [];
  if (m.headings.summary) content.push(heading(m.headings.summary), ...m.summary.map((p) => body(p)));
  if (m.headings.opinions) {
    content.push(heading(m.headings.opinions));
    for (const o of m.opinions) content.push(body(`${o.label} ${o.speaker}:`, { bold: true }), ...o.content.map((p) => body(p)));
  }
  if (m.headings.conclusions) content.push(heading(m.headings.conclusions), ...m.conclusions.map((c) => body(`- ${c}`)));
  if (m.headings.directives) {
    content.push(
      heading(m.headings.directives),
      gridTable(
        [
          { title: 'TT', share: 0.06 },
          { title: 'Nhiệm vụ', share: 0.46 },
          { title: 'Đơn vị thực hiện', share: 0.24 },
          { title: 'Thời hạn', share: 0.13 },
          { title: 'Chỉ tiêu', share: 0.11 },
        ],
        m.directives.map((d) => [
          [cellText(String(d.no), { size: t }, 'center')],
          [cellText(d.task, { size: t })],
          [cellText(d.agency, { size: t })],
          [cellText(d.due, { size: t }, 'center')],
          [cellText(d.target, { size: t }, 'center')],
        ]),
      ),
    );
  }
  const children: Block[] = [
    documentHeader(m.header),
    ...titleBlock(m.title, m.subject),
    body(`- Thời gian bắt đầu: ${m.startedAt}.`),
    body(`- Địa điểm: ${m.location}`),
    body('- Thành phần tham dự:'),
    ...m.attendees.map((a) => body(`+ ${a}`)),
    body(`- Chủ trì (chủ tọa): ${m.chair}`),
    body(`- Thư ký (người ghi biên bản): ${m.secretary}`),
    body('- Nội dung:'),
    ...content,
    ...(m.closing ? [para(runs(m.closing), { before: 120 })] : []),
    layoutTable([
      { share: 0.5, children: signatureBlock([m.signatures.secretary.title], m.signatures.secretary.name) },
      { share: 0.5, children: signatureBlock([m.signatures.chair.title], m.signatures.chair.name) },
    ]),
    para([], { after: 240 }),
    ...recipientsBlock(m.recipients),
  ];
  return decreeDocument({ title: `${m.title} ${m.subject}`, children, auditLine });
}
