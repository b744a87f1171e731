/**
 * What the paginator sees: blocks of known height and the rules between them. Heights only:
 * no fonts, no drawing. `P` is the payload the later stages draw (opaque here).
 */

/** A vertical slice of the flow that is never split (a line, a table row, a padding). */
export interface FlowBlock<P> {
  kind: 'block';
  /** Height, pt. */
  height: number;
  /** Space above, pt; dropped at the top of a page. */
  spaceBefore: number;
  /**
   * Must stand on the same page as the next block (a heading and the first lines after it,
   * the first `orphans` and last `widows` lines of a paragraph, a caption and its header).
   */
  keepWithNext: boolean;
  /**
   * Stands on the same page as the next block while the whole run so kept fits on one page (the
   * blocks of a `<keep>`: a verse, a signature, a short box). A run taller than any page starts
   * where it stands and breaks where it must, its blocks' `keepWithNext` still holding.
   */
  keepTogether?: boolean;
  /**
   * Set at its own leading, off the page's line grid (a table's rows and note in their smaller
   * type, on a GB/T 9704 page): the paginator puts the next block that is on the grid (not
   * `offGrid`) on the next grid row. Without a grid, nothing.
   */
  offGrid?: boolean;
  /**
   * Blocks of a breakable group (a table) share a key; when the group continues on a new
   * page, `repeat` (its header, 续表 caption) is placed first there.
   */
  group?: { key: string; repeat: FlowBlock<P>[] };
  /**
   * Blocks inside a frame (a case box) share a key. Where the frame breaks, `pad` is kept free
   * below its part on the page and above its part on the next page; `closes` marks the frame's
   * last block (no break can follow it inside the frame).
   */
  inset?: { key: string; pad: number; closes: boolean };
  /**
   * The footnotes whose markers stand in this block, each as its lines (set for the page's
   * foot): they go on the block's page, or the block goes to the next page with them; a note
   * longer than a page continues at the foot of the next.
   */
  notes?: FlowBlock<P>[][];
  /**
   * Where the block may be broken across pages (a group of table rows joined by a merged cell,
   * between two of its rows), when keeping it whole would leave a large hole or it is taller
   * than a page; none: never.
   */
  breaks?: BlockBreaks<P>;
  payload: P;
}

/**
 * The places a block may be broken at, in order: the k-th gives the head that ends a page and
 * the rest that goes on at the top of the next (each drawn whole, as its own block: a merged
 * cell's text continued, or printed again, in the rest). Heads grow with k (none shorter than the one before);
 * a rest has fewer places of its own than the block it is the rest of.
 */
export interface BlockBreaks<P> {
  count: number;
  /** The part before the k-th place (the paginator tries heads in turn: each drawn when asked). */
  head(k: number): BlockPart<P>;
  /** The part from the k-th place on (drawn only for the place taken). */
  rest(k: number): BlockPart<P>;
}

/** A part of a broken block: what it has of its own (the other rules are the block's: see `headOf`, `restOf`). */
export interface BlockPart<P> {
  /** Height, pt. */
  height: number;
  notes?: FlowBlock<P>[][];
  breaks?: BlockBreaks<P>;
  payload: P;
}

/** The head of `block` broken at its k-th place: where the block stands, ending the page (it keeps with nothing). */
export function headOf<P>(block: FlowBlock<P>, k: number): FlowBlock<P> {
  const { height, notes, payload } = block.breaks!.head(k);
  return { ...block, height, notes, payload, keepWithNext: false, keepTogether: false, breaks: undefined };
}

/** The rest of `block` broken at its k-th place: at the next page's top, keeping with what the block keeps with. */
export function restOf<P>(block: FlowBlock<P>, k: number): FlowBlock<P> {
  const { height, notes, payload, breaks } = block.breaks!.rest(k);
  return { ...block, height, notes, payload, breaks, spaceBefore: 0 };
}

/** Start a new page here (nothing happens at the top of an empty page). */
export interface ForcedBreak {
  kind: 'break';
  /** Start on an odd (recto) page, leaving the even page before it blank if needed. */
  recto?: boolean;
}

export type FlowItem<P> = FlowBlock<P> | ForcedBreak;

/** A block placed on a page. */
export interface Placed<P> {
  block: FlowBlock<P>;
  /** Top of the block, pt below the top of the type area. */
  y: number;
  /** True for a repeated group header. */
  repeated: boolean;
}

export interface PaginatedPage<P> {
  /** Empty on a blank verso left by a recto break. */
  placed: Placed<P>[];
  /**
   * Footnote lines at the page's foot, in order (y from the type area's top); empty when the
   * page has none. The first may continue a note of the page before.
   */
  foot: Placed<P>[];
  /** Printed without its number (a 公文's 版记 page after a blank page: see page/colophon.ts). */
  unnumbered?: boolean;
}

/** Height of blocks set one under another (a table's repeated header rows, a running head's lines), pt. */
export function heightOf(blocks: readonly { height: number }[]): number {
  let h = 0;
  for (const b of blocks) h += b.height;
  return h;
}
