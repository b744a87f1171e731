/**
 * What the text stage needs of a font: glyphs and advances for a cluster of text. The real
 * implementation wraps a fontkit face; unit tests use a fake fixed-advance font.
 */
import type { Face } from '../font/face.js';

/** One glyph of shaped text. Lengths in em. */
export interface GlyphInfo {
  /** Glyph id in the font (0 = .notdef: the font lacks the character). */
  id: number;
  /** Advance width, em. */
  advance: number;
  /** The characters this glyph stands for (several for a ligature), for text extraction. */
  codePoints: number[];
  /** Horizontal extent of the ink, em: [left, right]. */
  ink: [number, number];
}

/** A font as the text stage sees it. */
export interface TextFont {
  /** Identifies the face when drawing (the file path of a real font). */
  readonly key: string;
  /** True when the font has a glyph for this code point. */
  has(codePoint: number): boolean;
  /**
   * Glyphs for a cluster: one CJK character, a doubled mark (`——`, `……`, set full width),
   * or a run of Latin text (kerned).
   */
  shape(text: string): GlyphInfo[];
}

/** A fontkit face as a `TextFont`, with shaping cached per text. */
export class FaceTextFont implements TextFont {
  readonly key: string;
  private readonly cache = new Map<string, GlyphInfo[]>();
  private readonly em: number;

  constructor(readonly face: Face) {
    this.key = face.path;
    this.em = face.unitsPerEm;
  }

  has(codePoint: number): boolean {
    return this.face.font.hasGlyphForCodePoint(codePoint);
  }

  shape(text: string): GlyphInfo[] {
    let glyphs = this.cache.get(text);
    if (glyphs) return glyphs;
    const font = this.face.font;
    const single = [...text].length === 1;
    if (single) {
      // one character: the cmap and the advance are all there is to it (no GSUB/GPOS needed)
      const g = font.glyphForCodePoint(text.codePointAt(0)!);
      glyphs = [this.info(g.id, g.advanceWidth, [text.codePointAt(0)!], g.bbox)];
    } else {
      const doubled = text === '——' || text === '……';
      const run = font.layout(text, doubled ? ['fwid'] : undefined);
      glyphs = run.glyphs.map((g, i) => this.info(g.id, run.positions[i].xAdvance, g.codePoints, g.bbox));
    }
    this.cache.set(text, glyphs);
    return glyphs;
  }

  private info(id: number, advance: number, codePoints: number[], bbox: { minX: number; maxX: number }): GlyphInfo {
    const ink: [number, number] = Number.isFinite(bbox.minX) ? [bbox.minX / this.em, bbox.maxX / this.em] : [0, 0];
    return { id, advance: advance / this.em, codePoints, ink };
  }
}
