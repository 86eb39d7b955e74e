/**
 * Search without diacritics, the way officials type on a keyboard without a Vietnamese input
 * method: "nguyen thi lan" finds "Nguyễn Thị Lan". Lower-case letters with their plain forms;
 * used by SQL translate() on both sides of a LIKE.
 */
const GROUPS: Record<string, string> = {
  a: 'àáạảãâầấậẩẫăằắặẳẵ',
  e: 'èéẹẻẽêềếệểễ',
  i: 'ìíịỉĩ',
  o: 'òóọỏõôồốộổỗơờớợởỡ',
  u: 'ùúụủũưừứựửữ',
  y: 'ỳýỵỷỹ',
  d: 'đ',
};

export const FOLD_FROM = Object.values(GROUPS).join('');
export const FOLD_TO = Object.entries(GROUPS)
  .map(([plain, marked]) => plain.repeat([...marked].length))
  .join('');

/** SQL folding the text expression `expr` (NFC): lower case, diacritics off. */
export const foldedSql = (expr: string): string => `translate(lower(normalize(${expr}, NFC)), '${FOLD_FROM}', '${FOLD_TO}')`;

/** A LIKE pattern matching `search` anywhere, its own `%`, `_` and `\` taken literally. */
export const containsPattern = (search: string): string => `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
