import type { AgencyState } from '../../consultation/domain/agency-state';
import type { Decision } from '../../consultation/domain/disposition';
import { clean, DocumentContext, header, HeaderModel, recipientEntries, signature, SignatureModel, SignerInput } from './document-parts';
import { agencyStateLabel, decisionLabel } from './labels';
import { civil, vnDateTime } from './vn-date';
import { sizeText } from '../../common/format/byte-size';
import { vnNumberText as n } from '../../common/vn-number';

/** An invited agency as in ReportView.agencies. */
export interface ReportAgencyInput {
  name: string;
  state: AgencyState;
  reference: string | null;
  noComments: boolean;
  overdue: boolean;
  comments: number;
  /** The signed letter attached to the response. */
  letter?: { fileName: string; bytes: number; uploadedAt: string; uploadedByName: string } | null;
}

/** A comment with its disposition as in ReportView.rows. */
export interface ReportRowInput {
  no: number;
  sectionHeading: string | null;
  quote: string | null;
  agency: string;
  body: string;
  decision: Decision | null;
  reason: string | null;
  addressedInVersion: number | null;
  late: boolean;
  source: string;
  /** A suggested wording at the quote (an agency's tracked change in Word, or typed). */
  suggestion?: { delete: string; insert: string } | null;
}

/** ReportView. */
export interface ReportInput {
  title: string;
  versionNumber: number;
  deadline: string;
  totals: { comments: number; accepted: number; partially_accepted: number; explained: number; not_accepted: number; undecided: number };
  agencies: ReportAgencyInput[];
  rows: ReportRowInput[];
}

export interface ReportDocumentInput extends DocumentContext {
  report: ReportInput;
  planTitle: string;
  /** The drafting agency's signer, when the report goes out signed. */
  signer?: SignerInput;
}

export interface ReportRowModel {
  no: number;
  section: string;
  quote: string | null;
  body: string;
  /** "Đề nghị sửa: thay “…” bằng “…”", "(ý kiến tại hội nghị)", "(gửi sau thời hạn)" */
  notes: string[];
  agency: string;
  decision: string;
  undecided: boolean;
  reason: string | null;
  /** "Đã thể hiện tại dự thảo lần 2" */
  addressed: string | null;
}

export interface ReportDocumentModel {
  header: HeaderModel;
  title: string;
  subject: string;
  round: string;
  summary: string[];
  agencies: { no: number; name: string; reference: string | null; letter: string | null; comments: string; state: string }[];
  totals: string;
  rows: ReportRowModel[];
  signature: SignatureModel | null;
  recipients: string[];
}

export function summarizeAgencies(agencies: readonly ReportAgencyInput[]): {
  invited: number;
  answered: number;
  withComments: number;
  noComments: number;
  late: number;
  pending: number;
  overdue: number;
} {
  const count = (f: (a: ReportAgencyInput) => boolean) => agencies.filter(f).length;
  return {
    invited: agencies.length,
    answered: count((a) => a.state !== 'pending'),
    withComments: count((a) => a.state === 'responded' || (a.state === 'late' && !a.noComments)),
    noComments: count((a) => a.state === 'no_comments' || (a.state === 'late' && a.noComments)),
    late: count((a) => a.state === 'late'),
    pending: count((a) => a.state === 'pending'),
    overdue: count((a) => a.state === 'pending' && a.overdue),
  };
}

/** "Công văn kèm theo: 123-SKHDT.pdf (245 KB), do Nguyễn Văn An đính kèm lúc 9 giờ 30 phút, ngày 05 tháng 6 năm 2022." */
export function letterLine(l: NonNullable<ReportAgencyInput['letter']>): string {
  return `Công văn kèm theo: ${clean(l.fileName)} (${sizeText(l.bytes)}), do ${clean(l.uploadedByName)} đính kèm lúc ${vnDateTime(l.uploadedAt)}.`;
}

export function buildReportDocument(input: ReportDocumentInput): ReportDocumentModel {
  const { report } = input;
  const s = summarizeAgencies(report.agencies);
  const t = report.totals;
  return {
    header: header(input, input.date ?? null, civil(report.deadline).year),
    title: 'BÁO CÁO TỔNG HỢP, GIẢI TRÌNH, TIẾP THU Ý KIẾN',
    subject: `Về dự thảo ${clean(input.planTitle)} (dự thảo lần ${report.versionNumber})`,
    round: `Đợt lấy ý kiến: ${clean(report.title)}; thời hạn góp ý: ${vnDateTime(report.deadline)}.`,
    summary: [
      `Số cơ quan, đơn vị được xin ý kiến: ${n(s.invited)}.`,
      `Số cơ quan, đơn vị đã có văn bản trả lời: ${n(s.answered)}, trong đó: có ý kiến góp ý: ${n(s.withComments)}; thống nhất, không có ý kiến: ${n(s.noComments)}; trả lời sau thời hạn: ${n(s.late)}.`,
      `Số cơ quan, đơn vị chưa trả lời: ${n(s.pending)}${s.overdue ? ` (đã quá hạn: ${n(s.overdue)})` : ''}.`,
    ],
    agencies: report.agencies.map((a, i) => ({
      no: i + 1,
      name: clean(a.name),
      reference: a.reference ? clean(a.reference) : null,
      letter: a.letter ? letterLine(a.letter) : null,
      comments: n(a.comments),
      state: agencyStateLabel(a.state, a.noComments, a.overdue),
    })),
    totals:
      `Tổng số ý kiến: ${n(t.comments)}; tiếp thu: ${n(t.accepted)}; tiếp thu một phần: ${n(t.partially_accepted)}; ` +
      `giải trình: ${n(t.explained)}; không tiếp thu: ${n(t.not_accepted)}; chưa xử lý: ${n(t.undecided)}.`,
    rows: report.rows.map((r) => ({
      no: r.no,
      section: r.sectionHeading ? clean(r.sectionHeading) : 'Ý kiến chung',
      quote: r.quote ? clean(r.quote) : null,
      body: clean(r.body),
      notes: [
        ...(r.suggestion ? [suggestionNote(r.suggestion)] : []),
        ...(r.source === 'conference' ? ['(ý kiến tại hội nghị)'] : []),
        ...(r.late ? ['(gửi sau thời hạn)'] : []),
      ],
      agency: clean(r.agency),
      decision: decisionLabel(r.decision),
      undecided: !r.decision,
      reason: r.reason ? clean(r.reason) : null,
      addressed: r.addressedInVersion ? `Đã thể hiện tại dự thảo lần ${r.addressedInVersion}.` : null,
    })),
    signature: signature(input, input.signer),
    recipients: recipientEntries(input.recipients),
  };
}

/** A suggested wording as the report says it: what to put in place of what, or what to add or drop. */
export function suggestionNote(s: { delete: string; insert: string }): string {
  const [del, ins] = [clean(s.delete).trim(), clean(s.insert).trim()];
  if (del && ins) return `Đề nghị sửa: thay “${del}” bằng “${ins}”.`;
  return ins ? `Đề nghị thêm: “${ins}”.` : `Đề nghị bỏ: “${del}”.`;
}
