/**
 * A TrueType font program holding only the glyphs a document uses, for embedding as a PDF
 * FontFile2 (CIDFontType2 with CIDToGIDMap /Identity: a glyph's new id is its CID). Glyph
 * outlines are copied byte for byte, composite glyphs with their component ids renumbered;
 * the tables a PDF reader needs (head, hhea, maxp, loca, glyf, hmtx and the hinting tables cvt,
 * fpgm, prep) are written, nothing else. Reads only the tables and glyphs it copies.
 *
 * Offsets and lengths in bytes.
 */
import type { SfntFile } from '../font/sfnt-file.js';

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
    for (const t of ['head', 'hhea', 'maxp', 'hmtx', ...HINTING]) file.ensureTable(t);
    file.ensureGlyphs(this.glyphs);
    // glyf and loca: each glyph copied, 4-byte aligned; components renumbered (which may add glyphs)
    const outlines: Buffer[] = [];
    const loca: number[] = [0];
    let size = 0;
    for (let i = 0; i < this.glyphs.length; i++) {
      const g = this.outline(this.glyphs[i]);
      const padded = Buffer.alloc((g.length + 3) & ~3);
      g.copy(padded);
      this.renumberComponents(padded, g.length);
      outlines.push(padded);
      size += padded.length;
      loca.push(size);
    }
    const n = this.glyphs.length;
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
    const locaTable = Buffer.alloc(4 * (n + 1));
    loca.forEach((o, i) => locaTable.writeUInt32BE(o, 4 * i));
    tables.set('loca', locaTable);
    tables.set('glyf', Buffer.concat(outlines, size));
    tables.set('hmtx', this.metrics());
    for (const t of HINTING) if (file.tables.has(t)) tables.set(t, this.table(t));
    return assemble(tables);
  }

  /** The raw bytes of a table of the source font. */
  private table(tag: string): Buffer {
    const t = this.file.tables.get(tag)!;
    this.file.ensure(t.offset, t.length);
    return this.file.buffer.subarray(t.offset, t.offset + t.length);
  }

  /** The outline bytes of old glyph `id` (empty for a glyph without outline). */
  private outline(id: number): Buffer {
    const range = this.file.glyphRange(id);
    if (!range) throw new Error(`${this.file.path}: no glyph ${id}`);
    this.file.ensureGlyphs([id]);
    return this.file.buffer.subarray(range[0], range[1]);
  }

  /** Renumbers the component glyph ids of a composite glyph in place (adding components to the subset). */
  private renumberComponents(glyph: Buffer, length: number): void {
    if (length < 10 || glyph.readInt16BE(0) >= 0) return; // numberOfContours ≥ 0: simple glyph
    let at = 10;
    for (;;) {
      const flags = glyph.readUInt16BE(at);
      const component = glyph.readUInt16BE(at + 2);
      glyph.writeUInt16BE(this.include(component), at + 2);
      at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
      if (flags & WE_HAVE_A_SCALE) at += 2;
      else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
      else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
      if (!(flags & MORE_COMPONENTS)) return;
    }
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

/** An sfnt file of `tables`: directory sorted by tag, tables 4-byte aligned, checksums set. */
export function assemble(tables: Map<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort();
  const count = tags.length;
  const entrySelector = Math.floor(Math.log2(count));
  const searchRange = 16 * 2 ** entrySelector;
  const header = Buffer.alloc(12 + 16 * count);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(count, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(count * 16 - searchRange, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const padded = Buffer.alloc((data.length + 3) & ~3);
    data.copy(padded);
    const rec = 12 + 16 * i;
    header.write(tag, rec, 'latin1');
    header.writeUInt32BE(checksum(padded), rec + 4);
    header.writeUInt32BE(offset, rec + 8);
    header.writeUInt32BE(data.length, rec + 12);
    parts.push(padded);
    offset += padded.length;
  });
  const font = Buffer.concat(parts, offset);
  const headAt = header.readUInt32BE(12 + 16 * tags.indexOf('head') + 8);
  font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headAt + 8);
  return font;
}

/** The OpenType table checksum: the sum of big-endian uint32s, modulo 2³². */
function checksum(data: Buffer): number {
  let sum = 0;
  for (let i = 0; i + 4 <= data.length; i += 4) sum = (sum + data.readUInt32BE(i)) >>> 0;
  return sum;
}
