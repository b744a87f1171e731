/**
 * Twin columns: columns that ask the same of their width at every step (see ColumnAsks in
 * table.ts), as parallel columns do (`2021年（%）` … `2025年（%）` over numbers of like width).
 * They are given one width, so their headers and cells break alike: none is kept whole while its
 * twin wraps.
 */

/** How close two asks must be, pt, for their columns to be twins (digits of one font are of one width). */
const SAME = 0.01;
/** Twins whose widths differ by no more than this, pt, keep them (each what it asked, its numbers whole): only twins set apart are evened. */
const ALIKE = 0.5;

/**
 * Each column's twins (itself included), by column index, from what the columns ask at each step
 * (asks[step][column], pt): the columns joined to it by asks alike, directly or through others,
 * so that twins are one set for each of them.
 */
export function twinColumns(asks: number[][]): number[][] {
  const ncols = asks[0]?.length ?? 0;
  const same = (a: number, b: number) => asks.every((widths) => Math.abs(widths[a] - widths[b]) <= SAME);
  const set = Array.from({ length: ncols }, (_, c) => c);
  const root = (c: number): number => (set[c] === c ? c : (set[c] = root(set[c])));
  for (let a = 0; a < ncols; a++) for (let b = a + 1; b < ncols; b++) if (same(a, b)) set[root(b)] = root(a);
  return set.map((_, c) => set.map((_, k) => k).filter((k) => root(k) === root(c)));
}

/** `widths`, pt, with each set of twins whose widths differ by more than ALIKE given their mean width (the sum unchanged). */
export function evenTwins(widths: number[], twins: number[][]): number[] {
  return widths.map((w, c) => {
    const theirs = twins[c].map((k) => widths[k]);
    return Math.max(...theirs) - Math.min(...theirs) <= ALIKE ? w : theirs.reduce((a, b) => a + b, 0) / theirs.length;
  });
}
