/**
 * A contents line: the entry's text (wrapped if long), a dot leader, and the page number where
 * its target stands, right-aligned; the whole entry links to the target.
 */
import type { TocEntryNode } from '../template/doc-tree.js';
import type { TextStyleSpec } from '../style/theme.js';
import type { DrawOp, StructTag } from '../page/draw.js';
import { setParagraph } from '../text/paragraph.js';
import type { Line } from '../text/justify.js';
import type { LayoutContext } from './context.js';
import { lineOps, paragraphStyle, setText } from './text-lines.js';
import { block, type Block } from './payload.js';

/** Space kept for the page number and the gaps around the leader, em. */
const NUMBER_ROOM = 3;
/** Width given to page numbers, and the gap before them, em. */
const NUMBER_WIDTH = 2;

export function tocEntryBlocks(ctx: LayoutContext, node: TocEntryNode, style: TextStyleSpec, width: number, tag: StructTag): Block[] {
  const label = ctx.pageLabels.get(node.target) ?? '0';
  const em = style.size;
  const room = width - NUMBER_ROOM * em - style.indent;
  let text = setText(ctx, node.runs, { ...paragraphStyle(ctx, style, room, 'left'), indent: 0 }, undefined);
  const hang = hangingIndent(text[0]);
  if (text.length > 1 && hang > 0) {
    // a wrapped entry continues under its title, not under its number (案例 4　…)
    text = setText(ctx, node.runs, { ...paragraphStyle(ctx, style, room - hang, 'left'), indent: -hang }, undefined);
  }
  const x = style.indent + (text.length > 1 ? hang : 0);
  const numberLine = setParagraph([{ text: label, bold: false }], { ...paragraphStyle(ctx, style, NUMBER_ROOM * em, 'right'), indent: 0 });
  const leaderLine = setParagraph([{ text: ctx.theme.leader, bold: false }], { ...paragraphStyle(ctx, style, em, 'left'), indent: 0 });
  const blocks = text.map((line, i): Block => {
    const ops: DrawOp[] = lineOps(line, style, x, 0, tag);
    const last = i === text.length - 1;
    if (last) {
      // numbers flush right; the leader's dots on a grid of ½ em so columns of dots align
      const numberOps = lineOps(numberLine.lines[0], style, width - NUMBER_ROOM * em, 0, tag);
      // dots end at one column for every entry, leaving room for three digits
      const dotsEnd = width - NUMBER_WIDTH * em;
      const step = em / 2;
      const dot = leaderLine.lines[0];
      const dotWidth = dot.used;
      const lastAtom = line.atoms[line.atoms.length - 1];
      const textEnd = x + (lastAtom ? lastAtom.x + lastAtom.atom.width : 0);
      const from = Math.ceil((textEnd + em / 2) / step) * step;
      for (let dx = from; dx + dotWidth <= dotsEnd; dx += step) ops.push(...lineOps(dot, style, dx, 0, tag));
      ops.push(...numberOps);
    }
    ops.push({ kind: 'link', x: 0, y: 0, w: width, h: style.lineHeight, target: node.target });
    return block(style.lineHeight, { ops }, { keepWithNext: !last, spaceBefore: i === 0 ? style.spaceBefore : 0 });
  });
  return blocks;
}

/** Where the title starts after a label that ends in an ideographic space (`7.1　`, `案例 4　`), pt; 0 if none. */
function hangingIndent(first: Line | undefined): number {
  if (!first) return 0;
  const i = first.atoms.findIndex((a, k) => a.atom.text === '\u3000' && k < 12);
  return i >= 0 && i + 1 < first.atoms.length ? first.atoms[i + 1].x - first.atoms[0].x : 0;
}
