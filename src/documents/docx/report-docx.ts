import type { Document } from 'docx';
import type { ReportDocumentModel } from '../domain/report-document';
import { Block, body, cellText, closing, decreeDocument, documentHeader, gridTable, para, runs, SIZE, titleBlock } from './docx-layout';

const heading = (text: string): Block => para(runs(text, { bold: true }), { before: 240, keepNext: true });

/** The consolidation report: who answered, then every comment with its disposition, as Word tables. */
export function reportDocx(m: ReportDocumentModel, auditLine: string | null = null): Document {
  const t = SIZE.table;
  const agencies = gridTable(
    [
      { title: 'TT', share: 0.06 },
      { title: 'Cơ quan, đơn vị', share: 0.36 },
      { title: 'Văn bản trả lời', share: 0.21 },
      { title: 'Số ý kiến', share: 0.1 },
      { title: 'Tình trạng', share: 0.27 },
    ],
    m.agencies.map((a) => [
      [cellText(String(a.no), { size: t }, 'center')],
      [cellText(a.name, { size: t })],
      [cellText(a.reference ?? '', { size: t }), ...(a.letter ? [cellText(a.letter, { italics: true, size: SIZE.note })] : [])],
      [cellText(String(a.comments), { size: t }, 'center')],
      [cellText(a.state, { size: t })],
    ]),
  );
  const rows = gridTable(
    [
      { title: 'TT', share: 0.06 },
      { title: 'Nội dung dự thảo', share: 0.22 },
      { title: 'Ý kiến góp ý', share: 0.28 },
      { title: 'Đơn vị', share: 0.16 },
      { title: 'Giải trình, tiếp thu', share: 0.28 },
    ],
    m.rows.map((r) => [
      [cellText(String(r.no), { size: t }, 'center')],
      [cellText(r.section, { bold: true, size: t }), ...(r.quote ? [cellText(`“${r.quote}”`, { italics: true, size: t })] : [])],
      [cellText(r.body, { size: t }), ...r.notes.map((n) => cellText(n, { italics: true, size: SIZE.note }))],
      [cellText(r.agency, { size: t })],
      [
        cellText(r.decision, r.undecided ? { italics: true, size: t } : { bold: true, size: t }),
        ...(r.reason ? [cellText(r.reason, { size: t })] : []),
        ...(r.addressed ? [cellText(r.addressed, { italics: true, size: SIZE.note })] : []),
      ],
    ]),
  );
  const children: Block[] = [
    documentHeader(m.header),
    ...titleBlock(m.title, m.subject),
    body(m.round),
    heading('I. TÌNH HÌNH LẤY Ý KIẾN'),
    ...m.summary.map((s) => body(s)),
    agencies,
    heading('II. TỔNG HỢP, GIẢI TRÌNH, TIẾP THU Ý KIẾN'),
    body(m.totals),
    rows,
    closing(m.recipients, m.signature),
  ];
  return decreeDocument({ title: `${m.title} ${m.subject}`, children, auditLine });
}
