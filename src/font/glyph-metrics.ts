/**
 * Character → glyph (`cmap`) and glyph → advance (`hmtx`) read straight from a font file's
 * bytes. Setting a report asks these two questions some 20,000 times; through fontkit each
 * answer made a glyph object and decoded table entries one by one, which cost more than the
 * line breaking. The answers are fontkit's: the same subtable is chosen (its order of
 * preference) and looked up the same way, for the formats CJK fonts use (4 and 12); a font with
 * another, or a variable font, is left to fontkit.
 *
 * Advances in font units; offsets in bytes from the start of the table.
 */
import { DamagedFont, type SfntFile } from './sfnt-file.js';
import { codePointName } from '../code-point-name.js';

/** fontkit's preference among Unicode cmap subtables: (platform, encoding). */
const PREFERRED_SUBTABLES: [number, number][] = [
  [3, 10],
  [0, 6],
  [0, 4],
  [3, 1],
  [0, 3],
  [0, 2],
  [0, 1],
  [0, 0],
];

/** What is wrong with a cmap whose subtable records, or the subtable used, run past its end. */
const CMAP_PAST_END = 'its table "cmap" runs past its end';

export class GlyphMetrics {
  private constructor(
    private readonly cmap: Buffer,
    /** Where the chosen cmap subtable starts, and its format (4 or 12). */
    private readonly cmapAt: number,
    private readonly format: 4 | 12,
    private readonly hmtx: Buffer,
    /** How many full (advance, bearing) entries `hmtx` has. */
    private readonly longMetrics: number,
    /** The font's glyphs (`maxp`): a glyph the cmap gives past them is damage. */
    private readonly glyphCount: number,
  ) {}

  /**
   * The metrics of a font file (checked at open: see `SfntFile.open`), or null when fontkit must
   * answer (see above). `DamagedFont` for a cmap whose subtable does not fit in it.
   */
  static of(file: SfntFile): GlyphMetrics | null {
    const { tables } = file;
    if (!tables.has('cmap') || !tables.has('hhea') || !tables.has('hmtx') || tables.has('fvar')) return null;
    const cmap = file.table('cmap')!;
    const subtable = chooseSubtable(cmap);
    if (subtable === undefined) return null;
    if (subtable + 4 > cmap.length) throw new DamagedFont(CMAP_PAST_END);
    const format = cmap.readUInt16BE(subtable);
    if (format !== 4 && format !== 12) return null;
    // the subtable's header (format 12's 16 bytes, format 4's 14 and more), its end (format 4:
    // its length; 12: after its groups) and format 4's four arrays of segments, inside the cmap
    if (subtable + 16 > cmap.length) throw new DamagedFont(CMAP_PAST_END);
    const end = format === 4 ? subtable + cmap.readUInt16BE(subtable + 2) : subtable + 16 + 12 * cmap.readUInt32BE(subtable + 12);
    if (end > cmap.length || (format === 4 && 16 + 4 * cmap.readUInt16BE(subtable + 6) > end - subtable)) throw new DamagedFont(CMAP_PAST_END);
    return new GlyphMetrics(cmap, subtable, format, file.table('hmtx')!, file.table('hhea')!.readUInt16BE(34), file.glyphCount);
  }

  /** The glyph of a code point; 0 (.notdef) when the font lacks it. `DamagedFont` for a glyph past the font's last. */
  glyphOf(codePoint: number): number {
    const glyph = this.format === 4 ? this.format4(codePoint) : this.format12(codePoint);
    if (glyph >= this.glyphCount) {
      const character = codePointName(codePoint);
      throw new DamagedFont(`its cmap gives ${character} glyph ${glyph}, past its last glyph (${this.glyphCount - 1})`);
    }
    return glyph;
  }

  /** The advance width of a glyph, font units (the last full entry's past the end of them). */
  advanceOf(glyph: number): number {
    return this.hmtx.readUInt16BE(4 * Math.min(glyph, this.longMetrics - 1));
  }

  /** Segment mapping to delta values (BMP). */
  private format4(cp: number): number {
    const b = this.cmap;
    const at = this.cmapAt;
    const segCount = b.readUInt16BE(at + 6) / 2;
    const ends = at + 14;
    const starts = ends + 2 * segCount + 2; // after the reserved pad
    const deltas = starts + 2 * segCount;
    const rangeOffsets = deltas + 2 * segCount;
    let min = 0;
    let max = segCount - 1;
    while (min <= max) {
      const mid = (min + max) >> 1;
      if (cp < b.readUInt16BE(starts + 2 * mid)) max = mid - 1;
      else if (cp > b.readUInt16BE(ends + 2 * mid)) min = mid + 1;
      else {
        const delta = b.readInt16BE(deltas + 2 * mid);
        const rangeOffset = b.readUInt16BE(rangeOffsets + 2 * mid);
        if (rangeOffset === 0) return (cp + delta) & 0xffff;
        // the offset counts from its own place in idRangeOffset[], as fontkit reads it
        const index = rangeOffset / 2 + (cp - b.readUInt16BE(starts + 2 * mid)) - (segCount - mid);
        const glyphIndexArray = rangeOffsets + 2 * segCount;
        const entry = glyphIndexArray + 2 * index;
        const gid = index >= 0 && entry + 2 <= at + b.readUInt16BE(at + 2) ? b.readUInt16BE(entry) : 0;
        return gid === 0 ? 0 : (gid + delta) & 0xffff;
      }
    }
    return 0;
  }

  /** Segmented coverage (all planes). */
  private format12(cp: number): number {
    const b = this.cmap;
    const groups = this.cmapAt + 16;
    let min = 0;
    let max = b.readUInt32BE(this.cmapAt + 12) - 1;
    while (min <= max) {
      const mid = (min + max) >> 1;
      const g = groups + 12 * mid;
      if (cp < b.readUInt32BE(g)) max = mid - 1;
      else if (cp > b.readUInt32BE(g + 4)) min = mid + 1;
      else return b.readUInt32BE(g + 8) + (cp - b.readUInt32BE(g));
    }
    return 0;
  }
}

/** The offset of the subtable fontkit would use, or undefined when the cmap has none of them. */
function chooseSubtable(b: Buffer): number | undefined {
  const count = b.length >= 4 ? b.readUInt16BE(2) : 0;
  if (4 + 8 * count > b.length) throw new DamagedFont(CMAP_PAST_END);
  for (const [platform, encoding] of PREFERRED_SUBTABLES) {
    for (let i = 0; i < count; i++) {
      const rec = 4 + 8 * i;
      if (b.readUInt16BE(rec) === platform && b.readUInt16BE(rec + 2) === encoding) return b.readUInt32BE(rec + 4);
    }
  }
  return undefined;
}
