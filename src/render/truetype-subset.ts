/**
 * A TrueType font program holding only the glyphs a document uses, for embedding as a PDF
 * FontFile2 (CIDFontType2 with CIDToGIDMap /Identity: a glyph's new id is its CID). Glyph
 * outlines are copied byte for byte, composite glyphs with their component ids renumbered;
 * the tables a PDF reader needs (head, hhea, maxp, loca, glyf, hmtx and the hinting tables cvt,
 * fpgm, prep) are written, nothing else. Reads only the tables and glyphs it copies.
 *
 * Offsets and lengths in bytes.
 */
import { DamagedFont, type SfntFile } from '../font/sfnt-file.js';
import { assemble } from '../font/sfnt-writer.js';

/** Composite glyph flags (OpenType `glyf`). */
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** The hinting tables, copied as they are (glyph instructions refer to them). */
const HINTING = ['cvt ', 'fpgm', 'prep'];

/**
 * The glyphs of a subset, in new-id order. Glyph 0 (.notdef) is always first; a composite's
 * components are added when the subset is written.
 */
export class TrueTypeSubset {
  /** Old glyph id of each new id. */
  readonly glyphs: number[] = [0];
  private readonly newId = new Map<number, number>([[0, 0]]);

  constructor(private readonly file: SfntFile) {}

  /** The new id (= CID) of old glyph `id`, adding it on first use. */
  include(id: number): number {
    let n = this.newId.get(id);
    if (n === undefined) {
      n = this.glyphs.length;
      this.glyphs.push(id);
      this.newId.set(id, n);
    }
    return n;
  }

  /** True when the file is a TrueType-outline font this class can subset. */
  static canSubset(file: SfntFile): boolean {
    return ['glyf', 'loca', 'head', 'hhea', 'hmtx', 'maxp'].every((t) => file.tables.has(t));
  }

  /** The font program (an sfnt file) of the glyphs included so far and their components. */
  encode(): Buffer {
    const { file } = this;
    file.readGlyphs(this.glyphs);
    // the components of composite glyphs join the subset first (which may add composites)
    const outlines: Buffer[] = [];
    for (let i = 0; i < this.glyphs.length; i++) {
      const g = this.outline(this.glyphs[i]);
      this.includeComponents(g);
      outlines.push(g);
    }
    // glyf and loca: each glyph copied, 4-byte aligned, its components renumbered
    const n = this.glyphs.length;
    const loca = Buffer.alloc(4 * (n + 1));
    let size = 0;
    for (let i = 0; i < n; i++) loca.writeUInt32BE((size += (outlines[i].length + 3) & ~3), 4 * (i + 1));
    const glyf = Buffer.alloc(size);
    for (let i = 0; i < n; i++) {
      const at = loca.readUInt32BE(4 * i);
      glyf.set(outlines[i], at);
      this.renumberComponents(glyf, at, outlines[i].length);
    }
    const tables = new Map<string, Buffer>();
    const head = Buffer.from(this.table('head'));
    head.writeUInt32BE(0, 8); // checkSumAdjustment, set below
    head.writeInt16BE(1, 50); // indexToLocFormat: long offsets
    tables.set('head', head);
    const hhea = Buffer.from(this.table('hhea'));
    hhea.writeUInt16BE(n, 34); // numberOfHMetrics
    tables.set('hhea', hhea);
    const maxp = Buffer.from(this.table('maxp'));
    maxp.writeUInt16BE(n, 4); // numGlyphs
    tables.set('maxp', maxp);
    tables.set('loca', loca);
    tables.set('glyf', glyf);
    tables.set('hmtx', this.metrics());
    for (const t of HINTING) if (file.tables.has(t)) tables.set(t, this.table(t));
    return assemble(tables);
  }

  /** The raw bytes of a table of the source font. */
  private table(tag: string): Buffer {
    return this.file.table(tag)!;
  }

  /** The outline bytes of old glyph `id` (empty for a glyph without outline). */
  private outline(id: number): Buffer {
    const outline = this.file.outline(id);
    if (!outline) throw new DamagedFont(`it has no glyph ${id}, which a glyph or its layout names`);
    return outline;
  }

  /** Adds the components of a composite glyph (outline bytes `glyph`) to the subset. */
  private includeComponents(glyph: Buffer): void {
    forEachComponent(glyph, 0, glyph.length, (at) => void this.include(glyph.readUInt16BE(at)));
  }

  /** Renumbers the component glyph ids of the composite glyph at `start` of `glyf` in place. */
  private renumberComponents(glyf: Buffer, start: number, length: number): void {
    forEachComponent(glyf, start, length, (at) => glyf.writeUInt16BE(this.newId.get(glyf.readUInt16BE(at))!, at));
  }

  /** hmtx with a full (advance, left side bearing) pair per new glyph. */
  private metrics(): Buffer {
    const hmtx = this.table('hmtx');
    const longMetrics = this.table('hhea').readUInt16BE(34);
    const out = Buffer.alloc(4 * this.glyphs.length);
    this.glyphs.forEach((id, i) => {
      const advance = hmtx.readUInt16BE(4 * Math.min(id, longMetrics - 1));
      const lsb = id < longMetrics ? hmtx.readInt16BE(4 * id + 2) : hmtx.readInt16BE(4 * longMetrics + 2 * (id - longMetrics));
      out.writeUInt16BE(advance, 4 * i);
      out.writeInt16BE(lsb, 4 * i + 2);
    });
    return out;
  }
}

/**
 * Calls `component` with the offset of each component glyph id of the composite glyph at
 * `start` (of `length` bytes) of `data`; nothing for a simple or empty glyph.
 */
function forEachComponent(data: Buffer, start: number, length: number, component: (at: number) => void): void {
  if (length < 10 || data.readInt16BE(start) >= 0) return; // numberOfContours ≥ 0: simple glyph
  let at = start + 10;
  for (;;) {
    const flags = data.readUInt16BE(at);
    component(at + 2);
    at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) at += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
    if (!(flags & MORE_COMPONENTS)) return;
  }
}
