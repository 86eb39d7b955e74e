import type { HelperDelegate } from 'handlebars';
import { ROLE_LABELS, Role } from '../common/auth/actor';
import { dateText, provinceDateTimeText } from '../common/time/province-time';
import { AGENCY_STATES } from '../consultation/domain/agency-state';
import { DECISION_LABELS, Decision } from '../consultation/domain/disposition';
import { STATUS_LABELS } from '../plans/domain/plan-labels';
import type { PlanStatus } from '../plans/domain/plan-lifecycle';

type Lang = 'vi' | 'en';
type Options = { data?: { root?: { lang?: Lang; now?: string } }; hash?: Record<string, unknown> };
const lang = (options: Options): Lang => options?.data?.root?.lang ?? 'vi';
const last = (args: unknown[]) => args[args.length - 1] as Options;
/** The page's "now" (the app's clock, so tests can move it), else the machine's. */
const nowOf = (options: Options) => new Date(options?.data?.root?.now ?? Date.now());

const AGENCY_STATE_LABELS: Record<(typeof AGENCY_STATES)[number], { vi: string; en: string }> = {
  pending: { vi: 'Chưa trả lời', en: 'Pending' },
  responded: { vi: 'Đã góp ý', en: 'Responded' },
  no_comments: { vi: 'Thống nhất', en: 'No comments' },
  late: { vi: 'Trả lời muộn', en: 'Late' },
};

const DIRECTIVE_LABELS: Record<string, { vi: string; en: string }> = {
  open: { vi: 'Đang thực hiện', en: 'Open' },
  done: { vi: 'Đã hoàn thành', en: 'Done' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
};

const DOCUMENT_STATUS_LABELS: Record<string, { vi: string; en: string }> = {
  queued: { vi: 'Đang chờ', en: 'Queued' },
  rendering: { vi: 'Đang tạo', en: 'Rendering' },
  done: { vi: 'Đã xong', en: 'Done' },
  failed: { vi: 'Lỗi', en: 'Failed' },
};

/** "còn 3 ngày", "còn 5 giờ", "quá hạn 2 ngày". */
export function timeLeft(deadline: Date, now: Date, l: Lang): string {
  const ms = deadline.getTime() - now.getTime();
  const abs = Math.abs(ms);
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.floor(abs / 3_600_000);
  const span = days >= 1 ? (l === 'en' ? `${days} day(s)` : `${days} ngày`) : hours >= 1 ? (l === 'en' ? `${hours} hour(s)` : `${hours} giờ`) : l === 'en' ? 'under an hour' : 'dưới 1 giờ';
  if (ms >= 0) return l === 'en' ? `${span} left` : `còn ${span}`;
  return l === 'en' ? `${span} overdue` : `quá hạn ${span}`;
}

/** Handlebars helpers of the pages. Every value they return is escaped by Handlebars unless noted. */
export const VIEW_HELPERS: Record<string, HelperDelegate> = {
  /** {{t "Tiếng Việt" "English"}}: the text in the reader's language. */
  t: (vi: string, en: string, options) => (lang(options) === 'en' && typeof en === 'string' ? en : vi),
  eq: (a: unknown, b: unknown) => a === b,
  ne: (a: unknown, b: unknown) => a !== b,
  not: (a: unknown) => !a,
  and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
  or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
  includes: (list: unknown, item: unknown) => Array.isArray(list) && list.includes(item),
  add: (a: number, b: number) => Number(a) + Number(b),
  length: (list: unknown) => (Array.isArray(list) ? list.length : 0),
  date: (iso: string | null) => (iso ? dateText(String(iso).slice(0, 10)) : ''),
  dateTime: (iso: string | Date | null) => (iso ? provinceDateTimeText(new Date(iso)) : ''),
  timeLeft: (iso: string, ...rest: unknown[]) => timeLeft(new Date(iso), nowOf(last(rest)), lang(last(rest))),
  planStatus: (s: PlanStatus, options) => STATUS_LABELS[s]?.[lang(options)] ?? s,
  decision: (d: Decision | null, options) => (d ? DECISION_LABELS[d][lang(options)] : lang(options) === 'en' ? 'Undecided' : 'Chưa xử lý'),
  agencyState: (s: keyof typeof AGENCY_STATE_LABELS, options) => AGENCY_STATE_LABELS[s]?.[lang(options)] ?? s,
  directiveStatus: (s: string, options) => DIRECTIVE_LABELS[s]?.[lang(options)] ?? s,
  documentStatus: (s: string, options) => DOCUMENT_STATUS_LABELS[s]?.[lang(options)] ?? s,
  role: (r: Role, options) => ROLE_LABELS[r]?.[lang(options)] ?? r,
  excerpt: (text: string, max: number) => {
    const flat = String(text ?? '').replace(/\s+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max)}…` : flat;
  },
  /** JSON for a data-* attribute (escaped by Handlebars like any value). */
  json: (value: unknown) => JSON.stringify(value ?? null),
};
