/**
 * Stage ⑥: blocks → pages. Pure and height-only. Page breaks are chosen by cost, as lines are:
 * within each run of pages (runs are separated by forced breaks) a dynamic programme over the
 * places a page may end takes the breaks of least total cost (costs.ts). A page may end where
 * greedy filling ends it (fill.ts) or at any legal break a little above, within
 * PAGE_COSTS.shortfall of the page height, so the search stays a narrow window and fast.
 */
import { fillPage, flowOf, START, type Cursor, type Flow } from './fill.js';
import type { FlowItem, PaginatedPage } from './item.js';
import { PAGE_COSTS, pageCost } from './costs.js';
import type { TailRule } from './tails.js';

/**
 * Splits the flow into pages of `pageHeight` pt; `separator`: height taken above a page's
 * footnotes, pt; `tails`: the rule against a run's (a chapter's) last page holding only a line
 * or two (none: such a tail costs nothing); `gridStep`: the pitch of the page's line grid, pt
 * (none: no grid), that a block after `offGrid` ones goes back to.
 */
export function paginate<P>(items: FlowItem<P>[], pageHeight: number, separator = 0, tails?: TailRule, gridStep?: number): PaginatedPage<P>[] {
  const flow = flowOf(items, pageHeight, separator, gridStep);
  const pages: PaginatedPage<P>[] = [];
  let at: Cursor<P> = START;
  while (at.at < items.length) {
    const item = items[at.at];
    if (item.kind === 'break') {
      // page numbers count from 1: an odd number of pages so far means the next one is even
      if (item.recto && pages.length % 2 === 1) pages.push({ placed: [], foot: [] });
      // (a long note goes on at the foot of the next page)
      at = { at: at.at + 1, carried: at.carried, overlong: false };
      continue;
    }
    const run = cheapestRun(flow, at, tails);
    pages.push(...run.pages);
    at = run.next;
  }
  // the rest of a long note, on pages of its own
  while (at.carried.length) {
    const filled = fillPage(flow, at);
    pages.push(filled.page);
    at = filled.next;
  }
  return pages;
}

/** The cheapest way found to a place a page starts: the last step of its path. */
interface Step<P> {
  cost: number;
  /** The pages this step adds (a page of blocks, after pages taken up by a long note's lines). */
  pages: PaginatedPage<P>[];
  next: Cursor<P>;
  before?: Step<P>;
}

/** The pages of the run that starts at `from`, up to the next forced break or the flow's end. */
function cheapestRun<P>(flow: Flow<P>, from: Cursor<P>, tails: TailRule | undefined): { pages: PaginatedPage<P>[]; next: Cursor<P> } {
  const { items } = flow;
  let end = from.at;
  while (end < items.length && items[end].kind !== 'break') end++;
  // best[k]: the cheapest step found to a page starting at flow index from.at + k
  const best: (Step<P> | undefined)[] = new Array(end - from.at + 1);
  best[0] = { cost: 0, pages: [], next: from };
  for (let k = 0; k < best.length - 1; k++) {
    const step = best[k];
    if (!step) continue;
    let cursor = step.next;
    const lead: PaginatedPage<P>[] = [];
    let greedy = fillPage(flow, cursor);
    while (greedy.itemsOn.length === 0) {
      // a page taken up by a note continued from the page before
      lead.push(greedy.page);
      cursor = greedy.next;
      greedy = fillPage(flow, cursor);
    }
    const reach = greedy.white + PAGE_COSTS.shortfall * flow.pageHeight;
    const ends = [greedy, ...greedy.earlier.filter((e) => e.white <= reach + 1e-6).reverse().map((e) => fillPage(flow, cursor, e.at))];
    for (const filled of ends) {
      const role = { first: step === best[0], last: filled.next.at === end, givenUp: filled.white - greedy.white };
      const cost = step.cost + lead.length * PAGE_COSTS.page + pageCost(flow, filled, role, PAGE_COSTS, tails?.minBlocks);
      const to = filled.next.at - from.at;
      if (!best[to] || cost < best[to]!.cost) best[to] = { cost, pages: [...lead, filled.page], next: filled.next, before: step };
    }
  }
  const path: Step<P>[] = [];
  for (let s = best[best.length - 1]; s; s = s.before) path.push(s);
  return { pages: path.reverse().flatMap((s) => s.pages), next: best[best.length - 1]!.next };
}
