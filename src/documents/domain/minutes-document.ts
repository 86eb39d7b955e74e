import { clean, DocumentContext, header, HeaderModel, paragraphs, personName, recipientEntries } from './document-parts';
import { vnDateTime, vnShortDate } from './vn-date';
import { vnNumberText } from '../../common/vn-number';

/** ConferenceView (only what the minutes print). */
export interface ConferenceInput {
  title: string;
  heldAt: string;
  location: string;
  chair: string;
  secretary: string;
  attendees: { name: string; position: string | null; agencyId?: string | null }[];
  minutes: {
    summary: string;
    opinions: { no: number; speaker: string; content: string }[];
    conclusions: string[];
    directives: { agencyId: string; task: string; dueDate: string; target: number | null }[];
    endedAt: string;
  } | null;
  /** Tracked directives (after the minutes are finalized): they carry the agency names. */
  directives?: { agencyId: string; agencyName: string }[];
}

export interface MinutesDocumentInput extends DocumentContext {
  conference: ConferenceInput;
  /** Names of the agencies that directives are assigned to, by id. */
  agencyNames?: Readonly<Record<string, string>>;
}

export interface MinutesDocumentModel {
  header: HeaderModel;
  title: string;
  subject: string;
  startedAt: string;
  location: string;
  attendees: string[];
  chair: string;
  secretary: string;
  /** "1. Diễn biến hội nghị", … numbered over the parts the minutes have. */
  headings: { summary: string | null; opinions: string | null; conclusions: string | null; directives: string | null };
  summary: string[];
  /** label "2.1." */
  opinions: { label: string; speaker: string; content: string[] }[];
  conclusions: string[];
  /** `target` as written in Viet Nam ("1.500.000"; '' for none). */
  directives: { no: number; task: string; agency: string; due: string; target: string }[];
  /** "Hội nghị kết thúc vào 11 giờ 30 phút, ngày 08 tháng 6 năm 2022./." */
  closing: string | null;
  signatures: { secretary: { title: string; name: string }; chair: { title: string; name: string } };
  recipients: string[];
}

/** Decree 30/2020, Appendix III, form 1.9 (Biên bản). The form has no place-and-date line. */
export function buildMinutesDocument(input: MinutesDocumentInput): MinutesDocumentModel {
  const c = input.conference;
  const m = c.minutes;
  const names = new Map<string, string>(Object.entries(input.agencyNames ?? {}));
  for (const d of c.directives ?? []) if (!names.has(d.agencyId)) names.set(d.agencyId, d.agencyName);
  const summary = paragraphs(m?.summary);
  const opinions = m?.opinions ?? [];
  const conclusions = (m?.conclusions ?? []).map(clean).filter(Boolean);
  const directives = m?.directives ?? [];
  let n = 0;
  const heading = (present: boolean, title: string) => (present ? `${++n}. ${title}` : null);
  const headings = {
    summary: heading(summary.length > 0, 'Diễn biến hội nghị'),
    opinions: heading(opinions.length > 0, 'Ý kiến phát biểu'),
    conclusions: heading(conclusions.length > 0, 'Kết luận của chủ tọa'),
    directives: heading(directives.length > 0, 'Nhiệm vụ được giao'),
  };
  const opinionsNo = headings.opinions?.split('.')[0];
  return {
    header: header(input, null, undefined, false),
    title: 'BIÊN BẢN',
    subject: clean(c.title),
    startedAt: vnDateTime(c.heldAt),
    location: clean(c.location),
    attendees: c.attendees.map((a) => (a.position ? `${clean(a.name)}, ${clean(a.position)}` : clean(a.name))),
    chair: clean(c.chair),
    secretary: clean(c.secretary),
    headings,
    summary,
    opinions: opinions.map((o) => ({ label: `${opinionsNo}.${o.no}.`, speaker: clean(o.speaker), content: paragraphs(o.content) })),
    conclusions,
    directives: directives.map((d, i) => ({
      no: i + 1,
      task: clean(d.task),
      agency: clean(names.get(d.agencyId) ?? ''),
      due: vnShortDate(d.dueDate),
      target: vnNumberText(d.target),
    })),
    closing: m ? `Hội nghị kết thúc vào ${vnDateTime(m.endedAt)}./.` : null,
    signatures: {
      secretary: { title: 'THƯ KÝ', name: personName(c.secretary) },
      chair: { title: 'CHỦ TỌA', name: personName(c.chair) },
    },
    recipients: recipientEntries(input.recipients),
  };
}
