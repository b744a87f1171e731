/**
 * GB punctuation on a character grid (GB/T 9704 with `punctuation: gb`), with the fake font:
 * 10 pt characters in 10 pt cells. Glyph positions, not only line texts: compression closes
 * adjacent marks up, yet every Han character stays on its cell; a line-end mark hangs by its
 * ink half only.
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
const hanCells = (l: Line) => glyphCells(l).filter((g) => /\p{Script=Han}/u.test(g.text)).map((g) => g.at);

describe('GB punctuation on a grid', () => {
  it('keeps every Han character after a compressed pair on its cell', () => {
    for (const text of ['一二”“三四五六七', '一二。”三四五六七', '一二）。”三四五六', '一二“三”四五六七']) {
      const [line] = set(text);
      for (const at of hanCells(line)) expect(Math.abs(at - Math.round(at)), `${text}: ${hanCells(line)}`).toBeLessThan(1e-6);
    }
  });

  it('closes up two adjacent marks: their glyphs half a cell nearer than two full cells', () => {
    const [line] = set('一二。”三四五六七');
    const [stop, quote] = glyphCells(line).filter((g) => g.text === '。' || g.text === '”');
    expect(quote.at - stop.at).toBeCloseTo(0.5, 6);
    const [l2] = set('一二”“三四五六七');
    const [close, open] = glyphCells(l2).filter((g) => g.text === '”' || g.text === '“');
    // ” ink left, “ ink right: 1.5 cells from the first's left edge to the second's right edge
    expect(open.at + 1 - close.at).toBeCloseTo(1.5, 6);
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
    const [first] = set('一二三四五六七八九。”十一二');
    expect(first.atoms.map((a) => a.text).join('')).toBe('一二三四五六七八九。”');
    expect(first.lastResortWidth).toBe(0);
    expect(first.used).toBeCloseTo(10 * cell, 6);
  });
});
