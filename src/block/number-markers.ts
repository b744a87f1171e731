/**
 * Footnote markers after the text of a column set right (a column of numbers, or one the table
 * aligns `right`): the texts end in one line and a marker stands past its text, as a typesetter
 * hangs it, rather than every cell ending at the padding and a marked number standing a
 * marker's width left of the others (`8.6%①` over `7.3%`).
 */
import type { TableCellNode, TableNode } from '../template/doc-tree.js';
import type { TextStyleSpec } from '../style/theme.js';
import type { LayoutContext } from './context.js';
import { measureLines, paragraphStyle } from './text-lines.js';

/** A column whose texts end before the widest of its markers: where each one-line cell's text ends, and that marker's width, pt. */
export interface MarkedColumn {
  ends: Map<TableCellNode, number>;
  marker: number;
}

/** The columns set right that have a cell ending in a footnote marker, by column index. */
export type MarkedColumns = Map<number, MarkedColumn>;

/**
 * The columns of the table's body set right (`right` as their column or cell says, or of
 * numbers, `numeric`, unless they say otherwise) in which a one-column cell ends in footnote
 * markers (its text, then its notes), measured in the cell style `st` on one line.
 */
export function markedColumns(ctx: LayoutContext, node: TableNode, st: TextStyleSpec, numeric: Set<number>): MarkedColumns {
  const setRight = (c: TableCellNode) => {
    const align = c.align ?? node.columns[c.col]?.align;
    return c.colspan === 1 && (align === 'right' || (align === undefined && numeric.has(c.col)));
  };
  const cells = node.rows.flat().filter(setRight);
  const marked = new Set(cells.filter(endsInMarkers).map((c) => c.col));
  const out: MarkedColumns = new Map();
  const pstyle = paragraphStyle(ctx, st, Infinity, 'left', 0);
  const used = (runs: TableCellNode['runs']) => measureLines(ctx, runs, pstyle)[0]?.used ?? 0;
  for (const c of cells) {
    if (!marked.has(c.col)) continue;
    let column = out.get(c.col);
    if (!column) out.set(c.col, (column = { ends: new Map(), marker: 0 }));
    const end = used(c.runs.filter((r) => !r.note));
    column.ends.set(c, end);
    if (endsInMarkers(c)) column.marker = Math.max(column.marker, used(c.runs) - end);
  }
  return out;
}

/** Whether a cell's notes all stand at the end of its text (a marker after it, none inside it). */
export function endsInMarkers(c: TableCellNode): boolean {
  const first = c.runs.findIndex((r) => r.note);
  return first > 0 && c.runs.slice(first).every((r) => r.note || !r.text.trim());
}
