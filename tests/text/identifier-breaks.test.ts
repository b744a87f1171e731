/**
 * Where a code name or a namespaced name breaks when it must (a narrow table cell on the GB/T
 * grid): after a `.` that follows a subscript (`data.records[].|enrollment.total`, which keeps
 * the longest part whole and the lines even, where `data.|records[].enrollment.total` was the
 * only break), and after the `:` of a namespace or a URN (`ns:|element`, `urn:|isbn:…`), which had
 * none; never inside `://`, `::`, a time or a ratio.
 */
import { describe, expect, it } from 'vitest';
import { parseInlineMarkup } from '../helpers/inline-runs.js';
import { fakeStyle } from '../helpers/fake-font.js';
import { lineTexts } from './line-text.js';
import { setParagraph } from '../../src/text/paragraph.js';
import { atomize } from '../../src/text/atoms.js';

/** The lines of `text` set ragged at `cells` cells of 10 pt (a Latin character 5 pt), on the grid or not. */
function lines(text: string, cells: number, grid = true): string[] {
  return lineTexts(setParagraph(parseInlineMarkup(text), { ...fakeStyle(cells), align: 'left', ...(grid ? { cell: 10 } : {}) }).lines);
}

describe('an identifier that must break', () => {
  for (const grid of [true, false])
    it(`breaks after the \`.\` after a subscript, the lines even (${grid ? 'on the grid' : 'off it'})`, () => {
      for (const text of ['data.records[].enrollment.total', '`data.records[].enrollment.total`']) expect(lines(text, 14, grid), text).toEqual(['data.records[].', 'enrollment.total']);
      expect(lines('`items[0].schoolName`', 6, grid)).toEqual(['items[0].', 'schoolName']);
    });

  it('breaks after the `:` of a namespace or a URN, and after `::`', () => {
    expect(lines('ns:element', 4)).toEqual(['ns:', 'element']);
    expect(lines('urn:isbn:0451450523', 8)).toEqual(['urn:isbn:', '0451450523']);
    expect(lines('`xlink:href`', 4)).toEqual(['xlink:', 'href']);
    expect(lines('`std::vector`', 4)).toEqual(['std::', 'vector']);
  });

  it('never breaks inside `://`, `::`, a time, a ratio, nor after a drive letter (the word cut where it may break, at one character less than its width)', () => {
    const parts = (text: string) => atomize([{ text, bold: false }], fakeStyle(100), 5 * ([...text].length - 1)).atoms.map((a) => a.text);
    for (const text of ['https://example.org/abc', 'T09:30:00Z', '9:00—17:00:00', 'C:\\Users\\report'])
      expect(parts(text).filter((p) => p.length > 1 && /:\/*$/.test(p)), text).toEqual([]);
    expect(parts('Config::loadDefaults')[0]).toBe('Config::');
  });
});
