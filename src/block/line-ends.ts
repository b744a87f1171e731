/**
 * `<ends>`: a text flush left and texts flush right on one line, each in its own style (a 版记's
 * 印发机关 左空一字 and 印发日期 右空一字, GB/T 9704 7.4.3; a 上行文's 发文字号 居左空一字 and 签发人：
 * in 仿宋 with the names in 楷体 居右空一字, 7.2.5–7.2.6). Its `<names>` (several 签发人) run on in
 * rows after the right texts, the left text level with the last row.
 */
import type { EndsNode, ParaNode } from '../template/doc-tree.js';
import type { StructTag } from '../page/draw.js';
import type { TextStyleSpec } from '../style/theme.js';
import { newTag, style, type LayoutContext } from './context.js';
import { block, type Block } from './payload.js';
import type { Line } from '../text/justify.js';
import { lineOps, paragraphStyle, setText, textBlocks } from './text-lines.js';

/** A text of the right side set on one line in its style (its lines: more than one, it does not fit). */
interface SetRight {
  s: TextStyleSpec;
  lines: Line[];
}

/**
 * One block holding them all, when each takes one line and they leave at least a character (of
 * the right texts' size) between the left text and the right ones: the left at its style's
 * indent, the right ones side by side, the last ending at its style's `indent-right`; the names
 * after them in rows of `columns`, in columns each as wide as its widest name with a character (of
 * the names' size) between, a later row starting under the first name, the left text on the last
 * row. Else the left text's lines, then the right texts and the names run together in the first
 * right text's style, flush right.
 */
export function endsBlocks(ctx: LayoutContext, node: EndsNode, x: number, width: number, parent: StructTag): Block[] {
  const tag = newTag(ctx, 'P', parent);
  const ls = style(ctx, node.left.style);
  const right = (p: ParaNode): SetRight => {
    const s = style(ctx, p.style);
    return { s, lines: setText(ctx, p.runs, paragraphStyle(ctx, s, width, 'left', 0), p.at) };
  };
  const left = setText(ctx, node.left.runs, paragraphStyle(ctx, ls, width, 'left'), node.left.at);
  const parts = node.right.map(right);
  const names = (node.names?.texts ?? []).map(right);
  const last = (names[names.length - 1] ?? parts[parts.length - 1]).s;
  const natural = (r: SetRight) => r.lines[0]?.natural ?? 0;
  const labelWidth = parts.reduce((w, r) => w + natural(r), 0);
  const columns = Math.min(node.names?.columns ?? 1, names.length);
  const columnWidths = Array.from({ length: columns }, (_, c) => Math.max(...names.filter((_, i) => i % columns === c).map(natural)));
  const gap = names.length ? names[0].s.size : 0;
  const namesWidth = columnWidths.reduce((w, c, i) => w + c + (i ? gap : 0), 0);
  const rightWidth = labelWidth + namesWidth;
  const leftEnd = left[0] ? left[0].xs[0] + left[0].natural : 0;
  const fits = left.length <= 1 && [...parts, ...names].every((r) => r.lines.length === 1) && leftEnd + parts[0].s.size + rightWidth + last.indentRight <= width;
  if (!fits) {
    const runs = [...node.right.flatMap((p) => p.runs), ...(node.names?.texts ?? []).flatMap((p, i) => [...(i ? [{ text: '　', bold: false }] : []), ...p.runs])];
    return [...textBlocks(ctx, node.left.runs, ls, { x, width, at: node.left.at, keepWithNext: true, align: 'left', tag }), ...textBlocks(ctx, runs, parts[0].s, { x, width, at: node.right[0].at, align: 'right', keepWithNext: true, tag })];
  }
  const all = [ls, ...parts.map((r) => r.s), ...names.map((r) => r.s)];
  const row = Math.max(...all.map((s) => s.lineHeight));
  const rows = Math.max(1, Math.ceil(names.length / Math.max(columns, 1)));
  const ops = left[0] ? lineOps(left[0], ls, x, (rows - 1) * row, tag) : [];
  let at = x + width - last.indentRight - rightWidth;
  parts.forEach(({ s, lines: [line] }) => {
    ops.push(...lineOps(line, s, at, 0, tag));
    at += line.natural;
  });
  names.forEach(({ s, lines: [line] }, i) => {
    const column = i % columns;
    const columnX = at + columnWidths.slice(0, column).reduce((w, c) => w + c + gap, 0);
    ops.push(...lineOps(line, s, columnX, Math.floor(i / columns) * row, tag));
  });
  return [block(rows * row, { ops }, { spaceBefore: Math.max(...all.map((s) => s.spaceBefore)), keepWithNext: true })];
}
