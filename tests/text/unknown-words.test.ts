/**
 * ICU's dictionary does not know every word of a report: it gives `缴费` as `缴|费`, two words of
 * one character. A text broken between words (a table's cell, a header, a title) breaks where a
 * word of two characters or more begins or ends, not between two such characters where it has
 * room to (helper-99's 决算 report, 表3: `基本养老保险缴|费支出`).
 */
import { describe, expect, it } from 'vitest';
import { setParagraph } from '../../src/text/paragraph.js';
import { parseInlineMarkup } from '../helpers/inline-runs.js';
import { fakeStyle } from '../helpers/fake-font.js';
import { lineTexts } from './line-text.js';

/** The lines of `text` set `widthEm` wide, broken between words (`between` as given). */
const lines = (text: string, widthEm: number, between: 'spaces' | 'words') => lineTexts(setParagraph(parseInlineMarkup(text), { ...fakeStyle(widthEm, 0), align: 'left', between }).lines);

describe('two characters the dictionary gives apart', () => {
  it('are not parted where a line may end at a word of several', () => {
    for (const between of ['spaces', 'words'] as const) {
      expect(lines('机关事业单位职业年金缴费支出', 11, between)).toEqual(['机关事业单位职业年金', '缴费支出']);
      expect(lines('机关事业单位基本养老保险缴费支出', 13, between)).toEqual(['机关事业单位基本养老保险', '缴费支出']);
    }
  });
  it('are parted after a function word, a word of its own (的, 与, 及 …)', () => {
    expect(lines('立德树人品牌化引领与沉浸式体验的双路径实践', 16, 'words')).toEqual(['立德树人品牌化引领与沉浸式体验的', '双路径实践']);
  });
  it('are parted where the text has no other place to break in its lines', () => {
    expect(lines('组团式帮扶', 3, 'words')).toEqual(['组团式', '帮扶']);
  });
});
