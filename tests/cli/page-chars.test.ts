/**
 * A page's texts split into the characters diff compares (commands/page-chars.ts): the white
 * space before each as printed, and the table cells and columns set apart, tagged (by their
 * element) or not (by the gap between them), so that no word runs across them.
 */
import { describe, expect, it } from 'vitest';
import { pageChars, type PlacedText } from '../../src/commands/page-chars.js';

/** A text of size 10.5 pt on the line of baseline `baseline`, from `x` to `x + w` (pt). */
function text(str: string, x: number, w: number, baseline = 100, part?: object): PlacedText {
  return { text: str, box: { x, y: baseline - 9, w, h: 11.5 }, baseline, size: 10.5, artifact: false, note: false, part };
}

/** Each character with the space before it and `|` where it is set apart. */
function marked(texts: PlacedText[]): string {
  return pageChars(texts)
    .map((c) => (c.apart ? '|' : '') + c.spaceBefore + c.char)
    .join('');
}

describe('pageChars', () => {
  it('sets the columns of an untagged table row apart by the gaps between them, not the spaces of a number', () => {
    // pdf.js: the cells' texts, the gaps between them (whitespace items, left out) wider than any space
    const row = [text('浦东第二中学', 82.5, 63), text('9 327', 293.7, 26), text('3.69', 419.7, 21), text('7', 507, 5.8)];
    expect(marked(row)).toBe('浦东第二中学| 9 327| 3.69| 7');
  });

  it('sets each cell of a tagged table apart, touching or not, and a page that starts in a cell', () => {
    const [a, b, c] = [{}, {}, {}];
    expect(marked([text('327', 10, 16, 100, a), text('3.69', 26, 21, 100, b), text('7', 47, 6, 100, c)])).toBe('|327|3.69|7');
    // a cell's text on two lines is one cell
    expect(marked([text('生均仪器', 10, 42, 100, a), text('设备值', 10, 31.5, 113, a)])).toBe('|生均仪器设备值');
  });

  it('keeps the space characters as printed, and a line end between Latin words as one', () => {
    expect(marked([text('合计 1\u2009234\u2009567 元', 10, 80)])).toBe('合计 1\u2009234\u2009567 元');
    expect(marked([text('the end of a', 10, 60), text('line', 10, 20, 113), text('中文的行', 10, 42, 126), text('接着', 10, 21, 139)])).toBe('the end of a\nline中文的行接着');
  });

  it('does not set apart what a space of the flow parts: a Han–Latin gap, a word space', () => {
    // 0.25 em between 料 and 2, as a separate text of pdf.js
    expect(marked([text('共查阅资料', 10, 52.5), text('2 360', 65.1, 26)])).toBe('共查阅资料2 360');
  });
});
