/**
 * Stage ⑥: blocks → pages. Pure and height-only. Keeps are expressed as the height a block
 * *needs* to be placed (itself and everything chained to it by keepWithNext), as Typst does.
 * A block that does not fit goes to the next page, unless the page is still empty (then it is
 * placed anyway, so the loop always advances and terminates).
 *
 * Footnotes: the lines of the notes whose markers a block holds stand at the foot of the
 * block's page, below a separator; the block needs room for them too. On an empty page a block
 * whose notes do not fit takes as many note lines as fit and the rest continue at the foot of
 * the next page (before that page's own notes).
 */
import type { FlowBlock, FlowItem, PaginatedPage, Placed } from './item.js';
import { withoutShortTails, type TailRule } from './tails.js';

/**
 * Splits the flow into pages of `pageHeight` pt; `separator`: height taken above a page's
 * footnotes, pt; `tails`: the rule against a run's (a chapter's) last page holding only a line
 * or two (none: pages are filled greedily).
 */
export function paginate<P>(items: FlowItem<P>[], pageHeight: number, separator = 0, tails?: TailRule): PaginatedPage<P>[] {
  const fill = (breaksBefore: ReadonlySet<number>) => fillPages(items, pageHeight, separator, breaksBefore);
  return (tails ? withoutShortTails(fill, tails, pageHeight) : fill(new Set())).pages;
}

/** Greedily filled pages, with what the chapter-tail rule needs to know of them. */
export interface Filled<P> {
  pages: PaginatedPage<P>[];
  /** For each page, the indices in the flow of the blocks placed on it (not repeated headers). */
  itemsOn: number[][];
  /** For each page, the run it belongs to (runs are separated by forced breaks; -1: a blank verso). */
  run: number[];
}

/**
 * Fills pages in order, each with as much as fits; `breaksBefore`: flow indices of blocks that
 * start a new page (the chapter-tail rule's choices; each a legal break, after a block that does
 * not keep with the next).
 */
export function fillPages<P>(items: FlowItem<P>[], pageHeight: number, separator: number, breaksBefore: ReadonlySet<number>): Filled<P> {
  const need = chainedNeeds(items);
  const noteNeed = chainedNoteNeeds(items);
  const pages: PaginatedPage<P>[] = [];
  const itemsOn: number[][] = [];
  const run: number[] = [];
  let runNumber = 0;
  let placedItems: number[] = [];
  let placed: Placed<P>[] = [];
  let foot: FlowBlock<P>[] = [];
  let footHeight = 0;
  /** Note lines that did not fit their page: they continue at the foot of the next. */
  let carried: FlowBlock<P>[] = [];
  let y = 0;
  let lastGroup: string | undefined;
  let lastInset: string | undefined;
  // inside a keep chain taller than a page: fill pages block by block until the chain ends
  let overlong = false;
  /** Height the foot takes with `more` pt of note lines added. */
  const footWith = (more: number) => (footHeight + more > 0 ? separator + footHeight + more : 0);
  const addFoot = (lines: FlowBlock<P>[]) => {
    for (const l of lines) footHeight += l.height;
    foot.push(...lines);
  };
  const closePage = () => {
    let fy = pageHeight - footHeight;
    pages.push({ placed, foot: foot.map((block) => ({ block, y: (fy += block.height) - block.height, repeated: false })) });
    itemsOn.push(placedItems);
    run.push(runNumber);
    placedItems = [];
    placed = [];
    foot = [];
    footHeight = 0;
    y = 0;
    // a note continued from the page before: as much of it as this page holds
    const taken: FlowBlock<P>[] = [];
    let h = 0;
    while (carried.length && (taken.length === 0 || separator + h + carried[0].height <= pageHeight + 1e-6)) {
      h += carried[0].height;
      taken.push(carried.shift()!);
    }
    addFoot(taken);
  };
  const newPage = () => {
    if (placed.length || foot.length) closePage();
  };
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item.kind === 'break') {
      lastInset = undefined;
      newPage(); // (a long note goes on at the foot of the new page)
      // page numbers count from 1: an odd number of pages so far means the next one is even
      if (item.recto && pages.length % 2 === 1) {
        pages.push({ placed: [], foot: [] });
        itemsOn.push([]);
        run.push(-1);
      }
      runNumber++;
      lastGroup = undefined;
      continue;
    }
    const required = overlong ? item.height + reserveOf(item) : need[i];
    const notes = overlong ? notesHeight(item) : noteNeed[i];
    // no room: with notes, the page's foot must first end the note it continues
    const noRoom = () => (placed.length ? item.spaceBefore : 0) + y + required + footWith(notes) > pageHeight + 1e-6 || (notes > 0 && carried.length > 0);
    if ((placed.length || foot.length) && (noRoom() || (placed.length > 0 && breaksBefore.has(i)))) {
      const inFrame = placed.length > 0 && item.inset && lastInset === item.inset.key;
      newPage();
      while (!placed.length && foot.length && noRoom()) closePage(); // a page of a long note's lines only
      // the frame goes on: its padding above the first block here
      if (inFrame) y = item.inset!.pad;
    }
    if (placed.length === 0 && need[i] + footWith(noteNeed[i]) > pageHeight) overlong = true;
    if (placed.length === 0 && item.group && item.group.key === lastGroup) {
      for (const h of item.group.repeat) {
        placed.push({ block: h, y, repeated: true });
        y += h.height;
      }
    }
    y += placed.length ? item.spaceBefore : 0;
    placed.push({ block: item, y, repeated: false });
    placedItems.push(i);
    y += item.height;
    if (item.notes?.length) {
      // the notes that fit here, the first line at least; the rest continue on the next page
      const lines = item.notes.flat();
      let k = 0;
      let h = 0;
      while (k < lines.length && (k === 0 || y + footWith(h + lines[k].height) <= pageHeight + 1e-6)) h += lines[k++].height;
      addFoot(lines.slice(0, k));
      carried.push(...lines.slice(k));
    }
    lastGroup = item.group?.key;
    lastInset = item.inset?.key;
    if (!item.keepWithNext) overlong = false;
  }
  newPage();
  while (foot.length) closePage(); // the rest of a long note, on pages of its own
  return { pages, itemsOn, run };
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

/** noteNeed[i]: the height of the note lines of block i and of the blocks chained after it. */
function chainedNoteNeeds<P>(items: FlowItem<P>[]): number[] {
  const need = new Array<number>(items.length).fill(0);
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item.kind !== 'block') continue;
    need[i] = notesHeight(item) + (item.keepWithNext && items[i + 1]?.kind === 'block' ? need[i + 1] : 0);
  }
  return need;
}

/** Height of a block's note lines, pt. */
function notesHeight<P>(item: FlowBlock<P>): number {
  let h = 0;
  for (const note of item.notes ?? []) for (const line of note) h += line.height;
  return h;
}

/** Room kept below a block inside a frame, for the frame's open edge if the page breaks after it. */
function reserveOf<P>(item: FlowBlock<P>): number {
  return item.inset && !item.inset.closes ? item.inset.pad : 0;
}
