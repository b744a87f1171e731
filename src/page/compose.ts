/**
 * Stage ⑦: paginated matters → finished pages: blocks moved to their absolute places, box
 * frames drawn around each page's part of a box (open where the box breaks), running heads and
 * footers rendered from the page templates with the page's context, anchors and bookmarks
 * recorded.
 */
import type { Block, BlockPayload, FrameRef } from '../block/payload.js';
import type { LayoutContext } from '../block/context.js';
import { style } from '../block/context.js';
import { textBlocks } from '../block/text-lines.js';
import { heightOf, type Placed } from '../paginate/item.js';
import type { PageContext } from '../template/templates.js';
import type { FurnitureTree } from '../template/doc-tree.js';
import { translateOps, type DrawOp, type DrawPage } from './draw.js';
import { labelOf, type PaginatedMatter } from './matters.js';
import { footRule } from '../block/footnotes.js';
import { plainRuns } from '../block/plain-title.js';
import { plainText } from '../text/inline.js';
import type { SourcePos } from '../problems.js';
import { PT_PER_MM } from '../style/units.js';
import { THEME_LIMITS } from '../style/theme-limits.js';

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
        // a turned table's page (block/turned-table.ts) is shown turned, to read
        if (pl.block.payload.ops.some((op) => op.kind === 'turned')) dp.rotate = 90;
        if (pl.repeated) continue;
        for (const id of pl.block.payload.anchors) dp.anchors.push({ id, pageIndex: out.length, label, y });
        // (the notes at a turned page's foot: see block/turned-table.ts)
        if (pl.block.payload.footnote) dp.notes.push(pl.block.payload.footnote);
        const o = pl.block.payload.outline;
        if (o) {
          dp.outline.push(o);
          // a chapter opens the page when its title is the page's first block (not one run on below another's text)
          if (o.level === 1) [chapter, opening] = [o.title, opening || pl === page.placed[0]];
        }
      }
      if (page.foot.length) {
        // the footnotes: a short rule in the middle of the separator, then the notes' lines
        ops.push(...translateOps([footRule(ctx.theme, page.foot[0].y, p.width - p.marginLeft - p.marginRight)], p.marginLeft, p.marginTop));
        for (const pl of page.foot) {
          const y = p.marginTop + pl.y;
          ops.push(...translateOps(pl.block.payload.ops, p.marginLeft, y));
          for (const id of pl.block.payload.anchors) dp.anchors.push({ id, pageIndex: out.length, label, y });
          if (pl.block.payload.footnote) dp.notes.push(pl.block.payload.footnote);
        }
      }
      // furniture on numbered pages that hold something (a blank verso stays blank)
      if (matter.footer && label && page.placed.length && !page.unnumbered) {
        const pc: PageContext = { page: label, pages: total, chapter, odd: (i + 1) % 2 === 1, opening };
        ops.push(...furnitureOps(ctx, furniture.renderHeader(pc), 'header'), ...furnitureOps(ctx, furniture.renderFooter(pc), 'footer'));
      }
      out.push(dp);
    });
  }
  return out;
}

/**
 * A header's paragraphs and rules stacked upwards so its last one ends `header-offset` above the
 * type area; a footer's stacked downwards from `footer-offset` below it.
 */
function furnitureOps(ctx: LayoutContext, tree: FurnitureTree, where: 'header' | 'footer'): DrawOp[] {
  const p = ctx.theme.page;
  const width = p.width - p.marginLeft - p.marginRight;
  // the margin beyond the furniture's offset, less as much again at the paper's edge (what is printed keeps clear of it)
  const room = where === 'header' ? p.marginTop - 2 * p.headerOffset : p.marginBottom - 2 * p.footerOffset;
  const rules = tree.children.reduce((h, node) => h + (node.kind === 'rule' ? node.width + 2 : 0), 0);
  const parts = tree.children.map((node) => {
    if (node.kind === 'rule') {
      const op: DrawOp = { kind: 'line', x1: 0, y1: 0, x2: width, y2: 0, width: node.width, color: node.color };
      return { height: node.width + 2, ops: [op] };
    }
    // a running head shows titles plain (see block/plain-title.ts)
    const blocks = fittedLines(ctx, plainText(plainRuns(ctx, node.runs, node.at)), node.style, width, room - rules, node.at);
    let y = 0;
    const ops = blocks.flatMap((b) => {
      const moved = translateOps(b.payload.ops, 0, y);
      y += b.height;
      return moved;
    });
    return { height: y, ops };
  });
  const total = parts.reduce((h, x) => h + x.height, 0);
  offThePaper(ctx, tree, parts, total, where);
  let y = where === 'header' ? p.marginTop - p.headerOffset - total : p.height - p.marginBottom + p.footerOffset;
  return parts.flatMap((part) => {
    const ops = translateOps(part.ops, p.marginLeft, y);
    y += part.height;
    return ops;
  });
}

/**
 * A running head or footer taller than its margin leaves it beyond its offset (a footer of
 * 200pt, page numbers printed below the paper's edge, without a word) is an error at the size of
 * its tallest paragraph's style in the theme, with the most that fits (once for each style);
 * `total`: the parts' heights added up, pt.
 */
function offThePaper(ctx: LayoutContext, tree: FurnitureTree, parts: { height: number }[], total: number, where: 'header' | 'footer'): void {
  const p = ctx.theme.page;
  const edge = where === 'header' ? p.marginTop - p.headerOffset : p.marginBottom - p.footerOffset;
  if (total <= edge + 0.01) return;
  let tallest = -1;
  tree.children.forEach((node, i) => {
    if (node.kind === 'para' && (tallest < 0 || parts[i].height > parts[tallest].height)) tallest = i;
  });
  if (tallest < 0) return; // (rules alone: their widths are markup's, 0.5pt by default)
  const name = (tree.children[tallest] as { style: string }).style;
  const st = style(ctx, name);
  const pt = (v: number) => `${Math.round(v * 100) / 100}pt`;
  const mm = (v: number) => `${Math.round((v / PT_PER_MM) * 10) / 10}mm`;
  const what = where === 'header' ? 'running head' : 'footer';
  const [side, offset, beyond] = where === 'header' ? ['top', 'header-offset', 'above'] : ['bottom', 'footer-offset', 'below'];
  // the most its size may be: the room the rest leaves, at its line height (a size, 1.2 times: one line)
  const most = Math.floor(((edge - (total - parts[tallest].height)) / (st.lineHeight / st.size)) * 10) / 10;
  const fits = most >= THEME_LIMITS.fontSize.min ? `at most ${pt(most)} at its line height, or a larger ${side} margin` : `a larger ${side} margin, or a smaller ${offset}`;
  const message = `styles.${name}.size: ${pt(st.size)} makes the ${what} ${pt(total)} high, more than the ${side} margin leaves it ${beyond} page.${offset} (${mm(edge)}, ${pt(edge)}): it would print off the paper; ${fits}`;
  const pos = st.sizeAt ?? st.pos ?? ctx.templatePos;
  if (!ctx.problems.items.some((q) => q.message === message && q.pos === pos)) ctx.problems.error(pos, message);
}

/** What ends a running head or footer cut short to fit its margin. */
const CUT_MARK = '……';

/**
 * The lines of a running head's or footer's text in `style`, `width` pt wide, in at most `room`
 * pt (what its margin leaves it; one line at least): a text that would take more (a title of
 * many lines would stand over the paper's edge) is cut, at the most characters that fit, and
 * ends in `……`, with a warning at the text.
 */
function fittedLines(ctx: LayoutContext, text: string, styleName: string, width: number, room: number, at: SourcePos | undefined): Block[] {
  const set = (t: string) => textBlocks(ctx, [{ text: t, bold: false }], style(ctx, styleName), { x: 0, width, at, spaceBefore: 0, spaceAfter: 0 });
  const whole = set(text);
  if (whole.length <= 1 || heightOf(whole) <= room) return whole;
  const chars = [...text];
  // the most characters that fit with the mark (binary search: fewer characters never take more lines)
  let [fits, fails] = [0, chars.length];
  while (fails - fits > 1) {
    const mid = (fits + fails) >> 1;
    const lines = set(chars.slice(0, mid).join('') + CUT_MARK);
    if (lines.length <= 1 || heightOf(lines) <= room) fits = mid;
    else fails = mid;
  }
  const cut = chars.slice(0, fits).join('');
  if (at) ctx.problems.warn(at, `the running head or footer is too long for its margin: cut to "${cut}${CUT_MARK}"`);
  return set(cut + CUT_MARK);
}

/**
 * Fill and border of each box part on a page. A box's top rule is drawn only on the page
 * where the box starts, its bottom rule only where it ends: a broken box is open at the break.
 * The frame stands its padding above the box's first block and below its last: on a grid,
 * where the padding's blocks take whole rows, the rest of their rows is outside it (a blank row
 * inside the frame over the title was 37 pt of blank there against 15 pt under the last line).
 */
function frameOps(placed: Placed<BlockPayload>[], left: number, top: number): DrawOp[] {
  const parts = new Map<string, { frame: FrameRef; y0: number; y1: number; first: boolean; last: boolean }>();
  for (const pl of placed) {
    const f = pl.block.payload.frame;
    if (!f) continue;
    const y = f.first ? pl.y + pl.block.height - f.spec.padding : pl.y;
    const part = parts.get(f.id) ?? { frame: f, y0: y, y1: y, first: false, last: false };
    part.y1 = f.last ? pl.y + f.spec.padding : pl.y + pl.block.height;
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
