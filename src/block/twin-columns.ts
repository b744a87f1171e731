/**
 * Twin columns: columns that ask the same of their width at every step (see ColumnAsks in
 * table.ts), as parallel columns do (`2021年（%）` … `2025年（%）` over numbers of like width).
 * They are given one width, so their headers and cells break alike: none is kept whole while its
 * twin wraps. Parallel columns (of groups headed alike: `全区均值` under 小学 and under 初中, see
 * parallelColumns) are twins whatever their cells ask, and so are columns alike but for a
 * footnote marker in one (`5.86①`): each asks what the most asking of its twins does (see
 * twinsAsking).
 */
import type { TableNode } from '../template/doc-tree.js';
import { plainText } from '../text/inline.js';

/** How close two asks must be, pt, for their columns to be twins (digits of one font are of one width). */
const SAME = 0.01;
/** Twins whose widths differ by no more than this, pt, keep them (each what it asked, its numbers whole): only twins set apart are evened. */
const ALIKE = 0.5;

/**
 * Each column's twins (itself included), by column index, from what the columns ask at each step
 * (asks[step][column], pt): the columns joined to it by asks alike or by being `parallel` (see
 * parallelColumns), directly or through others, so that twins are one set for each of them.
 */
export function twinColumns(asks: number[][], parallel: readonly (string | undefined)[] = []): number[][] {
  const ncols = asks[0]?.length ?? 0;
  const same = (a: number, b: number) => (parallel[a] !== undefined && parallel[a] === parallel[b]) || asks.every((widths) => Math.abs(widths[a] - widths[b]) <= SAME);
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

/** `asks` (asks[step][column], pt) with each column asking at each step what the most asking of its `twins` does there. */
export function twinsAsking(asks: number[][], twins: number[][]): number[][] {
  return asks.map((widths) => widths.map((_, c) => Math.max(...twins[c].map((k) => widths[k]))));
}

/**
 * What makes columns parallel, by column index: the place of a column in a group of columns under
 * one header cell (spanning them) whose columns' own headers (the lowest header cell of one column
 * over each) and alignments are those of another group's, in order (`全区均值 | 差异系数 | 达标校数`
 * under 小学 and again under 初中); undefined for a column in no such group. Columns of one key are
 * parallel; `2024 年` of amounts under 金额 (2023 年 | 2024 年 | 2025 年) and of rates under 增长率
 * (2024 年 | 2025 年) are not.
 */
export function parallelColumns(node: TableNode): (string | undefined)[] {
  const ncols = node.columns.length;
  const heads: string[] = node.columns.map((c) => `\u0000${c.align ?? ''}`);
  for (const row of node.head) for (const c of row) if (c.colspan === 1 && c.col < ncols) heads[c.col] = `${plainText(c.runs).trim()}\u0000${node.columns[c.col]?.align ?? ''}`;
  const groups = node.head.flat().filter((c) => c.colspan > 1 && c.col + c.colspan <= ncols).map((c) => ({ c, key: heads.slice(c.col, c.col + c.colspan).join('\u0001') }));
  const out: (string | undefined)[] = node.columns.map(() => undefined);
  for (const { c, key } of groups) if (groups.some((g) => g.c !== c && g.key === key)) for (let k = 0; k < c.colspan; k++) out[c.col + k] = `${key}\u0002${k}`;
  return out;
}
