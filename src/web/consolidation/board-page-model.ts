import { allowedActions } from '../../plans/domain/plan-lifecycle';
import type { Actor } from '../../common/auth/actor';
import type { Page } from '../../common/pagination/list-query.dto';
import type { BoardService } from '../../consultation/board.service';
import type { BoardSectionCount, BoardView } from '../../consultation/board.views';
import type { DispositionReasonsService } from '../../consultation/disposition-reasons.service';
import { DECISION_LABELS, DECISIONS } from '../../consultation/domain/disposition';
import type { PlansService } from '../../plans/plans.service';
import type { FormProblem } from '../form-pipeline';
import type { Lang, Text } from '../lang';
import type { PageModel } from '../page-renderer';
import { pagerOf } from '../paging';
import { cardOf, decisionOptions, FailedDecision, groupsOf, reasonOptions, sectionAnchor, versionOptions } from './board-cards';
import { BoardQuery, boardUrl, GENERAL_SECTION } from './board-query';

export const TITLE: Text = { vi: 'Tổng hợp, giải trình, tiếp thu', en: 'Consolidation board' };

export const LABELS: Record<string, Text> = {
  decision: { vi: 'Quyết định', en: 'Decision' },
  reason: { vi: 'Lý do, nội dung giải trình', en: 'Reason' },
  addressedInVersion: { vi: 'Đã thể hiện ở dự thảo', en: 'Taken in at version' },
  commentIds: { vi: 'Các ý kiến được chọn', en: 'Comments ticked' },
  reasonTemplateId: { vi: 'Lý do mẫu', en: 'Reason template' },
  agencyId: { vi: 'Đơn vị', en: 'Agency' },
  section: { vi: 'Mục', en: 'Section' },
  state: { vi: 'Tình trạng xử lý', en: 'Decision state' },
  q: { vi: 'Có chứa', en: 'Containing' },
};

/** The bulk decision form as typed. */
export interface BulkTyped {
  decision: string;
  reason: string;
  addressedInVersion: string;
  reasonTemplateId: string;
  saveReason: boolean;
}

const EMPTY_BULK: BulkTyped = { decision: '', reason: '', addressedInVersion: '', reasonTemplateId: '', saveReason: false };

/** Reason templates offered in the bulk form (the list holds at most 500; the first ones are the oldest, most reused). */
const REASONS_OFFERED = 100;

export interface BoardPageInput {
  actor: Actor;
  lang: Lang;
  roundId: string;
  filters: BoardQuery;
  page: Page;
  failed?: FailedDecision;
  bulk?: { typed: BulkTyped; problem: FormProblem; picked: Set<string> };
}

export interface BoardPageServices {
  board: BoardService;
  plans: PlansService;
  reasons: DispositionReasonsService;
}

const generalLabel = (lang: Lang) => (lang === 'en' ? 'General comments on the whole text' : 'Ý kiến chung cho cả văn bản');

/** Each section's counts as the board's side table shows them, with links that narrow the board to it. */
function sectionRows(roundId: string, sections: readonly BoardSectionCount[], lang: Lang) {
  return sections.map((s) => {
    const section = s.sectionKey ?? GENERAL_SECTION;
    return {
      ...s,
      heading: s.sectionKey === null ? generalLabel(lang) : (s.heading ?? s.sectionKey),
      anchor: sectionAnchor(s.sectionKey),
      all: boardUrl(roundId, { section }),
      open: boardUrl(roundId, { section, state: 'undecided' }),
    };
  });
}

function filterOptions(summary: BoardView, filters: BoardQuery, lang: Lang) {
  const pick = (all: string, list: { value: string; label: string }[], chosen: string) =>
    [{ value: '', label: all }, ...list].map((o) => ({ ...o, selected: o.value === chosen }));
  const { typed } = filters;
  return {
    agencies: pick(
      lang === 'en' ? 'All agencies' : 'Tất cả đơn vị',
      summary.agencies.map((a) => ({ value: a.agencyId, label: `${a.name} (${a.comments})` })),
      typed.agencyId,
    ),
    sections: pick(
      lang === 'en' ? 'All sections' : 'Tất cả các mục',
      summary.sections.map((s) => ({
        value: s.sectionKey ?? GENERAL_SECTION,
        label: `${s.sectionKey === null ? generalLabel(lang) : (s.heading ?? s.sectionKey)} (${s.comments})`,
      })),
      typed.section,
    ),
    states: pick(
      lang === 'en' ? 'Any' : 'Tất cả',
      [
        { value: 'undecided', label: lang === 'en' ? 'Undecided' : 'Chưa quyết định' },
        ...DECISIONS.map((d) => ({ value: d, label: DECISION_LABELS[d][lang] })),
      ],
      typed.state,
    ),
  };
}

/** Everything the board page shows, read from the board's read model: one page of comments, the counts, the forms. */
export async function boardPageModel(input: BoardPageInput, services: BoardPageServices): Promise<PageModel> {
  const { actor, lang, roundId, filters, page } = input;
  const editable = actor.role === 'secretariat';
  const summary = await services.board.summary(actor, roundId);
  const [plan, laterVersions, list, reasons] = await Promise.all([
    services.plans.get(actor, summary.planId),
    services.board.laterVersions(actor, roundId),
    filters.problem ? Promise.resolve({ items: [], total: 0 }) : services.board.list(actor, roundId, filters.filter, page),
    editable ? services.reasons.list(actor, { limit: REASONS_OFFERED, offset: 0 }) : Promise.resolve({ items: [], total: 0 }),
  ]);
  const cards = list.items.map((c, i) => cardOf(c, page.offset + i + 1, { lang, laterVersions, failed: input.failed, picked: input.bulk?.picked }));
  const bulk = input.bulk?.typed ?? EMPTY_BULK;
  const kept = filters.problem ? {} : filters.kept;
  const filtered = Object.keys(kept).length > 0;
  return {
    title: TITLE,
    labels: LABELS,
    scripts: editable ? ['consolidation-board.js'] : [],
    plan,
    round: summary,
    totals: summary.totals,
    sections: sectionRows(roundId, summary.sections, lang),
    filters: {
      ...filterOptions(summary, filters, lang),
      typed: filters.typed,
      problem: filters.problem,
      errors: filters.problem?.errors ?? {},
      active: filtered,
    },
    onlyUndecided: filters.filter.state === 'undecided' && Object.keys(kept).length === 1,
    all: Object.keys(kept).length === 0,
    firstUndecided: summary.firstUndecidedId ? boardUrl(roundId, { only: 'undecided' }, 0, `c-${summary.firstUndecidedId}`) : null,
    // Every comment decided: the next step is offered here, not only on the plan's page.
    canSubmit: editable && !summary.firstUndecidedId && allowedActions(plan.status).includes('submit_for_approval'),
    groups: groupsOf(cards, summary.sections),
    shown: cards.length,
    kept,
    offset: page.offset,
    pager: pagerOf(`/rounds/${roundId}/board`, kept, page, list.total, cards.length),
    editable,
    // Said once for the page, not on every card.
    versionHint: editable && laterVersions.length === 0,
    bulk: editable
      ? {
          ...bulk,
          problem: input.bulk?.problem,
          errors: input.bulk?.problem.errors ?? {},
          decisions: decisionOptions(lang, bulk.decision),
          versions: versionOptions(lang, laterVersions, bulk.addressedInVersion),
          reasons: reasonOptions(lang, reasons.items, bulk.reasonTemplateId),
          hasReasons: reasons.items.length > 0,
        }
      : null,
  };
}
