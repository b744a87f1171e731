/**
 * The `at="file:line:col"` attribute the templates write on an element (from the view's `at`,
 * `titleAt` …): where its text stands in the content, read back when the markup is parsed. The
 * file's name is the user's, and XML holds no control character (an escape, a line break in a
 * file's name): those, and `%`, are written `%XX` (their code, two hex digits), as in a URL.
 */
import type { SourcePos } from '../problems.js';

/** What is written `%XX`: what XML cannot hold in an attribute (or turns into a space), and `%` itself. */
const ESCAPED = /[\p{Cc}%]/gu;

/** `pos` as an `at` attribute's value. */
export function atAttribute(pos: SourcePos): string {
  const file = pos.file.replace(ESCAPED, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `${file}:${pos.line}:${pos.col}`;
}

/** The place an `at` attribute's value names, or undefined for one that names none. */
export function placeOfAt(value: string): SourcePos | undefined {
  const m = /^(.*):(\d+):(\d+)$/.exec(value);
  return m ? { file: m[1].replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), line: Number(m[2]), col: Number(m[3]) } : undefined;
}
