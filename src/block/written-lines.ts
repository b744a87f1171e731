/**
 * The lines of a text as written: a line break typed in a table's note or cell (`note: |`, a
 * cell `"同意。\n年　月　日"` or a literal block) starts a new line, where a paragraph's line
 * breaks fold to a space.
 */
import type { Inline } from '../text/inline.js';

/** A line break with the spaces around it: where written lines part. */
const LINE_BREAK = /[ \t]*\n\s*/g;

/** The runs of each line of the text, lines with nothing to print (a blank line, the end of a `|` block) left out. */
export function writtenLines(runs: Inline[]): Inline[][] {
  const lines: Inline[][] = [[]];
  for (const r of runs) {
    // (a footnote's marker or a reference holds no line break: it goes on the line it stands on)
    r.text.split(LINE_BREAK).forEach((text, i) => {
      if (i > 0) lines.push([]);
      if (text || !r.text) lines[lines.length - 1].push({ ...r, text });
    });
  }
  return lines.filter((line) => line.some((r) => r.text.trim() || r.ref || r.note));
}
