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
import type { Matter } from '../template/doc-tree.js';
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

/** ④–⑤ The blocks of a matter, as the paginator's items. */
export function layOutMatter(ctx: LayoutContext, matter: Matter): LaidMatter {
  const items = matterItems(ctx, matter);
  const colophon = matter.colophon.length ? matterItems(ctx, { ...matter, children: matter.colophon }).filter((i): i is Block => i.kind === 'block') : [];
  return { matter, items, colophon };
}

/** ⑥ A laid-out matter broken into pages of the theme's type area. */
export function paginateMatter(theme: Theme, { matter, items, colophon }: LaidMatter): PaginatedMatter {
  const p = theme.page;
  const height = p.height - p.marginTop - p.marginBottom;
  return { matter, pages: withColophon(paginate(items, height, footSeparator(theme), CHAPTER_TAIL, theme.grid?.lineStep), colophon, height) };
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
