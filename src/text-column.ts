/**
 * What the column of a message's `FILE:LINE:COLUMN` counts: Unicode characters (code points)
 * from the line's start, from 1, as the editors our users edit in show the caret's column (VS
 * Code's status bar since 1.40, Notepad++'s `Col`): a character outside the BMP (Ext B 𠀀, an
 * emoji) is one column, not its two UTF-16 units. A tab is one column too (editors show it as
 * the spaces it stands for; a YAML file indents with spaces only).
 */
import type { LineCounter } from 'yaml';

/** The column (from 1) of the character at UTF-16 index `index` of `line` (a line's text from its start). */
export function columnOf(line: string, index: number): number {
  let col = 1;
  for (let i = 0; i < index; i++) {
    const unit = line.charCodeAt(i);
    // a high surrogate and the low one after it are one character
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < index && (line.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    col++;
  }
  return col;
}

/** The line and column (from 1) of UTF-16 offset `offset` of `text`, whose lines `lines` counted. */
export function placeInText(text: string, lines: LineCounter, offset: number): { line: number; col: number } {
  const { line, col } = lines.linePos(offset);
  const lineStart = offset - (col - 1);
  return { line, col: columnOf(text.slice(lineStart, offset), offset - lineStart) };
}
