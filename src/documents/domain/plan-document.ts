import { clean, DocumentContext, header, HeaderModel, recipientEntries, signature, SignatureModel, SignerInput, upper } from './document-parts';
import { HeadingLevel, numberHeadings } from './heading-numbering';
import { civil } from './vn-date';

/** The plan as in PlanView (only what the document prints). */
export interface PlanInput {
  title: string;
  kind?: string | null;
  approvedVersion?: number | null;
}

/** A frozen version as in VersionView. */
export interface PlanVersionInput {
  number: number;
  createdAt: string;
  sections: { key: string; heading: string; body: string }[];
}

/** The approval of this version as in ApprovalView. */
export interface ApprovalInput {
  versionNumber: number;
  status: string;
  decidedAt: string | null;
  steps: { position: number; approverName: string; state: string; decidedAt: string | null }[];
}

export interface PlanDocumentInput extends DocumentContext {
  plan: PlanInput;
  version: PlanVersionInput;
  approval?: ApprovalInput | null;
  /** Who signs the approved plan; the name defaults to the leader who gave the final approval. */
  signer?: SignerInput;
}

export interface PlanSectionModel {
  key: string;
  level: HeadingLevel;
  part: boolean;
  /** "Phần I", "1.", "1.1." */
  label: string;
  title: string;
  /** Markdown, rendered by the template with raw HTML disabled. */
  body: string;
}

export interface PlanDocumentModel {
  header: HeaderModel;
  /** "DỰ THẢO LẦN 2" until the version is approved. */
  draftMark: string | null;
  /** "ĐỀ ÁN" */
  docType: string | null;
  /** "Phát triển kinh tế tập thể, hợp tác xã …" */
  subject: string;
  sections: PlanSectionModel[];
  signature: SignatureModel | null;
  recipients: string[];
}

const KINDS = [
  'Đề án',
  'Kế hoạch',
  'Chương trình',
  'Phương án',
  'Dự án',
  'Báo cáo',
  'Tờ trình',
  'Quy chế',
  'Quy định',
  'Hướng dẫn',
  'Quyết định',
  'Nghị quyết',
  'Chỉ thị',
];

/** "Đề án Phát triển …" with kind "Đề án" → ĐỀ ÁN over "Phát triển …", as the title block is printed. */
export function splitTitle(title: string, kind?: string | null): { docType: string | null; subject: string } {
  const t = clean(title);
  const k = clean(kind);
  const candidates = k ? [k, ...KINDS] : KINDS;
  for (const c of candidates) {
    if (t.toLocaleLowerCase('vi').startsWith(c.toLocaleLowerCase('vi') + ' ')) {
      return { docType: upper(c), subject: t.slice(c.length).replace(/^[\s:–-]+/u, '') };
    }
  }
  return { docType: k ? upper(k) : null, subject: t };
}

export function isApproved(input: Pick<PlanDocumentInput, 'plan' | 'version' | 'approval'>): boolean {
  const n = input.version.number;
  return input.plan.approvedVersion === n || (input.approval?.status === 'approved' && input.approval.versionNumber === n);
}

export function buildPlanDocument(input: PlanDocumentInput): PlanDocumentModel {
  const approved = isApproved(input);
  const approval = input.approval?.versionNumber === input.version.number ? input.approval : null;
  const finalStep = approval?.steps.filter((s) => s.state === 'approved').sort((a, b) => b.position - a.position)[0];
  const date = input.date ?? (approved ? (approval?.decidedAt ?? finalStep?.decidedAt ?? null) : null);
  const numbered = numberHeadings(input.version.sections.map((s) => s.heading));
  return {
    header: header(input, date, civil(input.version.createdAt).year),
    draftMark: approved ? null : `DỰ THẢO LẦN ${input.version.number}`,
    ...splitTitle(input.plan.title, input.plan.kind),
    sections: input.version.sections.map((s, i) => ({
      key: s.key,
      level: numbered[i].level,
      part: numbered[i].level === 1,
      label: numbered[i].label,
      title: numbered[i].title,
      body: clean(s.body),
    })),
    signature: approved ? signature(input, input.signer, finalStep?.approverName) : null,
    recipients: recipientEntries(input.recipients),
  };
}
