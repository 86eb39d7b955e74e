import type { BoardCommentView, BoardSectionCount } from '../../consultation/board.views';
import { DECISION_LABELS, DECISIONS } from '../../consultation/domain/disposition';
import type { DispositionReasonView } from '../../consultation/dto/disposition-reason.dto';
import type { FormProblem } from '../form-pipeline';
import type { Lang } from '../lang';

/** A decision form as typed: the comment's own decision at first, the person's values once refused. */
export interface DecisionTyped {
  decision: string;
  reason: string;
  addressedInVersion: string;
}

export interface Option {
  value: string;
  label: string;
  selected: boolean;
}

/** A refused decision on one comment, shown again on its card. */
export interface FailedDecision {
  commentId: string;
  typed: DecisionTyped;
  problem: FormProblem;
}

const choose = (options: { value: string; label: string }[], chosen: string): Option[] => options.map((o) => ({ ...o, selected: o.value === chosen }));

export function decisionOptions(lang: Lang, chosen: string): Option[] {
  return choose(
    [{ value: '', label: lang === 'en' ? '— choose —' : '— chọn —' }, ...DECISIONS.map((d) => ({ value: d, label: DECISION_LABELS[d][lang] }))],
    chosen,
  );
}

/** The versions frozen after the round's one: those a comment can be taken in at. */
export function versionOptions(lang: Lang, later: number[], chosen: string): Option[] {
  if (later.length === 0) return [];
  return choose(
    [
      { value: '', label: lang === 'en' ? '— not yet —' : '— chưa có —' },
      ...later.map((n) => ({ value: String(n), label: `${lang === 'en' ? 'version' : 'lần'} ${n}` })),
    ],
    chosen,
  );
}

export function reasonOptions(lang: Lang, reasons: DispositionReasonView[], chosen: string): (Option & { full: string })[] {
  const none = { value: '', label: lang === 'en' ? '— type the reason below —' : '— tự nhập lý do bên dưới —', full: '', selected: chosen === '' };
  const excerpt = (t: string) => (t.length > 90 ? `${t.slice(0, 90)}…` : t);
  return [
    none,
    ...reasons.map((r) => ({
      value: r.id,
      label: `${r.decision ? `${DECISION_LABELS[r.decision][lang]}: ` : ''}${excerpt(r.text)}`,
      full: r.text,
      selected: r.id === chosen,
    })),
  ];
}

export interface CardContext {
  lang: Lang;
  laterVersions: number[];
  failed?: FailedDecision;
  /** Comments ticked for a bulk decision that was refused: ticked again. */
  picked?: ReadonlySet<string>;
}

/** One comment card of the board: the comment, its decision, and the secretariat's form for it. */
export function cardOf(c: BoardCommentView, no: number, ctx: CardContext) {
  const mine = ctx.failed?.commentId === c.id ? ctx.failed : null;
  const d = c.disposition;
  const typed: DecisionTyped = mine?.typed ?? {
    decision: d?.decision ?? '',
    reason: d?.reason ?? '',
    addressedInVersion: d?.addressedInVersion ? String(d.addressedInVersion) : '',
  };
  return {
    id: c.id,
    no,
    comment: c,
    agencyName: c.agencyName,
    verdict: d?.decision ?? null,
    reason: d?.reason ?? null,
    addressedInVersion: d?.addressedInVersion ?? null,
    picked: ctx.picked?.has(c.id) ?? false,
    form: {
      ...typed,
      problem: mine?.problem,
      decisions: decisionOptions(ctx.lang, typed.decision),
      versions: versionOptions(ctx.lang, ctx.laterVersions, typed.addressedInVersion),
    },
  };
}

export type Card = ReturnType<typeof cardOf>;

export const sectionAnchor = (sectionKey: string | null) => `sec-${sectionKey ?? 'general'}`;

/** The cards of a page under their sections' headings, in board order (general comments first). */
export function groupsOf(cards: Card[], sections: readonly BoardSectionCount[]) {
  const groups: { key: string | null; heading: string | null; anchor: string; count: BoardSectionCount | undefined; cards: Card[] }[] = [];
  for (const card of cards) {
    const key = card.comment.sectionKey;
    const last = groups[groups.length - 1];
    if (last && last.key === key) last.cards.push(card);
    else
      groups.push({
        key,
        heading: key === null ? null : (card.comment.sectionHeading ?? key),
        anchor: sectionAnchor(key),
        count: sections.find((s) => s.sectionKey === key),
        cards: [card],
      });
  }
  return groups;
}
