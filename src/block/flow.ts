/**
 * Stage ⑤: the document tree → flow items (blocks with heights and keeps) for the paginator,
 * one list per matter. Re-run in each contents round with the page labels found so far.
 */
import type { BlockNode, BoxNode, Matter, ParaNode, TocEntryNode } from '../template/doc-tree.js';
import { newTag, style, type LayoutContext } from './context.js';
import type { StructTag } from '../page/draw.js';
import { block, type Block, type Item } from './payload.js';
import { assertNever } from '../content/block-kinds.js';
import { tableBlocks } from './table.js';
import { turnedTableItems } from './turned-table.js';
import { figureItems } from './figure.js';
import { codeBlocks } from './code.js';
import { listItems } from './list.js';
import { textBlocks } from './text-lines.js';
import { labelColumns, tocEntryBlocks } from './toc-entry.js';
import { plainTitle } from './plain-title.js';
import { staircases, type Stair } from './staircase.js';
import { plainText, type Inline } from '../text/inline.js';
import type { BoxSpec } from '../style/theme.js';
import { THEME_LIMITS } from '../style/theme-limits.js';
import { fittedStyle } from './fitted-line.js';
import { endsBlocks } from './line-ends.js';

/** Width of the type area, pt. */
export function measureWidth(ctx: LayoutContext): number {
  const p = ctx.theme.page;
  return p.width - p.marginLeft - p.marginRight;
}

/** Flow items of one matter; on a grid theme every height is whole grid rows. */
export function matterItems(ctx: LayoutContext, matter: Matter): Item[] {
  const items = nodesItems(ctx, matter.children, 0, measureWidth(ctx), newTag(ctx, 'Sect'));
  return ctx.theme.grid ? snapToGrid(items, ctx.theme.grid.lineStep) : items;
}

/**
 * Every block's height rounded up, and its space before rounded, to whole grid rows: after a
 * heading or a box the text is back on the grid. Blocks set at their own leading (`offGrid`: a
 * table's rows and note) keep theirs; the paginator puts the block after them back on the grid.
 */
export function snapToGrid(items: Item[], step: number): Item[] {
  const rows = (h: number, round: (x: number) => number) => round(h / step - 1e-6) * step;
  const snap = (b: Block): Block => (b.offGrid ? b : { ...b, height: rows(b.height, Math.ceil), spaceBefore: rows(b.spaceBefore + 1e-6, Math.round) });
  // a table's repeated header and 续表 caption too (one snapped copy per table)
  const groups = new Map<string, NonNullable<Block['group']>>();
  const group = (g: Block['group']) => {
    if (!g) return undefined;
    if (!groups.has(g.key)) groups.set(g.key, { key: g.key, repeat: g.repeat.map(snap) });
    return groups.get(g.key);
  };
  return items.map((i) => (i.kind === 'block' ? { ...snap(i), group: group(i.group) } : i));
}

/**
 * Items of sibling nodes. Neighbouring contents entries share one TOC element, and entries of
 * the same style with labels alike in width one label column (so their titles line up).
 */
function nodesItems(ctx: LayoutContext, nodes: BlockNode[], x: number, width: number, parent: StructTag): Item[] {
  let toc: { tag: StructTag; columns: Map<TocEntryNode, number> } | undefined;
  let carried = 0; // the space after an unframed box, pt, for the block after it (see unframedSpaceAfter)
  const stairs = staircases(ctx, nodes, width);
  const out: Item[] = [];
  let underHeading = 0; // lines of text a heading above still keeps with it (see keptUnderHeading)
  const starts: { item: number; note: number }[] = []; // where each node's items and footnotes start
  nodes.forEach((n, i) => {
    starts.push({ item: out.length, note: ctx.notes.length });
    let items: Item[];
    if (n.kind === 'table' && n.landscape && ctx.inBox) ctx.problems.warn(n.at ?? ctx.templatePos, 'a table in a box (a case, a quotation) is set within it: `landscape: true` turns only a table of the running text');
    if (n.kind === 'table' && n.landscape && !ctx.inBox) {
      // what keeps with a turned table goes with it, set again turned (its footnotes counted once)
      const from = keptBefore(nodes, i);
      out.length = starts[from].item;
      ctx.notes.length = starts[from].note;
      toc = undefined;
      items = turnedTableItems(ctx, n, newTag(ctx, 'Table', parent), (turned, measure) => nodesItems(turned, nodes.slice(from, i), 0, measure, parent));
    } else if (n.kind === 'rule' && n.underText !== undefined) {
      toc = undefined;
      items = nodeItems(ctx, { ...n, offset: underText(ctx, n.underText, nodes[i - 1]) }, x, width, parent, stairs);
    } else if (n.kind !== 'toc-entry') {
      toc = undefined;
      items = nodeItems(ctx, n, x, width, parent, stairs, nodes[i + 1]);
    } else {
      toc ??= { tag: newTag(ctx, 'TOC', parent), columns: tocColumns(ctx, nodes, i) };
      items = tocEntryBlocks(ctx, n, style(ctx, n.style), width, newTag(ctx, 'TOCI', toc.tag), toc.columns.get(n) ?? 0);
    }
    if (carried && items[0]?.kind === 'block') items = [{ ...items[0], spaceBefore: Math.max(items[0].spaceBefore, carried) }, ...items.slice(1)];
    carried = n.kind === 'box' ? unframedSpaceAfter(ctx, n) : 0;
    if (n.kind === 'keep' && n.previous) keepLastWithNext(out);
    ({ items, underHeading } = keptUnderHeading(ctx, n, items, underHeading));
    out.push(...items);
  });
  return out;
}

/**
 * A rule's offset below the block of `above` that puts it `distance` pt below that text's
 * characters: their em boxes are centred in the line (see baselineOf), so they end half the line's
 * leading above its foot. To the hundredth of a point, as a measure is written (a 公文's rule 4 mm
 * under the 发文字号 in its row of 28.99 pt: 11.34 − 6.50 = 4.84 pt). On a grid, a rule after text
 * set off it (a 发文机关标志 fitted to its line) is put back on it, at the foot of a row: measured as
 * under a row of body text. Text in no style of its own above it (none, a table): `distance` below
 * the block.
 */
function underText(ctx: LayoutContext, distance: number, above: BlockNode | undefined): number {
  const texts = above?.kind === 'ends' ? [above.left, ...above.right, ...(above.names?.texts ?? [])] : above?.kind === 'para' ? [above] : [];
  if (!texts.length) return distance;
  const offGrid = ctx.theme.grid && above?.kind === 'para' && (above.fit || !style(ctx, above.style).onGrid);
  const styles = offGrid ? [style(ctx, 'body')] : texts.map((t) => style(ctx, t.style));
  const line = Math.max(...styles.map((s) => s.lineHeight));
  const size = Math.max(...styles.map((s) => s.size));
  return Math.round((distance - (line - size) / 2) * 100) / 100;
}

/**
 * The first of the nodes right before `nodes[i]` that keep with it by what they are (headings,
 * a lead-in ending in a colon), or `i` when none does. (A paragraph kept with what follows only
 * to give a heading above it its lines stays: the heading has them.)
 */
function keptBefore(nodes: BlockNode[], i: number): number {
  let from = i;
  while (from > 0) {
    const n = nodes[from - 1];
    if (n.kind !== 'heading' && !(n.kind === 'para' && introduces(n.runs))) break;
    from--;
  }
  return from;
}

/**
 * A heading keeps with the first lines of text after it, the theme's `orphans` of them, whatever
 * paragraphs they are in: a paragraph of fewer lines right under it (a text's author, 〔宋〕周敦颐,
 * under its title) keeps its last line with what follows, so the heading never ends a page above
 * that line alone. `underHeading`: the lines still kept so before `node`; returns its items and
 * the lines still kept after it.
 */
function keptUnderHeading(ctx: LayoutContext, node: BlockNode, items: Item[], underHeading: number): { items: Item[]; underHeading: number } {
  if (node.kind === 'heading') return { items, underHeading: ctx.theme.orphans };
  if (node.kind !== 'para' || underHeading === 0) return { items, underHeading: 0 };
  const last = items[items.length - 1];
  if (items.length >= underHeading || last?.kind !== 'block') return { items, underHeading: 0 };
  return { items: [...items.slice(0, -1), { ...last, keepWithNext: true }], underHeading: underHeading - items.length };
}

/** The last block of `items` stands on the same page as the block after it while their run fits a page (`keepTogether`). */
function keepLastWithNext(items: Item[]): void {
  for (let k = items.length - 1; k >= 0; k--) {
    const item = items[k];
    if (item.kind !== 'block') continue;
    items[k] = { ...item, keepTogether: true };
    return;
  }
}

/**
 * The space after a box without a frame (a verse, a quotation), pt: the space before the block
 * after it (the larger of the two, as two spaces between blocks are one), so it is never at a
 * page's foot nor top, and never added to the space a box or page closes with; the larger of its
 * own and its last block's, when that is such a box too (a quotation that ends in a verse). None
 * for a framed box, whose space after is below its frame.
 */
function unframedSpaceAfter(ctx: LayoutContext, node: BoxNode): number {
  const spec = ctx.theme.boxes.get(node.style);
  if (!spec || isFramed(spec)) return 0;
  const last = node.children[node.children.length - 1];
  return Math.max(spec.spaceAfter, last?.kind === 'box' ? unframedSpaceAfter(ctx, last) : 0);
}

/** A box with a fill or a border, drawn around its text. */
function isFramed(spec: BoxSpec): boolean {
  return spec.fill !== null || spec.border !== null;
}

/** The label column of each entry of the run of contents entries that starts at `from` (see labelColumns). */
function tocColumns(ctx: LayoutContext, nodes: BlockNode[], from: number): Map<TocEntryNode, number> {
  const run: TocEntryNode[] = [];
  for (let i = from; i < nodes.length && nodes[i].kind === 'toc-entry'; i++) run.push(nodes[i] as TocEntryNode);
  const styles = new Set(run.map((e) => e.style));
  return new Map([...styles].flatMap((name) => [...labelColumns(ctx, run.filter((e) => e.style === name), style(ctx, name))]));
}

/**
 * `stairs`: where each paragraph in a staircase stands (see staircase.ts): it is set flush left
 * from there; `next`: the node after it among its siblings.
 */
function nodeItems(ctx: LayoutContext, node: BlockNode, x: number, width: number, parent: StructTag, stairs?: Map<ParaNode, Stair>, next?: BlockNode): Item[] {
  switch (node.kind) {
    case 'para': {
      const stair = stairs?.get(node);
      const placed = stair ? { ...stair, align: 'left' as const } : {};
      const st = style(ctx, node.style);
      if (node.fit) {
        // one line at the size that fits, at its own leading: the text after it goes back to the grid
        const fitted = textBlocks(ctx, node.runs, fittedStyle(ctx, node.runs, st, width, THEME_LIMITS.fontSize.min), { x, width, at: node.at, keepWithNext: true, tag: newTag(ctx, 'P', parent) });
        return ctx.theme.grid ? fitted.map((b) => ({ ...b, offGrid: true })) : fitted;
      }
      return textBlocks(ctx, node.runs, st, { x, width, at: node.at, lastWithNext: introduces(node.runs) || leadsItems(node, next), anchors: node.id ? [node.id] : [], tag: newTag(ctx, 'P', parent), ...placed });
    }
    case 'ends':
      return endsBlocks(ctx, node, x, width, parent);
    case 'rule':
      // a line across the measure, drawn `offset` below where it stands; it takes no height
      return [block(0, { ops: [{ kind: 'line', x1: x, y1: node.offset, x2: x + width, y2: node.offset, width: node.width, color: node.color }] }, { keepWithNext: true })];
    case 'heading':
      // a heading of two lines or more breaks between phrases where one fits (after a mark,
      // before an opening quote: never inside a quoted name, “书香|校园”), as a contents entry
      // does; one that fits a line, its marks squeezed, stays on one
      return textBlocks(ctx, node.runs, style(ctx, node.style), {
        x,
        width,
        at: node.at,
        keepWithNext: true,
        between: 'phrases',
        anchors: node.id ? [node.id] : [],
        outline: node.bookmark && node.id && node.level >= 1 ? { title: plainTitle(ctx, node.bookmark, node.at), level: node.level, id: node.id } : undefined,
        tag: newTag(ctx, node.level >= 1 && node.level <= 6 ? `H${node.level}` : 'H', parent),
      });
    case 'toc-entry':
      throw new Error('contents entries are laid out together, by nodesItems');
    case 'table':
      return tableBlocks(ctx, node, x, width, newTag(ctx, 'Table', parent));
    case 'box':
      return boxItems(ctx, node, x, width, newTag(ctx, node.role, parent));
    case 'list':
      return listItems(ctx, node, x, width, parent);
    case 'code':
      return codeBlocks(ctx, node, x, width, parent);
    case 'keep':
      return keptTogether(nodesItems(ctx, node.children, x, width, parent), ctx.theme, node.next);
    case 'movable':
      // marked, so that the matter finds whether its first page shows text after them (page/matters.ts)
      return nodesItems(ctx, node.children, x, width, parent).map((i) => (i.kind === 'block' ? { ...i, payload: { ...i.payload, movable: true } } : i));
    case 'moved':
      return nodesItems(ctx, node.children, x, width, parent);
    case 'figure':
      return figureItems(ctx, node, x, width, parent);
    case 'vspace': {
      // never taller than the type area: a block the paginator cannot split must fit a page
      const p = ctx.theme.page;
      return [block(Math.min(node.size, p.height - p.marginTop - p.marginBottom), { blank: true })];
    }
    case 'pagebreak': {
      // a chapter's break: none where chapters run on (the matter's first starts its first page)
      const start = node.before === 'chapter' ? ctx.theme.page.chapterStart : 'any';
      return start === 'continue' ? [] : [{ kind: 'break', recto: start === 'recto' }];
    }
    default:
      return assertNever(node, 'document node');
  }
}

/** Marks that end a paragraph introducing what follows it (a list, a verse, code, a quotation). */
const LEAD_IN_ENDS = /[：:]\s*$/;

/** The paragraph ends in a colon: it introduces the block after it and keeps with it (never the last thing on a page). */
function introduces(runs: Inline[]): boolean {
  return LEAD_IN_ENDS.test(plainText(runs));
}

/**
 * The paragraph is an article (it opens with its label, 第三条) and a list, its 项, follows it: it
 * keeps with its first 项 whatever its text ends in (`学校应当履行下列职责：`, but also `…的，依照
 * 下列规定处理`, a sentence ended in 。).
 */
function leadsItems(node: ParaNode, next: BlockNode | undefined): boolean {
  return next?.kind === 'list' && !!node.runs.find((r) => r.text.trim())?.label;
}

/** Boxes with at most this many blocks (lines, rows) inside their padding are never split. */
const BOX_KEPT_WHOLE = 5;

/**
 * A box: padding blocks above and below its content, the content set narrower; every block
 * carries the frame, so the page stage draws the frame around the part on each page.
 */
function boxItems(ctx: LayoutContext, node: BoxNode, x: number, width: number, tag: StructTag): Item[] {
  const spec = ctx.theme.boxes.get(node.style);
  if (!spec) {
    ctx.problems.error(ctx.templatePos, `box style "${node.style}" is not defined under \`boxes:\` in ${ctx.theme.file}`);
    return [];
  }
  // a quotation's indent: outside the frame, on both sides
  x += spec.indent;
  width -= 2 * spec.indent;
  const inner = width - 2 * spec.padding;
  // a line-end mark hangs into the padding, never onto the border (nor past a fill); without a
  // frame, as far as it could beside the box
  const framed = isFramed(spec);
  const hangRoom = framed ? spec.padding - (spec.border ? spec.borderWidth / 2 : 0) : (ctx.hangRoom ?? Infinity) + spec.indent + spec.padding;
  const within: LayoutContext = { ...ctx, hangRoom, inBox: true };
  const content: Item[] = [];
  if (node.title) {
    const st = style(ctx, node.titleStyle);
    content.push(...textBlocks(within, node.title.runs, st, { x: x + spec.padding, width: inner, at: node.title.at, keepWithNext: true, spaceBefore: 0, tag: newTag(ctx, 'H', tag) }));
  }
  content.push(...nodesItems(within, node.children, x + spec.padding, inner, tag));
  // without a frame or padding the box's space before and its first block's are one, the larger
  const first = content[0];
  if (!framed && spec.padding === 0 && first?.kind === 'block') content[0] = { ...first, spaceBefore: Math.max(0, first.spaceBefore - spec.spaceBefore) };
  const top = block(spec.padding, { anchors: node.id ? [node.id] : [] }, { spaceBefore: spec.spaceBefore, keepWithNext: true });
  const bottom = block(spec.padding + (framed ? spec.spaceAfter : 0), {});
  // the last content block stays with the bottom padding (no padding alone on a page)
  const lastBlock = [...content].reverse().find((i): i is Block => i.kind === 'block');
  if (lastBlock) lastBlock.keepWithNext = true;
  // a short box stands whole on one page (a four-line box is never split 3 + 1)
  const lines = content.filter((i) => i.kind === 'block').length;
  const all = lines <= BOX_KEPT_WHOLE ? keptTogether([top, ...content, bottom], ctx.theme) : [top, ...content, bottom];
  const blocks = all.filter((i): i is Block => i.kind === 'block');
  const id = node.id ?? `box@${blocks.length}-${x}`;
  // the padding kept where the box breaks (its frame open there): none on a grid, where it would
  // be a whole row (the text stays on the grid), a blank row inside the frame at each side of the break
  const breakPad = ctx.theme.grid ? 0 : spec.padding;
  return all.map((item, i) => {
    if (item.kind !== 'block') return item;
    const first = i === 0;
    const last = i === all.length - 1;
    const frame = { id, spec, x, width, first, last, breakPad };
    return { ...item, inset: { key: id, pad: breakPad, closes: last }, payload: { ...item.payload, frame } };
  });
}

/**
 * Items kept on one page when they fit: every block but the last `keepTogether` with the next
 * (the last too, with the block after the run, when `withNext`). A run taller than a page breaks
 * as a paragraph's lines do: its first `orphans` and last `widows` blocks are kept with the next
 * (`keepWithNext`) whatever the run's height.
 */
function keptTogether(items: Item[], { orphans, widows }: { orphans: number; widows: number }, withNext = false): Item[] {
  const n = items.filter((item) => item.kind === 'block').length;
  let k = 0;
  return items.map((item) => {
    if (item.kind !== 'block') return item;
    const j = k++;
    if (j === n - 1) return withNext ? { ...item, keepTogether: true } : item;
    return { ...item, keepTogether: true, keepWithNext: item.keepWithNext || j < orphans - 1 || j >= n - widows };
  });
}
