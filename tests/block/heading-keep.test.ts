/**
 * A heading keeps with the first lines of text after it, not only with the paragraph after it:
 * a one-line paragraph under a heading (a text's author, 〔宋〕周敦颐, under its title) never
 * ends a page with the heading above it and the text on the next. After fillers of every length
 * (one chapter each, so some heading falls at a page end), the line under each heading stands on
 * the page of the first line of the paragraph after it.
 */
import { describe, expect, it } from 'vitest';
import { layoutAfterFillers, pagesOfText } from '../helpers/fillers.js';

describe('a heading followed by a one-line paragraph', () => {
  it('never ends a page with that line, the text after it on the next', () => {
    const fillers = Array.from({ length: 16 }, (_, i) => 16 + i);
    const pages = layoutAfterFillers('标题', fillers, (c) => [`      - heading: 小标题${c}`, `      - 〔宋〕作者${c}`, `      - 正文${c}甲${'水陆草木之花，可爱者甚蕃。'.repeat(12)}`]);
    const authors = pagesOfText(pages, /作者(\d+)/);
    const texts = pagesOfText(pages, /^正文(\d+)甲/);
    expect(authors.size).toBe(fillers.length);
    const alone = [...authors].filter(([c, on]) => [...on][0] !== [...texts.get(c)!][0]).map(([c]) => `作者${c}`);
    expect(alone).toEqual([]);
  });
});
