/**
 * A number and the Chinese character after it (its unit or measure word: `3860.5万元`, `18所`,
 * `2025年`) part at a line's end only when keeping them together would make the lines loose.
 */
import { describe, expect, it } from 'vitest';
import { parseInlineMarkup } from '../helpers/inline-runs.js';
import { setParagraph } from '../../src/text/paragraph.js';
import { fakeStyle } from '../helpers/fake-font.js';

const FIGURES =
  '2025年全区教育经费投入3860.5万元，比上年增长12.6%，其中新建校舍投入1347万元，改扩建学校18所，新增学位4200个，' +
  '引进骨干教师126名，培训教师3.2万人次，完成课题立项57项，覆盖学生2.8万人。';

describe('a number and its unit', () => {
  it('stay on one line at most measures (the breaker charges for parting them)', () => {
    const parted: string[] = [];
    for (let width = 12; width <= 34; width++) {
      const { lines } = setParagraph(parseInlineMarkup(FIGURES), fakeStyle(width));
      for (let i = 0; i + 1 < lines.length; i++) {
        const end = lines[i].atoms.filter((a) => a.kind !== 'space').at(-1)!;
        const next = lines[i + 1].atoms[0];
        if (/\d$/.test(end.text) && next.kind === 'han') parted.push(`${width} em: ${end.text}|${next.text}`);
      }
    }
    // free to part, the breaker did at 14 of these 23 measures; charged, only where the lines
    // around would otherwise be loose
    expect(parted.length, parted.join(', ')).toBeLessThanOrEqual(5);
  });
});
