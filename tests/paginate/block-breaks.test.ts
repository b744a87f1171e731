/**
 * Blocks that may break (a group of table rows joined by a merged cell): kept whole where that
 * leaves no large hole, else broken between their rows, the longest head that fits ending the
 * page and the rest going on at the next page's top, under the repeated header.
 */
import { describe, expect, it } from 'vitest';
import type { BlockBreaks, BlockPart, FlowBlock } from '../../src/paginate/item.js';
import { paginate } from '../../src/paginate/paginate.js';

const b = (name: string, height: number, o: Partial<FlowBlock<string>> = {}): FlowBlock<string> => ({
  kind: 'block', height, spaceBefore: 0, keepWithNext: false, payload: name, ...o,
});
const names = (pages: ReturnType<typeof paginate<string>>) => pages.map((p) => p.placed.map((x) => x.block.payload).join(' '));

/** Rows [from, to) of `rows` (heights) as one part, named `name[from-to)`, that may break between any two of its rows. */
function part(name: string, rows: number[], from: number, to: number): BlockPart<string> {
  const sum = (a: number, z: number) => rows.slice(a, z).reduce((x, y) => x + y, 0);
  const breaks: BlockBreaks<string> = {
    count: to - from - 1,
    head: (k) => ({ height: sum(from, from + k + 1), payload: `${name}[${from}-${from + k + 1})` }),
    rest: (k) => part(name, rows, from + k + 1, to),
  };
  return { height: sum(from, to), payload: `${name}[${from}-${to})`, breaks: breaks.count ? breaks : undefined };
}

/** A block of rows of the heights `rows` that may break between them. */
function group(name: string, rows: number[], o: Partial<FlowBlock<string>> = {}): FlowBlock<string> {
  const { height, breaks } = part(name, rows, 0, rows.length);
  return b(name, height, { breaks, ...o });
}

describe('a block that may break', () => {
  it('is broken between its rows where moving it whole would leave more than a quarter of the page empty', () => {
    // 40 of 100 pt left: the group (6 × 15 pt) moves no more, its first two rows stay
    expect(names(paginate([b('p', 60), group('g', [15, 15, 15, 15, 15, 15]), b('q', 10)], 100))).toEqual(['p g[0-2)', 'g[2-6) q']);
  });
  it('moves whole when it fits the next page and leaves a quarter or less empty here', () => {
    expect(names(paginate([b('p', 80), group('g', [15, 15, 15, 15, 15, 15]), b('q', 10)], 100))).toEqual(['p', 'g q']);
  });
  it('stays whole where it fits', () => {
    expect(names(paginate([b('p', 5), group('g', [15, 15, 15, 15, 15, 15]), b('q', 5)], 100))).toEqual(['p g q']);
  });
  it('taller than a page, goes on page after page under its repeated header, the longest head that fits on each', () => {
    const table = { key: 't', repeat: [b('H', 10)] };
    const items = [b('cap', 10, { keepWithNext: true }), b('H', 10, { keepWithNext: true }), group('g', Array(12).fill(20), { group: table }), b('q', 10)];
    expect(names(paginate(items, 100))).toEqual(['cap H g[0-4)', 'H g[4-8)', 'H g[8-12) q']);
  });
  it('keeps the caption and header before it with its first head: they never end a page alone', () => {
    const table = { key: 't', repeat: [b('H', 10)] };
    const items = [b('p', 40), b('cap', 10, { keepWithNext: true }), b('H', 10, { keepWithNext: true }), group('g', Array(6).fill(20), { group: table })];
    expect(names(paginate(items, 100))).toEqual(['p cap H g[0-2)', 'H g[2-6)']);
  });
  it('keeps what it keeps with after its rest', () => {
    const items = [b('p', 50), group('g', Array(6).fill(10), { keepWithNext: true }), b('q', 10)];
    expect(names(paginate(items, 100))).toEqual(['p g[0-5)', 'g[5-6) q']);
  });
});
