/**
 * What the parts of a ZIP archive declare they inflate to, read from its central directory
 * (APPNOTE.TXT §4.3.12, §4.3.16) before anything is inflated: JSZip reads the directory but does
 * not expose those sizes. A ZIP64 size (0xFFFFFFFF) counts as endless: no draft needs one.
 */

/** The end of central directory record's signature, `PK\5\6`. */
const END_SIGNATURE = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
/** A central directory header's signature, `PK\1\2`. */
const ENTRY_SIGNATURE = 0x02014b50;
/** Bytes of the fixed part of the end record and of a central directory header. */
const END_BYTES = 22;
const ENTRY_BYTES = 46;

/** The sum of the uncompressed sizes the archive's parts declare, bytes; undefined when its central directory cannot be read. */
export function declaredInflatedBytes(zip: Buffer): number | undefined {
  // the end record is the last thing, followed by a comment of at most 0xFFFF bytes
  const end = zip.lastIndexOf(END_SIGNATURE, zip.length - END_BYTES);
  if (end < 0 || end < zip.length - END_BYTES - 0xffff) return undefined;
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (entries === 0xffff || at === 0xffffffff) return Infinity;
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + ENTRY_BYTES > zip.length || zip.readUInt32LE(at) !== ENTRY_SIGNATURE) return undefined;
    const size = zip.readUInt32LE(at + 24);
    total += size === 0xffffffff ? Infinity : size;
    at += ENTRY_BYTES + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return total;
}
