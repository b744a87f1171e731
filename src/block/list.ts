/**
 * A list: each item's marker in a column of its own, the item's text beside it with a hanging
 * indent (wrapped lines align with the first line's text, not with the marker). The gap after
 * the marker is fixed: markers are placed, not set as text, so justification never stretches
 * it. A nested list starts at its item's text, and the item heading it keeps with its first
 * sub-item (never the last line of a page above it).
 */
import type { ListNode } from '../template/doc-tree.js';
import type { TextStyleSpec } from '../style/theme.js';
import type { StructTag } from '../page/draw.js';
import { newTag, style, type LayoutContext } from './context.js';
import type { Item } from './payload.js';
import { CJK_PUNCTUATION } from '../text/char-class.js';
import { lineOps, paragraphStyle, setText, textBlocks } from './text-lines.js';

/** Gap between the widest marker and the text, em. */
const MARKER_GAP = 0.5;
/** A bullet: a full-width black circle at this fraction of the text's size (the fonts' • is a mere dot beside Chinese). */
const BULLET = '●';
const BULLET_SCALE = 0.45;

/** The style of an item's text: the list's, without a first-line indent (the marker column is its indent). */
const hanging = new WeakMap<TextStyleSpec, TextStyleSpec>();

function textStyle(st: TextStyleSpec): TextStyleSpec {
  let made = hanging.get(st);
  if (!made) hanging.set(st, (made = { ...st, indent: 0 }));
  return made;
}

/** The style a bullet is set in: the list's, smaller, on the same line height (so centred on the text's line). */
const bullets = new WeakMap<TextStyleSpec, TextStyleSpec>();

function bulletStyle(st: TextStyleSpec): TextStyleSpec {
  let made = bullets.get(st);
  if (!made) bullets.set(st, (made = { ...st, size: st.size * BULLET_SCALE }));
  return made;
}

/** Circled numbers ① … ⑳, ㉑ … ㊿: full-width markers. */
const CIRCLED = /[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]/;
/** On a character grid, the least gap after a marker of Latin text or a bullet, em. */
const GRID_MARKER_GAP = 0.25;

/**
 * The width from the markers' start to the text's, pt. On a character grid the text starts on a
 * cell: right after a full-width marker (一、 （一） ①), as GB/T 9704 writes it (a mark's cell
 * holds its blank), else on the first cell at least ¼ em after the marker (1. 10. •).
 */
function markerColumn(ctx: LayoutContext, st: TextStyleSpec, widest: number, marker: string): number {
  const cell = st.onGrid ? ctx.theme.grid?.charStep : undefined;
  if (!cell) return widest + MARKER_GAP * st.size;
  const last = [...marker].pop() ?? '';
  if (CJK_PUNCTUATION.has(last) || CIRCLED.test(last)) return Math.max(1, Math.round(widest / cell)) * cell;
  return Math.ceil((widest + GRID_MARKER_GAP * st.size) / cell - 1e-6) * cell;
}

/**
 * The items of a list at `x`, `width` pt. A top-level list's markers start at its style's
 * indent; a nested one's at `x`, its item's text.
 */
export function listItems(ctx: LayoutContext, node: ListNode, x: number, width: number, parent: StructTag, nested = false): Item[] {
  const st = style(ctx, node.style);
  const markerStyleOf = (marker: string) => (marker === '•' ? bulletStyle(st) : st);
  const markers = node.items.map((item) => {
    const markerStyle = markerStyleOf(item.marker);
    return setText(ctx, [{ text: item.marker === '•' ? BULLET : item.marker, bold: false }], paragraphStyle(ctx, markerStyle, 1e6, 'left', 0), item.text.at)[0];
  });
  const widest = Math.max(0, ...markers.map((m) => m?.used ?? 0));
  const start = x + (nested ? 0 : st.indent);
  const textX = start + markerColumn(ctx, st, widest, node.items[0]?.marker ?? '');
  const textWidth = x + width - textX;
  const list = newTag(ctx, 'L', parent);
  return node.items.flatMap((item, i) => {
    const li = newTag(ctx, 'LI', list);
    const label = newTag(ctx, 'Lbl', li);
    const body = newTag(ctx, 'LBody', li);
    // an item that heads a nested list keeps with it as a heading keeps with what follows: its
    // last line is never the last of a page with its first sub-item on the next
    // the style's space before stands above the list, not between its items
    const lines = textBlocks(ctx, item.text.runs, textStyle(st), { x: textX, width: textWidth, at: item.text.at, lastWithNext: !!item.list?.items.length, tag: body, spaceBefore: i === 0 && !nested ? st.spaceBefore : 0 });
    const marker = markers[i];
    // markers right-aligned in their column: 9. and 10. end at the same place
    if (marker && lines.length) lines[0] = { ...lines[0], payload: { ...lines[0].payload, ops: [...lineOps(marker, markerStyleOf(item.marker), start + widest - marker.used, 0, label), ...lines[0].payload.ops] } };
    return [...lines, ...(item.list ? listItems(ctx, item.list, textX, textWidth, body, true) : [])];
  });
}
