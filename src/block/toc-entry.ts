/**
 * A contents line: the entry's text (wrapped if long), a dot leader, and the page number where
 * its target stands, right-aligned; the whole entry links to the target.
 */
import type { TocEntryNode } from '../template/doc-tree.js';
import type { TextStyleSpec } from '../style/theme.js';
import type { DrawOp } from '../page/draw.js';
import { setParagraph } from '../text/paragraph.js';
import type { LayoutContext } from './context.js';
import { lineOps, paragraphStyle, setText } from './text-lines.js';
import { block, type Block } from './payload.js';

/** Space kept for the page number and the gaps around the leader, em. */
const NUMBER_ROOM = 3;

export function tocEntryBlocks(ctx: LayoutContext, node: TocEntryNode, style: TextStyleSpec, width: number): Block[] {
  const label = ctx.pageLabels.get(node.target) ?? '0';
  const em = style.size;
  const text = setText(ctx, node.runs, { ...paragraphStyle(ctx, style, width - NUMBER_ROOM * em, 'left'), indent: 0 }, undefined);
  const numberLine = setParagraph([{ text: label, bold: false }], { ...paragraphStyle(ctx, style, NUMBER_ROOM * em, 'right'), indent: 0 });
  const leaderLine = setParagraph([{ text: ctx.theme.leader, bold: false }], { ...paragraphStyle(ctx, style, em, 'left'), indent: 0 });
  const blocks = text.map((line, i): Block => {
    const ops: DrawOp[] = lineOps(line, style, style.indent, 0);
    const last = i === text.length - 1;
    if (last) {
      // numbers flush right; the leader's dots on a grid of ½ em so columns of dots align
      const numberOps = lineOps(numberLine.lines[0], style, width - NUMBER_ROOM * em, 0);
      const numberLeft = width - numberLine.lines[0].used;
      const step = em / 2;
      const dot = leaderLine.lines[0];
      const dotWidth = dot.used;
      const from = Math.ceil((style.indent + line.used + em / 2) / step) * step;
      for (let x = from; x + dotWidth <= numberLeft - em / 2; x += step) ops.push(...lineOps(dot, style, x, 0));
      ops.push(...numberOps);
    }
    ops.push({ kind: 'link', x: 0, y: 0, w: width, h: style.lineHeight, target: node.target });
    return block(style.lineHeight, { ops }, { keepWithNext: !last, spaceBefore: i === 0 ? style.spaceBefore : 0 });
  });
  return blocks;
}
