/**
 * A TrueType/OpenType file (or collection) read on demand. A CJK font is 10–20 MB, nearly all
 * of it outlines, and a report uses a thousand of its 65,000 glyphs: reading the whole file
 * cost more than laying out the report, and even an empty buffer of the file's size counts as
 * memory to the garbage collector (which then collects more often). So nothing of the file's
 * size is allocated: the table directories are read at open, a table into its own buffer on its
 * first use, and an outline (`glyf`) one glyph at a time. A WOFF or WOFF2 file is the exception:
 * its tables are compressed, so it is unpacked whole into memory at open (woff-unpack.ts) and
 * read from there the same way.
 *
 * Offsets and lengths in bytes from the start of the file.
 */
import { closeSync, readSync } from 'node:fs';
import { openRegularFile } from '../input-file.js';
import { isWoff, unpackWoff } from './woff-unpack.js';

/** Where a table lies in the file. */
export interface TableRange {
  offset: number;
  length: number;
}

/** Bytes of the file read at one place: [offset, offset + bytes.length). */
export interface FilePiece {
  offset: number;
  bytes: Buffer;
}

const TRUETYPE = 0x00010000;
const OPENTYPE_CFF = 0x4f54544f; // 'OTTO'
const APPLE_TRUE = 0x74727565; // 'true'
const COLLECTION = 0x74746366; // 'ttcf'
/**
 * Outlines at most this far apart are read in one go, bytes: a read costs about as much as
 * copying this many bytes into fresh memory (measured: 17 µs a read, 3 ms a MiB).
 */
const MERGE_GAP = 4096;
/** Bytes of a glyph header (numberOfContours and the bounding box). */
const GLYPH_HEADER = 10;
/** Largest font file opened, bytes (a CJK font is 10–20 MB; a collection of several, a few times that). */
export const MAX_FONT_BYTES = 64 * 1024 * 1024;
/** The tables every face is measured and drawn with, besides its outlines (`glyf` with `loca`, or CFF) and its characters' glyphs (`cmap`: see face.ts). */
const NEEDED_TABLES = ['head', 'hhea', 'hmtx', 'maxp'];
/** `head`'s magic number (at byte 12). */
const HEAD_MAGIC = 0x5f0f3cf5;

/**
 * A font file whose bytes are not what its tables say (cut short, overwritten): the message
 * says what is wrong, in words that follow "the font file is damaged: ".
 */
export class DamagedFont extends Error {}

/**
 * The number of fonts in the file at `path`: a collection's (`ttcf`) count, else 1. Reads 12
 * bytes; throws on I/O errors.
 */
export function facesInFile(path: string): number {
  const { fd } = openRegularFile(path, MAX_FONT_BYTES);
  try {
    const header = Buffer.alloc(12);
    const n = readSync(fd, header, 0, 12, 0);
    return n === 12 && header.readUInt32BE(0) === COLLECTION ? header.readUInt32BE(8) : 1;
  } finally {
    closeSync(fd);
  }
}

export class SfntFile {
  /** Table directory of the font read (a collection's face `index`), by tag. */
  readonly tables = new Map<string, TableRange>();
  /** The header and table directories as read at open (a collection's: each font's). */
  readonly directories: FilePiece[] = [];
  /** The fonts in the file: a collection's count, else 1. */
  faceCount = 1;
  /** The glyphs of the font read (`maxp`): ids 0 to `glyphCount - 1`. */
  glyphCount = 0;
  /** Bytes read from the file so far (directories, tables, outlines). */
  bytesRead = 0;
  /** Tables read, by tag. */
  private readonly tableBytes = new Map<string, Buffer>();
  /**
   * Outlines read, by glyph: from the glyph's start to its end, or to its start plus a glyph
   * header where that is further (an empty glyph's header is the next glyph's; fontkit reads it).
   */
  private readonly glyphBytes = new Map<number, FilePiece>();
  private fd: number;

  private constructor(
    readonly path: string,
    fd: number,
    /** The file's size, bytes (of the file a WOFF packs, for one). */
    readonly size: number,
    /** Which font of a collection is read (0 for a file of one font). */
    readonly index: number,
    /** The file a WOFF or WOFF2 packs, unpacked (then nothing is read from `fd`). */
    private readonly unpacked?: Buffer,
  ) {
    this.fd = fd;
  }

  /**
   * Opens `path` when it is a TrueType/OpenType font or a collection, or a WOFF or WOFF2 font
   * (unpacked whole into memory: see woff-unpack.ts); null for other formats (dfont), which are
   * read whole by the caller. `index`: the font of a
   * collection to read (0, the first, for a file of one font). Only a regular file of at most
   * `MAX_FONT_BYTES` is opened (`RefusedFile` otherwise: a FIFO is not waited on). Checked at
   * open, from its directory and its smallest tables (`head`, `hhea`, `maxp`): every table lies
   * inside the file, and those every face needs are there and long enough (`DamagedFont`
   * otherwise). Throws on I/O errors and for an `index` the file does not have. `damaged`: what
   * to throw for an error met reading the file later (default: the error itself).
   */
  static open(path: string, index = 0): SfntFile | null {
    const { fd, size } = openRegularFile(path, MAX_FONT_BYTES);
    let file = new SfntFile(path, fd, size, index);
    try {
      if (isWoff(file.read(0, 4))) {
        const unpacked = unpackWoff(file.read(0, size), MAX_FONT_BYTES);
        file.close();
        file = new SfntFile(path, -1, unpacked.length, index, unpacked);
      }
      if (!file.readDirectories()) {
        if (file.unpacked) throw new DamagedFont('it packs no TrueType or OpenType font');
        file.close();
        return null;
      }
      file.checkTables();
      return file;
    } catch (e) {
      file.close();
      throw e;
    }
  }

  /** Bytes [offset, offset + length) of the file (to its end where that is sooner), in a buffer of their own. */
  read(offset: number, length: number): Buffer {
    const end = Math.min(offset + length, this.size);
    if (this.unpacked) {
      this.bytesRead += Math.max(end - offset, 0);
      return Buffer.from(this.unpacked.subarray(offset, Math.max(end, offset)));
    }
    const bytes = Buffer.allocUnsafe(Math.max(end - offset, 0));
    for (let at = 0; at < bytes.length; ) {
      const n = readSync(this.fd, bytes, at, bytes.length - at, offset + at);
      if (n === 0) throw new DamagedFont(`the file ends at byte ${offset + at}, before byte ${end} (it changed while read?)`);
      at += n;
    }
    this.bytesRead += bytes.length;
    return bytes;
  }

  /** The bytes of a table, read on first use; undefined for a tag the font lacks. */
  table(tag: string): Buffer | undefined {
    let bytes = this.tableBytes.get(tag);
    if (!bytes) {
      const t = this.tables.get(tag);
      if (!t) return undefined;
      this.tableBytes.set(tag, (bytes = this.read(t.offset, t.length)));
    }
    return bytes;
  }

  /**
   * Where glyph `id`'s outline lies in the file (`glyf` fonts only): [start, end); start = end
   * for a glyph without outline. Null for a font without `glyf` or an id out of range.
   * `DamagedFont` for an outline that `loca` puts outside `glyf`.
   */
  glyphRange(id: number): [number, number] | null {
    const glyf = this.tables.get('glyf');
    const loca = this.table('loca');
    const head = this.table('head');
    if (!glyf || !loca || !head || id >= this.glyphCount) return null;
    const long = head.readInt16BE(50) === 1; // indexToLocFormat
    const at = (i: number) => (long ? loca.readUInt32BE(i * 4) : loca.readUInt16BE(i * 2) * 2);
    const [start, end] = [at(id), at(id + 1)];
    if (start > end || end > glyf.length) throw new DamagedFont(`its glyph ${id} lies outside its table "glyf"`);
    return [glyf.offset + start, glyf.offset + end];
  }

  /** The outline bytes of glyph `id` (empty for a glyph without one); null where `glyphRange` is. */
  outline(id: number): Buffer | null {
    const range = this.glyphRange(id);
    if (!range) return null;
    this.readGlyphs([id]);
    return this.glyphBytes.get(id)!.bytes.subarray(0, range[1] - range[0]);
  }

  /** The bytes read for glyph `id`'s outline with its header (see `glyphBytes`); null where `glyphRange` is. */
  outlinePiece(id: number): FilePiece | null {
    if (!this.glyphRange(id)) return null;
    this.readGlyphs([id]);
    return this.glyphBytes.get(id)!;
  }

  /** Reads the outlines of glyphs `ids` not read yet, with one read for outlines that lie close together. */
  readGlyphs(ids: Iterable<number>): void {
    const wanted: { id: number; start: number; end: number }[] = [];
    for (const id of ids) {
      if (this.glyphBytes.has(id)) continue;
      const range = this.glyphRange(id);
      if (range) wanted.push({ id, start: range[0], end: Math.max(range[1], range[0] + GLYPH_HEADER) });
    }
    wanted.sort((a, b) => a.start - b.start);
    for (let i = 0; i < wanted.length; ) {
      const first = i;
      let end = wanted[i++].end;
      while (i < wanted.length && wanted[i].start - end <= MERGE_GAP) end = Math.max(end, wanted[i++].end);
      const start = wanted[first].start;
      const bytes = this.read(start, end - start);
      for (let g = first; g < i; g++) {
        const { id, start: s, end: e } = wanted[g];
        this.glyphBytes.set(id, { offset: s, bytes: bytes.subarray(s - start, e - start) });
      }
    }
  }

  /** Closes the file; later reads fail. */
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  /** Reads the header and the table directories (of every font of a collection: fontkit is given them all), keeping face `index`'s; false for a file of another format. */
  private readDirectories(): boolean {
    const header = this.read(0, 12);
    const tag = header.length >= 4 ? header.readUInt32BE(0) : undefined;
    if (tag !== COLLECTION && tag !== TRUETYPE && tag !== OPENTYPE_CFF && tag !== APPLE_TRUE) return false;
    if (header.length < 12) throw new DamagedFont(`the file ends at byte ${header.length}, inside its header`);
    this.directories.push({ offset: 0, bytes: header });
    if (tag === COLLECTION) {
      const fonts = (this.faceCount = header.readUInt32BE(8));
      if (this.index >= fonts) throw new Error(`the collection has ${fonts} faces (0 to ${fonts - 1}), not a face ${this.index}`);
      const offsets = this.readPiece(12, 4 * fonts);
      for (let i = 0; i < fonts; i++) this.readDirectory(offsets.readUInt32BE(4 * i), i === this.index);
      return true;
    }
    if (this.index !== 0) throw new Error(`the file holds one font, not a collection: only face 0`);
    this.readDirectory(0, true);
    return true;
  }

  private readDirectory(at: number, keep: boolean): void {
    const header = at === 0 ? this.directories[0].bytes : this.readPiece(at, 12);
    const count = header.readUInt16BE(4);
    const records = this.readPiece(at + 12, 16 * count);
    if (!keep) return;
    for (let i = 0; i < count; i++) {
      const rec = 16 * i;
      const tag = records.toString('latin1', rec, rec + 4);
      this.tables.set(tag, { offset: records.readUInt32BE(rec + 8), length: records.readUInt32BE(rec + 12) });
    }
  }

  /**
   * Throws `DamagedFont` unless every table of the face lies inside the file, and the tables
   * every face needs are there (`NEEDED_TABLES` and outlines) and hold what is read of them
   * without looking further: the header's magic number, sizes and `loca` format; a glyph count;
   * an advance; a `loca` entry for each glyph. Sets `glyphCount`.
   */
  private checkTables(): void {
    for (const [tag, { offset, length }] of [...this.tables].sort(([, a], [, b]) => a.offset - b.offset))
      if (offset + length > this.size) {
        const name = /^[\x20-\x7e]{4}$/.test(tag) ? `"${tag}"` : `0x${Buffer.from(tag, 'latin1').toString('hex')}`; // a tag overwritten: its bytes
        throw new DamagedFont(`its table ${name} (bytes ${offset} to ${offset + length}) runs past the end of the file (${this.size} bytes)`);
      }
    const missing = NEEDED_TABLES.find((tag) => !this.tables.has(tag));
    if (missing) throw new DamagedFont(`it has no table "${missing}"`);
    const glyf = this.tables.has('glyf');
    if (!(glyf && this.tables.has('loca')) && !this.tables.has('CFF ') && !this.tables.has('CFF2')) throw new DamagedFont('it has no outlines (tables "glyf" and "loca", or "CFF ")');
    const head = this.table('head')!;
    const unitsPerEm = head.length >= 54 ? head.readUInt16BE(18) : 0;
    if (head.length < 54 || head.readUInt32BE(12) !== HEAD_MAGIC || unitsPerEm < 16 || unitsPerEm > 16384 || head.readUInt16BE(50) > 1) throw new DamagedFont('its table "head" is not a font header');
    const maxp = this.table('maxp')!;
    this.glyphCount = maxp.length >= 6 ? maxp.readUInt16BE(4) : 0;
    if (this.glyphCount === 0) throw new DamagedFont('its table "maxp" gives no glyph count');
    const hhea = this.table('hhea')!;
    const longMetrics = hhea.length >= 36 ? hhea.readUInt16BE(34) : 0;
    if (longMetrics === 0) throw new DamagedFont('its table "hhea" counts no advances');
    if (this.tables.get('hmtx')!.length < 4 * longMetrics) throw new DamagedFont(`its table "hmtx" is too short for the ${longMetrics} advances "hhea" counts`);
    const locaEntry = head.readUInt16BE(50) === 1 ? 4 : 2;
    if (glyf && this.tables.get('loca')!.length < locaEntry * (this.glyphCount + 1)) throw new DamagedFont(`its table "loca" is too short for its ${this.glyphCount} glyphs`);
  }

  /** Reads bytes of the directories, kept in `directories`. */
  private readPiece(offset: number, length: number): Buffer {
    const bytes = this.read(offset, length);
    if (bytes.length < length) throw new DamagedFont(`the file ends at byte ${offset + bytes.length}, inside its table directory`);
    this.directories.push({ offset, bytes });
    return bytes;
  }
}
