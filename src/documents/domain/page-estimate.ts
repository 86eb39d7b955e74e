/**
 * About how many A4 pages a document's model will print, from its text alone: what the renderer
 * needs to know before it starts (how much of its budget a render takes, how long it may last).
 * Calibrated on the documents' own layout (13–14 pt Tinos, Decree 30 margins, the report's table):
 * some 2,200 characters to a page. An estimate, meant to be within a factor of two of the count.
 */
export const CHARS_PER_PAGE = 2200;

export function estimatePages(model: unknown): number {
  let chars = 0;
  const walk = (value: unknown): void => {
    if (typeof value === 'string') chars += value.length;
    else if (Array.isArray(value)) for (const v of value) walk(v);
    else if (value && typeof value === 'object') for (const v of Object.values(value)) walk(v);
  };
  walk(model);
  return Math.max(1, Math.ceil(chars / CHARS_PER_PAGE));
}
