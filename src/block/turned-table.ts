/**
 * 横排表 (`landscape: true`): a table too wide for the portrait measure set turned a quarter
 * counter-clockwise on pages of its own, the page itself upright (its binding, running head,
 * footer and page number where they always are), as Chinese books and pdflscape set one. The
 * table's top is toward the page's left edge on every page, recto or verso (顶左底右: one way
 * of turning the book reads them all), and the PDF page is shown turned (/Rotate 90) on screen.
 *
 * Turned, the table is as wide as the type area is tall and each turned page as tall as the
 * type area is wide: it is laid out and paginated in that frame as any table is (caption above,
 * header rows repeated under 续表 N on every page it continues on, the note after its last row,
 * footnotes at the turned page's foot), each page then one block of the flow, the type area's
 * height, drawn turned. The text before it ends its page and the text after it starts on the
 * page after its last: nothing is moved past it, so the reading order, the tagged structure and
 * the manuscript's order agree. What keeps with the table (a heading right above it, a lead-in
 * ending in a colon) goes with it, turned above its caption: never left at the foot of the page
 * before. Its anchors, bookmarks and footnotes stand on its first turned page, so the contents,
 * the list of tables and `[[id#page]]` give that page's number.
 */
import type { TableNode } from '../template/doc-tree.js';
import { translateOps, type DrawOp, type StructTag } from '../page/draw.js';
import type { LayoutContext } from './context.js';
import { block, type Block, type BlockPayload, type Item } from './payload.js';
import { tableBlocks } from './table.js';
import { footRule, footSeparator } from './footnotes.js';
import { paginate } from '../paginate/paginate.js';
import type { PaginatedPage } from '../paginate/item.js';

/**
 * The items of a turned table: a page break, then for each turned page the marks of what
 * stands on it (zero-height blocks: anchors, a bookmark, footnote numbers) kept with one block
 * the type area's height that draws it turned, then a page break. `lead`: the blocks that keep
 * with the table, laid out in the turned frame (`turned`, `width` pt wide).
 */
export function turnedTableItems(ctx: LayoutContext, node: TableNode, tag: StructTag, lead: (turned: LayoutContext, width: number) => Item[]): Item[] {
  const p = ctx.theme.page;
  // the type area's height is the turned table's measure, its width a turned page's height
  const measure = p.height - p.marginTop - p.marginBottom;
  const depth = p.width - p.marginLeft - p.marginRight;
  const turned: LayoutContext = { ...ctx, theme: { ...ctx.theme, page: { ...p, width: p.marginLeft + measure + p.marginRight, height: p.marginTop + depth + p.marginBottom } } };
  const items = [...lead(turned, measure), ...tableBlocks(turned, node, 0, measure, tag)];
  const pages = paginate(items, depth, footSeparator(ctx.theme));
  const out: Item[] = [{ kind: 'break' }];
  for (const page of pages) out.push(...pageMarks(page), { ...block(measure, { ops: [{ kind: 'turned', x: 0, y: measure, ops: turnedOps(ctx, page, measure) }] }), offGrid: true }, { kind: 'break' });
  return out;
}

/** What a turned page draws, in the turned frame: its blocks, and its footnotes below a short rule at its foot. */
function turnedOps(ctx: LayoutContext, page: PaginatedPage<BlockPayload>, measure: number): DrawOp[] {
  const ops = page.placed.flatMap((pl) => translateOps(pl.block.payload.ops, 0, pl.y));
  if (page.foot.length) ops.push(footRule(ctx.theme, page.foot[0].y, measure), ...page.foot.flatMap((pl) => translateOps(pl.block.payload.ops, 0, pl.y)));
  return ops;
}

/**
 * Zero-height blocks that carry, to the page stage, what the turned page holds beside its
 * drawing: each anchor and bookmark of its blocks (a repeated header's none), and each
 * footnote starting at its foot, with its anchor (for the page's markers: see compose.ts).
 */
function pageMarks(page: PaginatedPage<BlockPayload>): Block[] {
  const mark = (payload: BlockPayload): Block => {
    const b = block(0, { anchors: payload.anchors, outline: payload.outline }, { keepWithNext: true });
    return payload.footnote ? { ...b, payload: { ...b.payload, footnote: payload.footnote } } : b;
  };
  const placed = page.placed.filter((pl) => !pl.repeated && (pl.block.payload.anchors.length || pl.block.payload.outline)).map((pl) => mark(pl.block.payload));
  const notes = page.foot.filter((pl) => pl.block.payload.anchors.length || pl.block.payload.footnote).map((pl) => mark(pl.block.payload));
  return [...placed, ...notes];
}
