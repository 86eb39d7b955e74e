import Handlebars, { HelperDelegate, HelperOptions } from 'handlebars';
import { ROLE_LABELS, Role } from '../common/auth/actor';
import { sizeText } from '../common/format/byte-size';
import { fieldName } from '../common/validation/field-names';
import { vnNumberText } from '../common/vn-number';
import { dateText, provinceDateTimeText } from '../common/time/province-time';
import { DECISION_LABELS, Decision } from '../consultation/domain/disposition';
import { renderMarkdown } from '../documents/render/markdown';
import { STATUS_LABELS } from '../plans/domain/plan-labels';
import type { PlanStatus } from '../plans/domain/plan-lifecycle';
import type { Lang, Text } from './lang';
import { BADGES } from './status-badges';
import type { Flash } from './flash';

type Root = { lang?: Lang; now?: string; csrf?: string; labels?: Record<string, Text>; flash?: Flash | null; flashShown?: boolean };
type Options = { data?: { root?: Root }; hash?: Record<string, unknown>; fn?: (ctx: unknown) => string };
const rootOf = (options: Options): Root => options?.data?.root ?? {};
const lang = (options: Options): Lang => rootOf(options).lang ?? 'vi';
const last = (args: unknown[]) => args[args.length - 1] as Options;
/** The page's "now" (the app's clock, so tests can move it), else the machine's. */
const nowOf = (options: Options) => new Date(rootOf(options).now ?? Date.now());
const esc = Handlebars.escapeExpression;

/** "còn 3 ngày", "còn 5 giờ", "quá hạn 2 ngày". */
export function timeLeft(deadline: Date, now: Date, l: Lang): string {
  const ms = deadline.getTime() - now.getTime();
  const abs = Math.abs(ms);
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.floor(abs / 3_600_000);
  const span =
    days >= 1
      ? l === 'en'
        ? `${days} day(s)`
        : `${days} ngày`
      : hours >= 1
        ? l === 'en'
          ? `${hours} hour(s)`
          : `${hours} giờ`
        : l === 'en'
          ? 'under an hour'
          : 'dưới 1 giờ';
  if (ms >= 0) return l === 'en' ? `${span} left` : `còn ${span}`;
  return l === 'en' ? `${span} overdue` : `quá hạn ${span}`;
}

/** The id of a form field's control from its DTO path: "opinions[1].content" → "opinions-1-content". */
export function fieldId(path: string, prefix = ''): string {
  return `${prefix}${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}

/** The text a section shows, without Markdown: for excerpts and for the redline of two versions. */
export function plainText(markdown: string): string {
  return renderMarkdown(markdown)
    .replace(/>\s*\n\s*</g, '><')
    .replace(/<\/(p|li|tr|h\d)>|<br\s*\/?>/g, '\n')
    .replace(/<\/t[dh]>/g, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\t\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A piece of a section's source (a diff's fragment) without the Markdown marks a reader never sees. */
export function withoutMarks(fragment: string): string {
  return fragment
    .replace(/^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$/gm, '')
    .replace(/\*\*|__/g, '')
    .replace(/(^|[\s(])[*_](?=\S)|(?<=\S)[*_](?=[\s).,;:!?]|$)/gm, '$1')
    .replace(/[ \t]*\|[ \t]*/g, '  ')
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1');
}

/** Handlebars helpers of the pages. Every value they return is escaped by Handlebars unless noted. */
export const VIEW_HELPERS: Record<string, HelperDelegate> = {
  /** {{t "Tiếng Việt" "English"}}: the text in the reader's language. */
  t: (vi: string, en: string, options) => (lang(options) === 'en' && typeof en === 'string' ? en : vi),
  /** {{text obj}} for a {vi, en} value. */
  text: (value: Text | null, options) => (value ? value[lang(options)] : ''),
  eq: (a: unknown, b: unknown) => a === b,
  ne: (a: unknown, b: unknown) => a !== b,
  not: (a: unknown) => !a,
  and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
  /** The first value that is set (so `(or path name)` gives a name, not `true`). */
  or: (...args: unknown[]) => args.slice(0, -1).find(Boolean) ?? false,
  add: (a: number, b: number) => Number(a) + Number(b),
  date: (iso: string | null) => (iso ? dateText(String(iso).slice(0, 10)) : ''),
  dateTime: (iso: string | Date | null) => (iso ? provinceDateTimeText(new Date(iso)) : ''),
  timeLeft: (iso: string, ...rest: unknown[]) => timeLeft(new Date(iso), nowOf(last(rest)), lang(last(rest))),
  planStatus: (s: PlanStatus, options) => STATUS_LABELS[s]?.[lang(options)] ?? s,
  decision: (d: Decision | null, options) => (d ? DECISION_LABELS[d][lang(options)] : lang(options) === 'en' ? 'Undecided' : 'Chưa xử lý'),
  role: (r: Role, options) => ROLE_LABELS[r]?.[lang(options)] ?? r,
  size: (bytes: number | null, options) => sizeText(bytes, lang(options)),
  /** {{num n}}: a count or value as the reader writes numbers ("1.500.000", "12,5"); the form adapter reads it back. */
  num: (n: unknown, options) => (typeof n === 'number' ? vnNumberText(n, lang(options)) : n === null || n === undefined ? '' : String(n)),
  excerpt: (source: string, max: number, options: Options) => {
    const flat = (options?.hash?.markdown ? plainText(String(source ?? '')) : String(source ?? '')).replace(/\s+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max)}…` : flat;
  },
  /** {{status "decision" value}}: the status as a badge in the one colour vocabulary (status-badges.ts). Unescaped: built from fixed labels. */
  status: (kind: string, value: string | null, options) => {
    const badge = BADGES[kind]?.[value ?? 'none'];
    if (!badge) return esc(String(value ?? ''));
    return new Handlebars.SafeString(`<span class="badge badge--${badge.tone}">${esc(badge[lang(options)])}</span>`);
  },
  /** {{plain fragment}}: a diff fragment as the reader sees the text, without Markdown marks. */
  plain: (fragment: unknown) => withoutMarks(String(fragment ?? '')),
  /**
   * {{markdown body}}: a section's text through the documents' restricted renderer, as on paper,
   * each table in its own scroll box (a phone scrolls the table, not the page). Unescaped: that
   * renderer escapes all HTML, and the box's label is a fixed text.
   */
  markdown: (source: unknown, options: Options) => {
    if (typeof source !== 'string') return '';
    const box = `<div class="table-scroll" role="region" tabindex="0" aria-label="${lang(options) === 'en' ? 'Table' : 'Bảng'}">`;
    return new Handlebars.SafeString(
      renderMarkdown(source)
        .replace(/<table>/g, `${box}<table>`)
        .replace(/<\/table>/g, '</table></div>'),
    );
  },
  /** {{#post "/path" class="…" id="…" confirm="…"}}…{{/post}}: a form that posts here, with the session's CSRF token. The only place the token is written. */
  post: function (this: unknown, action: string, options: HelperOptions) {
    const attrs = Object.entries(options.hash ?? {})
      .filter(([, v]) => v !== undefined && v !== null && v !== false && v !== '')
      .map(([k, v]) => ` ${k === 'confirm' ? 'data-confirm' : esc(k)}="${esc(String(v))}"`)
      .join('');
    const csrf = esc(String((options.data?.root as Root | undefined)?.csrf ?? ''));
    return new Handlebars.SafeString(
      `<form method="post" action="${esc(action)}"${attrs}><input type="hidden" name="_csrf" value="${csrf}">${options.fn(this)}</form>`,
    );
  },
  /**
   * {{flashAt "comment-1"}}: the message of the last step, here, when the redirect opened the page at
   * this element (flash.ts `at`); the layout then leaves it out of the top. Unescaped: built escaped.
   */
  flashAt: (id: unknown, options: Options) => {
    const root = rootOf(options);
    const flash = root.flash;
    if (!flash?.at || flash.at !== String(id)) return '';
    root.flashShown = true;
    return new Handlebars.SafeString(`<p class="alert alert--${flash.kind} alert--here" role="status" id="flash">${esc(flash.text)}</p>`);
  },
  /** {{rowPath "opinions" @index "content"}} → "opinions[1].content": a repeated field's DTO path. */
  rowPath: (prefix: string, index: unknown, ...rest: unknown[]) => {
    const field = rest.length > 1 && typeof rest[0] === 'string' ? `.${rest[0]}` : '';
    return `${prefix}[${String(index)}]${field}`;
  },
  fieldId: (path: string, options: Options) => fieldId(String(path), typeof options?.hash?.prefix === 'string' ? options.hash.prefix : ''),
  /** The label of a field from the page's labels (rows share one: "opinions.content"), else the one dictionary, with the row number. */
  fieldLabel: (path: string, options) => fieldName(String(path), lang(options), rootOf(options).labels ?? {}),
  concat: (...args: unknown[]) => args.slice(0, -1).map(String).join(''),
  encode: (value: unknown) => encodeURIComponent(String(value ?? '')),
  /** JSON for a data-* attribute (escaped by Handlebars like any value). */
  json: (value: unknown) => JSON.stringify(value ?? null),
};
