import { Paragraph, TextRun, type Document } from 'docx';
import type { ComparisonDocumentModel, DispositionModel, Segment } from '../domain/comparison-document';
import { Block, body, cellPara, cellText, closing, decreeDocument, documentHeader, gridTable, para, runs, SIZE, titleBlock } from './docx-layout';

const size = SIZE.compare;

/** One column's text: deletions struck out (old), insertions underlined in bold (new), line breaks kept. */
function segments(parts: Segment[]): Paragraph {
  const children: TextRun[] = parts.flatMap((s) => runs(s.text, { size, strike: s.del, bold: s.ins, underline: s.ins }));
  return cellPara(children);
}

function disposition(d: DispositionModel, cell = true): Paragraph[] {
  const s = cell ? size : undefined;
  const first = [
    ...runs(`${d.agency} `, { bold: true, size: s }),
    ...runs(`(${d.place})`, { italics: true, size: s }),
    ...runs(': ', { bold: true, size: s }),
    ...(d.quote ? runs(`“${d.quote}” `, { italics: true, size: s }) : []),
    ...runs(d.body, { size: s }),
  ];
  const second = [...runs(d.decision, { bold: true, size: s }), ...(d.reason ? runs(`: ${d.reason}`, { size: s }) : [])];
  return cell ? [cellPara(first), cellPara(second)] : [para(first), para(second)];
}

/** The comparison (bảng so sánh): old text, new text, what changed and why, as a Word table. */
export function comparisonDocx(m: ComparisonDocumentModel, auditLine: string | null = null): Document {
  const table = gridTable(
    [
      { title: 'TT', share: 0.06 },
      { title: m.fromLabel, share: 0.34 },
      { title: m.toLabel, share: 0.34 },
      { title: 'Giải trình, tiếp thu', share: 0.26 },
    ],
    m.rows.map((r) => [
      [cellText(String(r.no), { size }, 'center')],
      [r.oldHeading ? cellText(r.oldHeading, { bold: true, size }) : cellText('(Chưa có mục này)', { italics: true, size: SIZE.note }), segments(r.old)],
      [r.newHeading ? cellText(r.newHeading, { bold: true, size }) : cellText('(Đã bỏ mục này)', { italics: true, size: SIZE.note }), segments(r.new)],
      [
        cellText(r.change, { italics: true, size: SIZE.note }),
        ...(r.approximate ? [cellText(r.approximate, { italics: true, size: SIZE.note })] : []),
        ...r.dispositions.flatMap((d) => disposition(d)),
      ],
    ]),
    size,
  );
  const children: Block[] = [
    documentHeader(m.header),
    ...titleBlock(m.title, m.subject),
    table,
    ...(m.unchanged ? [body(m.unchanged)] : []),
    ...(m.otherDispositions.length
      ? [
          para(runs(`Ý kiến chung và ý kiến về đoạn không còn trong ${m.toLabel}:`, { bold: true }), { indent: false, before: 120 }),
          ...m.otherDispositions.flatMap((d) => disposition(d, false)),
        ]
      : []),
    closing(m.recipients, m.signature),
  ];
  return decreeDocument({ title: `${m.title} ${m.subject}`, children, auditLine });
}
