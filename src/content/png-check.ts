/**
 * A PNG checked to be one the PDF writer (render/png-image.ts) embeds: every chunk whole and
 * matching its checksum, the header (IHDR) first with a combination of colour type and bit depth
 * the format has, a palette where one is needed, and image data that inflates to exactly the
 * rows the header promises, each with a known filter, and whose pixels name only entries of its
 * palette. The writer trusts all of this. An ICC profile in an iCCP chunk is checked too (see
 * icc-profile.ts): one that does not fit is ignored, with why.
 * Memory: the inflated rows, at most MAX_PNG_DECODED_BYTES.
 */
import { inflateSync } from 'node:zlib';
import { carriedProfile, type CarriedProfile } from './icc-profile.js';
import { sizeProblem, type ImageSize } from './image-size.js';
import { PNG_SIGNATURE as SIGNATURE } from '../file-kind.js';
import { ADAM7, COLOUR_TYPES, type PngHeader } from '../png/format.js';
import { readChunks, readHeader, TRUNCATED, type Chunk } from '../png/read.js';
import { unfilter } from '../png/unfilter.js';

/** The PNG's size and the ICC profile it carries (or why that is ignored), or why it could not be embedded. */
export function checkPng(data: Buffer): (ImageSize & CarriedProfile) | string {
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
  return rowsProblem(Buffer.concat(imageData), header, entries) ?? { width: header.width, height: header.height, ...pngProfile(header, chunks) };
}

/** Most bytes of an ICC profile in an iCCP chunk, inflated: 16 MiB (a press's CMYK profile is a few MB). */
const MAX_PROFILE_BYTES = 16 * 1024 * 1024;

/**
 * The ICC profile of the PNG's iCCP chunk, if it has one: grey for a grey PNG, RGB for another
 * (with a palette or not), as the format has it; or why it is ignored.
 */
function pngProfile(header: PngHeader, chunks: Chunk[]): CarriedProfile {
  const iccp = chunks.filter((c) => c.type === 'iCCP');
  if (iccp.length === 0) return {};
  const space = header.colourType === 0 || header.colourType === 4 ? 'GRAY' : 'RGB ';
  return carriedProfile(iccp.length > 1 ? 'the PNG has more than one iCCP chunk' : inflatedProfile(iccp[0].body), space);
}

/** The profile of an iCCP chunk's body (its name, a zero, compression method 0, the profile deflated), or why it cannot be read. */
function inflatedProfile(body: Buffer): Buffer | string {
  const end = body.indexOf(0);
  if (end < 0 || end + 1 >= body.length) return 'its iCCP chunk is damaged (its profile name has no end)';
  if (body[end + 1] !== 0) return `its iCCP chunk names compression method ${body[end + 1]}, which the format does not have`;
  try {
    return inflateSync(body.subarray(end + 2), { maxOutputLength: MAX_PROFILE_BYTES });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return `its profile is larger than ${MAX_PROFILE_BYTES / 1024 / 1024} MiB`;
    return 'its iCCP chunk is damaged (the compressed profile is corrupt or cut short)';
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
