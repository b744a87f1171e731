/**
 * The note below a table or figure, set line for line as written: a note of several lines
 * (`note: |`, `注：1. …` then `2. …`, as a 决算 report numbers its notes) starts each of them on a
 * line of its own, where a paragraph's line breaks fold to a space. When its first line starts
 * with a label (`注：`, `说明：`, `资料来源：`), every line stands under the text after it
 * (`注：1. …` over `2. …`, the numbers one under another). A line that starts with a number
 * (`1.`, `（3）`, `①`) hangs: its wrapped lines stand under its text after the number. A note of
 * one line is a paragraph.
 */
import type { TextStyleSpec } from '../style/theme.js';
import { plainText, splitRuns, type Inline } from '../text/inline.js';
import { measureText } from '../text/paragraph.js';
import { listLabelLength } from '../text/list-labels.js';
import type { TextStyle } from '../text/atoms.js';
import type { LayoutContext } from './context.js';
import type { Block } from './payload.js';
import { paragraphStyle, textBlocks, type TextBlockOptions } from './text-lines.js';
import { writtenLines } from './written-lines.js';

/** A label the first line of a note starts with: a word or two of Chinese and a colon. */
const LABEL = /^\s*\p{Script=Han}{1,4}[：:]/u;

/**
 * A number a line of a note starts with, besides a list number (list-labels.ts: `2、`, `（3）`,
 * `四、`): `1.` (not `1.5`), and the circled and bracketed ①–⑳, ⑴–⒇, ⒈–⒛.
 */
const NOTE_NUMBER = /^(?:\d{1,3}\.(?!\d)|[\u2460-\u249B])/u;

/** The blocks of a note's lines (`runs`: its text, line breaks as written), in `st`, as `textBlocks` sets a text with options `o`. */
export function noteBlocks(ctx: LayoutContext, runs: Inline[], st: TextStyleSpec, o: TextBlockOptions): Block[] {
  const lines = writtenLines(runs);
  if (lines.length < 2) return textBlocks(ctx, runs, st, o);
  const style = paragraphStyle(ctx, st, Infinity, 'left', 0);
  const label = LABEL.exec(plainText(lines[0]))?.[0].length ?? 0;
  // where the lines stand: under the text after the first line's label
  const hang = label ? textStart(lines[0], label, style) : 0;
  const first = o.indent ?? st.indent;
  return lines.flatMap((line, i) => {
    // a numbered line's wrapped lines stand under its text after the number (1. , （3）)
    const from = i === 0 ? label : 0;
    const number = numberLength(plainText(line).slice(from));
    const lead = number ? textStart(line, from + number, style) - (i === 0 ? hang : 0) : 0;
    return textBlocks(ctx, line, st, {
      ...o,
      x: o.x + hang + lead,
      width: o.width - hang - lead,
      // the first line's label and a line's number stand out to the left, where the line starts
      indent: (i === 0 ? first - hang : 0) - lead,
      spaceBefore: i === 0 ? o.spaceBefore : 0,
      spaceAfter: i === lines.length - 1 ? o.spaceAfter : 0,
    });
  });
}

/** The length of the number `text` starts with (see `NOTE_NUMBER`) and the spaces after it, UTF-16 units; 0 when there is none, or nothing after it. */
function numberLength(text: string): number {
  const n = listLabelLength(text) || (NOTE_NUMBER.exec(text)?.[0].length ?? 0);
  const end = n && n + /^\s*/.exec(text.slice(n))![0].length;
  return end < text.length ? end : 0;
}

/**
 * Where the text after the first `end` units of a line starts, pt from the line's start, as the
 * line is set (the label's colon full width, the gap or space after a number counted): the
 * width to the end of the character after them, less that character's; the width of the line
 * where nothing follows them (a label on a line of its own).
 */
function textStart(line: Inline[], end: number, style: TextStyle): number {
  const after = plainText(line).codePointAt(end);
  if (after === undefined) return measureText(line, style).natural;
  const next = end + String.fromCodePoint(after).length;
  return measureText(splitRuns(line, 0, next), style).natural - measureText(splitRuns(line, end, next), style).natural;
}
