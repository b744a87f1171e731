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

describe('an article followed by its 项 (a list)', () => {
  it('is never the last line of a page, its first 项 on the next, whatever its text ends in (not only a colon): 项 of two lines, so the list may break', () => {
    const fillers = Array.from({ length: 24 }, (_, i) => 20 + i);
    const pages = layoutAfterFillers('办法', fillers, (c) => [
      `      - article: 条文${c}所称职业学校，包括本区下列学校${['。', '', '，', '（10 月 8 日起）'][c % 4]}`,
      '      - list:',
      '          style: （一）',
      '          items:',
      ...['甲', '乙', '丙'].map((k) => `            - 项文${c}${k}，学校应当建立健全内部管理制度，完善治理结构，规范办学行为，提高管理水平和办学质量；`),
    ]);
    const last = (on: Set<number> | undefined) => Math.max(...(on ?? []));
    const articles = pagesOfText(pages, /^\s*条文(\d+)/u);
    const items = pagesOfText(pages, /^项文(\d+)甲/);
    expect(articles.size).toBe(fillers.length);
    const alone = [...articles].filter(([c, on]) => last(on) !== Math.min(...(items.get(c) ?? []))).map(([c]) => `条文${c}`);
    expect(alone).toEqual([]);
  });
});
