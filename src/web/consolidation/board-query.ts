import type { CommentFilter } from '../../consultation/board-queries';
import { CommentFilterDto } from '../../consultation/dto/board.dto';
import { FormBody, text } from '../form-adapter';
import { checkForm, FormProblem } from '../form-pipeline';
import type { Lang } from '../lang';

/**
 * The section filter's value for "general comments only": a section key cannot hold "~"
 * (SECTION_KEY), so this never names a section.
 */
export const GENERAL_SECTION = '~general';

/** The board's filters as typed in its GET form (or carried by a decision form as hidden fields). */
export interface BoardFilterTyped {
  agencyId: string;
  section: string;
  state: string;
  q: string;
}

export interface BoardQuery {
  typed: BoardFilterTyped;
  /** What BoardService.list takes; empty when the filters were refused. */
  filter: CommentFilter;
  /** The filters as they go back into addresses and hidden fields (the pager, the forms). */
  kept: Record<string, string>;
  problem: FormProblem | null;
}

/**
 * The board's filters, read through the API's own DTO (GET /api/rounds/:id/comments), so that the
 * page refuses what the API refuses with the same words. `?only=undecided`, the address the board
 * had before it had filters (bookmarked, linked from the approval page), is the undecided state, and
 * stays written that way in the links of the page.
 */
export async function boardQueryOf(source: FormBody, lang: Lang): Promise<BoardQuery> {
  const typed: BoardFilterTyped = { agencyId: text(source, 'agencyId'), section: text(source, 'section'), state: text(source, 'state'), q: text(source, 'q') };
  const alias = typed.state === '' && text(source, 'only') === 'undecided';
  const state = alias ? 'undecided' : typed.state;
  const input: Record<string, unknown> = {};
  if (typed.agencyId !== '') input.agencyId = typed.agencyId;
  if (typed.section === GENERAL_SECTION) input.general = true;
  else if (typed.section !== '') input.sectionKey = typed.section;
  if (state !== '') input.state = state;
  if (typed.q.trim() !== '') input.q = typed.q;
  const { value, problem } = await checkForm(CommentFilterDto, input, lang);
  if (problem) {
    // The form has one control for the section, whichever of the DTO's two fields it fed.
    for (const name of ['sectionKey', 'general']) {
      if (problem.errors[name]) {
        problem.errors.section ??= problem.errors[name];
        delete problem.errors[name];
      }
    }
  }
  const kept: Record<string, string> = {};
  if (typed.agencyId !== '') kept.agencyId = typed.agencyId;
  if (typed.section !== '') kept.section = typed.section;
  if (alias) kept.only = 'undecided';
  else if (typed.state !== '') kept.state = typed.state;
  if (input.q !== undefined) kept.q = typed.q;
  const filter: CommentFilter = problem
    ? {}
    : { agencyId: value.agencyId, sectionKey: value.sectionKey, general: value.general, state: value.state, q: value.q };
  return { typed: { ...typed, state }, filter: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)), kept, problem };
}

/** The board's address with these filters, at `offset`, scrolled to `anchor`. */
export function boardUrl(roundId: string, kept: Record<string, string>, offset = 0, anchor = ''): string {
  const q = new URLSearchParams({ ...kept, ...(offset > 0 ? { offset: String(offset) } : {}) }).toString();
  return `/rounds/${roundId}/board${q ? `?${q}` : ''}${anchor ? `#${anchor}` : ''}`;
}
