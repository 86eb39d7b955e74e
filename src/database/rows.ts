/**
 * The rows a statement returned. TypeORM answers UPDATE/DELETE … RETURNING on PostgreSQL with
 * [rows, affectedCount] but other statements with the rows alone; this gives the rows either way.
 */
export function rowsOf<T>(result: unknown): T[] {
  const wrapped = Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number';
  return (wrapped ? result[0] : result) as T[];
}
