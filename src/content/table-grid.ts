/**
 * The grid of a table part (its header rows, or its body rows): where each cell stands when
 * cells span columns (`colspan`) and rows (`rowspan`). A row's cells fill its free columns left
 * to right, skipping the columns a cell from a row above still covers. Each row must fill the
 * table's columns exactly; what is wrong is returned by row and cell index, for the caller to
 * locate (the content loader at the YAML, the markup parser in the template's output).
 */

/** The most columns a cell may span (the schema says the same): a table wider than that cannot be printed, and every loop here stays short. */
export const MAX_COLSPAN = 100;

/** A cell's spans, as written (1 when not given). */
export interface Spans {
  colspan: number;
  rowspan: number;
}

/** Where a cell stands: its first row and first column within the part, from 0. */
export interface GridPlace {
  row: number;
  col: number;
}

/** Something wrong with a part's grid. Rows, cells and columns count from 0. */
export type GridProblem =
  /** A row whose cells with their colspans, and the columns covered from above, are not the table's columns. */
  | { kind: 'row-width'; row: number; fills: number; covered: number; columns: number; offByOne?: OffByOneRowspan }
  /** A cell whose colspan runs into column `col`, which a rowspan from above covers. */
  | { kind: 'overlap'; row: number; cell: number; col: number }
  /** A cell whose rowspan runs past the part's last row (`left` rows from its own, itself included). */
  | { kind: 'rowspan-past-end'; row: number; cell: number; left: number };

/**
 * A cell above a row that does not fill the columns whose rowspan, one less or one more, would
 * make the row fill them: a row too long that is the last its rowspan covers (`by: -1`), or a row
 * too short right under the last it covers (`by: 1`), the columns it spans being what the row is
 * over or short by. Its row and cell index, and its rowspan as written.
 */
export interface OffByOneRowspan {
  row: number;
  cell: number;
  rowspan: number;
  by: 1 | -1;
}

/** The places of a part's cells (as its rows), the columns each row fills, and what is wrong (nothing for a right grid). */
export interface Grid {
  places: GridPlace[][];
  /** Each row's columns: its cells' colspans and the columns rowspans from above cover. */
  fills: number[];
  problems: GridProblem[];
}

/** Places the cells of `rows` in a table of `columns` columns. */
export function placeCells(rows: Spans[][], columns: number): Grid {
  /** coveredTo[c]: the first row no longer covered in column c by a cell above. */
  const coveredTo: number[] = [];
  const problems: GridProblem[] = [];
  const covers = (r: number, c: number) => (coveredTo[c] ?? 0) > r;
  /** The cells that span rows, where they stand, with their spans. */
  const spanning: (GridPlace & Spans & { cell: number })[] = [];
  const named = new Set<(typeof spanning)[number]>();
  const rowFills: number[] = [];
  const places = rows.map((cells, r) => {
    let covered = 0;
    for (let c = 0; c < Math.max(columns, coveredTo.length); c++) if (covers(r, c)) covered++;
    let col = 0;
    let fills = covered;
    const placed = cells.map((cell, i): GridPlace => {
      while (covers(r, col)) col++;
      const start = col;
      // (columns past the table's are not followed: the row is wrong anyway)
      for (let c = start; c < Math.min(start + cell.colspan, columns); c++) {
        if (c > start && covers(r, c)) problems.push({ kind: 'overlap', row: r, cell: i, col: c });
        coveredTo[c] = Math.max(coveredTo[c] ?? 0, r + cell.rowspan);
      }
      if (r + cell.rowspan > rows.length) problems.push({ kind: 'rowspan-past-end', row: r, cell: i, left: rows.length - r });
      if (cell.rowspan > 1) spanning.push({ row: r, col: start, cell: i, colspan: cell.colspan, rowspan: cell.rowspan });
      fills += cell.colspan;
      col = start + cell.colspan;
      return { row: r, col: start };
    });
    if (fills !== columns) {
      // a rowspan that ends on this row (too long) or right above it (too short), spanning what the row is over or short by
      const by: 1 | -1 = fills > columns ? -1 : 1;
      // (one named already, as one too many, is not named again as one short)
      const suspect = spanning.find((s) => s.colspan === Math.abs(fills - columns) && s.row + s.rowspan === (by < 0 ? r + 1 : r) && !named.has(s));
      if (suspect) named.add(suspect);
      const offByOne = suspect && { row: suspect.row, cell: suspect.cell, rowspan: suspect.rowspan, by };
      problems.push({ kind: 'row-width', row: r, fills, covered, columns, ...(offByOne ? { offByOne } : {}) });
    }
    rowFills.push(fills);
    return placed;
  });
  return { places, fills: rowFills, problems };
}

/** The number of columns a part's first row fills (the table's columns, when its header rows are given). */
export function firstRowColumns(rows: Spans[][]): number {
  return (rows[0] ?? []).reduce((n, cell) => n + cell.colspan, 0);
}

/**
 * The columns every row under the first header row fills (the other header rows and the body
 * rows, each part on its own grid), when there are two such rows or more, all fill the same
 * number, and it is not the first row's: the first row's colspans are then the slip, not each
 * row under it. Only where the first row has colspans to be wrong: a cell spanning columns, or
 * header rows under it (a lone header row of single cells, `[学校, 人数, 备注]` over rows of two,
 * is no colspan slip: each short row is). Undefined otherwise.
 */
export function widthUnderFirstRow(head: Spans[][], body: Spans[][]): number | undefined {
  if (head.length < 2 && !(head[0] ?? []).some((cell) => cell.colspan > 1)) return undefined;
  const columns = firstRowColumns(head);
  const under = [...placeCells(head, columns).fills.slice(1), ...placeCells(body, columns).fills];
  return under.length >= 2 && under[0] !== columns && under.every((n) => n === under[0]) ? under[0] : undefined;
}
