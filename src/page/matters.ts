/**
 * Stages ④–⑥, one matter at a time: ④–⑤ lay a matter out (its text set, its blocks and the
 * rules between them, heights known: the paginator's items), ⑥ breaks those into pages of the
 * type area, footnotes at each page's foot. A matter numbers its own pages, so the page label of each of
 * its anchors is known once it is paginated (`anchorLabelsOf`).
 */
import type { Block, BlockPayload, Item } from '../block/payload.js';
import { withColophon } from './colophon.js';
import { matterItems } from '../block/flow.js';
import type { LayoutContext } from '../block/context.js';
import { footSeparator } from '../block/footnotes.js';
import { paginate } from '../paginate/paginate.js';
import { CHAPTER_TAIL } from '../paginate/tails.js';
import type { PaginatedPage } from '../paginate/item.js';
import type { Theme } from '../style/theme.js';
import type { BlockNode, Matter, MovableNode } from '../template/doc-tree.js';
import type { SourcePos } from '../problems.js';
import { footnoteIndex } from '../content/footnote-index.js';
import { pageLabel } from './page-label.js';

/** A matter laid out: the items of its flow (stages ④–⑤). */
export interface LaidMatter {
  matter: Matter;
  items: Item[];
  /** The blocks of its `<colophon>`, set at the foot of its last even page (see colophon.ts). */
  colophon: Block[];
}

/** A matter broken into pages (stage ⑥): `pages[i]` is its page i + 1. */
export interface PaginatedMatter {
  matter: Matter;
  pages: PaginatedPage<BlockPayload>[];
}

/**
 * ④–⑤ The blocks of a matter, as the paginator's items. Its `<movable>` blocks are left out when
 * its first page would show nothing after them, and its colophon's `<moved>` blocks set instead,
 * with a warning at the movable's text (GB/T 9704 7.3.2: 如主送机关名称过多导致公文首页不能显示正文时，
 * 应当将主送机关名称移至版记); else the `<moved>` blocks are not set.
 */
export function layOutMatter(ctx: LayoutContext, matter: Matter): LaidMatter {
  const laid = matterItems(ctx, matter);
  const moved = laid.some(isMovable) && !textAfterMovableOnFirstPage(paginateBody(ctx.theme, laid)[0]);
  const items = moved ? withoutMovable(laid) : laid;
  if (moved) ctx.problems.warn(movableAt(matter.children) ?? ctx.templatePos, 'the 主送机关 is too long for the first page to show any 正文: it is set in the 版记 instead, above the 抄送, as they are (GB/T 9704 7.3.2)');
  const nodes = colophonNodes(matter.colophon, moved);
  const noted = ctx.notes.length;
  const colophon = nodes.length ? matterItems(ctx, { ...matter, children: nodes }).filter((i): i is Block => i.kind === 'block') : [];
  refuseNotes(ctx, ctx.notes.slice(noted));
  return { matter, items, colophon };
}

/**
 * An error at each footnote of the colophon (a template's own, or a value it prints that the
 * content checks do not reach): it stands on the foot its notes would take. Each at its `^[` in
 * the content where the text is the content's, else at the text, or at the template's `<fn>`.
 */
function refuseNotes(ctx: LayoutContext, notes: LayoutContext['notes']): void {
  /** Per text, where the search for its next `^[` starts. */
  const next = new Map<string, number>();
  for (const { at } of notes) {
    const written = at && ctx.writtenText?.(at);
    const key = at ? `${at.file}:${at.line}:${at.col}` : '';
    const index = written ? footnoteIndex(written.value, next.get(key) ?? 0) : -1;
    next.set(key, index + 1);
    const pos = written && index >= 0 ? written.charPos(index) : (at ?? ctx.whereWritten?.('<fn>') ?? ctx.templatePos);
    ctx.problems.error(pos, "a 公文's 版记 (the template's <colophon>) holds no footnote: its notes would have no foot to stand at; write the note in the text of the body");
  }
}

/** ⑥ A laid-out matter broken into pages of the theme's type area. */
export function paginateMatter(theme: Theme, { matter, items, colophon }: LaidMatter): PaginatedMatter {
  return { matter, pages: withColophon(paginateBody(theme, items), colophon, typeAreaHeight(theme)) };
}

/** The type area's height, pt. */
function typeAreaHeight(theme: Theme): number {
  const p = theme.page;
  return p.height - p.marginTop - p.marginBottom;
}

/** A matter's items broken into pages, its colophon not yet placed. */
function paginateBody(theme: Theme, items: Item[]): PaginatedPage<BlockPayload>[] {
  return paginate(items, typeAreaHeight(theme), footSeparator(theme), CHAPTER_TAIL, theme.grid?.lineStep);
}

function isMovable(i: Item): boolean {
  return i.kind === 'block' && !!i.payload.movable;
}

/** Whether `page` holds the movable blocks, all of them, and a block after them. */
function textAfterMovableOnFirstPage(page: PaginatedPage<BlockPayload> | undefined): boolean {
  const placed = page?.placed ?? [];
  const last = placed.map((pl) => !!pl.block.payload.movable).lastIndexOf(true);
  return last >= 0 && last < placed.length - 1;
}

/** The items without the movable blocks; the block after them takes the first one's space before (a blank row under the title). */
function withoutMovable(items: Item[]): Item[] {
  const first = items.findIndex(isMovable);
  const space = (items[first] as Block).spaceBefore;
  const rest = items.filter((i) => !isMovable(i));
  const next = rest[first];
  if (next?.kind === 'block') rest[first] = { ...next, spaceBefore: Math.max(next.spaceBefore, space) };
  return rest;
}

/** Where the first `<movable>` among `nodes` says its text is written. */
function movableAt(nodes: readonly BlockNode[]): SourcePos | undefined {
  return nodes.find((n): n is MovableNode => n.kind === 'movable')?.at;
}

/** The colophon's nodes, its `<moved>` ones (at any depth) opened when `moved`, else dropped. */
function colophonNodes(nodes: readonly BlockNode[], moved: boolean): BlockNode[] {
  return nodes.flatMap((n) => (n.kind === 'moved' ? (moved ? colophonNodes(n.children, moved) : []) : [n]));
}

/** The printed label of page `i` (from 0) of a matter. */
export function labelOf(matter: Matter, i: number): string {
  return pageLabel(matter.numbering, i + 1);
}

/** The anchors a paginated matter's pages hold, with the label of the page each stands on, in order. */
export function anchorLabelsOf({ matter, pages }: PaginatedMatter): [string, string][] {
  const out: [string, string][] = [];
  pages.forEach((page, i) => {
    for (const pl of page.placed) if (!pl.repeated) for (const id of pl.block.payload.anchors) out.push([id, labelOf(matter, i)]);
  });
  return out;
}
