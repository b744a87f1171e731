/**
 * Places in a template's text: lines counted as Handlebars' lexer counts them (a line ends at
 * LF, CR LF or CR alone), lines and columns from 1, columns in characters as every message
 * counts them (see text-column.ts); Handlebars' own columns count UTF-16 units.
 */
import { columnOf } from '../text-column.js';

/** A line break as Handlebars' lexer counts lines. */
const LINE_BREAK = /\r\n?|\n/g;

/** The offset where line `line` (from 1) of `src` starts, lines counted as Handlebars counts them. */
function lineStart(src: string, line: number): number {
  let start = 0;
  LINE_BREAK.lastIndex = 0;
  for (let l = 1; l < line; l++) {
    const m = LINE_BREAK.exec(src);
    if (!m) break;
    start = m.index + m[0].length;
  }
  return start;
}

/** The offset of line `line`, column `col` (from 1, in characters) of `src`. */
export function offsetOf(src: string, line: number, col: number): number {
  let at = lineStart(src, line);
  for (let c = 1; c < col && at < src.length; c++) at += (src.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
  return Math.min(at, src.length);
}

/** The offset of line `line`, column `unit` (from 1, in UTF-16 units: Handlebars' column, plus 1) of `src`. */
export function offsetOfUnit(src: string, line: number, unit: number): number {
  return Math.min(lineStart(src, line) + unit - 1, src.length);
}

/** The column (from 1, in characters) of line `line`, column `unit` (from 1, in UTF-16 units: Handlebars' column, plus 1) of `src`. */
export function columnOfUnit(src: string, line: number, unit: number): number {
  return placeOf(src, offsetOfUnit(src, line, unit)).col;
}

/** The line and column (from 1, in characters) of offset `at` of `src`. */
export function placeOf(src: string, at: number): { line: number; col: number } {
  const before = src.slice(0, at).split(LINE_BREAK);
  const last = before[before.length - 1];
  return { line: before.length, col: columnOf(last, last.length) };
}
