/**
 * Stage ⑥: blocks → pages. Pure and height-only. Keeps are expressed as the height a block
 * *needs* to be placed (itself and everything chained to it by keepWithNext), as Typst does.
 * A block that does not fit goes to the next page, unless the page is still empty (then it is
 * placed anyway, so the loop always advances and terminates).
 */
import type { FlowBlock, FlowItem, PaginatedPage, Placed } from './item.js';

/** Splits the flow into pages of `pageHeight` pt. */
export function paginate<P>(items: FlowItem<P>[], pageHeight: number): PaginatedPage<P>[] {
  const need = chainedNeeds(items);
  const pages: PaginatedPage<P>[] = [];
  let placed: Placed<P>[] = [];
  let y = 0;
  let lastGroup: string | undefined;
  let lastInset: string | undefined;
  // inside a keep chain taller than a page: fill pages block by block until the chain ends
  let overlong = false;
  const newPage = () => {
    if (placed.length) pages.push({ placed });
    placed = [];
    y = 0;
  };
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item.kind === 'break') {
      lastInset = undefined;
      newPage();
      // page numbers count from 1: an odd number of pages so far means the next one is even
      if (item.recto && pages.length % 2 === 1) pages.push({ placed: [] });
      lastGroup = undefined;
      continue;
    }
    const space = placed.length ? item.spaceBefore : 0;
    const required = overlong ? item.height + reserveOf(item) : need[i];
    if (placed.length && y + space + required > pageHeight + 1e-6) {
      newPage();
      // the frame goes on: its padding above the first block here
      if (item.inset && lastInset === item.inset.key) y = item.inset.pad;
    }
    if (placed.length === 0 && need[i] > pageHeight) overlong = true;
    if (placed.length === 0 && item.group && item.group.key === lastGroup) {
      for (const h of item.group.repeat) {
        placed.push({ block: h, y, repeated: true });
        y += h.height;
      }
    }
    y += placed.length ? item.spaceBefore : 0;
    placed.push({ block: item, y, repeated: false });
    y += item.height;
    lastGroup = item.group?.key;
    lastInset = item.inset?.key;
    if (!item.keepWithNext) overlong = false;
  }
  newPage();
  return pages;
}

/**
 * need[i]: the height that must be free to place block i: its own height plus, while
 * keepWithNext holds, the space and height of the blocks chained after it, plus at the chain's
 * end the padding of a frame that may break there.
 */
function chainedNeeds<P>(items: FlowItem<P>[]): number[] {
  const need = new Array<number>(items.length).fill(0);
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item.kind !== 'block') continue;
    const next = items[i + 1];
    need[i] = item.height + (item.keepWithNext && next?.kind === 'block' ? next.spaceBefore + need[i + 1] : reserveOf(item));
  }
  return need;
}

/** Room kept below a block inside a frame, for the frame's open edge if the page breaks after it. */
function reserveOf<P>(item: FlowBlock<P>): number {
  return item.inset && !item.inset.closes ? item.inset.pad : 0;
}

