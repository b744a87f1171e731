/**
 * Column widths that make a table shorter: a table's height is its rows', and a row is as tall as
 * its tallest cell, so a cell that wraps within its row's height costs nothing (`区教育局、|区少年宫`
 * beside a cell of three lines, a merged cell wrapping into the rows it spans) and the room it
 * gives up can save lines where a row is tall for want of it (the long text of a column left as
 * narrow as a date's). Pure: heights only, from the lines each cell takes at a width (estimated
 * while searching; the caller sets the cells to check what the search found).
 */

/** A cell as its rows' heights see it. */
export interface RowCell {
  /** In the header rows or the body's. */
  header: boolean;
  row: number;
  col: number;
  colspan: number;
  rowspan: number;
  /** Its text's line height, pt. */
  lineHeight: number;
  /** The least height of its box, pt (a form's writing room, `height:`); none when undefined. */
  minHeight?: number;
}

/** A table's cells and the room around their text, pt. */
export interface RowsSpec {
  cells: readonly RowCell[];
  padX: number;
  padY: number;
}

/** The width inside its padding of cell `k` in columns of `widths`, pt. */
export function innerWidth(spec: RowsSpec, k: number, widths: readonly number[]): number {
  const c = spec.cells[k];
  let w = 0;
  for (let i = c.col; i < c.col + c.colspan; i++) w += widths[i];
  return w - 2 * spec.padX;
}

/**
 * The height of the header rows and the body rows, pt, each cell taking `lines(k)` lines: a row
 * as tall as its tallest one-row cell (at least one line), a merged cell taller than its rows
 * adding the difference to its last row, as the rows are laid out (see table.ts' groupBlocks).
 */
export function rowsHeight(spec: RowsSpec, lines: (k: number) => number): number {
  return heightOf(partsOf(spec), spec, lines);
}

/** The header's or the body's cells: those of one row, and the merged ones (fewest rows first). */
interface RowPart {
  count: number;
  /** A row's least height, pt: a line and the padding. */
  least: number;
  single: number[];
  merged: number[];
}

/** The parts of a table's rows (made once per search: see `heightOf`). */
const parts = new WeakMap<RowsSpec, RowPart[]>();

function partsOf(spec: RowsSpec): RowPart[] {
  let made = parts.get(spec);
  if (made) return made;
  made = [];
  for (const header of [true, false]) {
    const ks = spec.cells.map((_, k) => k).filter((k) => spec.cells[k].header === header);
    if (!ks.length) continue;
    made.push({
      count: Math.max(...ks.map((k) => spec.cells[k].row + spec.cells[k].rowspan)),
      least: Math.max(...ks.map((k) => spec.cells[k].lineHeight)) + 2 * spec.padY,
      single: ks.filter((k) => spec.cells[k].rowspan === 1),
      merged: ks.filter((k) => spec.cells[k].rowspan > 1).sort((a, b) => spec.cells[a].rowspan - spec.cells[b].rowspan),
    });
  }
  parts.set(spec, made);
  return made;
}

function heightOf(made: RowPart[], spec: RowsSpec, lines: (k: number) => number): number {
  let total = 0;
  const box = (k: number) => Math.max(Math.max(1, lines(k)) * spec.cells[k].lineHeight + 2 * spec.padY, spec.cells[k].minHeight ?? 0);
  for (const part of made) {
    const heights = new Array<number>(part.count).fill(part.least);
    for (const k of part.single) {
      const b = box(k);
      if (b > heights[spec.cells[k].row]) heights[spec.cells[k].row] = b;
    }
    for (const k of part.merged) {
      const { row, rowspan } = spec.cells[k];
      let spanned = 0;
      for (let r = row; r < row + rowspan; r++) spanned += heights[r];
      const b = box(k);
      if (b > spanned) heights[row + rowspan - 1] += b - spanned;
    }
    for (const h of heights) total += h;
  }
  return total;
}

/** Rounds of moving room at most, per column. */
const ROUNDS_PER_COLUMN = 3;
/** Widths a column may take to save a line, at most, per round (the least first). */
const TARGETS = 4;

/**
 * `widths` (pt, summing to the table's width) with room moved from columns that can give it
 * without a row growing to columns whose rows it makes shorter, while that makes the table
 * shorter by the `lines` given (cell k's lines at an inner width, pt). No column goes below its
 * `floor` (what the columns' asks keep: numbers, short cells and headers' words whole); a column
 * not `movable` (one of columns kept alike) neither gives nor takes. Room comes first from the
 * columns whose cells keep their lines, then from those whose cells wrap within their rows.
 */
export function shorterRows(spec: RowsSpec, widths: readonly number[], floor: readonly number[], movable: readonly boolean[], lines: (k: number, inner: number) => number): number[] {
  const ncols = widths.length;
  const made = partsOf(spec);
  const linesAt = (w: readonly number[]) => spec.cells.map((_, k) => lines(k, innerWidth(spec, k, w)));
  const height = (w: readonly number[]) => heightOf(made, spec, (k) => lines(k, innerWidth(spec, k, w)));
  const columnCells = Array.from({ length: ncols }, (_, c) => spec.cells.map((_, k) => k).filter((k) => spec.cells[k].col <= c && c < spec.cells[k].col + spec.cells[k].colspan));
  const cellsOf = (c: number) => columnCells[c];
  /** The narrowest width of column c (from `floor[c]` to its width) at which `holds` still holds, pt. */
  const narrowest = (w: number[], c: number, holds: (w: number[]) => boolean) => {
    let [lo, hi] = [floor[c], w[c]];
    if (hi - lo < 0.5) return hi;
    const at = (x: number) => holds(w.map((v, i) => (i === c ? x : v)));
    if (at(lo)) return lo;
    for (let step = 0; step < 14 && hi - lo > 0.25; step++) {
      const mid = (lo + hi) / 2;
      if (at(mid)) hi = mid;
      else lo = mid;
    }
    return hi;
  };
  let w = [...widths];
  for (let round = 0; round < ROUNDS_PER_COLUMN * ncols; round++) {
    const base = height(w);
    const now = linesAt(w);
    // what each column can give with each of its cells on as many lines
    const keeps = w.map((_, c) => (movable[c] ? w[c] - narrowest(w, c, (v) => cellsOf(c).every((k) => lines(k, innerWidth(spec, k, v)) <= now[k])) : 0));
    let best: { w: number[]; gain: number; delta: number } | undefined;
    for (let t = 0; t < ncols; t++) {
      if (!movable[t]) continue;
      const room = sum(w.map((_, c) => (c === t || !movable[c] ? 0 : w[c] - floor[c])));
      if (room < 0.5) continue;
      // the widths at which a cell of the column takes a line less
      const targets = new Set<number>();
      for (const k of cellsOf(t)) {
        if (spec.cells[k].colspan !== 1 || now[k] <= 1) continue;
        let [lo, hi] = [w[t], w[t] + room];
        const fewer = (x: number) => lines(k, x - 2 * spec.padX) < now[k];
        if (!fewer(hi)) continue;
        for (let step = 0; step < 14 && hi - lo > 0.25; step++) {
          const mid = (lo + hi) / 2;
          if (fewer(mid)) hi = mid;
          else lo = mid;
        }
        targets.add(hi);
      }
      for (const target of [...targets].sort((a, b) => a - b).slice(0, TARGETS)) {
        const delta = target - w[t];
        const next = [...w];
        next[t] = target;
        // the height the wider column gives, kept while the others give room: first those whose
        // cells keep their lines, the most room first, then those whose cells wrap within their rows
        const goal = height(next);
        if (goal >= base - 1e-6) continue;
        let need = delta;
        for (const c of w.map((_, c) => c).filter((c) => c !== t && keeps[c] > 0).sort((a, b) => keeps[b] - keeps[a])) {
          const take = Math.min(need, keeps[c]);
          next[c] -= take;
          need -= take;
        }
        for (const c of w.map((_, c) => c).filter((c) => c !== t && movable[c]).sort((a, b) => next[b] - floor[b] - (next[a] - floor[a]))) {
          if (need <= 1e-6) break;
          const take = Math.min(need, next[c] - narrowest(next, c, (v) => height(v) <= goal + 1e-6));
          next[c] -= take;
          need -= take;
        }
        if (need > 1e-6) continue;
        const gain = base - height(next);
        if (gain > 1e-6 && (!best || gain > best.gain + 1e-6 || (Math.abs(gain - best.gain) <= 1e-6 && delta < best.delta))) best = { w: next, gain, delta };
      }
    }
    if (!best) break;
    w = best.w;
  }
  return w;
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
