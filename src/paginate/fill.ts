/**
 * Filling one page: from where the page before ended, blocks in order while they fit (or up to
 * a chosen break). Keeps are expressed as the height a block *needs* to be placed (itself and
 * everything chained to it by keepWithNext and keepTogether), as Typst does. A chain no page can
 * hold starts where it stands and breaks where its keepWithNext allow. The first block of a page
 * is placed whatever its height, so filling always advances.
 *
 * Footnotes: the lines of the notes whose markers a block holds stand at the foot of the
 * block's page, below a separator; the block needs room for them too. On an empty page a block
 * whose notes do not fit takes as many note lines as fit and the rest continue at the foot of
 * the next page (before that page's own notes).
 */
import { heightOf, type FlowBlock, type FlowItem, type PaginatedPage, type Placed } from './item.js';

/** The flow with what filling needs to know of it, computed once. */
export interface Flow<P> {
  items: FlowItem<P>[];
  /** Height of a page's type area, pt. */
  pageHeight: number;
  /** Height taken above a page's footnotes, pt. */
  separator: number;
  /** Pitch of the page's line grid, pt (none: no grid): a block after `offGrid` ones goes back to it. */
  gridStep?: number;
  /** need[i]: height that must be free to place block i (with its keep chain), pt. */
  need: number[];
  /** noteNeed[i]: height of the note lines of block i and of its keep chain, pt. */
  noteNeed: number[];
  /** As `need`, for the chain of keepWithNext alone: what holds inside a chain taller than a page, pt. */
  hardNeed: number[];
  /** As `noteNeed`, for the chain of keepWithNext alone, pt. */
  hardNoteNeed: number[];
  /**
   * tall[i]: where block i stands in a keepWithNext chain taller than a page (with its notes), whose
   * blocks go on one by one: `head`, its first block, which needs room for the next one too (a
   * heading never ends a page alone); `inside`, a later one; `none`, not in such a chain.
   */
  tall: ('none' | 'head' | 'inside')[];
}

/** Whether a block stands on the same page as the next while its whole chain fits a page. */
const keepsAll = <P>(b: FlowBlock<P>) => b.keepWithNext || !!b.keepTogether;
/** Whether a block stands on the same page as the next whatever its chain's height. */
const keepsAlways = <P>(b: FlowBlock<P>) => b.keepWithNext;

/** The flow `items` to fill pages of `pageHeight` pt with, `separator` pt above a page's footnotes, on a line grid of `gridStep` pt (none: no grid). */
export function flowOf<P>(items: FlowItem<P>[], pageHeight: number, separator: number, gridStep?: number): Flow<P> {
  const hardNeed = chainedNeeds(items, keepsAlways, gridStep);
  const hardNoteNeed = chainedNoteNeeds(items, keepsAlways);
  const tall: Flow<P>['tall'] = new Array(items.length).fill('none');
  for (let i = 0, start = 0; i < items.length; i++) {
    const before = items[i - 1];
    if (!(before?.kind === 'block' && keepsAlways(before))) start = i;
    if (hardNeed[start] + onEmptyPage(hardNoteNeed[start], separator) > pageHeight) tall[i] = i === start ? 'head' : 'inside';
  }
  return { items, pageHeight, separator, gridStep, need: chainedNeeds(items, keepsAll, gridStep), noteNeed: chainedNoteNeeds(items, keepsAll), hardNeed, hardNoteNeed, tall };
}

/** The height `notes` pt of note lines take at the foot of a page that has no others: with the separator above them, pt. */
function onEmptyPage(notes: number, separator: number): number {
  return notes > 0 ? separator + notes : 0;
}

/** Where filling stands between two pages. */
export interface Cursor<P> {
  /** Flow index of the next item. */
  at: number;
  /** Note lines that did not fit their page: they continue at the foot of the next. */
  carried: FlowBlock<P>[];
  /** Group (table) and frame (box) keys of the last block placed; none after a forced break. */
  lastGroup?: string;
  lastInset?: string;
  /** Inside a keep chain taller than a page: blocks are placed as their keepWithNext allow until the chain ends. */
  overlong: boolean;
}

/** Before the first page. */
export const START: Cursor<never> = { at: 0, carried: [], overlong: false };

/** A place where a page may end: before flow index `at`. */
export interface PageEnd {
  at: number;
  /** White left at the page's bottom when it ends here (between the last block and the foot), pt. */
  white: number;
}

/** One filled page. */
export interface FilledPage<P> {
  page: PaginatedPage<P>;
  /** Flow indices of the blocks placed on it (not repeated headers). */
  itemsOn: number[];
  /** Where the next page starts. */
  next: Cursor<P>;
  /** The legal breaks on the page where it could end earlier (after a block that does not keep with the next), in flow order. */
  earlier: PageEnd[];
  /** White left at the page's bottom, pt. */
  white: number;
}

/**
 * Fills the page starting at `from`: blocks while they fit, ending before flow index `stop` (a
 * legal break from `earlier`) when given, and at a forced break or the flow's end. Nothing is
 * placed on a page taken up by the lines of a note continued from the page before.
 */
export function fillPage<P>(flow: Flow<P>, from: Cursor<P>, stop = Infinity): FilledPage<P> {
  const { items, pageHeight, separator, gridStep, need, noteNeed, hardNeed, hardNoteNeed, tall } = flow;
  let { lastGroup, lastInset, overlong } = from;
  const placed: Placed<P>[] = [];
  const itemsOn: number[] = [];
  const earlier: PageEnd[] = [];
  const foot: FlowBlock<P>[] = [];
  let footHeight = 0;
  const footWith = (more: number) => (footHeight + more > 0 ? separator + footHeight + more : 0);
  const addFoot = (lines: FlowBlock<P>[]) => {
    for (const l of lines) footHeight += l.height;
    foot.push(...lines);
  };
  // a note continued from the page before: as much of it as this page holds
  const carried = [...from.carried];
  let taken = 0;
  while (carried.length && (taken === 0 || separator + footHeight + carried[0].height <= pageHeight + 1e-6)) {
    addFoot([carried.shift()!]);
    taken++;
  }
  let y = 0;
  /** The white above a block placed after the last one: its space, and below blocks off the grid what brings it back on (none at the page's top), pt. */
  const gapBefore = (item: FlowBlock<P>) => {
    const last = placed[placed.length - 1]?.block;
    if (!last) return 0;
    const back = gridStep && last.offGrid && !item.offGrid ? Math.ceil(y / gridStep - 1e-6) * gridStep - y : 0;
    return Math.max(0, back) + item.spaceBefore;
  };
  let i = from.at;
  for (; i < items.length && i < stop; i++) {
    const item = items[i];
    if (item.kind === 'break') break;
    // a chain no page holds starts here (moving it on would leave white and gain nothing), as one
    // this page does not hold from its top (below a frame's padding when the frame goes on, above
    // the notes continued from the page before)
    // (a table going on from the page before repeats its header rows above it: they take room too)
    const repeated = item.group && item.group.key === lastGroup ? heightOf(item.group.repeat) : 0;
    if (placed.length === 0) {
      const top = (item.inset && item.inset.key === lastInset ? item.inset.pad : 0) + repeated;
      if (top + need[i] + footWith(noteNeed[i]) > pageHeight) overlong = true;
    } else if (repeated + need[i] + onEmptyPage(noteNeed[i], separator) > pageHeight) overlong = true;
    // inside it, the keepWithNext chains hold where a page holds them, else blocks go one by one
    const alone = tall[i] === 'none' ? undefined : tallChainRoom(items, i, tall[i] === 'head');
    const required = !overlong ? need[i] : alone ? alone.need : hardNeed[i];
    const notes = !overlong ? noteNeed[i] : alone ? alone.notes : hardNoteNeed[i];
    // no room: with notes, the page's foot must first end the note it continues
    const noRoom = gapBefore(item) + y + required + footWith(notes) > pageHeight + 1e-6 || (notes > 0 && carried.length > 0);
    if ((placed.length || foot.length) && noRoom) break;
    if (placed.length === 0) {
      // the frame goes on from the page before: its padding above the first block here
      if (item.inset && item.inset.key === lastInset) y = item.inset.pad;
      if (item.group && item.group.key === lastGroup) {
        for (const h of item.group.repeat) {
          placed.push({ block: h, y, repeated: true });
          y += h.height;
        }
      }
    } else if (!(overlong ? keepsAlways : keepsAll)(items[i - 1] as FlowBlock<P>)) {
      earlier.push({ at: i, white: pageHeight - y - footWith(0) });
    }
    y += gapBefore(item);
    placed.push({ block: item, y, repeated: false });
    itemsOn.push(i);
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
    if (!keepsAll(item)) overlong = false;
  }
  let fy = pageHeight - footHeight;
  const page = { placed, foot: foot.map((block) => ({ block, y: (fy += block.height) - block.height, repeated: false })) };
  return { page, itemsOn, next: { at: i, carried, lastGroup, lastInset, overlong }, earlier, white: pageHeight - y - footWith(0) };
}

/**
 * need[i]: the height that must be free to place block i: its own height plus, while
 * `keeps` holds, the space and height of the blocks chained after it (and a grid row where the
 * chain goes from blocks off a grid of `gridStep` pt back onto it: at most what it takes),
 * plus at the chain's end the padding of a frame that may break there.
 */
function chainedNeeds<P>(items: FlowItem<P>[], keeps: (b: FlowBlock<P>) => boolean, gridStep = 0): number[] {
  const need = new Array<number>(items.length).fill(0);
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item.kind !== 'block') continue;
    const next = items[i + 1];
    const back = item.offGrid && next?.kind === 'block' && !next.offGrid ? gridStep : 0;
    need[i] = item.height + (keeps(item) && next?.kind === 'block' ? back + next.spaceBefore + need[i + 1] : reserveOf(item));
  }
  return need;
}

/** noteNeed[i]: the height of the note lines of block i and of the blocks `keeps` chains after it. */
function chainedNoteNeeds<P>(items: FlowItem<P>[], keeps: (b: FlowBlock<P>) => boolean): number[] {
  const need = new Array<number>(items.length).fill(0);
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item.kind !== 'block') continue;
    need[i] = notesHeight(item) + (keeps(item) && items[i + 1]?.kind === 'block' ? need[i + 1] : 0);
  }
  return need;
}

/**
 * The room block i needs in a keepWithNext chain taller than a page, pt, and its notes': itself,
 * and for the chain's first block (`head`) the next block too (a heading never ends a page alone).
 */
function tallChainRoom<P>(items: FlowItem<P>[], i: number, head: boolean): { need: number; notes: number } {
  const item = items[i] as FlowBlock<P>;
  const next = items[i + 1];
  if (!head || next?.kind !== 'block') return { need: item.height + reserveOf(item), notes: notesHeight(item) };
  return { need: item.height + next.spaceBefore + next.height + reserveOf(next), notes: notesHeight(item) + notesHeight(next) };
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
