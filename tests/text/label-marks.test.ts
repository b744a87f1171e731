/**
 * A list number that starts a table cell (`二、`, `二十二、`, `（一）`, `3.`) is the label of what
 * follows it, not a phrase of its own: a body cell that breaks first after the marks that end a
 * phrase (paragraph.ts, `between: 'spaces'`) never leaves the label alone on its first line
 * (helper-99's 决算 report, 收入支出决算总表: `二、|政府性基金预算财政拨款收入`); nor is its mark
 * squeezed to fit a line, so the labels of a column stand alike and the words after them align.
 */
import { describe, expect, it } from 'vitest';
import { setParagraph } from '../../src/text/paragraph.js';
import { parseInlineMarkup } from '../helpers/inline-runs.js';
import { fakeStyle } from '../helpers/fake-font.js';
import { lineTexts } from './line-text.js';

/** The lines of `text` set `widthEm` wide, as a table's body cell breaks them. */
const cell = (text: string, widthEm: number) => lineTexts(setParagraph(parseInlineMarkup(text), { ...fakeStyle(widthEm, 0), align: 'left', between: 'spaces' }).lines);

describe('a list number at the start of a cell', () => {
  it('stays on the line of the words it numbers', () => {
    for (const label of ['二、', '二十二、', '（一）', '3、']) {
      const lines = cell(`${label}政府性基金预算财政拨款收入`, 13);
      expect(lines.length).toBe(2);
      expect(lines[0].length).toBeGreaterThan(label.length);
    }
  });
  it('leaves the marks that end a phrase later in the cell where a cell breaks first', () => {
    expect(cell('二、基本支出，项目支出', 7)).toEqual(['二、基本支出，', '项目支出']);
  });
});

describe('the mark of a list number', () => {
  /** Where the words after the label start on the first line of `text` set `widthEm` wide (`between` as given), em. */
  const wordsAt = (text: string, label: string, widthEm: number, between?: 'spaces' | 'words') => {
    const [first] = setParagraph(parseInlineMarkup(text), { ...fakeStyle(widthEm, 0), align: 'left', between }).lines;
    return first.xs[[...label].length] / 10;
  };
  it('keeps its whole em, never squeezed to fit a line: the words after the labels of a column align', () => {
    // (15 ems in a cell 14.6 wide: the 、 squeezed to ½ em set it on one line, its words ½ em left of those of 二、)
    // (a line's opening bracket stands ½ em out at its start, as in a wide cell: （三） is 2½ ems)
    for (const between of ['spaces', 'words', undefined] as const) {
      expect(wordsAt('一、一般公共预算财政拨款收入', '一、', 14.6, between)).toBe(2);
      expect(wordsAt('二、政府性基金预算财政拨款收入', '二、', 14.6, between)).toBe(2);
      expect(wordsAt('（三）国有资本经营预算财政拨款收入', '（三）', 14.6, between)).toBe(wordsAt('（三）国有资本经营预算财政拨款收入', '（三）', 30, between));
    }
  });
  it('is squeezed no more than other text: a line that fits as written is set as written', () => {
    expect(wordsAt('一、一般公共预算财政拨款收入', '一、', 15, 'spaces')).toBe(2);
  });
});
