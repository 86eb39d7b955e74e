import type { Decision } from '../../consultation/domain/disposition';
import { clean, DocumentContext, header, HeaderModel, recipientEntries, signature, SignatureModel, SignerInput } from './document-parts';
import { decisionLabel, SectionChangeKind, sectionChangeLabel } from './labels';

/** DiffView: `change` is added | removed | changed | same, `op` is equal | insert | delete. */
export interface DiffInput {
  from: number;
  to: number;
  sections: {
    key: string;
    change: SectionChangeKind | string;
    heading: string;
    previousHeading?: string;
    approximate?: boolean;
    ops: { op: 'equal' | 'insert' | 'delete' | string; text: string }[];
  }[];
}

/** A comment with its disposition, as in ReportView.rows (from any round of the plan). */
export interface DispositionInput {
  sectionKey: string | null;
  quote: string | null;
  agency: string;
  body: string;
  decision: Decision | null;
  reason: string | null;
  addressedInVersion: number | null;
}

export interface ComparisonDocumentInput extends DocumentContext {
  planTitle: string;
  diff: DiffInput;
  /** Only those taken in by the newer version (addressedInVersion = diff.to) are printed. */
  dispositions?: DispositionInput[];
  signer?: SignerInput;
}

/** A run of text in one column; `del` is struck out in the old text, `ins` marked in the new. */
export interface Segment {
  text: string;
  del?: true;
  ins?: true;
}

export interface DispositionModel {
  agency: string;
  quote: string | null;
  body: string;
  decision: string;
  reason: string | null;
}

export interface ComparisonRowModel {
  no: number;
  change: string;
  oldHeading: string | null;
  newHeading: string | null;
  old: Segment[];
  new: Segment[];
  /** Said when the diff showed a changed passage replaced whole rather than word by word. */
  approximate: string | null;
  dispositions: DispositionModel[];
}

export interface ComparisonDocumentModel {
  header: HeaderModel;
  title: string;
  subject: string;
  fromLabel: string;
  toLabel: string;
  rows: ComparisonRowModel[];
  /** "Các mục còn lại (4 mục) giữ nguyên." */
  unchanged: string | null;
  /** Dispositions taken in by the newer version on the whole plan or on a section that did not change. */
  otherDispositions: DispositionModel[];
  signature: SignatureModel | null;
  recipients: string[];
}

/**
 * The old text keeps equal and deleted runs; the new text keeps equal and inserted runs. The
 * text is the Markdown source, shown without its bold markers ("**", "__"), which readers of a
 * printed comparison would take for part of the text.
 */
export function sideBySide(ops: DiffInput['sections'][number]['ops']): { old: Segment[]; new: Segment[] } {
  const old: Segment[] = [];
  const now: Segment[] = [];
  for (const o of ops) {
    const text = o.text.normalize('NFC').replace(/\*\*|__/g, '');
    if (!text) continue;
    if (o.op !== 'insert') old.push(o.op === 'delete' ? { text, del: true } : { text });
    if (o.op !== 'delete') now.push(o.op === 'insert' ? { text, ins: true } : { text });
  }
  return { old, new: now };
}

function disposition(d: DispositionInput): DispositionModel {
  return {
    agency: clean(d.agency),
    quote: d.quote ? clean(d.quote) : null,
    body: clean(d.body),
    decision: decisionLabel(d.decision),
    reason: d.reason ? clean(d.reason) : null,
  };
}

export function buildComparisonDocument(input: ComparisonDocumentInput): ComparisonDocumentModel {
  const { diff } = input;
  const taken = (input.dispositions ?? []).filter((d) => d.addressedInVersion === diff.to);
  const changed = diff.sections.filter((s) => s.change !== 'same');
  const changedKeys = new Set(changed.map((s) => s.key));
  const unchanged = diff.sections.length - changed.length;
  return {
    header: header(input, input.date ?? null),
    title: 'BẢNG SO SÁNH',
    subject: `Dự thảo lần ${diff.from} và dự thảo lần ${diff.to} ${clean(input.planTitle)}`,
    fromLabel: `Dự thảo lần ${diff.from}`,
    toLabel: `Dự thảo lần ${diff.to}`,
    rows: changed.map((s, i) => {
      const heading = clean(s.heading);
      return {
        no: i + 1,
        change: sectionChangeLabel(s.change),
        oldHeading: s.change === 'added' ? null : clean(s.previousHeading ?? s.heading),
        newHeading: s.change === 'removed' ? null : heading,
        ...sideBySide(s.ops),
        approximate: s.approximate ? 'Nội dung thay đổi nhiều: đoạn thay đổi được so sánh cả đoạn, không theo từng từ.' : null,
        dispositions: taken.filter((d) => d.sectionKey === s.key).map(disposition),
      };
    }),
    unchanged: unchanged > 0 ? `Các mục còn lại (${unchanged} mục) giữ nguyên.` : null,
    otherDispositions: taken.filter((d) => d.sectionKey === null || !changedKeys.has(d.sectionKey)).map(disposition),
    signature: signature(input, input.signer),
    recipients: recipientEntries(input.recipients),
  };
}
