/**
 * A book title (《义务教育课程方案》) parts at a line's end only where keeping it whole costs more:
 * in justified text only where the lines around would otherwise be loose (the breaker charges
 * for a break inside it, as for a number and its unit); in ragged text (a table cell) wherever it
 * fits whole in no more lines (`学习|《义务教育课程方案》`, not `学习《义务教育课程|方案》`). A
 * title wider than the measure still breaks.
 */
import { describe, expect, it } from 'vitest';
import { parseInlineMarkup } from '../helpers/inline-runs.js';
import { setParagraph } from '../../src/text/paragraph.js';
import { fakeStyle } from '../helpers/fake-font.js';
import type { Line } from '../../src/text/justify.js';

const lineTexts = (lines: Line[]) => lines.map((l) => l.atoms.map((a) => a.text).join(''));
/** The breaks of `lines` that fall inside a 《…》 (the text before each, its last characters). */
const insideTitles = (lines: Line[]) => {
  const texts = lineTexts(lines);
  let depth = 0;
  const inside: string[] = [];
  texts.forEach((t, i) => {
    for (const ch of t) depth += ch === '《' ? 1 : ch === '》' ? -1 : 0;
    if (depth > 0 && i + 1 < texts.length) inside.push(`${t.slice(-4)}|${texts[i + 1].slice(0, 2)}`);
  });
  return inside;
};

const CELL = '学习《义务教育课程方案》';
const TEXT =
  '学校组织教师认真学习《义务教育课程方案》，深入领会课程改革的基本原则与主要变化，结合学科教学开展研讨，形成学习心得。' +
  '学生作品《桃夭灼华》荣获上海玉龙奖最佳工艺奖，学校联合华山艺术馆举办《一画一器一作》展览，数字工作室对松阳非遗进行数字化交互再创作，' +
  '实现非遗技艺的现代转化与传播，并在《静安教育》上交流经验，形成了文化为魂、创新为翼的产教协同模式。';

describe('a book title', () => {
  it('in a ragged cell it fits whole, goes whole to the next line rather than break inside', () => {
    for (const width of [9.5, 10]) {
      const { lines } = setParagraph(parseInlineMarkup(CELL), { ...fakeStyle(width), align: 'left' });
      expect(lineTexts(lines), `${width} em`).toEqual(['学习', '《义务教育课程方案》']);
    }
  });
  it('wider than the measure still breaks, each line within it', () => {
    const style = { ...fakeStyle(6), align: 'left' as const };
    const { lines } = setParagraph(parseInlineMarkup(CELL), style);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(l.natural).toBeLessThanOrEqual(style.width + 1e-6);
  });
  it('in justified text, breaks inside only where the lines around would otherwise be loose', () => {
    const inside: string[] = [];
    for (let width = 14; width <= 34; width++) inside.push(...insideTitles(setParagraph(parseInlineMarkup(TEXT), fakeStyle(width)).lines).map((b) => `${width} em: ${b}`));
    // free to break inside, the breaker did 21 times at these 21 measures; charged, 14 (its titles
    // are long: most lines hold or touch one, and keeping them whole would space out lines)
    expect(inside.length, inside.join(', ')).toBeLessThanOrEqual(14);
  });
});
