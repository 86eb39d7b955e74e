import { invalid } from '../common/errors/domain-error';
import { ListQueryDto, Page } from '../common/pagination/list-query.dto';
import { checkForm } from './form-pipeline';
import type { Lang } from './lang';

/** Rows on a page of any list. */
export const PAGE_SIZE = 50;

export interface Pager {
  from: number;
  to: number;
  total: number;
  prev: string | null;
  next: string | null;
}

/** `?limit=&offset=` as the API reads them (limit 1–200, default 50 here): anything else is a 400 page. */
export async function pageOf(query: Record<string, unknown>, lang: Lang): Promise<Page> {
  const raw = { limit: query.limit, offset: query.offset };
  const { value, problem } = await checkForm(ListQueryDto, Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== '')), lang);
  if (problem) throw invalid(Object.entries(problem.errors).map(([k, m]) => ({ vi: `${k}: ${m}`, en: `${k}: ${m}` })));
  return { limit: value.limit ?? PAGE_SIZE, offset: value.offset ?? 0 };
}

/**
 * Where this page is in the list, with links to the pages before and after that keep the filters.
 * `param` names the offset when a page holds two lists.
 */
export function pagerOf(base: string, filters: Record<string, string>, page: Page, total: number, shown: number, param = 'offset'): Pager {
  const kept = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ''));
  const link = (offset: number) => {
    const q = new URLSearchParams({
      ...kept,
      ...(offset > 0 ? { [param]: String(offset) } : {}),
      ...(page.limit !== PAGE_SIZE ? { limit: String(page.limit) } : {}),
    }).toString();
    return q ? `${base}?${q}` : base;
  };
  return {
    from: total && shown ? page.offset + 1 : 0,
    to: page.offset + shown,
    total,
    prev: page.offset > 0 ? link(Math.max(0, page.offset - page.limit)) : null,
    next: page.offset + page.limit < total ? link(page.offset + page.limit) : null,
  };
}
