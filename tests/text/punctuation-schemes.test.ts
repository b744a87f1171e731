/**
 * Punctuation schemes on atoms set with the shipped font (Noto Serif SC): the Taiwan and Hong
 * Kong schemes centre ，。、；：！？ in their cell and keep every mark full width; `none` keeps
 * every mark full width as Word sets it (不压缩); a language's `locl` forms come through the
 * one-character fast path.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaceSet } from '../../src/font/face.js';
import { loadFontRegistry } from '../../src/font/registry.js';
import { atomize } from '../../src/text/atoms.js';
import { foldWhitespace } from '../../src/text/inline.js';
import type { PunctuationScheme } from '../../src/text/punctuation.js';
import { FaceTextFont } from '../../src/text/text-font.js';
import { parseInlineMarkup } from '../helpers/inline-runs.js';

const root = path.resolve(import.meta.dirname, '../..');
const faces = new FaceSet(loadFontRegistry([{ file: path.join(root, 'fonts/fonts.yaml') }]));
const font = new FaceTextFont(faces.keyOf('serif'), (k) => faces.byKey(k));
const size = 10;
const atoms = (text: string, punctuation: PunctuationScheme) =>
  atomize(foldWhitespace(parseInlineMarkup(text)), { regular: [font], bold: [font], size, punctuation }).atoms;

/** Where a mark's ink is centred in its atom, as a fraction of the atom's width (0.5: in the middle). */
function inkCentre(text: string, punctuation: PunctuationScheme): number {
  const [a] = atoms(text, punctuation);
  const [glyph] = font.shape(text);
  return (a.shift + ((glyph.ink[0] + glyph.ink[1]) / 2) * size) / a.width;
}

describe('punctuation schemes with the shipped font', () => {
  for (const scheme of ['taiwan', 'hongkong'] as const) {
    it(`${scheme}: ，。、；：！？ centred in a full cell, quotes and brackets full width where they stand`, () => {
      for (const mark of '，。、；：！？') {
        expect(inkCentre(mark, scheme), mark).toBeCloseTo(0.5, 6);
        expect(atoms(mark, scheme)[0].width).toBe(size);
      }
      // (the mainland forms of the shipped font sit at the cell's left)
      for (const mark of '，。、；：！？') expect(inkCentre(mark, 'gb'), mark).toBeLessThan(0.35);
      const pair = atoms('”。（', scheme);
      expect(pair.map((a) => [a.width, a.blankLeft, a.blankRight, a.shift === 0 || a.text === '。'])).toEqual([
        [size, 0, 0, true],
        [size, 0, 0, true],
        [size, 0, 0, true],
      ]);
    });
  }

  it('none: every mark a whole em, adjacent marks too, no blank to squeeze or trim (Word: 不压缩)', () => {
    const set = atoms('好。”（乙）、丙：“丁”', 'none');
    for (const a of set) expect([a.text, a.width, a.blankLeft, a.blankRight, a.shift]).toEqual([a.text, size, 0, 0, 0]);
  });

  it("a language's locl forms come through the one-character path, the first language the font has", () => {
    // the shipped font's Simplified Chinese language system puts the full-width form for —
    const [plain] = font.shape('—');
    const [local] = font.shape('—', ['ZHS ']);
    expect(local.id).not.toBe(plain.id);
    expect(local.advance).toBe(1);
    // it has no Taiwan or Hong Kong system: the next language, then the default form
    expect(font.shape('—', ['ZHH ', 'ZHS '])[0].id).toBe(local.id);
    expect(font.shape('—', ['ZHT '])[0].id).toBe(plain.id);
  });
  it('gb: a footnote marker between two marks does not part them (）①。 takes 1.5 em and the marker)', () => {
    const set = atomize([{ text: '清单）', bold: false }, { text: '①', bold: false, script: 'sup', footnote: 1 }, { text: '。', bold: false }], { regular: [font], bold: [font], size, punctuation: 'gb' }).atoms;
    const width = (t: string) => set.find((a) => a.text === t)!.width;
    expect(width('）') + width('。')).toBeCloseTo(1.5 * size, 3);
    // the marker stands against the bracket's ink: what the bracket lost is its right blank
    expect(width('）')).toBeCloseTo(0.5 * size, 1);
  });
});

