import { IntField } from '../validation/fields';

/** `?limit=&offset=` of docs/api.md, "Ids, times, lists": limit 1–200 (default 50), offset ≥ 0. */
export class ListQueryDto {
  @IntField({ min: 1, max: 200, optional: true, fromQuery: true, description: 'Số mục mỗi trang (1–200, mặc định 50)' })
  limit?: number;

  @IntField({ min: 0, max: 2_000_000_000, optional: true, fromQuery: true, description: 'Bỏ qua bao nhiêu mục (≥ 0)' })
  offset?: number;
}

export interface Page {
  limit: number;
  offset: number;
}

export function pageOf(query: ListQueryDto): Page {
  return { limit: query.limit ?? 50, offset: query.offset ?? 0 };
}

export interface List<T> {
  items: T[];
  total: number;
}
