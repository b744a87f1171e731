/**
 * `<ends>`: two texts on one line, the first flush left and the second flush right, each at its
 * own style's indents (a 版记's 印发机关 左空一字 and 印发日期 右空一字, GB/T 9704 7.4.3).
 */
import type { EndsNode } from '../template/doc-tree.js';
import type { StructTag } from '../page/draw.js';
import { newTag, style, type LayoutContext } from './context.js';
import { block, type Block } from './payload.js';
import { measureLines, paragraphStyle, textBlocks } from './text-lines.js';

/**
 * One block holding both texts, when each takes one line and they leave at least a character
 * (of the right text's size) between them; else the left text's lines, then the right's, each
 * at its side.
 */
export function endsBlocks(ctx: LayoutContext, node: EndsNode, x: number, width: number, parent: StructTag): Block[] {
  const [ls, rs] = [style(ctx, node.left.style), style(ctx, node.right.style)];
  const set = (n: EndsNode['left'], align: 'left' | 'right') =>
    textBlocks(ctx, n.runs, n === node.left ? ls : rs, { x, width, at: n.at, align, keepWithNext: true, tag: newTag(ctx, 'P', parent) });
  const natural = (n: EndsNode['left'], s: typeof ls) => measureLines(ctx, n.runs, paragraphStyle(ctx, s, width, 'left', 0)).map((l) => l.natural);
  const [lw, rw] = [natural(node.left, ls), natural(node.right, rs)];
  const fits = lw.length === 1 && rw.length === 1 && ls.indent + lw[0] + rs.size + rw[0] + rs.indentRight <= width;
  const [left, right] = [set(node.left, 'left'), set(node.right, 'right')];
  if (!fits) return [...left, ...right];
  const [a, b] = [left[0], right[0]];
  return [block(Math.max(a.height, b.height), { ops: [...a.payload.ops, ...b.payload.ops] }, { spaceBefore: Math.max(a.spaceBefore, b.spaceBefore), keepWithNext: true })];
}
