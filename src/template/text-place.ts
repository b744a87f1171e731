/**
 * Places in a template's text: lines counted as Handlebars' lexer counts them (a line ends at
 * LF, CR LF or CR alone), lines and columns from 1.
 */

/** A line break as Handlebars' lexer counts lines. */
const LINE_BREAK = /\r\n?|\n/g;

/** The offset of line `line`, column `col` (from 1) of `src`, lines counted as Handlebars counts them. */
export function offsetOf(src: string, line: number, col: number): number {
  let start = 0;
  LINE_BREAK.lastIndex = 0;
  for (let l = 1; l < line; l++) {
    const m = LINE_BREAK.exec(src);
    if (!m) break;
    start = m.index + m[0].length;
  }
  return Math.min(start + col - 1, src.length);
}

/** The line and column (from 1) of offset `at` of `src`. */
export function placeOf(src: string, at: number): { line: number; col: number } {
  const before = src.slice(0, at).split(LINE_BREAK);
  return { line: before.length, col: before[before.length - 1].length + 1 };
}
