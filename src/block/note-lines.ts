/**
 * The note below a table or figure, set line for line as written: a note of several lines
 * (`note: |`, `注：1. …` then `2. …`, as a 决算 report numbers its notes) starts each of them on a
 * line of its own, where a paragraph's line breaks fold to a space. When its first line starts
 * with a label (`注：`, `说明：`, `资料来源：`), every line stands under the text after it
 * (`注：1. …` over `2. …`, the numbers one under another). A note of one line is a paragraph.
 */
import type { TextStyleSpec } from '../style/theme.js';
import { plainText, splitRuns, type Inline } from '../text/inline.js';
import { measureText } from '../text/paragraph.js';
import type { LayoutContext } from './context.js';
import type { Block } from './payload.js';
import { paragraphStyle, textBlocks, type TextBlockOptions } from './text-lines.js';

/** A line break with the spaces around it: where a note's lines part. */
const LINE_BREAK = /[ \t]*\n\s*/g;

/** A label the first line of a note starts with: a word or two of Chinese and a colon. */
const LABEL = /^\s*\p{Script=Han}{1,4}[：:]/u;

/** The blocks of a note's lines (`runs`: its text, line breaks as written), in `st`, as `textBlocks` sets a text with options `o`. */
export function noteBlocks(ctx: LayoutContext, runs: Inline[], st: TextStyleSpec, o: TextBlockOptions): Block[] {
  const lines = noteLines(runs);
  if (lines.length < 2) return textBlocks(ctx, runs, st, o);
  const label = LABEL.exec(plainText(lines[0]));
  const hang = label ? measureText(splitRuns(lines[0], 0, label[0].length), paragraphStyle(ctx, st, Infinity, 'left', 0)).natural : 0;
  const first = o.indent ?? st.indent;
  return lines.flatMap((line, i) =>
    textBlocks(ctx, line, st, {
      ...o,
      x: o.x + hang,
      width: o.width - hang,
      // the first line's label stands out to the left, where the note starts
      indent: i === 0 ? first - hang : 0,
      spaceBefore: i === 0 ? o.spaceBefore : 0,
      spaceAfter: i === lines.length - 1 ? o.spaceAfter : 0,
    }),
  );
}

/** The runs of each line of the text, lines with nothing to print (a blank line, the end of a `|` block) left out. */
function noteLines(runs: Inline[]): Inline[][] {
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
