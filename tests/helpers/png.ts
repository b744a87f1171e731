/** A tiny PNG encoder for test images (RGB, no filter): enough to make figures of any size. */
import { crc32, deflateRawSync, deflateSync, constants } from 'node:zlib';

/** A PNG chunk: length, type, data, checksum. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/** A PNG file of these chunks, after the signature. */
export function pngFile(chunks: Buffer[]): Buffer {
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...chunks]);
}

/** An IHDR chunk: colour type 2 (RGB) and 8 bits unless told, no interlacing unless told. */
export function pngHeader(width: number, height: number, { colourType = 2, bitDepth = 8, interlace = 0 } = {}): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([bitDepth, colourType, 0, 0, interlace], 8);
  return pngChunk('IHDR', ihdr);
}

/** A PNG of `width` × `height` pixels: a colour gradient with a dark frame. */
export function makePng(width: number, height: number): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = y * (width * 3 + 1) + 1 + x * 3;
      const edge = x < 2 || y < 2 || x >= width - 2 || y >= height - 2;
      raw.set(edge ? [40, 40, 40] : [80 + ((x * 150) / width) | 0, 120, 200 - ((y * 120) / height) | 0], o);
    }
  }
  return pngFile([pngHeader(width, height), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}

/**
 * A black RGB PNG of any size, made in milliseconds however large: each row is deflated once
 * (with a full flush, so every copy is the same bytes) and repeated; a 20000 × 20000 one is
 * 1.6 MB and inflates to 1.2 GB.
 */
export function makeBlackPng(width: number, height: number): Buffer {
  const rowBytes = width * 3 + 1;
  const row = deflateRawSync(Buffer.alloc(rowBytes), { flush: constants.Z_FULL_FLUSH, finishFlush: constants.Z_FULL_FLUSH });
  // zlib header, the rows, a last empty block, then Adler-32 of all those zeros
  const total = rowBytes * height;
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((total % 65521) << 16) | 1) >>> 0);
  const stream = Buffer.concat([Buffer.from([0x78, 0x9c]), ...Array<Buffer>(height).fill(row), Buffer.from([0x03, 0x00]), adler]);
  return pngFile([pngHeader(width, height), pngChunk('IDAT', stream), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A PNG to encode from its samples: every colour type, bit depth, filter and interlacing. */
export interface PngSpec {
  width: number;
  height: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey with alpha, 6 RGBA. */
  colourType: number;
  bitDepth: number;
  interlace: 0 | 1;
  /** Each pixel's samples in PNG order (an index for a palette PNG), row by row, each below 2^bitDepth. */
  samples: number[];
  /** Row filters (0–4), taken in turn for the rows of the image data. */
  filters: number[];
  /** PLTE and tRNS chunk bodies, when the PNG has them. */
  palette?: Buffer;
  transparency?: Buffer;
  /** An iCCP chunk body (see iccpBody), when the PNG has one: before the palette, as the format has it. */
  iccp?: Buffer;
}

/** The body of an iCCP chunk carrying `profile`: its name, a zero, compression method 0, the profile deflated (zlib). */
export function iccpBody(profile: Buffer, name = 'ICC profile'): Buffer {
  return Buffer.concat([Buffer.from(`${name}\0\0`, 'latin1'), deflateSync(profile)]);
}

/** Samples a pixel of each PNG colour type. */
export const PNG_SAMPLES: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** The PNG file of these samples, each row filtered with its filter (an encoder written apart from Imprint's decoder). */
export function encodePng(spec: PngSpec): Buffer {
  const samples = PNG_SAMPLES[spec.colourType];
  const bits = samples * spec.bitDepth;
  const left = Math.max(1, bits / 8);
  const passes = spec.interlace ? [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] : [[0, 0, 1, 1]];
  const out: number[] = [];
  let rowIndex = 0;
  for (const [x0, y0, dx, dy] of passes) {
    let above: number[] | undefined;
    for (let y = y0; y < spec.height; y += dy) {
      // the row's samples packed, most significant bits first
      const bytes: number[] = [];
      let acc = 0;
      let n = 0;
      for (let x = x0; x < spec.width; x += dx) {
        for (let s = 0; s < samples; s++) {
          const v = spec.samples[(y * spec.width + x) * samples + s];
          if (spec.bitDepth === 16) bytes.push(v >> 8, v & 255);
          else if (spec.bitDepth === 8) bytes.push(v);
          else {
            acc = (acc << spec.bitDepth) | v;
            n += spec.bitDepth;
            if (n === 8) {
              bytes.push(acc);
              acc = n = 0;
            }
          }
        }
      }
      if (n > 0) bytes.push(acc << (8 - n));
      if (bytes.length === 0) continue; // a pass without columns has no rows
      const filter = spec.filters[rowIndex++ % spec.filters.length];
      out.push(filter);
      bytes.forEach((raw, i) => {
        const a = i >= left ? bytes[i - left] : 0;
        const b = above ? above[i] : 0;
        const c = above && i >= left ? above[i - left] : 0;
        const p = a + b - c;
        const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
        const predicted = [0, a, b, (a + b) >> 1, paeth][filter];
        out.push((raw - predicted) & 255);
      });
      above = bytes;
    }
  }
  const chunks = [pngHeader(spec.width, spec.height, spec)];
  if (spec.iccp) chunks.push(pngChunk('iCCP', spec.iccp));
  if (spec.palette) chunks.push(pngChunk('PLTE', spec.palette));
  if (spec.transparency) chunks.push(pngChunk('tRNS', spec.transparency));
  return pngFile([...chunks, pngChunk('IDAT', deflateSync(Buffer.from(out))), pngChunk('IEND', Buffer.alloc(0))]);
}
