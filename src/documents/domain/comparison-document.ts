import { ANCHOR_LABELS, ShownAnchorState } from '../../consultation/domain/anchor-labels';
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

/**
 * A comment made on a version from `diff.from` to `diff.to - 1`, with its disposition, placed on
 * version `diff.to` (docs/comment-anchors.md): `sectionKey` is where it sits now (null for a general
 * comment, or a passage gone with its section).
 */
export interface DispositionInput {
  sectionKey: string | null;
  state: ShownAnchorState;
  version: number;
  quote: string | null;
  agency: string;
  body: string;
  decision: Decision | null;
  reason: string | null;
}

export interface ComparisonDocumentInput extends DocumentContext {
  planTitle: string;
  diff: DiffInput;
  /** Printed beside the changed section they sit on, or after the table when they sit on none. */
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
  /** "Dự thảo lần 1 · Đoạn trích đã được sửa" */
  place: string;
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
  /** General comments, and those whose passage went with its section. */
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
    place: `Dự thảo lần ${d.version} · ${ANCHOR_LABELS[d.state].vi}`,
    quote: d.quote ? clean(d.quote) : null,
    body: clean(d.body),
    decision: decisionLabel(d.decision),
    reason: d.reason ? clean(d.reason) : null,
  };
}

export function buildComparisonDocument(input: ComparisonDocumentInput): ComparisonDocumentModel {
  const { diff } = input;
  const comments = input.dispositions ?? [];
  const changed = diff.sections.filter((s) => s.change !== 'same');
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
        dispositions: comments.filter((d) => d.sectionKey === s.key).map(disposition),
      };
    }),
    unchanged: unchanged > 0 ? `Các mục còn lại (${unchanged} mục) giữ nguyên.` : null,
    otherDispositions: comments.filter((d) => d.sectionKey === null).map(disposition),
    signature: signature(input, input.signer),
    recipients: recipientEntries(input.recipients),
  };
}
