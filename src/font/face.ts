/**
 * Font faces opened once per build and shared by measuring (fontkit's tables, cmap and shaping)
 * and drawing (the renderer subsets the same file).
 */
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { InputError } from '../problems.js';
import { readRegularFile } from '../input-file.js';
import type { FontRegistry } from './registry.js';
import { MAX_FONT_BYTES, SfntFile } from './sfnt-file.js';
import { GlyphMetrics } from './glyph-metrics.js';

/** One font file, opened. Metrics in font units; `unitsPerEm` converts them to em. */
export interface Face {
  /** Absolute path of the file; also the key under which the renderer embeds it. */
  path: string;
  font: Font;
  unitsPerEm: number;
  /** The file read on demand; absent for formats read whole (WOFF, WOFF2, dfont). */
  file?: SfntFile;
  /** Its cmap and advances read directly, where they can be (see glyph-metrics.ts). */
  metrics?: GlyphMetrics;
  /** How its glyphs are drawn: TrueType quadratic outlines (`glyf`) or CFF. */
  outlines: 'truetype' | 'cff';
}

/** The glyph of a code point in a face (0: the face lacks it). */
export function glyphOf(face: Face, codePoint: number): number {
  return face.metrics ? face.metrics.glyphOf(codePoint) : face.font.glyphForCodePoint(codePoint).id;
}

/** The advance width of a glyph, font units. */
export function advanceOf(face: Face, glyph: number): number {
  return face.metrics ? face.metrics.advanceOf(glyph) : face.font.getGlyph(glyph).advanceWidth;
}

export type Weight = 'regular' | 'bold';

/** Opens each font file at most once and hands out faces by role and weight. */
export class FaceSet {
  private readonly open = new Map<string, Face>();

  constructor(readonly registry: FontRegistry) {}

  /** The face of a role (`serif`, `宋体`, …) in a weight. Throws `InputError` for an unknown or a broken role. */
  face(role: string, weight: Weight = 'regular'): Face {
    return this.byKey(this.fileOf(role, weight));
  }

  /** The file (face key) of a role in a weight, without opening it. */
  fileOf(role: string, weight: Weight = 'regular'): string {
    const r = this.registry.roles.get(role);
    const broken = this.registry.broken.get(role);
    if (broken) throw new InputError(broken);
    if (!r) {
      throw new InputError([
        {
          pos: { file: this.registry.file, line: 1, col: 1 },
          message: `no font role "${role}" in the font registry (roles: ${[...this.registry.roles.keys()].join(', ')})`,
          severity: 'error',
        },
      ]);
    }
    return weight === 'bold' ? r.bold : r.regular;
  }

  /** The font files opened so far, absolute, sorted (a kept cache's: those of its earlier builds too). */
  get files(): string[] {
    return [...this.open.keys()].sort();
  }

  /** Closes the files of the faces opened (a build that keeps no cache; a worker's next build). */
  close(): void {
    for (const face of this.open.values()) face.file?.close();
    this.open.clear();
  }

  /** The face of a font file (its key), opened on first use. */
  byKey(file: string): Face {
    let face = this.open.get(file);
    if (!face) {
      try {
        face = openFace(file);
      } catch (e) {
        throw new InputError([{ pos: { file, line: 1, col: 1 }, message: `cannot open font: ${(e as Error).message}`, severity: 'error' }]);
      }
      this.open.set(file, face);
    }
    return face;
  }
}

/**
 * The horizontal extent of glyph `id`'s outline, font units; undefined for a glyph without
 * one. Read from the glyph's header where the file is TrueType (fontkit would decode the whole
 * `loca` table for the first glyph it measures).
 */
export function glyphXBounds(face: Face, id: number): { minX: number; maxX: number } | undefined {
  const range = face.file?.glyphRange(id);
  if (!range) {
    const { minX, maxX } = face.font.getGlyph(id).bbox;
    return Number.isFinite(minX) ? { minX, maxX } : undefined;
  }
  if (range[1] - range[0] < 10) return undefined;
  face.file!.ensureGlyphs([id]);
  return { minX: face.file!.buffer.readInt16BE(range[0] + 2), maxX: face.file!.buffer.readInt16BE(range[0] + 6) };
}

/** fontkit's internals used to read tables and glyphs on demand (fontkit 2.0). */
interface FontInternals {
  directory: { tables: Record<string, { offset: number; length: number }> };
  _getTableStream(tag: string): unknown;
  _getBaseGlyph(id: number, codePoints?: number[]): GlyphInternals | null;
}

/** What of a fontkit glyph is replaced to read only what is needed (fontkit 2.0). */
interface GlyphInternals {
  _decode(): unknown;
  _getCBox(internal?: boolean): unknown;
  _getTableMetrics(table: unknown): { advance: number };
  _font: { hmtx: unknown; directory: FontInternals['directory'] };
}

/**
 * Opens a font file. A TrueType/OpenType file or collection is read on demand: fontkit sees a
 * buffer of the file's size in which a table is read when fontkit first asks for it, and a
 * glyph's outline when fontkit first decodes that glyph (never the whole `glyf` table: layout
 * decodes only punctuation, for its ink; the renderer reads the glyphs it embeds). A glyph's
 * advance is read from `hmtx` alone: fontkit would decode the outline for vertical metrics
 * nobody asked for.
 */
function openFace(path: string): Face {
  const file = SfntFile.open(path);
  const opened = fontkit.create(file ? file.buffer : readRegularFile(path, MAX_FONT_BYTES));
  const font = 'fonts' in opened ? (opened.fonts[0] as Font) : opened;
  const metrics = file ? (GlyphMetrics.of(file) ?? undefined) : undefined;
  if (file) {
    const f = font as unknown as FontInternals;
    const tableStream = f._getTableStream.bind(f);
    f._getTableStream = (tag) => {
      const t = f.directory.tables[tag];
      if (t && tag !== 'glyf') file.ensure(t.offset, t.length);
      return tableStream(tag);
    };
    const baseGlyph = f._getBaseGlyph.bind(f);
    const wrapped = new WeakSet<GlyphInternals>();
    const { glyf, fvar } = f.directory.tables;
    f._getBaseGlyph = (id, codePoints) => {
      const g = baseGlyph(id, codePoints);
      if (g && !wrapped.has(g)) {
        wrapped.add(g);
        if (glyf) {
          const decode = g._decode.bind(g);
          const cbox = g._getCBox.bind(g);
          g._decode = () => (file.ensureGlyphs([id]), decode());
          g._getCBox = (internal) => (file.ensureGlyphs([id]), cbox(internal));
        }
        // a variable font's advances depend on its instance: fontkit's own path for those
        if (!fvar) Object.defineProperty(g, 'advanceWidth', { value: metrics ? metrics.advanceOf(id) : g._getTableMetrics(g._font.hmtx).advance });
      }
      return g;
    };
  }
  const { tables } = (font as unknown as FontInternals).directory;
  const outlines = tables['CFF '] || tables.CFF2 ? 'cff' : 'truetype';
  return { path, font, unitsPerEm: font.unitsPerEm, file: file ?? undefined, metrics, outlines };
}
