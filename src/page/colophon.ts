/**
 * A matter's `<colophon>` (a 公文's 版记, GB/T 9704 7.4) at the foot of its last page: its last
 * block ends at the type area's bottom edge (7.4.1: the last rule on it). That page is an even
 * one, the back of the last sheet of a document printed on both sides: on the last page when it
 * is even and has room below what stands on it (its footnotes included); on a page of its own
 * after a last page that is odd; after a last even page without room, on the next even page, the
 * odd page between left blank, and neither of the two numbered (7.5: 版记页前有空白页的，空白页和
 * 版记页均不编排页码).
 */
import type { Block } from '../block/payload.js';
import type { PaginatedPage, Placed } from '../paginate/item.js';
import type { BlockPayload } from '../block/payload.js';

/** The pages with the colophon's `blocks` placed (see above); `pageHeight`: the type area's, pt. */
export function withColophon(pages: PaginatedPage<BlockPayload>[], blocks: Block[], pageHeight: number): PaginatedPage<BlockPayload>[] {
  if (!blocks.length) return pages;
  const height = blocks.reduce((h, b, i) => h + b.height + (i ? b.spaceBefore : 0), 0);
  const placed: Placed<BlockPayload>[] = [];
  let y = pageHeight - height;
  blocks.forEach((block, i) => {
    y += i ? block.spaceBefore : 0;
    placed.push({ block, y, repeated: false });
    y += block.height;
  });
  const last = pages[pages.length - 1];
  const even = pages.length % 2 === 0;
  if (last && even && bottomOf(last) <= pageHeight - height + 1e-6) return [...pages.slice(0, -1), { ...last, placed: [...last.placed, ...placed] }];
  const own: PaginatedPage<BlockPayload> = { placed, foot: [] };
  if (!last || !even) return [...pages, own];
  return [...pages, { placed: [], foot: [] }, { ...own, unnumbered: true }];
}

/** How far down the page's blocks and footnotes reach, pt from the type area's top. */
function bottomOf(page: PaginatedPage<BlockPayload>): number {
  return Math.max(0, ...[...page.placed, ...page.foot].map((pl) => pl.y + pl.block.height));
}
