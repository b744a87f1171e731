/**
 * What a page costs, as data: named penalties summed over a run's pages. The chooser
 * (paginate.ts) takes, among the feasible page breaks, those of least total cost, as the line
 * breaker does for lines. Forbidden breaks are not priced because they are never considered: a
 * break inside a keep (a heading and the lines after it, a paragraph's first and last lines
 * (orphans, widows), a box of ≤ 5 lines, a caption and its table) and a footnote away from its
 * marker's line (fill.ts sets the notes on their line's page).
 */
import type { FlowBlock } from './item.js';
import type { Flow, FilledPage } from './fill.js';

/** Penalties, in demerits (only their ratios matter). */
export interface PageCosts {
  /** Every page: large, so the flow takes as few pages as greedy filling gives. */
  page: number;
  /**
   * A page ending `shortfall` of its height above where filling it greedily ends it (it grows
   * with the square of the white given up; white a page cannot avoid costs nothing).
   */
  underfull: number;
  /** The most a page may run shorter than filled greedily, to lower the other costs, a fraction of the page height. */
  shortfall: number;
  /** A table broken across pages (its 续表 caption and header repeated). */
  tableSplit: number;
  /** A box broken across pages. */
  boxSplit: number;
  /** A page whose foot ends in the middle of a note (its rest, and the notes after it, on the next page's foot: fill.ts). */
  noteSplit: number;
  /** A run (a chapter) ending on a page with fewer blocks than the tail rule asks, after a page of its own. */
  shortTail: number;
}

export const PAGE_COSTS: PageCosts = { page: 10000, underfull: 100, shortfall: 1 / 8, tableSplit: 60, boxSplit: 60, noteSplit: 60, shortTail: 1000 };

/** Where a page stands in its run. */
export interface PageRole {
  /** The run's first page. */
  first: boolean;
  /** The run's last page (a forced break or the flow's end follows). */
  last: boolean;
  /** White at the page's bottom beyond what greedy filling leaves there, pt. */
  givenUp: number;
}

/**
 * The cost of a filled page (one that holds blocks); `minTail`: the fewest blocks a run's last
 * page should hold (none: any).
 */
export function pageCost<P>(flow: Flow<P>, filled: FilledPage<P>, role: PageRole, costs: PageCosts, minTail?: number): number {
  let cost = costs.page;
  cost += costs.underfull * (role.givenUp / (costs.shortfall * flow.pageHeight)) ** 2;
  const lastBlock = flow.items[filled.itemsOn[filled.itemsOn.length - 1]] as FlowBlock<P>;
  const next = flow.items[filled.next.at];
  if (next?.kind === 'block' && lastBlock.group && next.group?.key === lastBlock.group.key) cost += costs.tableSplit;
  if (next?.kind === 'block' && lastBlock.inset && next.inset?.key === lastBlock.inset.key) cost += costs.boxSplit;
  if (filled.next.carried.length) cost += costs.noteSplit;
  if (role.last && !role.first && minTail !== undefined && filled.itemsOn.length < minTail) cost += costs.shortTail;
  return cost;
}
