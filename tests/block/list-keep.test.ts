/**
 * A list item that heads a nested list keeps with it as a heading keeps with what follows: after
 * fillers of every length (one chapter each, so some item falls at a page end), the item's text
 * never ends a page with its first sub-item on the next.
 */
import { describe, expect, it } from 'vitest';
import { layoutAfterFillers, pagesOfText } from '../helpers/fillers.js';

describe('a list item heading a nested list', () => {
  it('is never the last line of a page, its sub-items on the next', () => {
    const fillers = Array.from({ length: 16 }, (_, i) => 16 + i);
    // a list whose second item heads a nested list
    const pages = layoutAfterFillers('列表', fillers, (c) => [
      '      - list:',
      '          style: 一、',
      '          items:',
      `            - 首项${c}。`,
      `            - text: 领项${c}（10 月 8 日—10 月 24 日）`,
      '              list:',
      '                style: （一）',
      `                items: [子项${c}甲。, 子项${c}乙。]`,
      `            - 末项${c}。`,
    ]);
    const last = (on: Set<number> | undefined) => Math.max(...(on ?? []));
    const heads = pagesOfText(pages, /^领项(\d+)/);
    const subs = pagesOfText(pages, /^子项(\d+)甲/);
    expect(heads.size).toBe(fillers.length);
    const alone = [...heads].filter(([c, on]) => last(subs.get(c)) !== last(on)).map(([c]) => `领项${c}`);
    expect(alone).toEqual([]);
  });
});
