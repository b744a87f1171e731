/**
 * A PNG's chunks read: its header (IHDR), then each chunk up to IEND, whole (and matching its
 * checksum when asked); and the parts of a PNG already checked (content/png-check.ts), for the
 * renderers. A problem is said as the content's check reports it.
 */
import { COLOUR_TYPES, type Png, type PngHeader } from './format.js';
import { PNG_SIGNATURE as SIGNATURE } from '../file-kind.js';

/** A PNG that ends before its chunks do. */
export const TRUNCATED = 'image damaged: PNG data ends early (truncated file?)';

/** A chunk of a PNG: its type (`IHDR`, `IDAT` …) and its data. */
export interface Chunk {
  type: string;
  body: Buffer;
}

/** The parts of a PNG that checkPng accepted (its chunks are not read again for their checksums). */
export function readPng(data: Buffer): Png {
  const header = readHeader(data.subarray(16, 29));
  const chunks = readChunks(data, false);
  if (typeof header === 'string' || typeof chunks === 'string') throw new Error(`not a checked PNG: ${typeof header === 'string' ? header : chunks}`);
  const body = (type: string) => chunks.find((c) => c.type === type)?.body;
  const imageData = chunks.filter((c) => c.type === 'IDAT').map((c) => c.body);
  return { ...header, palette: header.colourType === 3 ? body('PLTE') : undefined, transparency: body('tRNS'), imageData };
}

/** The header's fields (`body`: the IHDR chunk's 13 bytes), or why the format has no such PNG. */
export function readHeader(body: Buffer): PngHeader | string {
  const header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), bitDepth: body[8], colourType: body[9], interlaced: body[12] === 1 };
  const colour = COLOUR_TYPES[header.colourType];
  if (!colour || !colour.depths.includes(header.bitDepth))
    return `image damaged: PNG header with colour type ${header.colourType} and bit depth ${header.bitDepth}, which the format does not have`;
  if (body[10] !== 0 || body[11] !== 0 || body[12] > 1) return 'image damaged: PNG header with an unknown compression, filter or interlace method';
  return header;
}

/** The chunks up to IEND, each whole (and matching its checksum if `checksums`). */
export function readChunks(data: Buffer, checksums: boolean): Chunk[] | string {
  const chunks: Chunk[] = [];
  for (let pos = SIGNATURE.length; ; ) {
    if (pos + 12 > data.length) return TRUNCATED;
    const length = data.readUInt32BE(pos);
    const type = data.toString('latin1', pos + 4, pos + 8);
    if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(type)) return `image damaged: no PNG chunk where one should begin (byte ${pos})`;
    const end = pos + 8 + length;
    if (end + 4 > data.length) return TRUNCATED;
    if (checksums && crc32(data, pos + 4, end) !== data.readUInt32BE(end)) return `image damaged: PNG chunk ${type} does not match its checksum`;
    if (type === 'IEND') return chunks;
    chunks.push({ type, body: data.subarray(pos + 8, end) });
    pos = end + 4;
  }
}

const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

/** CRC-32 of `data[start..end)`, as PNG chunks carry it (zlib.crc32 exists only from Node 20.15). */
function crc32(data: Buffer, start: number, end: number): number {
  let c = -1;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
