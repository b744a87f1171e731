/** TrueType/OpenType files wrapped as WOFF 1.0 and WOFF 2.0, for tests of fonts read whole. */
import { brotliCompressSync, deflateSync } from 'node:zlib';

export function toWoff(sfnt: Buffer): Buffer {
  const numTables = sfnt.readUInt16BE(4);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const rec = 12 + 16 * i;
    const [checksum, offset, length] = [sfnt.readUInt32BE(rec + 4), sfnt.readUInt32BE(rec + 8), sfnt.readUInt32BE(rec + 12)];
    const data = sfnt.subarray(offset, offset + length);
    const packed = deflateSync(data);
    return { tag: sfnt.subarray(rec, rec + 4), checksum, length, data: packed.length < length ? packed : data };
  });
  const pad = (n: number) => (n + 3) & ~3;
  let at = 44 + 20 * numTables;
  const parts: Buffer[] = [];
  const directory = Buffer.alloc(20 * numTables);
  tables.forEach((t, i) => {
    t.tag.copy(directory, 20 * i);
    directory.writeUInt32BE(at, 20 * i + 4);
    directory.writeUInt32BE(t.data.length, 20 * i + 8);
    directory.writeUInt32BE(t.length, 20 * i + 12);
    directory.writeUInt32BE(t.checksum, 20 * i + 16);
    parts.push(t.data, Buffer.alloc(pad(t.data.length) - t.data.length));
    at += pad(t.data.length);
  });
  const header = Buffer.alloc(44);
  header.write('wOFF', 0, 'latin1');
  header.writeUInt32BE(sfnt.readUInt32BE(0), 4); // flavor
  header.writeUInt32BE(at, 8); // length
  header.writeUInt16BE(numTables, 12);
  header.writeUInt32BE(12 + 16 * numTables + tables.reduce((n, t) => n + pad(t.length), 0), 16); // totalSfntSize
  header.writeUInt16BE(1, 20); // version 1.0
  return Buffer.concat([header, directory, ...parts]);
}

/**
 * The same font as WOFF 2.0 with null transforms (W3C WOFF2 §5: glyf and loca stored as they
 * are, transform version 3), all tables in one brotli stream.
 */
export function toWoff2(sfnt: Buffer): Buffer {
  const numTables = sfnt.readUInt16BE(4);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const rec = 12 + 16 * i;
    const tag = sfnt.toString('latin1', rec, rec + 4);
    const [offset, length] = [sfnt.readUInt32BE(rec + 8), sfnt.readUInt32BE(rec + 12)];
    return { tag, data: sfnt.subarray(offset, offset + length) };
  });
  const base128 = (n: number) => {
    const bytes = [n & 0x7f];
    for (n >>>= 7; n > 0; n >>>= 7) bytes.unshift(0x80 | (n & 0x7f));
    return Buffer.from(bytes);
  };
  const directory = Buffer.concat(
    tables.map((t) => {
      const transform = t.tag === 'glyf' || t.tag === 'loca' ? 3 : 0; // the null transform
      return Buffer.concat([Buffer.from([(transform << 6) | 0x3f]), Buffer.from(t.tag, 'latin1'), base128(t.data.length)]);
    }),
  );
  const packed = brotliCompressSync(Buffer.concat(tables.map((t) => t.data)));
  const header = Buffer.alloc(48);
  header.write('wOF2', 0, 'latin1');
  header.writeUInt32BE(sfnt.readUInt32BE(0), 4); // flavor
  const length = 48 + directory.length + packed.length;
  header.writeUInt32BE(length + ((4 - (length % 4)) % 4), 8);
  header.writeUInt16BE(numTables, 12);
  header.writeUInt32BE(12 + 16 * numTables + tables.reduce((n, t) => n + ((t.data.length + 3) & ~3), 0), 16); // totalSfntSize
  header.writeUInt32BE(packed.length, 20); // totalCompressedSize
  header.writeUInt16BE(1, 24); // version 1.0
  return Buffer.concat([header, directory, packed, Buffer.alloc((4 - (length % 4)) % 4)]);
}
