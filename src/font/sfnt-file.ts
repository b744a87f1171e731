/**
 * A TrueType/OpenType file (or collection) read on demand. A CJK font is 10–20 MB, nearly all
 * of it outlines, and a report uses a thousand of its 65,000 glyphs: reading the whole file
 * cost more than laying out the report. The file's bytes live in one zero-filled buffer of the
 * file's size (untouched pages cost no memory); the table directories are read at open, a table
 * on its first use, and an outline (`glyf`) one glyph at a time.
 *
 * Offsets and lengths in bytes from the start of the file.
 */
import { closeSync, readSync } from 'node:fs';
import { openRegularFile } from '../input-file.js';

/** Where a table lies in the file. */
export interface TableRange {
  offset: number;
  length: number;
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
/** Largest font file opened, bytes (a CJK font is 10–20 MB; a collection of several, a few times that). */
export const MAX_FONT_BYTES = 64 * 1024 * 1024;

export class SfntFile {
  /** The file's bytes: zero where not read yet. */
  readonly buffer: Buffer;
  /** Table directory of the first font in the file, by tag. */
  readonly tables = new Map<string, TableRange>();
  /** Start offsets of ranges already read, with their ends. */
  private readonly read = new Map<number, number>();
  /** Glyphs whose outlines are read. */
  private readonly glyphsRead = new Set<number>();
  private fd: number;

  private constructor(
    readonly path: string,
    fd: number,
    size: number,
  ) {
    this.fd = fd;
    this.buffer = Buffer.alloc(size);
  }

  /**
   * Opens `path` when it is a plain TrueType/OpenType font or a collection; null for other
   * formats (WOFF, WOFF2, dfont), which are read whole by the caller. Only a regular file of at
   * most `MAX_FONT_BYTES` is opened (`RefusedFile` otherwise: a FIFO is not waited on). Throws
   * on I/O errors.
   */
  static open(path: string): SfntFile | null {
    const { fd, size } = openRegularFile(path, MAX_FONT_BYTES);
    const file = new SfntFile(path, fd, size);
    try {
      if (!file.readDirectories()) {
        file.close();
        return null;
      }
      return file;
    } catch (e) {
      file.close();
      throw e;
    }
  }

  /** Makes bytes [offset, offset + length) of the file present in `buffer`. */
  ensure(offset: number, length: number): void {
    const end = Math.min(offset + length, this.buffer.length);
    if ((this.read.get(offset) ?? -1) >= end) return;
    let at = offset;
    while (at < end) {
      const n = readSync(this.fd, this.buffer, at, end - at, at);
      if (n === 0) throw new Error(`${this.path}: file ends at byte ${at}, expected ${end}`);
      at += n;
    }
    this.read.set(offset, end);
  }

  /** Makes a whole table present (no-op for a tag the font lacks). */
  ensureTable(tag: string): void {
    const t = this.tables.get(tag);
    if (t) this.ensure(t.offset, t.length);
  }

  /**
   * Where glyph `id`'s outline lies in the file (`glyf` fonts only): [start, end); start = end
   * for a glyph without outline. Null for a font without `glyf` or an id out of range.
   */
  glyphRange(id: number): [number, number] | null {
    const glyf = this.tables.get('glyf');
    const loca = this.tables.get('loca');
    const head = this.tables.get('head');
    if (!glyf || !loca || !head) return null;
    this.ensure(head.offset, head.length);
    this.ensure(loca.offset, loca.length);
    const long = this.buffer.readInt16BE(head.offset + 50) === 1; // indexToLocFormat
    const entry = long ? 4 : 2;
    if ((id + 2) * entry > loca.length) return null;
    const at = (i: number) => (long ? this.buffer.readUInt32BE(loca.offset + i * 4) : this.buffer.readUInt16BE(loca.offset + i * 2) * 2);
    return [glyf.offset + at(id), glyf.offset + at(id + 1)];
  }

  /**
   * Reads the outlines of glyphs `ids` not read yet, with one read for outlines that lie close
   * together. Also the 10 bytes of a glyph header where an empty glyph starts: fontkit reads a
   * header there for the bounding box even when the glyph is empty, and must see what it would
   * see in the whole file.
   */
  ensureGlyphs(ids: Iterable<number>): void {
    const ranges: [number, number][] = [];
    for (const id of ids) {
      if (this.glyphsRead.has(id)) continue;
      this.glyphsRead.add(id);
      const range = this.glyphRange(id);
      if (range) ranges.push([range[0], Math.max(range[1], range[0] + 10)]);
    }
    ranges.sort((a, b) => a[0] - b[0]);
    for (let i = 0; i < ranges.length; ) {
      let [start, end] = ranges[i++];
      while (i < ranges.length && ranges[i][0] - end <= MERGE_GAP) end = Math.max(end, ranges[i++][1]);
      this.ensure(start, end - start);
    }
  }

  /** Closes the file; later reads fail. */
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  /** Reads the header and the table directory (of the first font of a collection). */
  private readDirectories(): boolean {
    this.ensure(0, 12);
    const tag = this.buffer.readUInt32BE(0);
    if (tag === COLLECTION) {
      const fonts = this.buffer.readUInt32BE(8);
      this.ensure(12, 4 * fonts);
      for (let i = 0; i < fonts; i++) this.readDirectory(this.buffer.readUInt32BE(12 + 4 * i), i === 0);
      return true;
    }
    if (tag !== TRUETYPE && tag !== OPENTYPE_CFF && tag !== APPLE_TRUE) return false;
    this.readDirectory(0, true);
    return true;
  }

  private readDirectory(at: number, keep: boolean): void {
    this.ensure(at, 12);
    const count = this.buffer.readUInt16BE(at + 4);
    this.ensure(at + 12, 16 * count);
    if (!keep) return;
    for (let i = 0; i < count; i++) {
      const rec = at + 12 + 16 * i;
      const tag = this.buffer.toString('latin1', rec, rec + 4);
      this.tables.set(tag, { offset: this.buffer.readUInt32BE(rec + 8), length: this.buffer.readUInt32BE(rec + 12) });
    }
  }
}
