/**
 * A PNG's pixels, decoded: its image data inflated, each row's filter undone (filters 0–4) and
 * Adam7 interlacing undone, for the PNGs the PDF writer cannot hand over as they are (see
 * png-image.ts). The PNG is one png-check.ts accepted: the rows are all there, their filters known.
 * Memory: the inflated rows (un-filtered in place), and for an interlaced PNG the pixels again.
 */
import { inflateSync } from 'node:zlib';
import { ADAM7, COLOUR_TYPES, type Png } from '../png/format.js';
import { unfilter } from '../png/unfilter.js';

/** Decoded pixels: `height` rows of `rowBytes` bytes, samples packed as in the PNG (16-bit big-endian, below 8 bits most significant first, each row padded to a whole byte). */
export interface PngPixels {
  rows: Buffer;
  /** Bytes a row: width × bits a pixel / 8, rounded up. */
  rowBytes: number;
}

/** The PNG's pixels, top to bottom. */
export function pngPixels(png: Png): PngPixels {
  const bits = png.bitDepth * COLOUR_TYPES[png.colourType].samples; // a pixel
  const rowBytes = Math.ceil((png.width * bits) / 8);
  const data = inflateSync(png.imageData.length === 1 ? png.imageData[0] : Buffer.concat(png.imageData));
  if (!png.interlaced) {
    unfilter(data, 0, png.height, rowBytes, bits);
    // the filter bytes dropped: each row moves left by its row number plus one
    for (let r = 0; r < png.height; r++) data.copyWithin(r * rowBytes, r * (rowBytes + 1) + 1, (r + 1) * (rowBytes + 1));
    return { rows: data.subarray(0, png.height * rowBytes), rowBytes };
  }
  const rows = Buffer.alloc(png.height * rowBytes);
  let at = 0;
  for (const [x0, y0, dx, dy] of ADAM7) {
    const columns = Math.ceil((png.width - x0) / dx);
    const passRows = Math.ceil((png.height - y0) / dy);
    if (columns <= 0 || passRows <= 0) continue; // a pass without pixels has no rows either
    const passRowBytes = Math.ceil((columns * bits) / 8);
    unfilter(data, at, passRows, passRowBytes, bits);
    for (let r = 0; r < passRows; r++) {
      const from = at + r * (passRowBytes + 1) + 1;
      const to = (y0 + r * dy) * rowBytes;
      if (bits >= 8) {
        const bytes = bits / 8;
        for (let c = 0, i = from; c < columns; c++) for (let o = to + (x0 + c * dx) * bytes, end = o + bytes; o < end; ) rows[o++] = data[i++];
      } else {
        for (let c = 0; c < columns; c++) {
          const value = (data[from + ((c * bits) >> 3)] >> (8 - bits - ((c * bits) & 7))) & ((1 << bits) - 1);
          const x = (x0 + c * dx) * bits;
          rows[to + (x >> 3)] |= value << (8 - bits - (x & 7));
        }
      }
    }
    at += passRows * (passRowBytes + 1);
  }
  return { rows, rowBytes };
}
