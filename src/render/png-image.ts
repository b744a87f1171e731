/**
 * A PNG as an image pdfkit draws (`doc.image(image, x, y, …)` takes an object with a width, a
 * height, a label and `embed`), written as pdfkit's own PNGImage writes it, with the same
 * dictionaries, but without png-js: that one copied the image data a byte at a time into a JS
 * array (1.3 GB of heap for a 48 MB PNG), decoded PNGs with transparency in a zlib callback
 * (where a throw escaped every promise) and misread several kinds of PNG.
 *
 * Without transparency, and not interlaced, the image data goes into the PDF as it is: PDF's
 * Flate filter undoes PNG's row filters itself (Predictor 15). Otherwise the pixels are decoded
 * (png-pixels.ts) and written again: interlaced ones row by row (Predictor 1); an alpha channel
 * as a soft mask (SMask) beside the colours, both with 8-bit samples as pdfkit writes them
 * (16-bit samples keep their high byte); a transparency chunk (tRNS: a palette's alphas, or a
 * transparent grey or RGB colour) as a soft mask too, the colours left as they are.
 * A PNG that carries its ICC profile is drawn in it (an ICCBased space, see icc-spaces.ts), a
 * palette's colours too (the space is the palette's base); a soft mask stays DeviceGray.
 * Memory: the PNG's image data once more; for a decoded PNG its pixels, about twice.
 */
import { deflateSync } from 'node:zlib';
import type { Png } from '../png/format.js';
import type { PdfRef, PdfWriter } from './embedded-face.js';
import type { IccBasedSpace } from './icc-spaces.js';
import { pngPixels, type PngPixels } from './png-pixels.js';

/** A PNG that pdfkit's `doc.image` draws, embedded when first drawn. */
export class PngImage {
  readonly width: number;
  readonly height: number;
  /** The image XObject, once embedded (pdfkit embeds an image without one). */
  obj?: PdfRef;
  private png?: Png;

  /** `label`: the image's resource name on a page, as pdfkit numbers them (I1, I2 …); `space`: that of the profile it carries, when it is drawn in it. */
  constructor(
    png: Png,
    readonly label: string,
    private readonly space?: IccBasedSpace,
  ) {
    this.png = png;
    this.width = png.width;
    this.height = png.height;
  }

  embed(doc: PdfWriter): void {
    if (this.obj || !this.png) return;
    this.obj = writePng(doc, this.png, this.space);
    this.png = undefined; // its data is in the PDF now
  }
}

/** Writes the PNG as an image XObject (with its palette, mask or soft mask), its colours in `space` (else the device's), returned. */
function writePng(doc: PdfWriter, png: Png, space?: IccBasedSpace): PdfRef {
  const colours = png.colourType === 2 || png.colourType === 6 ? 3 : 1;
  const hasAlpha = png.colourType === 4 || png.colourType === 6;
  const pixels = hasAlpha || png.transparency || png.interlaced ? pngPixels(png) : undefined;
  const image = doc.ref({ Type: 'XObject', Subtype: 'Image', BitsPerComponent: hasAlpha ? 8 : png.bitDepth, Width: png.width, Height: png.height, Filter: 'FlateDecode' });
  if (!hasAlpha) {
    const params = doc.ref({ Predictor: png.interlaced ? 1 : 15, Colors: colours, BitsPerComponent: png.bitDepth, Columns: png.width });
    image.data.DecodeParms = params;
    params.end();
  }
  const colourSpace = space ?? (png.palette || colours === 3 ? 'DeviceRGB' : 'DeviceGray');
  if (png.palette) {
    const palette = doc.ref();
    palette.end(png.palette);
    image.data.ColorSpace = ['Indexed', colourSpace, png.palette.length / 3 - 1, palette];
  } else image.data.ColorSpace = colourSpace;
  if (hasAlpha) {
    const { colour, alpha } = splitAlpha(pixels!, png, colours);
    image.data.SMask = softMask(doc, png, deflateSync(alpha));
    image.end(deflateSync(colour));
  } else {
    if (png.transparency) image.data.SMask = softMask(doc, png, deflateSync(transparencyAlphas(pixels!, png)));
    image.end(pixels && png.interlaced ? deflateSync(pixels.rows) : png.imageData.length === 1 ? png.imageData[0] : Buffer.concat(png.imageData));
  }
  return image;
}

/** A soft mask of 8-bit alphas, deflated, as pdfkit writes one. */
function softMask(doc: PdfWriter, png: Png, deflated: Buffer): PdfRef {
  const mask = doc.ref({ Type: 'XObject', Subtype: 'Image', Height: png.height, Width: png.width, BitsPerComponent: 8, Filter: 'FlateDecode', ColorSpace: 'DeviceGray', Decode: [0, 1] });
  mask.end(deflated);
  return mask;
}

/** The colour samples and the alphas of a grey or RGB PNG with alpha, 8 bits each (of 16, the high byte). */
function splitAlpha({ rows }: PngPixels, png: Png, colours: number): { colour: Buffer; alpha: Buffer } {
  const pixelCount = png.width * png.height;
  const colour = Buffer.allocUnsafe(pixelCount * colours);
  const alpha = Buffer.allocUnsafe(pixelCount);
  const step = png.bitDepth / 8; // bytes a sample
  for (let p = 0, i = 0, c = 0; p < pixelCount; p++) {
    for (let k = 0; k < colours; k++, i += step) colour[c++] = rows[i];
    alpha[p] = rows[i];
    i += step;
  }
  return { colour, alpha };
}

/**
 * The alpha of each pixel of a PNG with a transparency chunk (tRNS): a palette PNG's pixel has
 * its entry's (opaque past the end of the chunk); a grey or RGB pixel is transparent when it has
 * the chunk's colour, every sample at full depth (a colour-key /Mask would say as much, but
 * poppler compares 16-bit samples by their high byte, and pdfkit wrote the key wrong).
 */
function transparencyAlphas({ rows, rowBytes }: PngPixels, png: Png): Buffer {
  const transparency = png.transparency!;
  const alpha = Buffer.allocUnsafe(png.width * png.height);
  if (png.palette) {
    const table = Buffer.alloc(256, 255);
    transparency.copy(table);
    for (let y = 0, p = 0; y < png.height; y++) for (let x = 0; x < png.width; x++) alpha[p++] = table[sampleAt(rows, y * rowBytes, x, png.bitDepth)];
    return alpha;
  }
  const samples = transparency.length / 2;
  const key = Array.from({ length: samples }, (_, s) => transparency.readUInt16BE(2 * s));
  for (let y = 0, p = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      let keyed = true;
      for (let s = 0; s < samples && keyed; s++) keyed = sampleAt(rows, y * rowBytes, x * samples + s, png.bitDepth) === key[s];
      alpha[p++] = keyed ? 0 : 255;
    }
  }
  return alpha;
}

/** Sample `i` of the row at `row` of decoded pixels, of `bits` bits (16 big-endian; below 8, most significant first). */
function sampleAt(rows: Buffer, row: number, i: number, bits: number): number {
  if (bits === 8) return rows[row + i];
  if (bits === 16) return (rows[row + 2 * i] << 8) | rows[row + 2 * i + 1];
  return (rows[row + ((i * bits) >> 3)] >> (8 - bits - ((i * bits) & 7))) & ((1 << bits) - 1);
}
