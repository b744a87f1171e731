/**
 * WOFF and WOFF2 fonts unpacked into the TrueType/OpenType file they pack, in memory, so that
 * they are read, checked, measured and subset as such files are (sfnt-file.ts): fontkit read
 * them whole in their own form, which Imprint's readers of a file's tables (metrics, ink boxes,
 * the TrueType subset) did not, and fontkit's own subset of a WOFF2 copied its packed outlines.
 *
 * - WOFF 1.0 (W3C, 2012): each table zlib-compressed or stored.
 * - WOFF 2.0 (W3C, 2018): the tables in one brotli stream; `glyf` and `loca` in WOFF2's
 *   transformed form are rebuilt (§5.1–5.3: the outlines re-encoded as TrueType glyphs, the
 *   same points, contours, instructions and components); a transformed `hmtx` (§5.4) and
 *   collections are refused with the reason.
 *
 * Offsets and lengths in bytes.
 */
import { brotliDecompressSync, inflateSync } from 'node:zlib';
import { DamagedFont } from './sfnt-file.js';

const WOFF = 0x774f4646; // 'wOFF'
const WOFF2 = 0x774f4632; // 'wOF2'

/** Whether `header` (a file's first 4 bytes or more) is a WOFF or WOFF2 file's. */
export function isWoff(header: Buffer): boolean {
  const tag = header.length >= 4 ? header.readUInt32BE(0) : 0;
  return tag === WOFF || tag === WOFF2;
}

/**
 * The TrueType/OpenType file a WOFF or WOFF2 file `woff` packs, at most `maxBytes` long.
 * `DamagedFont` for bytes that do not unpack, or unpack to other than the file promises.
 */
export function unpackWoff(woff: Buffer, maxBytes: number): Buffer {
  if (woff.length < (woff.readUInt32BE(0) === WOFF ? 44 : 48)) throw new DamagedFont(`the file ends at byte ${woff.length}, inside its header`);
  const tables = woff.readUInt32BE(0) === WOFF ? woff1Tables(woff, maxBytes) : woff2Tables(woff, maxBytes);
  return sfnt(woff.readUInt32BE(4), tables);
}

/** A table unpacked: its tag and bytes. */
interface Table {
  tag: string;
  bytes: Buffer;
}

/** The tables of a WOFF 1.0 file. */
function woff1Tables(woff: Buffer, maxBytes: number): Table[] {
  const count = woff.readUInt16BE(12);
  if (44 + 20 * count > woff.length) throw new DamagedFont('its table directory runs past the end of the file');
  let total = 0;
  const tables: Table[] = [];
  for (let i = 0; i < count; i++) {
    const rec = 44 + 20 * i;
    const tag = woff.toString('latin1', rec, rec + 4);
    const [offset, packed, length] = [woff.readUInt32BE(rec + 4), woff.readUInt32BE(rec + 8), woff.readUInt32BE(rec + 12)];
    if (offset + packed > woff.length) throw new DamagedFont(`its table "${tag}" runs past the end of the file`);
    if ((total += length) > maxBytes) throw new DamagedFont(`it unpacks to more than ${maxBytes} bytes`);
    const data = woff.subarray(offset, offset + packed);
    let bytes: Buffer;
    try {
      bytes = packed < length ? inflateSync(data, { maxOutputLength: length }) : data;
    } catch {
      throw new DamagedFont(`its table "${tag}" does not unpack`);
    }
    if (bytes.length !== length) throw new DamagedFont(`its table "${tag}" unpacks to ${bytes.length} bytes, not the ${length} it says`);
    tables.push({ tag, bytes });
  }
  return tables;
}

/** WOFF2's known table tags, by their index in a directory entry's flags (§5.1, Table 3). */
const KNOWN_TAGS = 'cmap head hhea hmtx maxp name OS/2 post cvt  fpgm glyf loca prep CFF  VORG EBDT EBLC gasp hdmx kern LTSH PCLT VDMX vhea vmtx BASE GDEF GPOS GSUB EBSC JSTF MATH CBDT CBLC COLR CPAL SVG  sbix acnt avar bdat bloc bsln cvar fdsc feat fmtx fvar gvar hsty just lcar mort morx opbd prop trak Zapf Silf Glat Gloc Feat Sill'.match(/.{4}(?: |$)/g)!.map((t) => t.slice(0, 4));

/** The tables of a WOFF 2.0 file (§5: its directory, then one brotli stream of the tables). */
function woff2Tables(woff: Buffer, maxBytes: number): Table[] {
  if (woff.readUInt32BE(4) === 0x74746366) throw new DamagedFont('it is a WOFF2 collection, which Imprint does not unpack (unpack it to .ttc with woff2_decompress)');
  const count = woff.readUInt16BE(12);
  const packedSize = woff.readUInt32BE(20);
  const r = new Reader(woff, 48);
  const entries: { tag: string; length: number; stored: number; transformed: boolean }[] = [];
  for (let i = 0; i < count; i++) {
    const flags = r.u8();
    const tag = (flags & 0x3f) === 0x3f ? r.tag() : KNOWN_TAGS[flags & 0x3f];
    const version = flags >> 6;
    const length = r.base128();
    // glyf and loca are transformed unless version 3; every other table is when not version 0
    const transformed = tag === 'glyf' || tag === 'loca' ? version !== 3 : version !== 0;
    const stored = transformed ? r.base128() : length;
    if (transformed && tag !== 'glyf' && tag !== 'loca') throw new DamagedFont(`its table "${tag}" is in a transformed form Imprint does not unpack (unpack the font with woff2_decompress)`);
    entries.push({ tag, length, stored, transformed });
  }
  const total = entries.reduce((n, e) => n + e.stored, 0);
  if (total > maxBytes) throw new DamagedFont(`it unpacks to more than ${maxBytes} bytes`);
  if (r.at + packedSize > woff.length) throw new DamagedFont('its compressed tables run past the end of the file');
  let data: Buffer;
  try {
    data = brotliDecompressSync(woff.subarray(r.at, r.at + packedSize), { maxOutputLength: Math.max(total, 1) });
  } catch {
    throw new DamagedFont('its compressed tables do not unpack');
  }
  if (data.length !== total) throw new DamagedFont(`its tables unpack to ${data.length} bytes, not the ${total} its directory says`);
  const tables: Table[] = [];
  let at = 0;
  for (const e of entries) {
    tables.push({ tag: e.tag, bytes: data.subarray(at, (at += e.stored)) });
  }
  const glyf = entries.findIndex((e) => e.tag === 'glyf' && e.transformed);
  if (glyf >= 0) {
    const loca = tables.findIndex((t) => t.tag === 'loca');
    if (loca < 0) throw new DamagedFont('it has a transformed table "glyf" without a table "loca"');
    const rebuilt = rebuildGlyf(tables[glyf].bytes);
    tables[glyf].bytes = rebuilt.glyf;
    tables[loca].bytes = rebuilt.loca;
  }
  return tables;
}

/**
 * `glyf` and `loca` rebuilt from WOFF2's transformed `glyf` (§5.1–5.3): each glyph's contours,
 * points (triplet-encoded deltas), instructions, composite records and bounding box, encoded
 * as a TrueType glyph; `loca` in the index format the table gives (that of `head`).
 */
function rebuildGlyf(t: Buffer): { glyf: Buffer; loca: Buffer } {
  const h = new Reader(t, 0);
  h.u16(); // reserved
  const options = h.u16();
  const glyphCount = h.u16();
  const longLoca = h.u16() === 1;
  const sizes = Array.from({ length: 7 }, () => h.u32());
  const streams = sizes.map((size) => {
    const s = new Reader(t, h.at, h.at + size);
    h.at += size;
    if (h.at > t.length) throw new DamagedFont('its transformed table "glyf" runs past its end');
    return s;
  });
  const [contours, points, flags, glyphs, composites, boxes, instructions] = streams;
  const overlapBitmap = options & 1 ? new Reader(t, h.at, h.at + ((glyphCount + 7) >> 3)) : undefined;
  const boxBitmap = boxes.bytes(4 * ((glyphCount + 31) >> 5));
  const out: Buffer[] = [];
  const offsets: number[] = [0];
  let size = 0;
  for (let id = 0; id < glyphCount; id++) {
    const n = contours.i16();
    const explicitBox = (boxBitmap[id >> 3] & (0x80 >> (id & 7))) !== 0;
    let glyph: Buffer;
    if (n === 0) {
      if (explicitBox) throw new DamagedFont(`its transformed glyph ${id} is empty but has a box`);
      glyph = Buffer.alloc(0);
    } else if (n > 0) {
      const overlap = overlapBitmap ? (overlapBitmap.byteAt(id >> 3) & (0x80 >> (id & 7))) !== 0 : false;
      glyph = simpleGlyph(n, points, flags, glyphs, instructions, explicitBox ? boxes : undefined, overlap);
    } else {
      if (!explicitBox) throw new DamagedFont(`its transformed composite glyph ${id} has no box`);
      glyph = compositeGlyph(boxes, composites, glyphs, instructions);
    }
    const padded = (glyph.length + 3) & ~3;
    out.push(glyph, Buffer.alloc(padded - glyph.length));
    offsets.push((size += padded));
  }
  if (!longLoca && size > 0x1fffe) throw new DamagedFont('its glyphs do not fit the short `loca` its table "glyf" asks for');
  const loca = Buffer.alloc((longLoca ? 4 : 2) * offsets.length);
  offsets.forEach((o, i) => (longLoca ? loca.writeUInt32BE(o, 4 * i) : loca.writeUInt16BE(o / 2, 2 * i)));
  return { glyf: Buffer.concat(out), loca };
}

/** A simple glyph of `n` contours from the transformed streams, as TrueType bytes (box computed unless `box` gives it). */
function simpleGlyph(n: number, pointCounts: Reader, flagStream: Reader, glyphStream: Reader, instructionStream: Reader, box: Reader | undefined, overlap: boolean): Buffer {
  const ends: number[] = [];
  let total = 0;
  for (let c = 0; c < n; c++) ends.push((total += pointCounts.u255()) - 1);
  const xs: number[] = [];
  const ys: number[] = [];
  const onCurve: boolean[] = [];
  let [x, y] = [0, 0];
  for (let p = 0; p < total; p++) {
    const flag = flagStream.u8();
    const [dx, dy] = triplet(flag & 0x7f, glyphStream);
    xs.push((x += dx));
    ys.push((y += dy));
    onCurve.push((flag & 0x80) === 0);
  }
  const code = instructionStream.bytes(glyphStream.u255());
  const [xMin, yMin, xMax, yMax] = box ? [box.i16(), box.i16(), box.i16(), box.i16()] : total ? [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] : [0, 0, 0, 0];
  // TrueType's encoding: per point a flag, then the x deltas, then the y deltas (short or same where they fit)
  const pointFlags: number[] = [];
  const xBytes: number[] = [];
  const yBytes: number[] = [];
  const delta = (d: number, bytes: number[], short: number, same: number): number => {
    if (d === 0) return same;
    if (d > -256 && d < 256) {
      bytes.push(Math.abs(d));
      return short | (d > 0 ? same : 0);
    }
    bytes.push((d >> 8) & 0xff, d & 0xff);
    return 0;
  };
  for (let p = 0; p < total; p++) {
    let f = onCurve[p] ? 0x01 : 0;
    f |= delta(xs[p] - (p ? xs[p - 1] : 0), xBytes, 0x02, 0x10);
    f |= delta(ys[p] - (p ? ys[p - 1] : 0), yBytes, 0x04, 0x20);
    if (p === 0 && overlap) f |= 0x40;
    pointFlags.push(f);
  }
  const head = Buffer.alloc(10 + 2 * n + 2);
  [n, xMin, yMin, xMax, yMax].forEach((v, i) => head.writeInt16BE(v, 2 * i));
  ends.forEach((e, i) => head.writeUInt16BE(e, 10 + 2 * i));
  head.writeUInt16BE(code.length, 10 + 2 * n);
  return Buffer.concat([head, code, Buffer.from(pointFlags), Buffer.from(xBytes), Buffer.from(yBytes)]);
}

/** Flags of a composite glyph's component (TrueType `glyf`). */
const ARGS_ARE_WORDS = 0x0001;
const HAS_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const HAS_X_AND_Y_SCALE = 0x0040;
const HAS_TWO_BY_TWO = 0x0080;
const HAS_INSTRUCTIONS = 0x0100;

/** A composite glyph: its box, its component records as they are, and its instructions if one asks for them. */
function compositeGlyph(box: Reader, composites: Reader, glyphStream: Reader, instructionStream: Reader): Buffer {
  const head = Buffer.alloc(10);
  head.writeInt16BE(-1, 0);
  for (let i = 0; i < 4; i++) head.writeInt16BE(box.i16(), 2 + 2 * i);
  const start = composites.at;
  let flags: number;
  let instructed = false;
  do {
    flags = composites.u16();
    composites.bytes(2 + (flags & ARGS_ARE_WORDS ? 4 : 2) + (flags & HAS_SCALE ? 2 : flags & HAS_X_AND_Y_SCALE ? 4 : flags & HAS_TWO_BY_TWO ? 8 : 0));
    instructed ||= (flags & HAS_INSTRUCTIONS) !== 0;
  } while (flags & MORE_COMPONENTS);
  const records = composites.slice(start, composites.at);
  if (!instructed) return Buffer.concat([head, records]);
  const length = glyphStream.u255();
  const size = Buffer.alloc(2);
  size.writeUInt16BE(length);
  return Buffer.concat([head, records, size, instructionStream.bytes(length)]);
}

/** A point's (dx, dy) from its flag (0–127) and the bytes after it in the glyph stream (§5.2, Table 4). */
function triplet(flag: number, s: Reader): [number, number] {
  const sign = (bit: number, v: number) => (bit & 1 ? v : -v);
  if (flag < 10) return [0, sign(flag, ((flag & 14) << 7) + s.u8())];
  if (flag < 20) return [sign(flag, (((flag - 10) & 14) << 7) + s.u8()), 0];
  if (flag < 84) {
    const [b0, b1] = [flag - 20, s.u8()];
    return [sign(flag, 1 + (b0 & 0x30) + (b1 >> 4)), sign(flag >> 1, 1 + ((b0 & 0x0c) << 2) + (b1 & 0x0f))];
  }
  if (flag < 120) {
    const b0 = flag - 84;
    return [sign(flag, 1 + (Math.floor(b0 / 12) << 8) + s.u8()), sign(flag >> 1, 1 + (((b0 % 12) >> 2) << 8) + s.u8())];
  }
  if (flag < 124) {
    const [b0, b1, b2] = [s.u8(), s.u8(), s.u8()];
    return [sign(flag, (b0 << 4) + (b1 >> 4)), sign(flag >> 1, ((b1 & 0x0f) << 8) + b2)];
  }
  return [sign(flag, s.u16()), sign(flag >> 1, s.u16())];
}

/** The bytes of an sfnt (TrueType/OpenType) file of `tables` with version `flavor`: the directory sorted by tag, each table 4-aligned. */
function sfnt(flavor: number, tables: Table[]): Buffer {
  const sorted = [...tables].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const n = sorted.length;
  const header = Buffer.alloc(12 + 16 * n);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(n, 4);
  const power = n > 0 ? 2 ** Math.floor(Math.log2(n)) : 0;
  header.writeUInt16BE(16 * power, 6);
  header.writeUInt16BE(power > 0 ? Math.log2(power) : 0, 8);
  header.writeUInt16BE(16 * n - 16 * power, 10);
  const parts: Buffer[] = [header];
  let at = header.length;
  sorted.forEach(({ tag, bytes }, i) => {
    const rec = 12 + 16 * i;
    header.write(tag, rec, 'latin1');
    header.writeUInt32BE(checksum(bytes), rec + 4);
    header.writeUInt32BE(at, rec + 8);
    header.writeUInt32BE(bytes.length, rec + 12);
    const padded = (bytes.length + 3) & ~3;
    parts.push(bytes, Buffer.alloc(padded - bytes.length));
    at += padded;
  });
  return Buffer.concat(parts);
}

/** A table's checksum (the sum of its big-endian 32-bit words, the last padded with zeros). */
function checksum(bytes: Buffer): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 4) {
    const word = i + 4 <= bytes.length ? bytes.readUInt32BE(i) : Buffer.concat([bytes.subarray(i), Buffer.alloc(4)]).readUInt32BE(0);
    sum = (sum + word) >>> 0;
  }
  return sum;
}

/** Reads bytes [at, end) of a buffer in order; `DamagedFont` past `end`. */
class Reader {
  constructor(
    private readonly b: Buffer,
    public at: number,
    private readonly end = b.length,
  ) {}

  private take(n: number): number {
    const at = this.at;
    if ((this.at += n) > Math.min(this.end, this.b.length)) throw new DamagedFont('its packed tables end early (a stream of the WOFF2 data runs past its end)');
    return at;
  }

  u8(): number {
    return this.b[this.take(1)];
  }

  u16(): number {
    return this.b.readUInt16BE(this.take(2));
  }

  i16(): number {
    return this.b.readInt16BE(this.take(2));
  }

  u32(): number {
    return this.b.readUInt32BE(this.take(4));
  }

  tag(): string {
    const at = this.take(4);
    return this.b.toString('latin1', at, at + 4);
  }

  bytes(n: number): Buffer {
    const at = this.take(n);
    return this.b.subarray(at, at + n);
  }

  /** Byte `i` of the range without moving (a bitmap's). */
  byteAt(i: number): number {
    if (this.at + i >= Math.min(this.end, this.b.length)) throw new DamagedFont('its packed tables end early (a bitmap of the WOFF2 data runs past its end)');
    return this.b[this.at + i];
  }

  slice(start: number, end: number): Buffer {
    return this.b.subarray(start, end);
  }

  /** UIntBase128 (§4.1): at most 5 bytes, no leading zero byte, below 2^32. */
  base128(): number {
    let v = 0;
    for (let i = 0; i < 5; i++) {
      const byte = this.u8();
      if (i === 0 && byte === 0x80) throw new DamagedFont('its table directory has a number with a leading zero');
      v = v * 128 + (byte & 0x7f);
      if (v > 0xffffffff) throw new DamagedFont('its table directory has a number past 2^32');
      if (!(byte & 0x80)) return v;
    }
    throw new DamagedFont('its table directory has a number longer than 5 bytes');
  }

  /** 255UInt16 (§6.1.1). */
  u255(): number {
    const code = this.u8();
    if (code === 253) return this.u16();
    if (code === 255) return 253 + this.u8();
    if (code === 254) return 506 + this.u8();
    return code;
  }
}
