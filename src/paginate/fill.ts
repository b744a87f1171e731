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
 * the next page (before that page's own notes). Lower on a page, a block whose notes do not fit
 * stays, with the blocks kept with it, when one of their notes can be split there (TeX's rule,
 * see `noteCut`): the notes before it whole, MIN_NOTE_LINES of it at least; its rest and every
 * note after it on the page go on, in order, at the foot of the next page. Below a split note the
 * page goes on filling: a line with notes of its own is set and its notes deferred to the next
 * page's foot after those (TeX holds them over so), while the notes going on take at most
 * DEFERRED_NOTES of the next page, no note of the page before goes on past this one, and the
 * run (a chapter) goes on after this page.
 *
 * A block that may break (`breaks`: a group of table rows joined by a merged cell) is kept whole
 * as any block, except where that would leave a large hole (LARGE_HOLE) or it is taller than a
 * page: then the longest of its heads that fits ends the page and its rest goes on at the top of
 * the next (`Cursor.rest`).
 */
import { headOf, heightOf, restOf, type FlowBlock, type FlowItem, type PaginatedPage, type Placed } from './item.js';

/**
 * The white a chain kept together may leave at a page's foot by moving to the next page, a
 * fraction of the page height, when it could break inside a block that may break instead: more
 * is a hole a typesetter fills with the rows that fit (a quarter of the type area).
 */
const LARGE_HOLE = 1 / 4;

/**
 * The fewest lines of a note split across pages on either page: at the foot of its marker's page,
 * and going on at the next (a note's line alone reads as a stray line: TeX would split a note
 * anywhere, at a penalty; a book's typesetter never leaves one line of it). A note of three lines
 * never splits: its line moves on with it, which leaves at most the line and three note lines white.
 */
const MIN_NOTE_LINES = 2;

/**
 * The most of a page's type area the notes going on to it from the page before may take (a split
 * note's rest and the notes deferred after it, with the separator), a fraction: a line with notes
 * of its own is set below a split note, its notes deferred, only while they all stay within it, so
 * that each starts on the next page with room there for that page's own text.
 */
const DEFERRED_NOTES = 1 / 2;

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
  /**
   * As `need`, for the chain of keepWithNext alone, a block that may break counting its first
   * head (a break inside it ends the chain): what holds inside a chain taller than a page, pt.
   */
  hardNeed: number[];
  /** As `noteNeed`, for the chain of `hardNeed`, pt. */
  hardNoteNeed: number[];
  /** As `need`, a block that may break counting its first head: what must fit to break the chain inside that block, pt. */
  looseNeed: number[];
  /** As `noteNeed`, for the chain of `looseNeed`, pt. */
  looseNoteNeed: number[];
  /**
   * tall[i]: where block i stands in a keepWithNext chain taller than a page (with its notes), whose
   * blocks go on one by one: `head`, its first block, which needs room for the next one too (a
   * heading never ends a page alone); `inside`, a later one; `none`, not in such a chain.
   */
  tall: ('none' | 'head' | 'inside')[];
  /** runLeft[i]: the height of blocks i … to the end of the run (a forced break or the flow's end), with their spaces, pt. */
  runLeft: number[];
}

/** Whether a block stands on the same page as the next while its whole chain fits a page. */
const keepsAll = <P>(b: FlowBlock<P>) => b.keepWithNext || !!b.keepTogether;
/** Whether a block stands on the same page as the next whatever its chain's height. */
const keepsAlways = <P>(b: FlowBlock<P>) => b.keepWithNext;

/** The flow `items` to fill pages of `pageHeight` pt with, `separator` pt above a page's footnotes, on a line grid of `gridStep` pt (none: no grid). */
export function flowOf<P>(items: FlowItem<P>[], pageHeight: number, separator: number, gridStep?: number): Flow<P> {
  const hardNeed = chainedNeeds(items, keepsAlways, gridStep, true);
  const hardNoteNeed = chainedNoteNeeds(items, keepsAlways, true);
  const tall: Flow<P>['tall'] = new Array(items.length).fill('none');
  for (let i = 0, start = 0; i < items.length; i++) {
    const before = items[i - 1];
    // (a chain ends inside a block that may break)
    if (!(before?.kind === 'block' && keepsAlways(before) && !before.breaks?.count)) start = i;
    if (hardNeed[start] + onEmptyPage(hardNoteNeed[start], separator) > pageHeight) tall[i] = i === start ? 'head' : 'inside';
  }
  const need = chainedNeeds(items, keepsAll, gridStep, false);
  const noteNeed = chainedNoteNeeds(items, keepsAll, false);
  const looseNeed = chainedNeeds(items, keepsAll, gridStep, true);
  const looseNoteNeed = chainedNoteNeeds(items, keepsAll, true);
  const runLeft = new Array<number>(items.length + 1).fill(0);
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    runLeft[i] = item.kind === 'block' ? item.spaceBefore + item.height + runLeft[i + 1] : 0;
  }
  return { items, pageHeight, separator, gridStep, need, noteNeed, hardNeed, hardNoteNeed, looseNeed, looseNoteNeed, tall, runLeft };
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
  /** What is left of the block at `at`, broken at the page before's foot: it stands first on this page. */
  rest?: FlowBlock<P>;
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
  const { items, pageHeight, separator, gridStep, tall } = flow;
  let { lastGroup, lastInset, overlong } = from;
  /** Inside a chain that breaks in a block that may break rather than leave a large hole (see LARGE_HOLE): it holds as `looseNeed` says. */
  let loose = false;
  /** The rest of a block broken at this page's foot. */
  let rest: FlowBlock<P> | undefined;
  /** Placing the blocks kept with a block whose notes are split here: how many more of their note lines stand at this foot (the rest go on, see noteCut); none: no split. */
  let footRoom: number | undefined;
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
  /** A note from the page before goes on past this page: no note of this page may be deferred behind it (it would start two pages after its line). */
  const goesOn = carried.length > 0;
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
    const item = i === from.at && from.rest ? from.rest : items[i];
    if (item.kind === 'break') break;
    const needs = item === items[i] ? neededAt(flow, i) : neededBy(flow, i, item);
    const { need, noteNeed } = needs;
    // a chain no page holds starts here (moving it on would leave white and gain nothing), as one
    // this page does not hold from its top (below a frame's padding when the frame goes on, above
    // the notes continued from the page before)
    // (a table going on from the page before repeats its header rows above it: they take room too)
    const repeated = item.group && item.group.key === lastGroup ? heightOf(item.group.repeat) : 0;
    // (at the page's top: a frame's padding when the frame goes on, a table's repeated header)
    const top = placed.length === 0 ? (item.inset && item.inset.key === lastInset ? item.inset.pad : 0) + repeated : 0;
    if (placed.length === 0) {
      if (top + need + footWith(noteNeed) > pageHeight) overlong = true;
    } else if (repeated + need + onEmptyPage(noteNeed, separator) > pageHeight) overlong = true;
    // a chain that does not fit here but could break inside a block that may break, where moving
    // it whole would leave a large hole, breaks there
    const white = pageHeight - y - footWith(0);
    if (!overlong && !loose && placed.length && needs.looseNeed < need && white > LARGE_HOLE * pageHeight && gapBefore(item) + y + need + footWith(noteNeed) > pageHeight + 1e-6) loose = true;
    // inside it, the keepWithNext chains hold where a page holds them, else blocks go one by one
    const alone = tall[i] === 'none' ? undefined : tallChainRoom(items, i, item, tall[i] === 'head');
    const required = loose ? needs.looseNeed : !overlong ? need : alone ? alone.need : needs.hardNeed;
    const notes = loose ? needs.looseNoteNeed : !overlong ? noteNeed : alone ? alone.notes : needs.hardNoteNeed;
    // below a note split here, a line with notes of its own is set and its notes deferred to the
    // next page's foot, after the notes before them (TeX's rule), while they fit DEFERRED_NOTES,
    // and not on a run's (a chapter's) last page: they would stand at the next chapter's foot
    const lastOfRun = gapBefore(item) + y + flow.runLeft[i] + footWith(0) <= pageHeight + 1e-6;
    const defers = notes > 0 && carried.length > 0 && footRoom === undefined && !goesOn && !lastOfRun && separator + heightOf(carried) + notes <= DEFERRED_NOTES * pageHeight + 1e-6;
    // no room: with notes, the page's foot must first end the note it continues (but for the lines kept with a line whose note is split here: theirs go on after it)
    const noRoom = gapBefore(item) + y + required + footWith(defers ? 0 : notes) > pageHeight + 1e-6 || (notes > 0 && carried.length > 0 && footRoom === undefined && !defers);
    // notes that do not fit: one split here rather than the line moved on (see noteCut)
    // (a block kept with one whose notes are split here stays: the cut left room for it)
    const cut = noRoom && footRoom === undefined && (placed.length > 0 || foot.length > 0) && !carried.length ? noteCut(i, item, top + (repeated ? item.spaceBefore : 0) + required, !overlong && !loose) : undefined;
    const keptOn = footRoom !== undefined && gapBefore(item) + y + item.height + reserveOf(item) + footWith(0) <= pageHeight + 1e-6;
    if ((placed.length || foot.length) && noRoom && cut === undefined && !keptOn) break;
    if (cut !== undefined) footRoom = cut;
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
    // a block that may break and does not fit whole here (with what keeps with it): the longest of
    // its heads that fits ends the page (the first where none does, as a block taller than a page)
    let piece = item;
    if (item.breaks?.count && (overlong || loose)) {
      const whole = wholeNeed(flow, i, item, overlong ? keepsAlways : keepsAll, overlong ? flow.hardNeed : flow.looseNeed, overlong ? flow.hardNoteNeed : flow.looseNoteNeed);
      if (y + whole.need + footWith(whole.notes) > pageHeight + 1e-6) {
        let k = 0;
        while (k + 1 < item.breaks.count && fits(headOf(item, k + 1))) k++;
        piece = headOf(item, k);
        rest = restOf(item, k);
      }
    }
    placed.push({ block: piece, y, repeated: false });
    itemsOn.push(i);
    y += piece.height;
    if (piece.notes?.length) {
      // the notes that fit here, the first line at least (as many as the split allows, when one
      // is split here; none, when deferred); the rest continue on the next page
      const lines = piece.notes.flat();
      let k = 0;
      if (footRoom !== undefined) k = Math.min(footRoom, lines.length);
      else if (!defers) for (let h = 0; k < lines.length && (k === 0 || y + footWith(h + lines[k].height) <= pageHeight + 1e-6); ) h += lines[k++].height;
      if (footRoom !== undefined) footRoom -= k;
      addFoot(lines.slice(0, k));
      carried.push(...lines.slice(k));
    }
    lastGroup = item.group?.key;
    lastInset = item.inset?.key;
    if (rest) break;
    if (!keepsAll(item)) {
      overlong = loose = false;
      footRoom = undefined;
    }
  }
  let fy = pageHeight - footHeight;
  const page = { placed, foot: foot.map((block) => ({ block, y: (fy += block.height) - block.height, repeated: false })) };
  // (the rest of a broken block is placed at the next page's top, where its chain is looked at anew)
  const next = rest ? { at: i, carried, lastGroup, lastInset, overlong: false, rest } : { at: i, carried, lastGroup, lastInset, overlong };
  return { page, itemsOn, next, earlier, white: pageHeight - y - footWith(0) };

  /**
   * Where the notes of block i (`block`), whose notes do not fit here, are cut so that it stays
   * here with the blocks kept with it (`required` pt, their chain as `keepsAll` holds it when
   * `whole`, else as keepWithNext holds it): the number of their note lines, in flow order, that stand at this foot; none when
   * no cut fits. TeX's rule for a split insertion: the notes before the cut stand whole, the note
   * cut keeps MIN_NOTE_LINES here and MIN_NOTE_LINES for the next page (its reference line and
   * its first lines on one page; no line of it alone on either), and the notes after it on this
   * page (the rest of this line's, those of the lines kept with it) are deferred whole to the
   * next page's foot, after its rest. The chooser may still end the page before `block` (a
   * split note costs: PAGE_COSTS.noteSplit).
   */
  function noteCut(i: number, block: FlowBlock<P>, required: number, whole: boolean): number | undefined {
    const notes = [...(block.notes ?? [])];
    const keeps = whole ? keepsAll : keepsAlways;
    for (let j = i; keeps(items[j] as FlowBlock<P>) && items[j + 1]?.kind === 'block'; j++) notes.push(...((items[j + 1] as FlowBlock<P>).notes ?? []));
    const room = pageHeight + 1e-6 - gapBefore(block) - y - required;
    let best: number | undefined;
    let before = 0;
    let h = 0;
    for (const note of notes) {
      for (let k = 0; k < note.length; k++) {
        if (k >= MIN_NOTE_LINES && note.length - k >= MIN_NOTE_LINES && footWith(h) <= room) best = before + k;
        h += note[k].height;
      }
      before += note.length;
      if (footWith(h) > room) break;
    }
    return best;
  }

  /** Whether a head fits below what the page holds, with its notes. */
  function fits(head: FlowBlock<P>): boolean {
    return y + head.height + reserveOf(head) + footWith(notesHeight(head)) <= pageHeight + 1e-6;
  }
}

/** What must be free to place a block, pt (see Flow): its own and its chain's. */
interface Needs {
  need: number;
  noteNeed: number;
  hardNeed: number;
  hardNoteNeed: number;
  looseNeed: number;
  looseNoteNeed: number;
}

/** The needs of flow block i. */
function neededAt<P>(flow: Flow<P>, i: number): Needs {
  return { need: flow.need[i], noteNeed: flow.noteNeed[i], hardNeed: flow.hardNeed[i], hardNoteNeed: flow.hardNoteNeed[i], looseNeed: flow.looseNeed[i], looseNoteNeed: flow.looseNoteNeed[i] };
}

/** The needs of `block` standing at flow index i in place of the block there (the rest of a broken one). */
function neededBy<P>(flow: Flow<P>, i: number, block: FlowBlock<P>): Needs {
  const { items, gridStep } = flow;
  return {
    need: chainNeed(items, i, block, keepsAll, flow.need, gridStep, false),
    noteNeed: chainNoteNeed(items, i, block, keepsAll, flow.noteNeed, false),
    hardNeed: chainNeed(items, i, block, keepsAlways, flow.hardNeed, gridStep, true),
    hardNoteNeed: chainNoteNeed(items, i, block, keepsAlways, flow.hardNoteNeed, true),
    looseNeed: chainNeed(items, i, block, keepsAll, flow.looseNeed, gridStep, true),
    looseNoteNeed: chainNoteNeed(items, i, block, keepsAll, flow.looseNoteNeed, true),
  };
}

/** What block `block` at flow index i needs placed whole, with the chain `keeps` holds after it (`need`, `noteNeed`: that chain's arrays), pt. */
function wholeNeed<P>(flow: Flow<P>, i: number, block: FlowBlock<P>, keeps: (b: FlowBlock<P>) => boolean, need: number[], noteNeed: number[]): { need: number; notes: number } {
  return { need: chainNeed(flow.items, i, block, keeps, need, flow.gridStep, false), notes: chainNoteNeed(flow.items, i, block, keeps, noteNeed, false) };
}

/**
 * need[i]: the height that must be free to place block i: its own height plus, while
 * `keeps` holds, the space and height of the blocks chained after it (and a grid row where the
 * chain goes from blocks off a grid of `gridStep` pt back onto it: at most what it takes),
 * plus at the chain's end the padding of a frame that may break there.
 */
function chainedNeeds<P>(items: FlowItem<P>[], keeps: (b: FlowBlock<P>) => boolean, gridStep: number | undefined, broken: boolean): number[] {
  const need = new Array<number>(items.length).fill(0);
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item.kind === 'block') need[i] = chainNeed(items, i, item, keeps, need, gridStep, broken);
  }
  return need;
}

/**
 * The need of `block` standing at flow index i, given `need` of the blocks after it (see
 * chainedNeeds); `broken`: a block that may break needs only its first head (a break inside it
 * ends the chain).
 */
function chainNeed<P>(items: FlowItem<P>[], i: number, block: FlowBlock<P>, keeps: (b: FlowBlock<P>) => boolean, need: number[], gridStep = 0, broken: boolean): number {
  if (broken && block.breaks?.count) {
    const head = headOf(block, 0);
    return head.height + reserveOf(head);
  }
  const next = items[i + 1];
  const back = block.offGrid && next?.kind === 'block' && !next.offGrid ? gridStep : 0;
  return block.height + (keeps(block) && next?.kind === 'block' ? back + next.spaceBefore + need[i + 1] : reserveOf(block));
}

/** noteNeed[i]: the height of the note lines of block i and of the blocks `keeps` chains after it (`broken`: see chainNeed). */
function chainedNoteNeeds<P>(items: FlowItem<P>[], keeps: (b: FlowBlock<P>) => boolean, broken: boolean): number[] {
  const need = new Array<number>(items.length).fill(0);
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item.kind === 'block') need[i] = chainNoteNeed(items, i, item, keeps, need, broken);
  }
  return need;
}

/** The note lines' height `block` at flow index i needs, given `need` of the blocks after it (see chainedNoteNeeds). */
function chainNoteNeed<P>(items: FlowItem<P>[], i: number, block: FlowBlock<P>, keeps: (b: FlowBlock<P>) => boolean, need: number[], broken: boolean): number {
  if (broken && block.breaks?.count) return notesHeight(headOf(block, 0));
  return notesHeight(block) + (keeps(block) && items[i + 1]?.kind === 'block' ? need[i + 1] : 0);
}

/**
 * The room block i needs in a keepWithNext chain taller than a page, pt, and its notes': itself,
 * and for the chain's first block (`head`) the next block too (a heading never ends a page alone).
 */
function tallChainRoom<P>(items: FlowItem<P>[], i: number, item: FlowBlock<P>, head: boolean): { need: number; notes: number } {
  // (a block that may break needs room for its first head)
  const least = (b: FlowBlock<P>) => (b.breaks?.count ? headOf(b, 0) : b);
  const own = least(item);
  const next = items[i + 1];
  if (!head || own !== item || next?.kind !== 'block') return { need: own.height + reserveOf(own), notes: notesHeight(own) };
  const after = least(next);
  return { need: item.height + next.spaceBefore + after.height + reserveOf(after), notes: notesHeight(item) + notesHeight(after) };
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
