/**
 * The cmap and advances read straight from the file (glyph-metrics.ts) must be fontkit's: the
 * same glyph for every character, the same advance for every glyph. Checked against fontkit
 * opening the whole file by itself, for a CJK font (cmap format 12) and a Latin one (format 4).
 */
import path from 'node:path';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { GlyphMetrics } from '../../src/font/glyph-metrics.js';
import { SfntFile } from '../../src/font/sfnt-file.js';

const FONTS = {
  'Noto Sans SC (format 12)': 'node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  'Liberation Sans (format 4)': 'node_modules/pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf',
};

/** Every code point of the BMP and of the first supplementary ideographic plane. */
const CODE_POINTS = [...Array.from({ length: 0x10000 }, (_, i) => i), ...Array.from({ length: 0x10000 }, (_, i) => 0x20000 + i)];

describe('glyph metrics read from the file', () => {
  for (const [name, file] of Object.entries(FONTS)) {
    it(`give fontkit's glyphs and advances: ${name}`, () => {
      const sfnt = SfntFile.open(path.resolve(file))!;
      const metrics = GlyphMetrics.of(sfnt)!;
      expect(metrics).not.toBeNull();
      const font = fontkit.openSync(path.resolve(file)) as Font & { _cmapProcessor: { lookup(cp: number): number }; hmtx: { metrics: { length: number; get(i: number): { advance: number } } } };
      const ours = CODE_POINTS.map((cp) => metrics.glyphOf(cp));
      const theirs = CODE_POINTS.map((cp) => font._cmapProcessor.lookup(cp));
      expect(ours).toEqual(theirs);
      expect(ours.filter((g) => g !== 0).length).toBeGreaterThan(200); // the font maps characters at all
      const { metrics: hmtx } = font.hmtx;
      const last = hmtx.get(hmtx.length - 1).advance;
      for (let id = 0; id < font.numGlyphs; id++) {
        const advance = id < hmtx.length ? hmtx.get(id).advance : last;
        if (metrics.advanceOf(id) !== advance) expect({ id, advance: metrics.advanceOf(id) }).toEqual({ id, advance });
      }
      sfnt.close();
    });
  }
});
