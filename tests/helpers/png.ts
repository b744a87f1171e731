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
