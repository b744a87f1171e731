/**
 * A PNG checked to be one the PDF writer (render/png-image.ts) embeds: every chunk whole and
 * matching its checksum, the header (IHDR) first with a combination of colour type and bit depth
 * the format has, a palette where one is needed, and image data that inflates to exactly the
 * rows the header promises, each with a known filter, and whose pixels name only entries of its
 * palette. The writer trusts all of this.
 * Memory: the inflated rows, at most MAX_PNG_DECODED_BYTES.
 */
import { inflateSync } from 'node:zlib';
import { sizeProblem, type ImageSize } from './image-size.js';
import { PNG_SIGNATURE as SIGNATURE } from '../file-kind.js';

const TRUNCATED = 'image damaged: PNG data ends early (truncated file?)';

/** Samples per pixel of each PNG colour type, and the bit depths the format allows for it. */
export const COLOUR_TYPES: Record<number, { name: string; samples: number; depths: number[] }> = {
  0: { name: 'grey', samples: 1, depths: [1, 2, 4, 8, 16] },
  2: { name: 'true-colour', samples: 3, depths: [8, 16] },
  3: { name: 'palette', samples: 1, depths: [1, 2, 4, 8] },
  4: { name: 'grey with alpha', samples: 2, depths: [8, 16] },
  6: { name: 'true-colour with alpha', samples: 4, depths: [8, 16] },
};

/** The seven passes of Adam7 interlacing: first column and row, then steps between them. */
export const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

interface PngHeader extends ImageSize {
  /** Bits a sample: 1, 2, 4, 8 or 16. */
  bitDepth: number;
  /** 0 grey, 2 true-colour (RGB), 3 palette, 4 grey with alpha, 6 true-colour with alpha. */
  colourType: number;
  /** Adam7-interlaced. */
  interlaced: boolean;
}

/** A PNG's parts, read from its chunks: what the PDF writer embeds. */
export interface Png extends PngHeader {
  /** A palette PNG's palette (PLTE): RGB triples, a byte a sample (a true-colour PNG's suggested palette is left out). */
  palette?: Buffer;
  /** The transparency chunk (tRNS): an alpha for each of the first palette entries, or the transparent grey or RGB colour, 2 bytes (big-endian) a sample. */
  transparency?: Buffer;
  /** The image data chunks (IDAT), in order: together one zlib stream of the filtered rows. */
  imageData: Buffer[];
}

interface Chunk {
  type: string;
  body: Buffer;
}

/** The PNG's size, or why pdfkit could not embed it. */
export function checkPng(data: Buffer): ImageSize | string {
  if (data.length < SIGNATURE.length) return TRUNCATED;
  if (!data.subarray(0, SIGNATURE.length).equals(SIGNATURE)) return 'image damaged: its PNG signature is wrong (was it copied as text?)';
  // the header first, from its fixed place: its size is checked before anything else is read
  if (data.length < 33) return TRUNCATED;
  if (data.readUInt32BE(8) !== 13 || data.toString('latin1', 12, 16) !== 'IHDR') return 'image damaged: its first PNG chunk is not the header (IHDR)';
  const header = readHeader(data.subarray(16, 29));
  if (typeof header === 'string') return header;
  const tooLarge = sizeProblem(header);
  if (tooLarge) return tooLarge;
  const chunks = readChunks(data, true);
  if (typeof chunks === 'string') return chunks;
  const unsupported = chunksProblem(header, chunks);
  if (unsupported) return unsupported;
  const imageData = chunks.filter((c) => c.type === 'IDAT').map((c) => c.body);
  if (imageData.length === 0) return 'image damaged: the PNG has no image data (IDAT)';
  const entries = header.colourType === 3 ? chunks.find((c) => c.type === 'PLTE')!.body.length / 3 : undefined;
  return rowsProblem(Buffer.concat(imageData), header, entries) ?? { width: header.width, height: header.height };
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

function readHeader(body: Buffer): PngHeader | string {
  const header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), bitDepth: body[8], colourType: body[9], interlaced: body[12] === 1 };
  const colour = COLOUR_TYPES[header.colourType];
  if (!colour || !colour.depths.includes(header.bitDepth))
    return `image damaged: PNG header with colour type ${header.colourType} and bit depth ${header.bitDepth}, which the format does not have`;
  if (body[10] !== 0 || body[11] !== 0 || body[12] > 1) return 'image damaged: PNG header with an unknown compression, filter or interlace method';
  return header;
}

/** The chunks up to IEND, each whole (and matching its checksum if `checksums`). */
function readChunks(data: Buffer, checksums: boolean): Chunk[] | string {
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

/** Chunks the format forbids or that do not fit the header: one of each, a palette where one is needed, lengths that fit. */
function chunksProblem(header: PngHeader, chunks: Chunk[]): string | undefined {
  const colour = COLOUR_TYPES[header.colourType];
  const palette = chunks.find((c) => c.type === 'PLTE');
  const transparency = chunks.find((c) => c.type === 'tRNS');
  for (const type of ['IHDR', 'PLTE', 'tRNS']) if (chunks.filter((c) => c.type === type).length > 1) return `image damaged: more than one PNG ${type} chunk`;
  if (transparency && (header.colourType === 4 || header.colourType === 6)) return `image damaged: a ${colour.name} PNG with a transparency chunk (tRNS), which the format forbids`;
  if (header.colourType === 3 && !palette) return 'image damaged: a palette PNG without its palette (PLTE)';
  if (palette && (palette.body.length % 3 !== 0 || palette.body.length === 0 || palette.body.length > 3 * 256)) return 'image damaged: its PNG palette (PLTE) has a wrong length';
  // one grey or RGB value (2 bytes a sample), or at most one alpha per palette entry
  if (transparency && (header.colourType === 3 ? transparency.body.length > (palette?.body.length ?? 0) / 3 : transparency.body.length !== 2 * colour.samples))
    return 'image damaged: its PNG transparency chunk (tRNS) has a wrong length';
  // (a palette in a PNG of another colour type only suggests colours to a screen of few: left out)
  return undefined;
}

/**
 * Most bytes a PNG's pixels may take decoded: 160 MiB (40 megapixels of 8-bit RGBA, 20 of
 * 16-bit RGBA). The check inflates them, and the PDF writer decodes those with transparency or
 * interlacing once more (render/png-image.ts): a build peaks at about 4.5 times this (0.75 GB at
 * the limit, for an interlaced 8-bit RGBA PNG).
 */
export const MAX_PNG_DECODED_BYTES = 160 * 1024 * 1024;

/**
 * The image data inflated: exactly the rows the header promises (bounded by it), each with
 * filter 0–4; a palette PNG's (`entries`: its palette's length) naming only entries of its palette.
 */
function rowsProblem(compressed: Buffer, header: PngHeader, entries?: number): string | undefined {
  const passes = rowsOf(header);
  const expected = passes.reduce((sum, p) => sum + p.rows * p.rowBytes, 0);
  if (expected > MAX_PNG_DECODED_BYTES) {
    const mib = Math.ceil(expected / 1024 / 1024);
    return `image too large: ${header.width} × ${header.height} pixels of ${header.bitDepth}-bit ${COLOUR_TYPES[header.colourType].name} take ${mib} MiB decoded (at most ${MAX_PNG_DECODED_BYTES / 1024 / 1024} MiB; scale it down${header.bitDepth === 16 ? ' or save it with 8-bit samples' : ''})`;
  }
  let rows: Buffer;
  try {
    rows = inflateSync(compressed, { maxOutputLength: expected });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') return 'image damaged: its PNG image data is longer than its size says';
    if (code === 'Z_BUF_ERROR') return TRUNCATED;
    return 'image damaged: its PNG image data is corrupt';
  }
  if (rows.length < expected) return 'image damaged: its PNG image data is shorter than its size says';
  let at = 0;
  for (const p of passes) {
    for (let r = 0; r < p.rows; r++, at += p.rowBytes) {
      if (rows[at] > 4) return `image damaged: its PNG image data is corrupt (row filter ${rows[at]})`;
    }
  }
  return entries === undefined ? undefined : indexProblem(rows, passes, header.bitDepth, entries);
}

/**
 * A pixel of a palette PNG that names an entry past the end of its palette (`entries` long):
 * the PDF's indexed colour space has no colour for it (viewers show any, or refuse the page).
 * Only when the palette is shorter than the bit depth can name (an 8-bit PNG of fewer than 256
 * colours, as optimisers write them): the rows' filters are undone for it, in place, and each
 * row's largest index found, a byte at a time (the bits past a row's last pixel left out).
 * Cost: about 0.2 s of a core for 50 megapixels, all with the costliest filter (Paeth).
 */
function indexProblem(rows: Buffer, passes: Pass[], bitDepth: number, entries: number): string | undefined {
  if (entries >= 1 << bitDepth) return undefined; // every index names an entry
  const top = largestIndexOfByte(bitDepth);
  let at = 0;
  for (const p of passes) {
    if (!p.rows) continue;
    unfilter(rows, at, p.rows, p.rowBytes - 1, bitDepth);
    const padding = (p.rowBytes - 1) * 8 - p.columns * bitDepth; // bits past the last pixel of a row
    const lastMask = (0xff << padding) & 0xff;
    for (let r = 0; r < p.rows; r++, at += p.rowBytes) {
      const last = at + p.rowBytes - 1;
      let largest = top[rows[last] & lastMask];
      for (let i = at + 1; i < last; i++) {
        const t = top[rows[i]];
        largest = t > largest ? t : largest;
      }
      if (largest >= entries) return `image damaged: a pixel uses palette entry ${largest}, but its palette (PLTE) ends at entry ${entries - 1}`;
    }
  }
  return undefined;
}

/** For each byte of `bitDepth`-bit indexes (1, 2, 4 or 8), the largest index it holds. */
function largestIndexOfByte(bitDepth: number): Uint8Array {
  const mask = (1 << bitDepth) - 1;
  return Uint8Array.from({ length: 256 }, (_, byte) => {
    let largest = 0;
    for (let shift = 0; shift < 8; shift += bitDepth) largest = Math.max(largest, (byte >> shift) & mask);
    return largest;
  });
}

/** A pass of the image data (the whole image without interlacing): its pixels a row, rows, and bytes a row (a filter byte, then the pixels). */
interface Pass {
  columns: number;
  rows: number;
  rowBytes: number;
}

/** Rows of each pass (one without interlacing), and bytes per row: a filter byte, then the pixels. */
function rowsOf(header: PngHeader): Pass[] {
  const bitsPerPixel = header.bitDepth * COLOUR_TYPES[header.colourType].samples;
  const pass = (columns: number, rows: number) => (columns > 0 && rows > 0 ? { columns, rows, rowBytes: 1 + Math.ceil((columns * bitsPerPixel) / 8) } : { columns: 0, rows: 0, rowBytes: 0 });
  if (!header.interlaced) return [pass(header.width, header.height)];
  return ADAM7.map(([x0, y0, dx, dy]) => pass(Math.ceil((header.width - x0) / dx), Math.ceil((header.height - y0) / dy)));
}

/**
 * Undoes the filters of `rows` rows of `rowBytes` bytes (each after its filter byte) from
 * `start` of `data`, in place. Filters work on bytes, a pixel (at least one byte) to the left;
 * the first row has none above (Up adds nothing, Average half the left, Paeth the left).
 */
export function unfilter(data: Buffer, start: number, rows: number, rowBytes: number, bitsPerPixel: number): void {
  const left = Math.max(1, bitsPerPixel >> 3);
  const up = rowBytes + 1; // from a byte to the one above it
  for (let r = 0; r < rows; r++) {
    const line = start + r * up + 1;
    const end = line + rowBytes;
    const first = Math.min(line + left, end); // the first byte with one a pixel to its left
    const filter = data[line - 1];
    if (filter === 0 || (filter === 2 && r === 0)) continue;
    if (filter === 1 || (filter === 4 && r === 0)) {
      for (let i = first; i < end; i++) data[i] += data[i - left];
    } else if (filter === 3 && r === 0) {
      for (let i = first; i < end; i++) data[i] += data[i - left] >> 1;
    } else if (filter === 2) {
      for (let i = line; i < end; i++) data[i] += data[i - up];
    } else if (filter === 3) {
      for (let i = line; i < first; i++) data[i] += data[i - up] >> 1;
      for (let i = first; i < end; i++) data[i] += (data[i - left] + data[i - up]) >> 1;
    } else if (filter === 4) {
      for (let i = line; i < first; i++) data[i] += data[i - up]; // Paeth of (0, b, 0) is b
      for (let i = first; i < end; i++) {
        const a = data[i - left];
        const b = data[i - up];
        const c = data[i - up - left];
        // |p - a|, |p - b|, |p - c| for p = a + b - c
        const pa = Math.abs(b - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + b - c - c);
        data[i] += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
    }
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
