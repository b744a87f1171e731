/**
 * Stage ⑦: paginated matters → finished pages: blocks moved to their absolute places, box
 * frames drawn around each page's part of a box (open where the box breaks), running heads and
 * footers rendered from the page templates with the page's context, anchors and bookmarks
 * recorded.
 */
import type { BlockPayload, FrameRef } from '../block/payload.js';
import type { LayoutContext } from '../block/context.js';
import { style } from '../block/context.js';
import { textBlocks } from '../block/text-lines.js';
import type { Placed } from '../paginate/item.js';
import type { PageContext } from '../template/templates.js';
import type { FurnitureTree } from '../template/doc-tree.js';
import { translateOps, type DrawOp, type DrawPage } from './draw.js';
import { footSeparator, labelOf, type PaginatedMatter } from './matters.js';
import { plainRuns } from '../block/plain-title.js';

/** Renders the header and footer markup of a page. */
export interface FurnitureRenderer {
  renderHeader(ctx: PageContext): FurnitureTree;
  renderFooter(ctx: PageContext): FurnitureTree;
}

/**
 * The pages of the matters, in order. `ctx`: the theme, and what the running heads and footers
 * are set with.
 */
export function composePages(ctx: LayoutContext, matters: PaginatedMatter[], furniture: FurnitureRenderer): DrawPage[] {
  const p = ctx.theme.page;
  const separator = footSeparator(ctx.theme);
  const total = matters.reduce((n, m) => n + m.pages.length, 0);
  const out: DrawPage[] = [];
  let chapter: string | undefined;
  for (const { matter, pages } of matters) {
    pages.forEach((page, i) => {
      const label = labelOf(matter, i);
      const ops: DrawOp[] = [...frameOps(page.placed, p.marginLeft, p.marginTop)];
      const dp: DrawPage = { width: p.width, height: p.height, label, ops, anchors: [], outline: [], notes: [] };
      let opening = false;
      for (const pl of page.placed) {
        const y = p.marginTop + pl.y;
        ops.push(...translateOps(pl.block.payload.ops, p.marginLeft, y));
        if (pl.repeated) continue;
        for (const id of pl.block.payload.anchors) dp.anchors.push({ id, pageIndex: out.length, label, y });
        const o = pl.block.payload.outline;
        if (o) {
          dp.outline.push(o);
          if (o.level === 1) [chapter, opening] = [o.title, true];
        }
      }
      if (page.foot.length) {
        // the footnotes: a short rule in the middle of the separator, then the notes' lines
        const ruleY = p.marginTop + page.foot[0].y - separator / 2;
        ops.push({ kind: 'line', x1: p.marginLeft, y1: ruleY, x2: p.marginLeft + (p.width - p.marginLeft - p.marginRight) * FOOT_RULE_LENGTH, y2: ruleY, width: FOOT_RULE_WIDTH, color: '#000000' });
        for (const pl of page.foot) {
          const y = p.marginTop + pl.y;
          ops.push(...translateOps(pl.block.payload.ops, p.marginLeft, y));
          for (const id of pl.block.payload.anchors) dp.anchors.push({ id, pageIndex: out.length, label, y });
          if (pl.block.payload.footnote) dp.notes.push(pl.block.payload.footnote);
        }
      }
      // furniture on numbered pages that hold something (a blank verso stays blank)
      if (matter.footer && label && page.placed.length) {
        const pc: PageContext = { page: label, pages: total, chapter, odd: (i + 1) % 2 === 1, opening };
        ops.push(...furnitureOps(ctx, furniture.renderHeader(pc), 'header'), ...furnitureOps(ctx, furniture.renderFooter(pc), 'footer'));
      }
      out.push(dp);
    });
  }
  return out;
}

/** The footnote rule: its length (a fraction of the type area's width) and stroke width, pt. */
const FOOT_RULE_LENGTH = 1 / 4;
const FOOT_RULE_WIDTH = 0.5;

/**
 * A header's paragraphs and rules stacked upwards so its last one ends `header-offset` above the
 * type area; a footer's stacked downwards from `footer-offset` below it.
 */
function furnitureOps(ctx: LayoutContext, tree: FurnitureTree, where: 'header' | 'footer'): DrawOp[] {
  const p = ctx.theme.page;
  const width = p.width - p.marginLeft - p.marginRight;
  const parts = tree.children.map((node) => {
    if (node.kind === 'rule') {
      const op: DrawOp = { kind: 'line', x1: 0, y1: 0, x2: width, y2: 0, width: node.width, color: node.color };
      return { height: node.width + 2, ops: [op] };
    }
    // a running head shows titles plain (see block/plain-title.ts)
    const blocks = textBlocks(ctx, plainRuns(ctx, node.runs, node.at), style(ctx, node.style), { x: 0, width, at: node.at, spaceBefore: 0, spaceAfter: 0 });
    let y = 0;
    const ops = blocks.flatMap((b) => {
      const moved = translateOps(b.payload.ops, 0, y);
      y += b.height;
      return moved;
    });
    return { height: y, ops };
  });
  const total = parts.reduce((h, x) => h + x.height, 0);
  let y = where === 'header' ? p.marginTop - p.headerOffset - total : p.height - p.marginBottom + p.footerOffset;
  return parts.flatMap((part) => {
    const ops = translateOps(part.ops, p.marginLeft, y);
    y += part.height;
    return ops;
  });
}

/**
 * Fill and border of each box part on a page. A box's top rule is drawn only on the page
 * where the box starts, its bottom rule only where it ends: a broken box is open at the break.
 */
function frameOps(placed: Placed<BlockPayload>[], left: number, top: number): DrawOp[] {
  const parts = new Map<string, { frame: FrameRef; y0: number; y1: number; first: boolean; last: boolean }>();
  for (const pl of placed) {
    const f = pl.block.payload.frame;
    if (!f) continue;
    const part = parts.get(f.id) ?? { frame: f, y0: pl.y, y1: pl.y, first: false, last: false };
    part.y1 = pl.y + pl.block.height - (f.last ? f.spec.spaceAfter : 0);
    part.first ||= f.first;
    part.last ||= f.last;
    parts.set(f.id, part);
  }
  const ops: DrawOp[] = [];
  for (const part of parts.values()) {
    // where the box breaks, its padding stays (the paginator kept room for it)
    const pad = part.frame.breakPad;
    const { frame, first, last } = part;
    const y0 = part.y0 - (first ? 0 : pad);
    const y1 = part.y1 + (last ? 0 : pad);
    const { spec } = frame;
    const x0 = left + frame.x;
    const x1 = x0 + frame.width;
    const [t, b] = [top + y0, top + y1];
    if (spec.fill) ops.push({ kind: 'rect', x: x0, y: t, w: frame.width, h: b - t, fill: spec.fill });
    if (!spec.border) continue;
    const line = (xa: number, ya: number, xb: number, yb: number): DrawOp => ({ kind: 'line', x1: xa, y1: ya, x2: xb, y2: yb, width: spec.borderWidth, color: spec.border! });
    ops.push(line(x0, t, x0, b), line(x1, t, x1, b));
    if (first) ops.push(line(x0, t, x1, t));
    if (last) ops.push(line(x0, b, x1, b));
  }
  return ops;
}
