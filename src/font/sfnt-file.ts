/**
 * A TrueType/OpenType file (or collection) read on demand. A CJK font is 10–20 MB, nearly all
 * of it outlines, and a report uses a thousand of its 65,000 glyphs: reading the whole file
 * cost more than laying out the report. The file's bytes live in one zero-filled buffer of the
 * file's size (untouched pages cost no memory); the table directories are read at open, a table
 * on its first use, and an outline (`glyf`) one glyph at a time.
 *
 * Offsets and lengths in bytes from the start of the file.
 */
import { closeSync, fstatSync, openSync, read, readSync } from 'node:fs';

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

export class SfntFile {
  /** The file's bytes: zero where not read yet. */
  readonly buffer: Buffer;
  /** Table directory of the first font in the file, by tag. */
  readonly tables = new Map<string, TableRange>();
  /** Start offsets of ranges already read, with their ends. */
  private readonly read = new Map<number, number>();
  /** Glyphs whose outlines are read. */
  private readonly glyphsRead = new Set<number>();
  /** Glyphs whose outlines are being read in the background, and those reads. */
  private readonly glyphsComing = new Set<number>();
  private readonly reading = new Set<Promise<void>>();
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
   * formats (WOFF, WOFF2, dfont), which are read whole by the caller. Throws on I/O errors.
   */
  static open(path: string): SfntFile | null {
    const fd = openSync(path, 'r');
    const file = new SfntFile(path, fd, fstatSync(fd).size);
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

  /** Reads the outlines of glyphs `ids` not read yet, with one read for outlines that lie close together. */
  ensureGlyphs(ids: Iterable<number>): void {
    for (const { start, end } of this.outlineRanges(ids, true)) this.ensure(start, end - start);
  }

  /**
   * Starts reading the outlines of glyphs `ids` in the background (Node's thread pool), so
   * that they are there when the renderer copies them; `settled` waits for them. A glyph
   * needed sooner is read at once by `ensureGlyphs` (the same bytes to the same place).
   */
  prefetchGlyphs(ids: Iterable<number>): void {
    const wanted = [...ids].filter((id) => !this.glyphsRead.has(id) && !this.glyphsComing.has(id));
    for (const id of wanted) this.glyphsComing.add(id);
    for (const { start, end, glyphs } of this.outlineRanges(wanted, false)) {
      const done = new Promise<void>((resolve) => {
        read(this.fd, this.buffer, start, end - start, start, (err, n) => {
          // a short or failed read is left to ensureGlyphs, which reports it
          if (!err && n === end - start) for (const id of glyphs) this.glyphsRead.add(id);
          for (const id of glyphs) this.glyphsComing.delete(id);
          resolve();
        });
      });
      this.reading.add(done);
      void done.then(() => this.reading.delete(done));
    }
  }

  /** Resolves when the background reads started so far have ended. */
  async settled(): Promise<void> {
    await Promise.all([...this.reading]);
  }

  /**
   * The file ranges of the outlines of glyphs `ids` not read yet (`mark`: count them as read
   * from now on), outlines close together in one range. Also the 10 bytes of a glyph header
   * where an empty glyph starts: fontkit reads a header there for the bounding box even when
   * the glyph is empty, and must see what it would see in the whole file.
   */
  private outlineRanges(ids: Iterable<number>, mark: boolean): { start: number; end: number; glyphs: number[] }[] {
    const ranges: { start: number; end: number; glyphs: number[] }[] = [];
    for (const id of ids) {
      if (this.glyphsRead.has(id)) continue;
      if (mark) this.glyphsRead.add(id);
      const range = this.glyphRange(id);
      if (range) ranges.push({ start: range[0], end: Math.max(range[1], range[0] + 10), glyphs: [id] });
    }
    ranges.sort((a, b) => a.start - b.start);
    const merged: { start: number; end: number; glyphs: number[] }[] = [];
    for (const r of ranges) {
      const last = merged[merged.length - 1];
      if (last && r.start - last.end <= MERGE_GAP) {
        last.end = Math.max(last.end, r.end);
        last.glyphs.push(...r.glyphs);
      } else merged.push(r);
    }
    return merged;
  }

  /** Closes the file (once background reads have ended); later reads fail. */
  close(): void {
    const fd = this.fd;
    this.fd = -1;
    if (fd < 0) return;
    if (this.reading.size) void this.settled().then(() => closeSync(fd));
    else closeSync(fd);
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
