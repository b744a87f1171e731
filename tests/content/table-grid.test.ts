/** The grid of a table part: cells placed past rowspans from above; rows that do not fill the columns, overlaps, rowspans past the end. */
import { describe, expect, it } from 'vitest';
import { firstRowColumns, placeCells, type Spans } from '../../src/content/table-grid.js';

/** A row from a compact notation: 1 a plain cell, `c2` colspan 2, `r3` rowspan 3, `c2r2` both. */
const row = (...cells: string[]): Spans[] =>
  cells.map((s) => ({ colspan: Number(/c(\d+)/.exec(s)?.[1] ?? 1), rowspan: Number(/r(\d+)/.exec(s)?.[1] ?? 1) }));

describe('placeCells', () => {
  it('places a two-row header: 指标 | 人数 (2024 年, 2025 年) | 占比', () => {
    const head = [row('r2', 'c2', 'r2'), row('1', '1')];
    expect(firstRowColumns(head)).toBe(4);
    const { places, problems } = placeCells(head, 4);
    expect(problems).toEqual([]);
    expect(places).toEqual([
      [{ row: 0, col: 0 }, { row: 0, col: 1 }, { row: 0, col: 3 }],
      [{ row: 1, col: 1 }, { row: 1, col: 2 }],
    ]);
  });

  it('skips every column a rowspan covers, also a row covered whole', () => {
    const { places, problems } = placeCells([row('r3', '1', 'r2'), row('1'), row('1', '1'), row('c3')], 3);
    expect(problems).toEqual([]);
    expect(places.map((r) => r.map((p) => p.col))).toEqual([[0, 1, 2], [1], [1, 2], [0]]);
    expect(placeCells([row('c2r2'), row()], 2).problems).toEqual([]);
  });

  it('says how many columns a row fills, counting colspans and the columns covered from above', () => {
    expect(placeCells([row('1', '1'), row('1', '1', '1')], 2).problems).toEqual([{ kind: 'row-width', row: 1, fills: 3, covered: 0, columns: 2 }]);
    // (the rowspan that ends on the row too long by the column it spans: named as maybe one too many)
    expect(placeCells([row('r2', '1', '1'), row('1', '1', '1')], 3).problems).toEqual([{ kind: 'row-width', row: 1, fills: 4, covered: 1, columns: 3, offByOne: { row: 0, cell: 0, rowspan: 2, by: -1 } }]);
    expect(placeCells([row('r2', 'c2'), row('1')], 3).problems).toEqual([{ kind: 'row-width', row: 1, fills: 2, covered: 1, columns: 3 }]);
  });

  it('names a rowspan one short for the row right under its group that is short by the columns it spans, and no rowspan for a row short by other columns', () => {
    expect(placeCells([row('r2', '1'), row('1'), row('1')], 2).problems).toEqual([{ kind: 'row-width', row: 2, fills: 1, covered: 0, columns: 2, offByOne: { row: 0, cell: 0, rowspan: 2, by: 1 } }]);
    expect(placeCells([row('r2', '1', '1'), row('1', '1'), row('1')], 3).problems).toEqual([{ kind: 'row-width', row: 2, fills: 1, covered: 0, columns: 3 }]);
  });

  it('finds a colspan running into a column a rowspan covers, and a rowspan past the last row', () => {
    expect(placeCells([row('1', 'r2', '1'), row('c2', '1')], 3).problems).toContainEqual({ kind: 'overlap', row: 1, cell: 0, col: 1 });
    expect(placeCells([row('1', 'r3'), row('1')], 2).problems).toEqual([{ kind: 'rowspan-past-end', row: 0, cell: 1, left: 2 }]);
  });
});
