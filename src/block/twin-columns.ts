/**
 * Twin columns: columns that ask the same of their width at every step (see ColumnAsks in
 * table.ts), as parallel columns do (`2021年（%）` … `2025年（%）` over numbers of like width).
 * They are given one width, so their headers and cells break alike: none is kept whole while its
 * twin wraps.
 */

/** How close two asks must be, pt, for their columns to be twins (digits of one font are of one width). */
const SAME = 0.01;

/** Each column's twins (itself included), by column index, from what the columns ask at each step (asks[step][column], pt). */
export function twinColumns(asks: number[][]): number[][] {
  const ncols = asks[0]?.length ?? 0;
  const same = (a: number, b: number) => asks.every((widths) => Math.abs(widths[a] - widths[b]) <= SAME);
  return Array.from({ length: ncols }, (_, c) => Array.from({ length: ncols }, (_, k) => k).filter((k) => same(c, k)));
}

/** `widths`, pt, with each set of twins given their mean width (the sum unchanged). */
export function evenTwins(widths: number[], twins: number[][]): number[] {
  return widths.map((_, c) => twins[c].reduce((total, k) => total + widths[k], 0) / twins[c].length);
}
