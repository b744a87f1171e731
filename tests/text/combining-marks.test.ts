/**
 * A combining mark stands over (or under) its base, in the font of its base: `x̄` (the mean), with
 * the real fonts, whose Latin letters have no mark attachment for it in Noto Serif SC.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaceSet, glyphInkBox } from '../../src/font/face.js';
import { loadFontRegistry } from '../../src/font/registry.js';
import { atomize } from '../../src/text/atoms.js';
import { foldWhitespace } from '../../src/text/inline.js';
import { parseInlineMarkup } from '../helpers/inline-runs.js';
import { FaceTextFont } from '../../src/text/text-font.js';

const root = path.resolve(import.meta.dirname, '../..');
const faces = new FaceSet(loadFontRegistry([{ file: path.join(root, 'fonts/fonts.yaml') }]));
const fonts = Object.fromEntries(['serif', 'sans', 'mono'].map((role) => [role, new FaceTextFont(faces.keyOf(role), (k) => faces.byKey(k))]));

/** The middle of a glyph's ink, em from the pen's start, and its bottom and top. */
function ink(role: string, id: number, at: number): { mid: number; bottom: number; top: number } {
  const face = faces.byKey(faces.keyOf(role));
  const box = glyphInkBox(face, id)!;
  return { mid: at + (box.minX + box.maxX) / 2 / face.unitsPerEm, bottom: box.minY / face.unitsPerEm, top: box.maxY / face.unitsPerEm };
}

describe('a combining mark', () => {
  it.each(['serif', 'sans', 'mono'])('stands centred over its base letter (%s): x̄, X̄, ȳ', (role) => {
    for (const word of ['x\u0304', 'X\u0304', 'y\u0304']) {
      const glyphs = fonts[role].shape(word);
      // (a font with the composed letter sets it: JetBrains Mono's ȳ)
      if (glyphs.length === 1 && glyphs[0].id !== 0) {
        expect(glyphs[0].codePoints).toEqual([word.normalize('NFC').codePointAt(0)]);
        continue;
      }
      const [base, mark] = glyphs;
      expect(mark.codePoints, word).toEqual([0x304]);
      const b = ink(role, base.id, 0);
      const m = ink(role, mark.id, base.advance + (mark.dx ?? 0));
      expect(Math.abs(m.mid - b.mid), `${role} ${word}: mark's middle from the base's`).toBeLessThan(0.03);
      expect(m.bottom + (mark.dy ?? 0), `${role} ${word}: mark above the base`).toBeGreaterThan(b.top);
    }
  });

  it('is set in its base font, in the same atom, after a Han character too', () => {
    const style = { regular: [fonts.serif, fonts.sans], bold: [fonts.serif, fonts.sans], size: 12, punctuation: 'gb' as const };
    const { atoms } = atomize(foldWhitespace(parseInlineMarkup('其中 x\u0304 为平均数，数\u0304')), style);
    expect(atoms.map((a) => a.text)).toEqual(['其', '中', 'x\u0304', '为', '平', '均', '数', '，', '数\u0304']);
    const word = atoms[2];
    expect(word.glyphs.length).toBe(2);
    expect(word.glyphs[1].dx ?? 0).toBeLessThan(-0.2 * 12);
  });
});
