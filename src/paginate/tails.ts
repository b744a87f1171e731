/**
 * The chapter-tail rule: a run of pages (a chapter: runs are separated by forced breaks) should
 * not end on a page holding only a line or two when the page before can give it more, as a
 * typesetter lets that page run a little short. Greedy filling is kept everywhere else; for each
 * short tail, the latest legal break on the page before that moves enough blocks over is tried,
 * and kept when that page loses little and the run still ends on the same page.
 */
import type { Filled } from './paginate.js';

/** What makes a tail short and how far the page before may give way. */
export interface TailRule {
  /** A run's last page holds at least this many blocks (lines, table rows, a box's paddings). */
  minBlocks: number;
  /** The most the page before may run short to give the tail its blocks, a fraction of the page height. */
  maxShortfall: number;
}

/** The rule of the report themes: no chapter ends with ≤ 2 lines alone; a page gives up to ⅛ of its height. */
export const CHAPTER_TAIL: TailRule = { minBlocks: 3, maxShortfall: 1 / 8 };

/**
 * Pages filled by `fill` (given the flow indices that must start a page), with short tails
 * lengthened where the rule allows. Pages before a changed page never change (filling is greedy
 * and in order), and the number of pages never changes.
 */
export function withoutShortTails<P>(fill: (breaksBefore: ReadonlySet<number>) => Filled<P>, rule: TailRule, pageHeight: number): Filled<P> {
  const breaks = new Set<number>();
  let filled = fill(breaks);
  for (let t = 1; t < filled.pages.length; t++) {
    const at = tailBreak(filled, t, rule, pageHeight);
    if (at === undefined) continue;
    const tried = fill(new Set([...breaks, at]));
    if (tried.pages.length !== filled.pages.length || tried.itemsOn[t].length < rule.minBlocks) continue;
    breaks.add(at);
    filled = tried;
  }
  return filled;
}

/**
 * When page `t` is the short last page of a run and page `t - 1` of the same run can give it
 * blocks: the flow index of the block to start page `t` with (the latest legal break that moves
 * enough), else undefined.
 */
function tailBreak<P>(filled: Filled<P>, t: number, rule: TailRule, pageHeight: number): number | undefined {
  const { pages, itemsOn, run } = filled;
  const lastOfRun = t === pages.length - 1 || run[t + 1] !== run[t];
  const tail = itemsOn[t].length;
  if (!lastOfRun || run[t - 1] !== run[t] || tail === 0 || tail >= rule.minBlocks) return undefined;
  const before = pages[t - 1].placed.filter((p) => !p.repeated);
  const indices = itemsOn[t - 1];
  const bottom = (k: number) => before[k].y + before[k].block.height;
  const end = bottom(before.length - 1);
  // moving blocks k.. over; a legal break follows a block that does not keep with the next
  for (let k = before.length - 1; k >= 1; k--) {
    if (end - bottom(k - 1) > rule.maxShortfall * pageHeight) return undefined;
    if (tail + before.length - k < rule.minBlocks || before[k - 1].block.keepWithNext) continue;
    return indices[k];
  }
  return undefined;
}
