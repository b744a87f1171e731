/**
 * A Word table as an Imprint table (spec §2, §6.4): its header rows (those Word repeats on each
 * page, else the first row, and as many more as its merged cells reach into) as `columns:` or,
 * when they are several or merged, `head:`; merged cells as `{text, colspan, rowspan}`; cells
 * that are plain numbers as numbers.
 */
import type { DraftBlock, DraftTable } from './docx-model.js';

/** A table cell as written in the YAML. */
export type TableCell = string | number | { text: string | number; colspan?: number; rowspan?: number };

/** A table's header and body rows (title and note are the caption's and the note's). */
export interface TableRows {
  columns?: TableCell[];
  head?: TableCell[][];
  rows: TableCell[][];
}

/** A number as YAML writes it back the same (no leading zeros, no trailing zeros after a point). */
const PLAIN_NUMBER = /^-?(?:0|[1-9]\d{0,14})(?:\.\d*[1-9])?$/;

/** The rows of `table`; `cellText` gives the content text of a cell's blocks. */
export function tableRows(table: DraftTable, cellText: (blocks: DraftBlock[]) => string): TableRows {
  const width = gridWidth(table);
  const rows = table.children.map((row) => {
    const cells: TableCell[] = row.children.map((cell) => {
      const text = cellText(cell.children);
      const value = PLAIN_NUMBER.test(text) ? Number(text) : text;
      if (cell.colSpan === 1 && cell.rowSpan === 1) return value;
      return { text: value, ...(cell.colSpan > 1 ? { colspan: cell.colSpan } : {}), ...(cell.rowSpan > 1 ? { rowspan: cell.rowSpan } : {}) };
    });
    return cells;
  });
  // a row that does not fill the grid (Word allows it) is filled with empty cells
  const covered = coveredColumns(table);
  rows.forEach((cells, r) => {
    const used = table.children[r].children.reduce((n, c) => n + c.colSpan, 0) + covered[r];
    for (let i = used; i < width; i++) cells.push('');
  });
  const headRows = headerRowCount(table);
  const head = rows.slice(0, headRows);
  const body = rows.slice(headRows);
  if (head.length === 1 && head[0].every((c) => typeof c !== 'object')) return { columns: head[0], rows: body };
  return { head, rows: body };
}

/** Columns of the table's grid: the widest row, counting spans and cells covered from above. */
function gridWidth(table: DraftTable): number {
  const covered = coveredColumns(table);
  return Math.max(1, ...table.children.map((row, r) => row.children.reduce((n, c) => n + c.colSpan, 0) + covered[r]));
}

/** For each row, how many grid columns cells merged from rows above cover. */
function coveredColumns(table: DraftTable): number[] {
  const covered = table.children.map(() => 0);
  table.children.forEach((row, r) => {
    for (const cell of row.children) for (let k = 1; k < cell.rowSpan && r + k < covered.length; k++) covered[r + k] += cell.colSpan;
  });
  return covered;
}

/**
 * Header rows: those Word repeats (at least the first; all of them when every row says so is
 * taken as none said), and those a header cell's rowspan reaches.
 */
function headerRowCount(table: DraftTable): number {
  const rows = table.children;
  let count = 1;
  while (count < rows.length && rows[count].isHeader && rows[count - 1].isHeader) count++;
  if (count === rows.length) count = 1;
  for (let r = 0; r < count; r++) for (const cell of rows[r].children) count = Math.max(count, Math.min(rows.length, r + cell.rowSpan));
  return count;
}
