/**
 * The `at="file:line:col"` attribute the templates write on an element (from the view's `at`,
 * `titleAt` …): where its text stands in the content, read back when the markup is parsed. The
 * file's name is the user's, and XML holds no control character (an escape, a line break in a
 * file's name), no U+FFFE or U+FFFF and no lone surrogate: those, and `%`, are written by their
 * code, `%XX` (two hex digits) below U+0100 as in a URL, else `%uXXXX`.
 */
import type { SourcePos } from '../problems.js';

/** What is written by its code: what XML cannot hold in an attribute (or turns into a space), and `%` itself. */
const ESCAPED = /[\p{Cc}%\uFFFE\uFFFF]|\p{Cs}/gu;

/** A character of `ESCAPED` as written: `%0A`, `%uFFFE`. */
function escaped(c: string): string {
  const code = c.charCodeAt(0);
  const hex = code.toString(16).toUpperCase();
  return code < 0x100 ? `%${hex.padStart(2, '0')}` : `%u${hex.padStart(4, '0')}`;
}

/** `pos` as an `at` attribute's value. */
export function atAttribute(pos: SourcePos): string {
  return `${pos.file.replace(ESCAPED, escaped)}:${pos.line}:${pos.col}`;
}

/** The place an `at` attribute's value names, or undefined for one that names none. */
export function placeOfAt(value: string): SourcePos | undefined {
  // (a file's name may hold a line or paragraph separator, U+2028 or U+2029, which `.` does not match)
  const m = /^([^]*):(\d+):(\d+)$/.exec(value);
  if (!m) return undefined;
  const file = m[1].replace(/%u([0-9A-F]{4})|%([0-9A-F]{2})/g, (_, long: string | undefined, short: string) => String.fromCharCode(parseInt(long ?? short, 16)));
  return { file, line: Number(m[2]), col: Number(m[3]) };
}
