/**
 * Which table columns are columns of numbers, set right: a column as a whole, so that its cells
 * line up on one edge (a column of version numbers `v3.2.1`, `24.0.5`, `2.8.0-rc.3` is text and
 * left, every one of them; numbers with a `不适用` among them are left too).
 */
import type { TableCellNode } from '../template/doc-tree.js';
import { plainText } from '../text/inline.js';
import { numberSpaces } from '../text/spaces.js';

/**
 * A number (`1,250.5`, `−2.5`, `12%`), once the spaces that hold it together are taken out
 * (`1 250.5`: see text/spaces.ts): one decimal point at most (`24.0.5` is a version, not a number).
 */
const NUMERIC = /^[-+−]?(?=\.?\d)\d*(?:,\d+)*(?:\.\d+)?\s*[%‰]?$/;

/** What stands for no number in a column of them: dashes (`—`, `-`, `——`). */
const NO_NUMBER = /^[-‐‑‒–—―－]+$/;

/** Whether a cell's text is a number (see `NUMERIC`). */
export function isNumber(text: string): boolean {
  const inNumber = numberSpaces(text);
  return NUMERIC.test(inNumber.size ? text.split('').filter((_, i) => !inNumber.has(i)).join('') : text);
}

/** The columns (indices) whose one-column body cells are all numbers, dashes or empty, one at least a number. */
export function numericColumns(rows: TableCellNode[][]): Set<number> {
  const numbers = new Set<number>();
  const text = new Set<number>();
  for (const row of rows)
    for (const c of row) {
      if (c.colspan !== 1) continue;
      const t = plainText(c.runs).trim();
      if (isNumber(t)) numbers.add(c.col);
      else if (t && !NO_NUMBER.test(t)) text.add(c.col);
    }
  return new Set([...numbers].filter((c) => !text.has(c)));
}
