/**
 * The chapter-tail rule: a run of pages (a chapter: runs are separated by forced breaks) should
 * not end on a page holding only a line or two when the page before can give it more, as a
 * typesetter lets that page run a little short. The chooser prices such a tail
 * (PAGE_COSTS.shortTail); how short the page before may run is PAGE_COSTS.shortfall.
 */

/** What makes a run's last page a short tail. */
export interface TailRule {
  /** A run's last page holds at least this many blocks (lines, table rows, a box's paddings). */
  minBlocks: number;
}

/** The rule of the report themes: no chapter ends with ≤ 2 lines alone on a page. */
export const CHAPTER_TAIL: TailRule = { minBlocks: 3 };
