/**
 * Stage ⑥: blocks → pages. Pure and height-only. Page breaks are chosen by cost, as lines are:
 * within each run of pages (runs are separated by forced breaks) a dynamic programme over the
 * places a page may end takes the breaks of least total cost (costs.ts). A page may end where
 * greedy filling ends it (fill.ts) or at any legal break a little above, within
 * PAGE_COSTS.shortfall of the page height, so the search stays a narrow window and fast. A
 * page may also start inside a block broken at the page before's foot (see fill.ts): such a
 * place is the block's index and what is left of it.
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
  // the rest of a long note, on pages of its own (see notePages)
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
  // best[k]: the cheapest steps found to a page starting at flow index from.at + k, by where
  // it starts (see `placeKey`)
  const best: Map<string, Step<P>>[] = Array.from({ length: end - from.at + 1 }, () => new Map());
  best[0].set(placeKey(from), { cost: 0, pages: [], next: from });
  for (let k = 0; k < best.length - 1; k++) {
    // (a page from one of them starts further on: at a later index, or further into the block)
    for (let step = nextStep(best[k]); step; step = nextStep(best[k], step)) {
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
        const role = { first: !step.before, last: filled.next.at === end, givenUp: filled.white - greedy.white };
        const trailing = filled.next.at === items.length ? notePages(flow, filled.next) : 0; // (they end the flow: pages of their own)
        const cost = step.cost + (lead.length + trailing) * PAGE_COSTS.page + pageCost(flow, filled, role, PAGE_COSTS, tails?.minBlocks);
        const to = best[filled.next.at - from.at];
        const known = to.get(placeKey(filled.next));
        if (!known || cost < known.cost) to.set(placeKey(filled.next), { cost, pages: [...lead, filled.page], next: filled.next, before: step });
      }
    }
  }
  const path: Step<P>[] = [];
  const last = [...best[best.length - 1].values()].reduce((a, b) => (b.cost < a.cost ? b : a));
  for (let s: Step<P> | undefined = last; s; s = s.before) path.push(s);
  return { pages: path.reverse().flatMap((s) => s.pages), next: last.next };
}

/** The pages the lines of notes carried past the flow's end (`at`) take, on their own. */
function notePages<P>(flow: Flow<P>, at: Cursor<P>): number {
  let pages = 0;
  for (let cursor = at; cursor.carried.length; pages++) cursor = fillPage(flow, cursor).next;
  return pages;
}

/**
 * How far into the block at its index a page starts, as a number that grows with it: −1 at
 * the block's top, and further the fewer places to break its rest has left (a rest has fewer
 * than the block it is the rest of: see BlockBreaks).
 */
function progress<P>(at: Cursor<P>): number {
  return at.rest ? MOST_BREAKS - (at.rest.breaks?.count ?? 0) : -1;
}

/** More places to break than any block has. */
const MOST_BREAKS = 2 ** 31;

/**
 * Where a page starts, as `best` keys it: how far into its block (see `progress`), and how many
 * lines of notes it carries from the page before (paths that carry different lines leave
 * different pages after them: one that runs a note onto a page of its own at the flow's end
 * must not hide one that does not).
 */
function placeKey<P>(at: Cursor<P>): string {
  return `${progress(at)} ${at.carried.length}`;
}

/** Whether a page at `a` starts before one at `b` at the same index: less far into its block, or carrying fewer lines of notes. */
function startsBefore<P>(a: Cursor<P>, b: Cursor<P>): boolean {
  return progress(a) < progress(b) || (progress(a) === progress(b) && a.carried.length < b.carried.length);
}

/** The step of `steps` whose page starts first after `after`'s (with none given: the first); none when there is none. */
function nextStep<P>(steps: Map<string, Step<P>>, after?: Step<P>): Step<P> | undefined {
  let found: Step<P> | undefined;
  for (const s of steps.values()) if ((!after || startsBefore(after.next, s.next)) && (!found || startsBefore(s.next, found.next))) found = s;
  return found;
}
