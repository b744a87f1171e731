/**
 * Imprint writes PNGs itself (render/png-image.ts), as pdfkit's own PNGImage writes them where
 * that one is right: the same dictionaries and streams, so PDFs stay the same bytes.
 */
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { readPng } from '../../src/png/read.js';
import { PngImage } from '../../src/render/png-image.js';
import { encodePng, PNG_SAMPLES, type PngSpec } from '../helpers/png.js';

/** A one-page PDF with the image drawn by pdfkit: `image` an opened one, or the PNG's bytes for pdfkit to open. */
function pdfWith(image: PngImage | Buffer): Promise<Buffer> {
  const doc = new PDFDocument({ size: [100, 100], info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.image(image as unknown as Buffer, 0, 0, { width: 100, height: 100 });
  doc.end();
  return done;
}

/** A PNG of 13 × 5 pixels of every sample value in turn, with every row filter. */
function png(colourType: number, bitDepth: number, extra: Partial<PngSpec> = {}): Buffer {
  const count = 13 * 5 * PNG_SAMPLES[colourType];
  const samples = Array.from({ length: count }, (_, i) => (i * 7919) % 2 ** Math.min(bitDepth, colourType === 3 ? 2 : 16));
  return encodePng({ width: 13, height: 5, colourType, bitDepth, interlace: 0, filters: [0, 1, 2, 3, 4], samples, palette: colourType === 3 ? Buffer.from([0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255]) : undefined, ...extra });
}

/** The streams of a PDF (its compressed bytes), in file order. */
function streams(pdf: Buffer): string[] {
  return [...pdf.toString('latin1').matchAll(/\nstream\n([\s\S]*?)\nendstream/g)].map((m) => m[1]);
}

describe('a PNG written by Imprint', () => {
  it('without transparency or interlacing, is written as pdfkit writes it, byte for byte', async () => {
    const kinds: [number, number][] = [[0, 1], [0, 2], [0, 4], [0, 8], [0, 16], [2, 8], [2, 16], [3, 1], [3, 2], [3, 4], [3, 8]];
    for (const [colourType, bitDepth] of kinds) {
      const data = png(colourType, bitDepth);
      expect((await pdfWith(new PngImage(readPng(data), 'I1'))).equals(await pdfWith(data)), `colour type ${colourType}, ${bitDepth}-bit`).toBe(true);
    }
  });

  it('with an alpha channel, or interlaced, has the streams pdfkit writes (its objects numbered otherwise: pdfkit wrote them later, from a callback)', async () => {
    const kinds: [number, number, 0 | 1][] = [[4, 8, 0], [4, 16, 0], [6, 8, 0], [6, 16, 0], [6, 8, 1], [2, 8, 1], [0, 16, 1]];
    for (const [colourType, bitDepth, interlace] of kinds) {
      const data = png(colourType, bitDepth, { interlace });
      expect(streams(await pdfWith(new PngImage(readPng(data), 'I1'))).sort(), `colour type ${colourType}, ${bitDepth}-bit, interlace ${interlace}`).toEqual(streams(await pdfWith(data)).sort());
    }
  });
});
