/**
 * A list number that starts a table cell (`二、`, `二十二、`, `（一）`, `3.`) is the label of what
 * follows it, not a phrase of its own: a body cell that breaks first after the marks that end a
 * phrase (paragraph.ts, `between: 'spaces'`) never leaves the label alone on its first line
 * (helper-99's 决算 report, 收入支出决算总表: `二、|政府性基金预算财政拨款收入`).
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
