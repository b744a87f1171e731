/** The paginator over item trees with names as payloads: no fonts, heights only. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FlowBlock, FlowItem } from '../../src/paginate/item.js';
import { paginate } from '../../src/paginate/paginate.js';
import { fillPage, flowOf, START, type Cursor } from '../../src/paginate/fill.js';

const b = (name: string, height: number, o: Partial<FlowBlock<string>> = {}): FlowBlock<string> => ({
  kind: 'block', height, spaceBefore: 0, keepWithNext: false, payload: name, ...o,
});
const names = (pages: ReturnType<typeof paginate<string>>) => pages.map((p) => p.placed.map((x) => x.block.payload).join(' '));

describe('paginate', () => {
  it('fills pages in order', () => {
    expect(names(paginate([b('a', 40), b('b', 40), b('c', 40)], 100))).toEqual(['a b', 'c']);
  });
  it('drops space before at a page top', () => {
    const pages = paginate([b('a', 90), b('b', 20, { spaceBefore: 8 })], 100);
    expect(pages[1].placed[0].y).toBe(0);
  });
  it('heading-never-ends-a-page: a heading moves with the lines it keeps', () => {
    const items = [b('p1', 75), b('h', 10, { keepWithNext: true }), b('l1', 10, { keepWithNext: true }), b('l2', 10)];
    expect(names(paginate(items, 100))).toEqual(['p1', 'h l1 l2']);
  });
  it('keep chains longer than a page are placed anyway, their first block never alone at a page foot (terminates)', () => {
    const items = [b('x', 50), ...Array.from({ length: 5 }, (_, i) => b(`k${i}`, 30, { keepWithNext: i < 4 }))];
    const pages = paginate(items, 100);
    expect(names(pages)).toEqual(['x', 'k0 k1 k2', 'k3 k4']);
    expect(pages.every((p) => p.placed.length > 0)).toBe(true);
    // a heading before a figure and its caption taller than a page together: with the figure, not alone at the foot
    expect(names(paginate([b('p', 50), b('h', 10, { keepWithNext: true }), b('f', 60, { keepWithNext: true }), b('c', 40)], 100))).toEqual(['p', 'h f', 'c']);
  });
  /** A `<keep>` run of `n` 10-pt lines: kept together while it fits a page, else two lines at each end. */
  it('on a grid, puts the block after blocks set at their own leading (a table\'s rows) back on the next grid row', () => {
    // grid rows of 30 pt; two table rows of 20 pt end at 70 pt: the paragraph after them starts at 90
    const items = [b('p1', 30), b('r1', 20, { offGrid: true }), b('r2', 20, { offGrid: true }), b('p2', 30), b('p3', 30)];
    const [page] = paginate(items, 300, 0, undefined, 30);
    expect(page.placed.map((x) => x.y)).toEqual([0, 30, 50, 90, 120]);
    // and where the rows would end past the page, the paragraph goes to the next page's top
    const full = paginate([...Array.from({ length: 8 }, (_, i) => b(`p${i}`, 30)), b('r', 40, { offGrid: true }), b('q', 30)], 300, 0, undefined, 30);
    expect(full.map((p) => p.placed.map((x) => `${x.block.payload}@${x.y}`).join(' '))).toEqual(['p0@0 p1@30 p2@60 p3@90 p4@120 p5@150 p6@180 p7@210 r@240', 'q@0']);
  });

  const kept = (n: number) => Array.from({ length: n }, (_, j) => b(`v${j}`, 10, j === n - 1 ? {} : { keepTogether: true, keepWithNext: j < 1 || j >= n - 2 }));
  it('a run kept together that fits a page moves whole to the next page', () => {
    expect(names(paginate([b('p', 50), ...kept(6)], 100))).toEqual(['p', 'v0 v1 v2 v3 v4 v5']);
    // the notes of the page it would start on do not make it taller than a page
    const noted = [b('a', 30, { notes: [[b('n', 20)]] }), ...kept(9)];
    expect(names(paginate(noted, 100, 5))).toEqual(['a', 'v0 v1 v2 v3 v4 v5 v6 v7 v8']);
  });
  it('a run kept together taller than any page starts where it stands, and breaks leaving two lines at each end', () => {
    expect(names(paginate([b('p', 30), ...kept(12)], 100))).toEqual(['p v0 v1 v2 v3 v4 v5 v6', 'v7 v8 v9 v10 v11']);
    // the last two lines go together: the page ends a line early rather than leave one alone
    expect(names(paginate([b('p', 5), ...kept(7)], 65))).toEqual(['p v0 v1 v2 v3 v4', 'v5 v6']);
    // a heading before it keeps with its first two lines
    expect(names(paginate([b('p', 75), b('h', 10, { keepWithNext: true }), ...kept(12)], 100))).toEqual(['p', 'h v0 v1 v2 v3 v4 v5 v6 v7 v8', 'v9 v10 v11']);
  });
  it('forced breaks start a new page but never an empty one', () => {
    const items: FlowItem<string>[] = [{ kind: 'break' }, b('a', 10), { kind: 'break' }, { kind: 'break' }, b('b', 10)];
    expect(names(paginate(items, 100))).toEqual(['a', 'b']);
  });
  it('recto breaks leave a blank verso when the next page would be even', () => {
    const items: FlowItem<string>[] = [b('a', 10), { kind: 'break', recto: true }, b('b', 10), b('c', 95), { kind: 'break', recto: true }, b('d', 10)];
    expect(names(paginate(items, 100))).toEqual(['a', '', 'b', 'c', 'd']);
  });
  it('keeps a frame\'s padding free at both sides of a break inside it', () => {
    const inset = (closes = false) => ({ key: 'box', pad: 5, closes });
    const items = [b('top', 5, { inset: inset() }), ...Array.from({ length: 6 }, (_, i) => b(`l${i}`, 20, { inset: inset() })), b('bottom', 5, { inset: inset(true) })];
    const pages = paginate(items, 100);
    expect(names(pages)).toEqual(['top l0 l1 l2 l3', 'l4 l5 bottom']);
    const lastOnFirst = pages[0].placed[pages[0].placed.length - 1];
    expect(lastOnFirst.y + lastOnFirst.block.height + 5).toBeLessThanOrEqual(100);
    expect(pages[1].placed[0].y).toBe(5);
  });
  it('repeats a group header on continuation pages', () => {
    const header = [b('H', 10)];
    const group = { key: 't', repeat: header };
    const items = [b('cap', 10, { keepWithNext: true }), b('H', 10, { keepWithNext: true }), ...Array.from({ length: 12 }, (_, i) => b(`r${i}`, 10, { group }))];
    const pages = paginate(items, 50);
    expect(names(pages)).toEqual(['cap H r0 r1 r2', 'H r3 r4 r5 r6', 'H r7 r8 r9 r10', 'H r11']);
    expect(pages[1].placed[0].repeated).toBe(true);
  });
  it('counts the repeated header of a table going on: rows kept together that fit a page alone but not under it go on one by one', () => {
    const group = { key: 't', repeat: [b('H', 20)] };
    // r0, then r1–r9 kept together (90 pt): a page of 100 holds them, not under the 20-pt header
    const rows = [b('r0', 10, { group }), ...Array.from({ length: 9 }, (_, i) => b(`r${i + 1}`, 10, { group, keepTogether: i < 8 }))];
    const pages = paginate([b('H', 20, { keepWithNext: true }), ...rows], 100);
    // not r1 alone under the header, the page left white, as if the rest would fit the next page (they do not, under it)
    expect(names(pages)).toEqual(['H r0 r1 r2 r3 r4 r5 r6 r7', 'H r8 r9']);
  });
});

/** What a generated block is made of (its height, space above, keep, frame), pt on 100-pt pages. */
const blockFields = {
  height: fc.integer({ min: 1, max: 60 }),
  spaceBefore: fc.integer({ min: 0, max: 10 }),
  keepWithNext: fc.boolean(),
  keepTogether: fc.boolean(),
  inset: fc.option(fc.record({ key: fc.constantFrom('f', 'g'), pad: fc.integer({ min: 0, max: 10 }), closes: fc.boolean() }), { nil: undefined }),
};

const arbItems = fc.array(
  fc.oneof(
    {
      weight: 10,
      arbitrary: fc.record(blockFields),
    },
    { weight: 1, arbitrary: fc.constant('break' as const) },
  ),
  { maxLength: 80 },
);

describe('paginate invariants', () => {
  it('nothing lost or duplicated, no page overflows, no keep broken unless its chain exceeds a page', () => {
    fc.assert(
      fc.property(arbItems, (spec) => {
        const pageHeight = 100;
        const items: FlowItem<string>[] = spec.map((s, i) => (s === 'break' ? { kind: 'break' } : b(String(i), s.height, s)));
        const pages = paginate(items, pageHeight);
        const placed = pages.flatMap((p) => p.placed.map((x) => x.block.payload));
        expect(placed).toEqual(items.filter((i) => i.kind === 'block').map((i) => (i as FlowBlock<string>).payload));
        for (const p of pages) {
          expect(p.placed.length).toBeGreaterThan(0);
          const last = p.placed[p.placed.length - 1];
          expect(last.y + last.block.height).toBeLessThanOrEqual(pageHeight);
        }
        // a block that keeps with the next one ends a page only when the chain could not fit a page
        // (for keepTogether, the chain of both keeps; for keepWithNext, its own)
        pages.slice(0, -1).forEach((p) => {
          const last = p.placed[p.placed.length - 1].block;
          const idx = items.indexOf(last);
          if ((last.keepWithNext || last.keepTogether) && items[idx + 1]?.kind === 'block') {
            const keeps = last.keepWithNext ? (it: FlowBlock<string>) => it.keepWithNext : (it: FlowBlock<string>) => it.keepWithNext || !!it.keepTogether;
            let chain = 0;
            for (let j = idx; j >= 0 && items[j].kind === 'block'; j--) {
              const it = items[j] as FlowBlock<string>;
              if (j < idx && !keeps(it)) break;
              chain += it.height + it.spaceBefore;
            }
            let end = last;
            for (let j = idx + 1; j < items.length && items[j].kind === 'block'; j++) {
              end = items[j] as FlowBlock<string>;
              chain += end.height + end.spaceBefore;
              if (!keeps(end)) break;
            }
            chain += end.inset && !end.inset.closes ? end.inset.pad : 0; // a frame's padding after the chain
            // (a frame that goes on from the page before starts its page below its padding)
            expect(chain).toBeGreaterThan(pageHeight - p.placed[0].y);
          }
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe('paginate with footnotes', () => {
  /** A note of `n` lines of height `h`, named `name.k`. */
  const note = (name: string, n: number, h = 5) => Array.from({ length: n }, (_, k) => b(`${name}.${k}`, h));
  const feet = (pages: ReturnType<typeof paginate<string>>) => pages.map((p) => p.foot.map((x) => x.block.payload).join(' '));

  it('sets a note at the foot of its marker\'s page, below the separator, its lines at the bottom', () => {
    const pages = paginate([b('a', 10, { notes: [note('n', 2)] }), b('b', 10)], 100, 4);
    expect(names(pages)).toEqual(['a b']);
    expect(feet(pages)).toEqual(['n.0 n.1']);
    expect(pages[0].foot.map((x) => x.y)).toEqual([90, 95]);
  });
  it('moves a line and its note together to the next page when both do not fit and the note cannot be split (two lines on each page)', () => {
    const pages = paginate([b('a', 75), b('m', 10, { notes: [note('n', 3)] }), b('c', 10)], 100, 4);
    expect(names(pages)).toEqual(['a', 'm c']);
    expect(feet(pages)).toEqual(['', 'n.0 n.1 n.2']);
    // a note of three lines never splits, 2 + 1 nor 1 + 2 (a note's line alone on a page reads as a
    // stray line), even where its line moving on leaves a third of the page white
    const tall = paginate([b('a', 65), b('m', 20, { notes: [note('n', 3)] }), b('c', 10)], 100, 4);
    expect(names(tall)).toEqual(['a', 'm c']);
    expect(feet(tall)).toEqual(['', 'n.0 n.1 n.2']);
  });
  it('continues a note too long for its page at the foot of the next, before that page\'s own notes', () => {
    const pages = paginate([b('m', 10, { notes: [note('n', 30)] }), b('c', 10, { notes: [note('o', 1)] })], 100, 4);
    expect(names(pages)[0]).toBe('m');
    const foot = feet(pages).join(' | ');
    expect(foot.startsWith('n.0 n.1')).toBe(true);
    // every line once, in order
    expect(pages.flatMap((p) => p.foot.map((x) => x.block.payload))).toEqual([...note('n', 30), ...note('o', 1)].map((x) => x.payload));
  });

  it('splits a note too long for any page at its marker\'s page, lower on it, rather than move the marker\'s line on (TeX\'s \\vsplit)', () => {
    // 30 lines of 5 pt: no page of 100 holds them with their line; the line stood at the next page's top, leaving this one's foot empty
    const pages = paginate([b('a', 60), b('m', 10, { notes: [note('n', 30)] }), b('c', 10)], 100, 4);
    // (c, which has no note, stays above it: the note goes on over two pages of its own)
    expect(names(pages)).toEqual(['a m c', '', '']);
    const lines = (from: number, to: number) => note('n', 30).slice(from, to).map((x) => x.payload).join(' ');
    expect(feet(pages)).toEqual([lines(0, 3), lines(3, 22), lines(22, 30)]);
    // the lines kept with the marker's line stand above the note's first lines; a note of two lines moves with its line
    expect(names(paginate([b('a', 60), b('m', 10, { keepWithNext: true, notes: [note('n', 30)] }), b('k', 10), b('c', 10)], 100, 4))[0]).toBe('a m k');
    expect(names(paginate([b('a', 90), b('m', 5, { notes: [note('n', 2, 60)] })], 100, 4))[0]).toBe('a');
  });

  it('splits a note at its marker\'s page rather than move the line on and leave the page short, two lines of it at least on each page', () => {
    // 8 lines of 5 pt fit a page with their line, but moving the line leaves half of this page white (a 注释 of 20 lines under a classical text)
    const pages = paginate([b('a', 50), b('m', 10, { notes: [note('n', 8)] }), b('c', 10)], 100, 4);
    expect(names(pages)).toEqual(['a m', 'c']);
    const lines = (from: number, to: number) => note('n', 8).slice(from, to).map((x) => x.payload).join(' ');
    // (7 lines fit, but the last would stand alone on the next page)
    expect(feet(pages)).toEqual([lines(0, 6), lines(6, 8)]);
    // a short note splits too (TeX's rule), two lines a page
    expect(feet(paginate([b('a', 70), b('m', 10, { notes: [note('n', 4)] }), b('c', 10)], 100, 4))).toEqual(['n.0 n.1', 'n.2 n.3']);
    // where moving the line on gives up little (a tenth of the page or less), the chooser keeps the note whole (PAGE_COSTS.noteSplit)
    expect(names(paginate([b('a', 80), b('m', 10, { notes: [note('n', 4)] }), b('c', 10)], 100, 4))).toEqual(['a', 'm c']);
  });

  it('splits a note whose line keeps with lines that hold notes of their own, and defers the notes after it to the next page\'s foot, after its rest (TeX\'s rule: notes in order)', () => {
    // m keeps with k (a paragraph's first two lines); m's note of 8 lines, k's of 1: moving both on left 30 pt of 100 white
    const pages = paginate([b('a', 50), b('m', 10, { keepWithNext: true, notes: [note('n', 8)] }), b('k', 10, { notes: [note('o', 1)] }), b('c', 10)], 100, 4);
    expect(names(pages)).toEqual(['a m k', 'c']);
    const lines = (from: number, to: number) => note('n', 8).slice(from, to).map((x) => x.payload).join(' ');
    expect(feet(pages)).toEqual([lines(0, 5), `${lines(5, 8)} o.0`]);
    // a line's first note split, its second after the first's rest (it was never split: the line moved on)
    const two = paginate([b('a', 50), b('m', 10, { notes: [note('n', 8), note('p', 2)] }), b('c', 10)], 100, 4);
    expect(names(two)).toEqual(['a m', 'c']);
    expect(feet(two)).toEqual([lines(0, 6), `${lines(6, 8)} p.0 p.1`]);
  });

  it('sets a line with notes of its own below a split note, its notes deferred to the next page\'s foot after the notes before them (TeX\'s rule), rather than end the page there', () => {
    // n splits 2 + 2 (p, of three lines, cannot); c's note goes after them: c and d fill the page (they left 21 pt of 100 white)
    const head = [b('a', 45), b('m', 10, { keepWithNext: true, notes: [note('n', 4), note('p', 3)] }), b('k', 10)];
    const pages = paginate([...head, b('c', 10, { notes: [note('q', 2)] }), b('d', 10), b('e', 10), b('f', 10)], 100, 4);
    expect(names(pages)).toEqual(['a m k c d', 'e f']);
    expect(feet(pages)).toEqual(['n.0 n.1', 'n.2 n.3 p.0 p.1 p.2 q.0 q.1']);
    // not when the notes going on would take more than half the next page (DEFERRED_NOTES): the line goes on with its note
    const more = paginate([...head, b('c', 10, { notes: [note('q', 5)] }), b('d', 10), b('e', 10), b('f', 10)], 100, 4);
    expect(names(more)).toEqual(['a m k', 'c d e f']);
    // nor on a chapter's last page: its notes would stand at the foot of the next chapter's first
    const last = paginate([...head, b('c', 10, { notes: [note('q', 2)] }), b('d', 10), { kind: 'break' }, b('x', 10)], 100, 4);
    expect(names(last)).toEqual(['a m k', 'c d', 'x']);
    expect(feet(last)).toEqual(['n.0 n.1', 'n.2 n.3 p.0 p.1 p.2 q.0 q.1', '']);
  });

  const arbNoted = fc.array(
    fc.record({
      height: fc.integer({ min: 5, max: 30 }),
      keepWithNext: fc.boolean(),
      notes: fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 3 }),
    }),
    { maxLength: 60 },
  );
  it('every note starts on its marker\'s page, or later only past a note split there (deferred, as TeX does), and continues only onto the pages right after; nothing lost; body and foot never overlap', () => {
    fc.assert(
      fc.property(arbNoted, (spec) => {
        const pageHeight = 100;
        const separator = 4;
        const items = spec.map((s, i) => b(String(i), s.height, { keepWithNext: s.keepWithNext, notes: s.notes.map((n, k) => note(`${i}-${k}`, n)) }));
        const pages = paginate(items, pageHeight, separator);
        expect(pages.flatMap((p) => p.placed.map((x) => x.block.payload))).toEqual(items.map((i) => i.payload));
        expectFeetInOrder(pages, items);
        const pageOf = (payload: string, where: 'placed' | 'foot') => pages.findIndex((p) => p[where].some((x) => x.block.payload === payload));
        /** Whether page n's foot ends inside a note, whose rest is on the next. */
        const splitAt = (n: number) => {
          const last = pages[n].foot.at(-1)?.block.payload;
          const next = pages[n + 1]?.foot[0]?.block.payload;
          return !!last && !!next && last.slice(0, last.lastIndexOf('.')) === next.slice(0, next.lastIndexOf('.'));
        };
        items.forEach((item, i) => {
          const marker = pageOf(String(i), 'placed');
          // the lines of a line's notes on the same page or the ones after it, in order, without gaps
          let last = marker;
          item.notes!.forEach((lines, k) => {
            // (the notes of one line more than a page holds: only the first is sure to start there)
            const crowded = item.height + separator + item.notes!.flat().reduce((h, l) => h + l.height, 0) > pageHeight;
            // (a note after one split on its marker's page is deferred to the next page's foot, and further while the notes before it fill the feet)
            const first = pageOf(`${i}-${k}.0`, 'foot');
            if (k === 0 || !crowded) expect(first === marker || (first > marker && pages.slice(marker, first).some((_, d) => splitAt(marker + d)))).toBe(true);
            last = Math.max(last, first); // (deferred: see above)
            for (const l of lines) {
              const p = pageOf(l.payload, 'foot');
              expect(p === last || p === last + 1).toBe(true);
              last = p;
            }
          });
        });
        for (const p of pages) {
          const body = p.placed.length ? p.placed[p.placed.length - 1] : undefined;
          const bodyEnd = body ? body.y + body.block.height : 0;
          const footTop = p.foot.length ? p.foot[0].y - separator : pageHeight;
          // a single line taller than the room its own notes leave is the only overlap allowed (it must go somewhere)
          if (p.placed.length > 1 || !p.foot.length) expect(bodyEnd).toBeLessThanOrEqual(footTop + 1e-6);
          if (p.foot.length) expect(p.foot[p.foot.length - 1].y + p.foot[p.foot.length - 1].block.height).toBeCloseTo(pageHeight, 6);
        }
      }),
      { numRuns: 500 },
    );
  });
});

/** `n` lines of 10 pt named `prefix0`, `prefix1`, … */
const lines = (prefix: string, n: number, o: Partial<FlowBlock<string>> = {}) => Array.from({ length: n }, (_, i) => b(`${prefix}${i}`, 10, o));

describe('paginate with the chapter-tail rule', () => {
  const rule = { minBlocks: 3 };
  it('pushes lines over so a chapter does not end with 2 lines alone', () => {
    const items: FlowItem<string>[] = [...lines('a', 12), { kind: 'break' }, ...lines('b', 3)];
    expect(names(paginate(items, 100))).toEqual(['a0 a1 a2 a3 a4 a5 a6 a7 a8 a9', 'a10 a11', 'b0 b1 b2']);
    expect(names(paginate(items, 100, 0, rule))).toEqual(['a0 a1 a2 a3 a4 a5 a6 a7 a8', 'a9 a10 a11', 'b0 b1 b2']);
  });
  it('breaks only where a keep allows, and not when the page before would run too short', () => {
    // a18 keeps with a19: the break goes before a18 (the page gives 2 lines: within ⅛ page)
    const kept = [...lines('a', 18), b('a18', 10, { keepWithNext: true }), b('a19', 10), ...lines('t', 2)];
    expect(names(paginate(kept, 200, 0, rule))[1]).toBe('a18 a19 t0 t1');
    // a chain of five: moving it would leave a quarter of the page empty
    const chained = [...lines('a', 15), ...lines('k', 5, { keepWithNext: true }), ...lines('t', 2)];
    expect(names(paginate(chained, 200, 0, rule))).toEqual(names(paginate(chained, 200)));
  });
  it('leaves a tail alone when the page before is another chapter\'s or the move would add a page', () => {
    const afterBreak: FlowItem<string>[] = [...lines('a', 3), { kind: 'break' }, ...lines('b', 2)];
    expect(names(paginate(afterBreak, 100, 0, rule))).toEqual(['a0 a1 a2', 'b0 b1']);
    // the tail page is nearly full of a tall block: pushing a line would overflow it
    const full = [...lines('a', 10), b('tall', 95), b('c', 5)];
    expect(paginate(full, 100, 0, rule).length).toBe(paginate(full, 100).length);
  });
  it('moves a whole table over to lengthen a tail rather than split it', () => {
    // greedy fills page 1 to the brim with the table's three rows; taking one row over would split the table
    const group = { key: 't', repeat: [] };
    const items = [...lines('a', 37), ...lines('r', 3, { group }), ...lines('t', 2)];
    expect(names(paginate(items, 400))[1]).toBe('t0 t1');
    expect(names(paginate(items, 400, 0, rule))[1]).toBe('r0 r1 r2 t0 t1');
  });
});

describe('paginate by cost', () => {
  /** A box: paddings of 5 pt around `n` lines, the last line kept with the bottom padding. */
  const box = (n: number) => {
    const inset = (closes = false) => ({ key: 'box', pad: 5, closes });
    return [
      b('top', 5, { keepWithNext: true, inset: inset() }),
      ...Array.from({ length: n }, (_, i) => b(`l${i}`, 10, { inset: inset(), keepWithNext: i === n - 1 })),
      b('bottom', 5, { inset: inset(true) }),
    ];
  };
  it('starts a box on the next page rather than leave its first line alone at the bottom', () => {
    const pages = paginate([...lines('a', 18), ...box(8)], 200);
    expect(names(pages)).toEqual([lines('a', 18).map((x) => x.payload).join(' '), 'top l0 l1 l2 l3 l4 l5 l6 l7 bottom']);
  });
  it('splits a box when moving it would leave too much white', () => {
    const pages = paginate([...lines('a', 16), ...box(8)], 200);
    expect(names(pages)[0].endsWith('a15 top l0 l1 l2')).toBe(true);
  });
  it('starts a table on the next page rather than split it after its first row', () => {
    const group = { key: 't', repeat: [b('H', 10)] };
    const table = [b('cap', 10, { keepWithNext: true }), b('H', 10, { keepWithNext: true }), ...lines('r', 6, { group })];
    const pages = paginate([...lines('a', 37), ...table], 400);
    expect(names(pages)[1]).toBe('cap H r0 r1 r2 r3 r4 r5');
    expect(pages.some((p) => p.placed.some((x) => x.repeated))).toBe(false);
  });
  it('never ends a page with a heading, even to lengthen a chapter\'s tail', () => {
    // the only break within reach of the tail is after the heading, which keeps with its line
    const items = [...lines('a', 18), b('h', 10, { keepWithNext: true }), b('x', 10), ...lines('t', 2)];
    const pages = paginate(items, 200, 0, { minBlocks: 3 });
    for (const p of pages.slice(0, -1)) expect(p.placed[p.placed.length - 1].block.keepWithNext).toBe(false);
  });
});

describe('paginate invariants with costs', () => {
  const arbFlow = fc.array(
    fc.oneof(
      {
        weight: 12,
        arbitrary: fc.record({
          ...blockFields,
          group: fc.option(fc.constantFrom('t', 'u'), { nil: undefined }),
          notes: fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 2 }),
        }),
      },
      { weight: 1, arbitrary: fc.constantFrom('break' as const, 'recto' as const) },
    ),
    { maxLength: 100 },
  );
  it('a page end that would leave the last block’s note to run onto a page of its own costs that page (a box’s two blocks parted instead: fast-check seed 544490466)', () => {
    const box = (pad: number) => ({ key: 'f', pad, closes: false });
    const items: FlowItem<string>[] = [b('a', 14), b('b', 2, { spaceBefore: 5, inset: box(0) }), b('c', 51, { spaceBefore: 7, keepTogether: true, inset: box(8), notes: [Array.from({ length: 6 }, (_, j) => b(`n${j}`, 5))] })];
    const pages = paginate(items, 100, 4);
    expect(names(pages)).toEqual(['a b', 'c']);
    expect(pages[1].foot.map((x) => x.block.payload)).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5']);
  });

  it('nothing lost, no page overflows, never more pages than greedy filling, every page holds something', () => {
    const header = b('H', 8);
    fc.assert(
      fc.property(arbFlow, fc.boolean(), (spec, tailRule) => {
        const items: FlowItem<string>[] = spec.map((s, i) =>
          s === 'break' || s === 'recto'
            ? { kind: 'break', recto: s === 'recto' }
            : b(String(i), s.height, { ...s, group: s.group && { key: s.group, repeat: [header] }, notes: s.notes.map((n, k) => Array.from({ length: n }, (_, j) => b(`${i}-${k}.${j}`, 5))) }),
        );
        const blocks = items.filter((i): i is FlowBlock<string> => i.kind === 'block');
        const pages = paginate(items, 100, 4, tailRule ? { minBlocks: 3 } : undefined);
        expect(pages.flatMap((p) => p.placed.filter((x) => !x.repeated).map((x) => x.block.payload))).toEqual(blocks.map((x) => x.payload));
        expectFeetInOrder(pages, blocks);
        pages.forEach((p, n) => {
          // (a blank verso before a recto chapter is the only empty page)
          if (!p.placed.length && !p.foot.length) expect(items.some((i) => i.kind === 'break' && i.recto) && n % 2 === 1).toBe(true);
          const last = p.placed[p.placed.length - 1];
          const footTop = p.foot.length ? p.foot[0].y - 4 : 100;
          // a single block taller than the room its own notes leave is the only overflow allowed (it must go somewhere)
          if (p.placed.filter((x) => !x.repeated).length > 1) expect(last.y + last.block.height).toBeLessThanOrEqual(footTop + 1e-6);
        });
        expect(pages.length).toBeLessThanOrEqual(greedyPageCount(items, 100, 4));
      }),
      { numRuns: 400 },
    );
  });
});

/**
 * Every note line of `blocks` once at the pages' feet, in flow order through the pages (TeX's
 * rule: the rest of a note split at a page's foot comes first on the next, then the notes
 * deferred after it, then that page's own).
 */
function expectFeetInOrder(pages: ReturnType<typeof paginate<string>>, blocks: FlowBlock<string>[]): void {
  const order = blocks.flatMap((x) => x.notes!.flat().map((l) => l.payload));
  expect(pages.flatMap((p) => p.foot.map((x) => x.block.payload))).toEqual(order);
}

/** Pages greedy filling takes (each page as full as the keeps allow), counted with fillPage alone. */
function greedyPageCount(items: FlowItem<string>[], pageHeight: number, separator: number): number {
  const flow = flowOf(items, pageHeight, separator);
  let at: Cursor<string> = START;
  let count = 0;
  while (at.at < items.length || at.carried.length) {
    const item = items[at.at];
    if (item?.kind === 'break') {
      if (item.recto && count % 2 === 1) count++;
      at = { at: at.at + 1, carried: at.carried, overlong: false };
      continue;
    }
    const filled = fillPage(flow, at);
    count++;
    at = filled.next;
  }
  return count;
}
