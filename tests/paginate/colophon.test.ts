/**
 * A matter's colophon (a 公文's 版记, GB/T 9704 7.4.1, 7.5) at the foot of its last page, an even
 * one: where it goes after the pages of the text.
 */
import { describe, expect, it } from 'vitest';
import type { FlowBlock, PaginatedPage } from '../../src/paginate/item.js';
import { paginate } from '../../src/paginate/paginate.js';
import { withColophon } from '../../src/page/colophon.js';

const b = (name: string, height: number): FlowBlock<string> => ({ kind: 'block', height, spaceBefore: 0, keepWithNext: false, payload: name });
const lines = (n: number) => Array.from({ length: n }, (_, i) => b(`t${i + 1}`, 10));
const record = [b('rule', 0), b('cc', 10), b('printed', 10), b('rule', 0)];
const show = (pages: PaginatedPage<string>[]) => pages.map((p) => `${p.unnumbered ? '*' : ''}${p.placed.map((x) => `${x.block.payload}@${x.y}`).join(' ')}`);

describe('the colophon at the foot of the last even page', () => {
  it('on the last page when it is even and has room: its last block ending at the foot', () => {
    expect(show(withColophon(paginate(lines(15), 100), record, 100)).at(-1)).toBe('t11@0 t12@10 t13@20 t14@30 t15@40 rule@80 cc@80 printed@90 rule@100');
  });

  it('after an odd last page: on the next page, alone, numbered', () => {
    expect(show(withColophon(paginate(lines(5), 100), record, 100))).toEqual(['t1@0 t2@10 t3@20 t4@30 t5@40', 'rule@80 cc@80 printed@90 rule@100']);
  });

  it('after an even last page without room: a blank page, then the colophon, neither numbered', () => {
    expect(show(withColophon(paginate(lines(19), 100), record, 100)).slice(1)).toEqual(['t11@0 t12@10 t13@20 t14@30 t15@40 t16@50 t17@60 t18@70 t19@80', '', '*rule@80 cc@80 printed@90 rule@100']);
  });

  it('taller than a page: from the top of pages of its own, nothing past the foot', () => {
    const tall = Array.from({ length: 12 }, (_, i) => b(`cc${i + 1}`, 10));
    const pages = withColophon(paginate(lines(5), 100), tall, 100);
    expect(pages).toHaveLength(3);
    for (const p of pages) for (const x of p.placed) expect(x.y + x.block.height).toBeLessThanOrEqual(100);
  });
});
