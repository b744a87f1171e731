/**
 * Staircases of paragraphs: a 落款 as GB/T 9704 7.3.5.2 sets it without a seal, the issuer and
 * under it the date, whose first character stands two characters right of the issuer's, the two
 * as a whole 右空二字 (the longer line decides: a date longer than the issuer ends 右空二字 and
 * the issuer moves left with it); the issuers of a joint document (联合行文) one under another,
 * from one start. Paragraphs side by side whose styles have a `stagger` are one staircase: the
 * last (the date) starts its style's stagger right of those above it, which start together (a
 * staircase of two is an issuer and its date; a step at each line set two issuers' names
 * apart as if the second were a date), and the group is placed by
 * the first one's `align`: `right`, its longest reach (a line's start and its text) flush at each
 * line's `indent-right`; `center`, centred; else at the first one's `indent`. On a character grid
 * every start is on a whole cell (a group with a Latin date may end short of its place by less
 * than a cell, never past it). A paragraph too long for one line wraps from its start.
 */
import type { BlockNode, ParaNode } from '../template/doc-tree.js';
import type { TextStyleSpec } from '../style/theme.js';
import { measureText } from '../text/paragraph.js';
import { style, type LayoutContext } from './context.js';
import { paragraphStyle } from './text-lines.js';

/** Where a paragraph of a staircase stands, pt: its first line's start, and the room kept at its right (its `indent-right`, on a grid in whole cells). */
export interface Stair {
  indent: number;
  indentRight: number;
}

/** Where each paragraph of `nodes` that stands in a staircase stands, in a measure of `width` pt. */
export function staircases(ctx: LayoutContext, nodes: BlockNode[], width: number): Map<ParaNode, Stair> {
  const indents = new Map<ParaNode, Stair>();
  const staggered = (n: BlockNode | undefined): n is ParaNode => n?.kind === 'para' && (ctx.theme.styles.get(n.style)?.stagger ?? 0) > 0;
  for (let i = 0; i < nodes.length; i++) {
    if (!staggered(nodes[i]) || staggered(nodes[i - 1])) continue;
    const run: ParaNode[] = [];
    for (let j = i; staggered(nodes[j]); j++) run.push(nodes[j] as ParaNode);
    const stairs = placed(ctx, run, width);
    run.forEach((n, k) => indents.set(n, stairs[k]));
  }
  return indents;
}

/** Where each paragraph of a staircase stands. */
function placed(ctx: LayoutContext, run: ParaNode[], width: number): Stair[] {
  const styles = run.map((n) => style(ctx, n.style));
  const first = styles[0];
  const cell = first.onGrid ? ctx.theme.grid?.charStep : undefined;
  // a length of a style in whole cells on a grid (as its indent is: see paragraphStyle)
  const inCells = (v: number, st: TextStyleSpec) => (cell ? Math.round(v / st.size) * cell : v);
  const offsets: number[] = [];
  styles.forEach((st, k) => offsets.push(k === styles.length - 1 && k > 0 ? inCells(st.stagger, st) : 0));
  // each line's reach: where it ends past the group's start (a line too long for the measure takes it all)
  const ends = run.map((n, k) => {
    const right = inCells(styles[k].indentRight, styles[k]);
    const room = width - right;
    const text = measureText(n.runs, paragraphStyle(ctx, styles[k], room, 'left', 0)).natural;
    return { right, room, reach: offsets[k] + Math.min(text, room) };
  });
  const onCell = (x: number, round: (v: number) => number) => (cell ? round(x / cell + 1e-6) * cell : x);
  let start: number;
  if (first.align === 'right') start = onCell(Math.min(...ends.map((e) => e.room - e.reach)), Math.floor);
  else if (first.align === 'center') start = onCell((width - Math.max(...ends.map((e) => e.reach))) / 2, Math.round);
  else start = inCells(first.indent, first);
  // never before the measure's left, and each line leaves two of its characters room (as a style's indent must)
  return offsets.map((o, k) => ({ indent: Math.min(Math.max(0, start) + o, Math.max(0, ends[k].room - 2 * styles[k].size)), indentRight: ends[k].right }));
}
