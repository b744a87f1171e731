/**
 * Latin runs laid out from GSUB/GPOS directly (opentype-layout.ts) must be fontkit's layout:
 * the same glyphs (ligatures included), advances (kerning included) and characters, for every
 * printable ASCII character and pair, the sample report's Latin words, the doubled marks with
 * `fwid`, and random runs, in each default font. Where it cannot be sure it must say so (null).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GlyphMetrics } from '../../src/font/glyph-metrics.js';
import { OpenTypeLayout, type LaidOutGlyph } from '../../src/font/opentype-layout.js';
import { SfntFile } from '../../src/font/sfnt-file.js';

const FONTS = [
  'node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  'node_modules/@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
  'node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  'node_modules/@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
];

const ASCII = Array.from({ length: 94 }, (_, i) => String.fromCharCode(0x21 + i));
const SAMPLE_WORDS = [...new Set(readFileSync('content/jingan-2025.yaml', 'utf8').match(/[!-~—…]{2,}/g))];

function open(file: string) {
  const sfnt = SfntFile.open(path.resolve(file))!;
  const metrics = GlyphMetrics.of(sfnt)!;
  const layout = OpenTypeLayout.of(sfnt, metrics);
  return { sfnt, layout, font: fontkit.openSync(path.resolve(file)) as Font };
}

function fontkitLayout(font: Font, text: string, features: string[]): LaidOutGlyph[] {
  const run = font.layout(text, features.length ? features : undefined);
  return run.glyphs.map((g, i) => ({ id: g.id, advance: run.positions[i].xAdvance, codePoints: g.codePoints }));
}

const featuresOf = (text: string) => (text === '——' || text === '……' ? ['fwid'] : []);

describe('OpenType layout of Latin runs', () => {
  for (const file of FONTS) {
    it(`is fontkit's: ${path.basename(file)}`, () => {
      const { sfnt, layout, font } = open(file);
      expect(layout).not.toBeNull(); // the default fonts are laid out here, not by fontkit
      const texts = [...ASCII, ...ASCII.flatMap((a) => ASCII.map((b) => a + b)), ...SAMPLE_WORDS, '——', '……'];
      let kerned = 0;
      let ligatures = 0;
      for (const text of texts) {
        const ours = layout!.layout(text, featuresOf(text));
        const theirs = fontkitLayout(font, text, featuresOf(text));
        if (JSON.stringify(ours) !== JSON.stringify(theirs)) expect({ text, ours }).toEqual({ text, ours: theirs });
        const plain = [...text].reduce((w, c) => w + font.getGlyph(font.glyphForCodePoint(c.codePointAt(0)!).id).advanceWidth, 0);
        if (theirs.reduce((w, g) => w + g.advance, 0) !== plain) kerned++;
        if (theirs.length < [...text].length) ligatures++;
      }
      // the comparison met kerning and ligatures, not only plain advances
      expect(kerned).toBeGreaterThan(500);
      expect(ligatures).toBeGreaterThan(0);
      fc.assert(
        fc.property(fc.string({ unit: fc.constantFrom(...ASCII, '—', '…'), minLength: 1, maxLength: 12 }), (text) => {
          expect(layout!.layout(text)).toEqual(fontkitLayout(font, text, []));
        }),
        { numRuns: 300 },
      );
      sfnt.close();
    });
  }

  it('leaves to fontkit what it cannot be sure of', () => {
    const { sfnt, layout } = open(FONTS[0]);
    for (const text of ['café', 'ﬁle', 'a b', 'x\u0301', '２０２５']) expect(layout!.layout(text)).toBeNull();
    sfnt.close();
    // a font with a legacy `kern` table (fontkit kerns with it) is not laid out here
    const liberation = open('node_modules/pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf');
    expect(liberation.sfnt.tables.has('kern')).toBe(true);
    expect(liberation.layout).toBeNull();
    liberation.sfnt.close();
  });
});
