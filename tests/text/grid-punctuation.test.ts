/**
 * GB punctuation on a character grid (GB/T 9704 with `punctuation: gb`), with the fake font:
 * 10 pt characters in 10 pt cells. Glyph positions, not only line texts: two marks in a row take
 * a cell each (three marks keep their compression, two cells), so every Han character stays on
 * its cell; a pair at a line end closes up into the last cell; a line-end mark hangs by its ink
 * half only.
 */
import { describe, expect, it } from 'vitest';
import { parseInlineMarkup } from '../helpers/inline-runs.js';
import { setParagraph } from '../../src/text/paragraph.js';
import type { Line } from '../../src/text/justify.js';
import { fakeStyle } from '../helpers/fake-font.js';

const cell = 10;
const set = (text: string, widthEm = 10) => setParagraph(parseInlineMarkup(text), { ...fakeStyle(widthEm, 0, 'gb'), cell }).lines;
/** Where each atom stands on a line, in cells: a Han character's cell, a mark's glyph box. */
const glyphCells = (l: Line) => l.atoms.map((a, k) => ({ text: a.text, at: (a.kind === 'han' ? l.xs[k] - a.shift : l.xs[k]) / cell }));
/**
 * The distance (cells) from a word's glyph to a closing mark's after it, and from an opening
 * mark's glyph to the word's after it: glyph box to glyph box, as the fake font's marks have
 * their ink at the box's edge on that side.
 */
function gapsBesideWords(l: Line): number[] {
  const word = (t: string) => /[\p{Script=Han}A-Za-z0-9—]/u.test(t);
  const advance = (k: number) => l.atoms[k].glyphs.reduce((w, g) => w + g.advance, 0);
  const gaps: number[] = [];
  for (let k = 0; k + 1 < l.atoms.length; k++) {
    const [a, b] = [l.atoms[k].text, l.atoms[k + 1].text];
    if ((word(a) && /[，。、”）]/u.test(b)) || (/[“（]/u.test(a) && word(b))) gaps.push(Math.round(((l.xs[k + 1] - l.xs[k] - advance(k)) / cell) * 1e6) / 1e6);
  }
  return gaps;
}
const hanCells = (l: Line) => glyphCells(l).filter((g) => /\p{Script=Han}/u.test(g.text)).map((g) => g.at);

describe('GB punctuation on a grid', () => {
  it('keeps every Han character after a compressed pair on its cell', () => {
    for (const text of ['一二”“三四五六七', '一二。”三四五六七', '一二）。”三四五六', '一二“三”四五六七']) {
      const [line] = set(text);
      for (const at of hanCells(line)) expect(Math.abs(at - Math.round(at)), `${text}: ${hanCells(line)}`).toBeLessThan(1e-6);
    }
  });

  it('gives each of two marks in a row a cell of its own, its ink where the mark has it (no hole beside the pair)', () => {
    // closing + pause, closing + closing, pause + closing, opening + opening, closing + opening, pause + opening
    for (const pair of ['），', '”，', '）。', '。”', '”）', '（“', '”“', '，“', '）（', '。《']) {
      const [line] = set(`一二${pair}三四五六`);
      // each mark's glyph box is its cell (the fake font's ink at the box's side: 0.1–0.4 or 0.6–0.9)
      expect(glyphCells(line).slice(1, 5).map((g) => g.at), pair).toEqual([1, 2, 3, 4]);
      // so no blank between inks is wider than the two marks' own halves (a cell between ” and “,
      // half a cell after each of ），)
      const inks = line.atoms.slice(2, 4).map((a, k) => (/[“（《]/u.test(a.text) ? [0.6, 0.9] : [0.1, 0.4]).map((e) => line.xs[k + 2] / cell + e));
      const blankAfter = 4 - inks[1][1];
      const blankBefore = inks[0][0] - 2;
      expect(Math.max(blankAfter, blankBefore), pair).toBeLessThan(0.65);
    }
  });

  it('gives a closing and an opening mark a cell each, the blank between their inks', () => {
    const [line] = set('一二”“三四五六七');
    const [close, open] = glyphCells(line).filter((g) => g.text === '”' || g.text === '“');
    // ” at the left of its cell (ink 0.1–0.4), “ at the right of its (ink 0.6–0.9): their own cells
    expect([close.at, open.at]).toEqual([2, 3]);
  });

  it('keeps every mark of a run against its word: a closing mark the one before, an opening mark the one after', () => {
    for (const text of ['一二”“三四五六七', '一二。”三四五六七', '一二（“三四五六七', '一——“三四五六七', '一二”——三四五六', '一二”）。“三四五六']) {
      const [line] = set(text);
      expect(gapsBesideWords(line), text).toEqual(gapsBesideWords(line).map(() => 0));
    }
  });

  it('never squeezes a mark inside a line (the line gives a character up instead)', () => {
    const [first] = set('一二，三四，五六七八九十一二三四五');
    expect(first.atoms.map((a) => a.text).join('')).toBe('一二，三四，五六七八');
    for (const at of hanCells(first)) expect(at).toBeCloseTo(Math.round(at), 6);
  });

  it('hangs a line-end comma by half a cell: its set width past the measure is its ink half', () => {
    const [first] = set('一二三四五六七八九十，一二三');
    const comma = first.atoms.length - 1;
    expect(first.atoms[comma].text).toBe('，');
    expect(first.xs[comma] - first.atoms[comma].shift).toBeCloseTo(10 * cell, 6);
    expect(first.used).toBeCloseTo(10 * cell, 6);
    // the comma's ink (0.1–0.4 em of the fake font) lies within half a cell past the measure
    expect(first.xs[comma] + 0.4 * 10).toBeLessThanOrEqual(10.5 * cell + 1e-6);
  });

  it('takes one cell for a closing pair at a line end (flush, nothing hangs)', () => {
    for (const pair of ['。”', '），', '”）']) {
      const [first] = set(`一二三四五六七八九${pair}十一二`);
      expect(first.atoms.map((a) => a.text).join('')).toBe(`一二三四五六七八九${pair}`);
      expect(first.lastResortWidth).toBe(0);
      expect(first.used).toBeCloseTo(10 * cell, 6);
      // the two marks share the last cell, compressed as GB/T 15834 sets a line end
      expect(glyphCells(first).slice(-2).map((g) => g.at), pair).toEqual([9, 9.5]);
    }
  });

  it('sets a pair in the last two cells of a line a cell each (it fits: nothing trimmed)', () => {
    const [first] = set('一二三四五六七八），九十一二');
    expect(first.atoms.map((a) => a.text).join('')).toBe('一二三四五六七八），');
    expect(glyphCells(first).slice(-2).map((g) => g.at)).toEqual([8, 9]);
    expect(first.used).toBeCloseTo(10 * cell, 6);
  });
});

describe('Latin on a grid', () => {
  it('keeps a typed word space narrow (Raspberry Pi): the part of a cell a Latin run leaves is spread over the line', () => {
    const text = '生均校舍面积逐年增加，实训设备采用 Raspberry Pi 主板，校园年排放比上年下降许多，这是质量提升年的核心工作之一，各校都已完成 Open Source 平台。';
    let spaces = 0;
    for (const width of [14, 16, 18, 20, 24, 28]) {
      for (const line of set(text, width).slice(0, -1)) {
        for (let k = 1; k + 1 < line.atoms.length; k++) {
          const [a, space, b] = [line.atoms[k - 1], line.atoms[k], line.atoms[k + 1]];
          if (space.kind !== 'space' || a.kind !== 'latin' || b.kind !== 'latin') continue;
          // from the end of the word before to the start of the word after: ⅓ em, widened by a tenth of a cell at most
          const gap = line.xs[k + 1] - b.shift - (line.xs[k - 1] - a.shift + a.width);
          expect(gap, `width ${width}: "${a.text} ${b.text}"`).toBeLessThan(10 / 3 + cell / 10);
          spaces++;
        }
      }
    }
    expect(spaces).toBeGreaterThan(3);
  });
  it('sets a number whole, its gaps fixed (12.5 m², 3 850): no space inside it takes any of the spread', () => {
    const text = '生均校舍面积 12.5 m^2^，实训设备总值 3 850 万元，校园年排放比上年下降许多，这是质量提升年的核心工作之一，各校都已完成。';
    for (const width of [14, 16, 18, 20, 24, 28]) {
      const atoms = set(text, width).flatMap((l) => l.atoms);
      expect(atoms.filter((a) => /\d/.test(a.text)).map((a) => a.text)).toEqual(['12.5 m', '2', '3 850']);
    }
  });
});
