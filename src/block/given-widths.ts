/**
 * A table's `widths:` are the user's and are kept; but widths that break a cell the widths
 * Imprint finds would keep whole (an identifier at its marks, `data.|records[].createdAt`; a
 * word cut, `dateti|me`; a number from its unit, `12.5|万元`) are most likely proportions
 * guessed before the cells were written. The warning names each such cell, its column's width
 * and what it needs, and widths in the user's own scale that keep them whole: the columns that
 * break them widened to what they need, the room taken from the columns given more than Imprint
 * would give them (there is always enough: Imprint's widths fill the same table).
 */
import { inPt } from './pt-text.js';

/** A body cell the widths Imprint finds keep whole, or its widest word. */
export interface WholeCell {
  /** Its text, as the warning quotes it. */
  text: string;
  /** Its row among the body rows and its column, from 0. */
  row: number;
  col: number;
  /** The width its text needs inside the padding to be kept so, pt. */
  need: number;
}

/** Column widths summing to the table's, pt, and the padding a side the cells are set with, pt. */
export interface SetWidths {
  widths: number[];
  padX: number;
}

/** Cells quoted in a warning at most; the rest are counted. */
const CELLS_NAMED = 3;

/**
 * The warning of the cells `given` (the widths of `shares`, the user's `widths:`) breaks that
 * the widths Imprint finds for the table (`find`, asked only when `given` breaks a cell) keep
 * whole, with widths that keep them whole, in steps of the finest decimal the user wrote (0.1 at
 * least); undefined when there are none.
 */
export function givenWidthsWarning(cells: readonly WholeCell[], given: SetWidths, find: () => SetWidths, shares: readonly number[]): string | undefined {
  const fits = (need: number, col: number, set: SetWidths) => need <= set.widths[col] - 2 * set.padX + 1e-6;
  const brokenByGiven = cells.filter((c) => !fits(c.need, c.col, given));
  if (!brokenByGiven.length) return undefined;
  const found = find();
  const broken = brokenByGiven.filter((c) => fits(c.need, c.col, found));
  if (!broken.length) return undefined;
  /** What each column needs to keep its broken cells whole, pt (0: it breaks none). */
  const needs = given.widths.map((_, col) => Math.max(0, ...broken.filter((c) => c.col === col).map((c) => c.need + 2 * given.padX)));
  const named = broken
    .slice(0, CELLS_NAMED)
    .map((c) => `"${c.text}" (row ${c.row + 1}, column ${c.col + 1}: given ${inPt(given.widths[c.col])}, it needs ${inPt(c.need + 2 * given.padX)})`);
  const more = broken.length > CELLS_NAMED ? ` and ${broken.length - CELLS_NAMED} more` : '';
  return `\`widths:\` breaks cells the table has room to keep whole: ${named.join(', ')}${more}; \`widths: [${keepingShares(needs, given.widths, found.widths, shares).join(', ')}]\` keeps them whole`;
}

/**
 * `shares` (summing to the table's width in `widths`, pt) with each column of `needs` (pt, 0 for
 * none) widened to it, and what that takes from the columns wider than `found` makes them, in
 * proportion to what they have past it; in steps of the finest decimal of `shares`, the sum kept
 * (the scale of the other columns with it), the widened rounded up.
 */
function keepingShares(needs: readonly number[], widths: readonly number[], found: readonly number[], shares: readonly number[]): number[] {
  const decimals = Math.max(1, ...shares.map((s) => /\.(\d+)$/.exec(String(s))?.[1].length ?? 0));
  const step = 10 ** decimals;
  const total = shares.reduce((a, b) => a + b, 0);
  const perPt = total / widths.reduce((a, b) => a + b, 0);
  // in steps: whole numbers, so that the sum is kept exactly
  const steps = shares.map((s) => Math.round(s * step));
  const widened = needs.map((need, c) => (need > widths[c] ? Math.ceil(need * perPt * step - 1e-9) : steps[c]));
  const taken = widened.reduce((a, w, c) => a + w - steps[c], 0);
  const room = widths.map((w, c) => (needs[c] > w ? 0 : Math.max(0, w - found[c])));
  const roomTotal = room.reduce((a, b) => a + b, 0);
  const out = widened.map((w, c) => w - Math.floor((taken * room[c]) / roomTotal));
  // what the steps rounded down left: from the column with the most room
  const most = room.indexOf(Math.max(...room));
  out[most] -= out.reduce((a, b) => a + b, 0) - steps.reduce((a, b) => a + b, 0);
  return out.map((s) => Number((s / step).toFixed(decimals)));
}
