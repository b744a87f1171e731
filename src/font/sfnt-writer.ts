/**
 * Writes an sfnt (TrueType/OpenType) file from its tables. Offsets and lengths in bytes.
 */

/** An sfnt file of `tables`: directory sorted by tag, tables 4-byte aligned, checksums set. */
export function assemble(tables: Map<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort();
  const count = tags.length;
  const entrySelector = Math.floor(Math.log2(count));
  const searchRange = 16 * 2 ** entrySelector;
  const headerLength = 12 + 16 * count;
  let size = headerLength;
  for (const tag of tags) size += (tables.get(tag)!.length + 3) & ~3;
  const font = Buffer.alloc(size);
  font.writeUInt32BE(0x00010000, 0);
  font.writeUInt16BE(count, 4);
  font.writeUInt16BE(searchRange, 6);
  font.writeUInt16BE(entrySelector, 8);
  font.writeUInt16BE(count * 16 - searchRange, 10);
  let offset = headerLength;
  let headAt = 0;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const padded = (data.length + 3) & ~3;
    font.set(data, offset);
    const rec = 12 + 16 * i;
    font.write(tag, rec, 'latin1');
    font.writeUInt32BE(checksum(font, offset, padded), rec + 4);
    font.writeUInt32BE(offset, rec + 8);
    font.writeUInt32BE(data.length, rec + 12);
    if (tag === 'head') headAt = offset;
    offset += padded;
  });
  font.writeUInt32BE((0xb1b0afba - checksum(font, 0, size)) >>> 0, headAt + 8);
  return font;
}

/** The OpenType checksum of `length` bytes of `data` from `start`: the sum of big-endian uint32s, modulo 2³². */
function checksum(data: Uint8Array, start: number, length: number): number {
  let sum = 0;
  for (let i = start, end = start + length - 3; i < end; i += 4) sum = (sum + ((data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3])) >>> 0;
  return sum;
}
