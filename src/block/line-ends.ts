/**
 * `<ends>`: a text flush left and texts flush right on one line, each in its own style (a 版记's
 * 印发机关 左空一字 and 印发日期 右空一字, GB/T 9704 7.4.3; a 上行文's 发文字号 居左空一字 and 签发人：
 * in 仿宋 with the names in 楷体 居右空一字, 7.2.5–7.2.6).
 */
import type { EndsNode, ParaNode } from '../template/doc-tree.js';
import type { StructTag } from '../page/draw.js';
import { newTag, style, type LayoutContext } from './context.js';
import { block, type Block } from './payload.js';
import { lineOps, paragraphStyle, setText, textBlocks } from './text-lines.js';

/**
 * One block holding them all, when each takes one line and they leave at least a character (of
 * the right texts' size) between the left text and the right ones: the left at its style's
 * indent, the right ones side by side, the last ending at its style's `indent-right`. Else the
 * left text's lines, then the right texts run together in the first one's style, flush right.
 */
export function endsBlocks(ctx: LayoutContext, node: EndsNode, x: number, width: number, parent: StructTag): Block[] {
  const tag = newTag(ctx, 'P', parent);
  const ls = style(ctx, node.left.style);
  const rights = node.right.map((p) => ({ p, s: style(ctx, p.style) }));
  const left = setText(ctx, node.left.runs, paragraphStyle(ctx, ls, width, 'left'), node.left.at);
  const parts = rights.map(({ p, s }) => setText(ctx, p.runs, paragraphStyle(ctx, s, width, 'left', 0), p.at));
  const last = rights[rights.length - 1].s;
  const rightWidth = parts.reduce((w, lines) => w + (lines[0]?.natural ?? 0), 0);
  const leftEnd = left[0] ? left[0].xs[0] + left[0].natural : 0;
  const fits = left.length <= 1 && parts.every((lines) => lines.length === 1) && leftEnd + rights[0].s.size + rightWidth + last.indentRight <= width;
  if (!fits) return [...textBlocks(ctx, node.left.runs, ls, { x, width, at: node.left.at, align: 'left', keepWithNext: true, tag }), ...textBlocks(ctx, node.right.flatMap((p: ParaNode) => p.runs), rights[0].s, { x, width, at: node.right[0].at, align: 'right', keepWithNext: true, tag })];
  const ops = left[0] ? lineOps(left[0], ls, x, 0, tag) : [];
  let at = x + width - last.indentRight - rightWidth;
  parts.forEach(([line], i) => {
    ops.push(...lineOps(line, rights[i].s, at, 0, tag));
    at += line.natural;
  });
  const all = [ls, ...rights.map((r) => r.s)];
  return [block(Math.max(...all.map((s) => s.lineHeight)), { ops }, { spaceBefore: Math.max(...all.map((s) => s.spaceBefore)), keepWithNext: true })];
}
