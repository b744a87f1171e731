/**
 * Where a group of table rows joined by a merged cell may break across pages: between two of its
 * rows, each part drawn as a group of its own (the merged cell as two cells, its text continued
 * or printed again in the part on the next page: see merged-parts.ts). The paginator breaks it
 * only where keeping it whole would leave a large hole or it is taller than a page (see
 * paginate/fill.ts).
 */
import type { BlockBreaks, BlockPart } from '../paginate/item.js';
import type { Block, BlockPayload } from './payload.js';

/**
 * The rows of a group of `count` a page may break before, ascending: any but the first, except
 * that the table's first group keeps its first two rows together and its last group its last two
 * (no page holds a lone first row under the header, nor a lone last one under 续表).
 */
export function breakPlaces(count: number, first: boolean, last: boolean): number[] {
  const places: number[] = [];
  for (let r = first ? 2 : 1; r <= (last ? count - 2 : count - 1); r++) places.push(r);
  return places;
}

/**
 * The breaks of a group of `count` rows at `places` (see breakPlaces), its parts drawn by
 * `part(from, to, before)` (rows [from, to) as one block) when the paginator first asks for them:
 * `before` is what the parts above it carried on to it (`start` for the first), and `part` gives
 * what it carries on to the next (a merged cell's lines shown so far: see merged-parts.ts), told
 * apart by `key`. Undefined when there is no place.
 */
export function rowBreaks<C>(count: number, places: number[], part: (from: number, to: number, before: C) => { block: Block; after: C }, start: C, key: (carried: C) => string): BlockBreaks<BlockPayload> | undefined {
  // the heads a page tries are kept (a round of layout asks for them again); a rest, the rows to
  // the group's end, is drawn for the place taken alone, and may break again further on
  const heads = new Map<string, { part: BlockPart<BlockPayload>; after: C }>();
  const partOf = (from: number, to: number, before: C): { part: BlockPart<BlockPayload>; after: C } => {
    const { block, after } = part(from, to, before);
    const { height, notes, payload } = block;
    return { part: { height, notes, payload, breaks: to === count ? breaksFrom(from, before) : undefined }, after };
  };
  const headOf = (from: number, to: number, before: C) => {
    const k = `${from}-${to}:${key(before)}`;
    let p = heads.get(k);
    if (!p) heads.set(k, (p = partOf(from, to, before)));
    return p;
  };
  const breaksFrom = (from: number, before: C): BlockBreaks<BlockPayload> | undefined => {
    const after = places.filter((r) => r > from);
    return after.length ? { count: after.length, head: (k) => headOf(from, after[k], before).part, rest: (k) => partOf(after[k], count, headOf(from, after[k], before).after).part } : undefined;
  };
  return breaksFrom(0, start);
}
