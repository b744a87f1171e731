/**
 * A number written with thousands commas in a table row in brackets (`[行政运行, 1,234.56]`), as a
 * finance table is pasted from a spreadsheet: YAML parts a list in brackets at every comma, a
 * space after it or not, so the number is two cells or more (`1` and `234.56`), and the row fills
 * a column more, or prints the amount split where it still fills them. Found by the cells' places:
 * a comma with no space between a number of one to three digits and groups of three.
 */
import type { TableCell } from './types.js';

/** The cells a number with thousands commas became: the first (its place is the number's) and how many. */
export interface SplitNumber {
  first: number;
  count: number;
}

/** The numbers of `row` that YAML split at their thousands commas, in order. */
export function splitNumbers(row: readonly TableCell[]): SplitNumber[] {
  const found: SplitNumber[] = [];
  for (let i = 0; i < row.length; i++) {
    if (!/^[-+]?\d{1,3}$/.test(row[i].text.text)) continue;
    // past the number's last cell: groups of three digits, the last with its decimals
    let end = i + 1;
    while (end < row.length && rightAfter(row[end - 1], row[end]) && /^\d{3}(?:\.\d+)?$/.test(row[end].text.text)) if (row[end++].text.text.includes('.')) break;
    if (end - i > 1) found.push({ first: i, count: end - i });
    i = end - 1;
  }
  return found;
}

/** Whether `next` is written right after `cell` and a comma, on its line. */
function rightAfter(cell: TableCell, next: TableCell): boolean {
  return next.pos.line === cell.pos.line && next.pos.col === cell.pos.col + [...cell.text.text].length + 1;
}

/** What YAML made of a split number, and how to write it: `YAML reads 1,234.56 in [ ] as 2 cells (1 and 234.56): quote …`. */
export function splitNumberMessage(row: readonly TableCell[], split: SplitNumber): string {
  const parts = row.slice(split.first, split.first + split.count).map((c) => c.text.text);
  const written = parts.join(',');
  const cells = `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `YAML reads ${written} in [ ] as ${split.count} cells (${cells}): quote a number written with thousands commas, "${written}"`;
}
