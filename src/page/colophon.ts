/**
 * A matter's `<colophon>` (a 公文's 版记, GB/T 9704 7.4) at the foot of its last page: its last
 * block ends at the type area's bottom edge (7.4.1: the last rule on it). That page is an even
 * one, the back of the last sheet of a document printed on both sides: on the last page when it
 * is even and has room below what stands on it (its footnotes included); on a page of its own
 * after a last page that is odd; after a last even page without room, on the next even page, the
 * odd page between left blank, and neither of the two numbered (7.5: 版记页前有空白页的，空白页和
 * 版记页均不编排页码).
 */
import type { FlowBlock, PaginatedPage, Placed } from '../paginate/item.js';
import { paginate } from '../paginate/paginate.js';

/**
 * The pages with the colophon's `blocks` placed (see above); `pageHeight`: the type area's, pt.
 * A colophon taller than a page (a list of organs of more rows than a page has) is set from the
 * top of pages of its own, as text is: never off the paper.
 */
export function withColophon<P>(pages: PaginatedPage<P>[], blocks: FlowBlock<P>[], pageHeight: number): PaginatedPage<P>[] {
  if (!blocks.length) return pages;
  const height = blocks.reduce((h, b, i) => h + b.height + (i ? b.spaceBefore : 0), 0);
  if (height > pageHeight + 1e-6) return [...pages, ...paginate(blocks, pageHeight)];
  const placed: Placed<P>[] = [];
  let y = pageHeight - height;
  blocks.forEach((block, i) => {
    y += i ? block.spaceBefore : 0;
    placed.push({ block, y, repeated: false });
    y += block.height;
  });
  const last = pages[pages.length - 1];
  const even = pages.length % 2 === 0;
  if (last && even && bottomOf(last) <= pageHeight - height + 1e-6) return [...pages.slice(0, -1), { ...last, placed: [...last.placed, ...placed] }];
  const own: PaginatedPage<P> = { placed, foot: [] };
  if (!last || !even) return [...pages, own];
  return [...pages, { placed: [], foot: [] }, { ...own, unnumbered: true }];
}

/** How far down the page's blocks and footnotes reach, pt from the type area's top. */
function bottomOf<P>(page: PaginatedPage<P>): number {
  return Math.max(0, ...[...page.placed, ...page.foot].map((pl) => pl.y + pl.block.height));
}
