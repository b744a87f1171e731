/**
 * Short boxes stand whole on one page: a case box of four lines, after fillers of every length
 * (one chapter each, so some box falls across a page end), never splits.
 */
import { describe, expect, it } from 'vitest';
import { layoutAfterFillers, pagesOfText } from '../helpers/fillers.js';

describe('short boxes', () => {
  it('are never split across pages (≤ 5 lines inside the padding)', () => {
    const fillers = Array.from({ length: 12 }, (_, i) => 20 + i);
    // a case box: a title and three one-line paragraphs
    const pages = layoutAfterFillers('盒子', fillers, (c) => ['      - case:', `          title: 盒${c}标题`, '          body:', ...[0, 1, 2].map((k) => `            - 盒${c}第${k}行。`)]);
    const pagesOf = pagesOfText(pages, /^盒(\d+)第/);
    expect(pagesOf.size).toBe(fillers.length);
    const split = [...pagesOf].filter(([, on]) => on.size > 1).map(([c]) => `盒${c}`);
    expect(split).toEqual([]);
  });
});
