/**
 * A JPEG drawn in the colour space of the ICC profile it carries (an ICCBased space, see
 * icc-spaces.ts) where pdfkit would draw it in the device's (DeviceGray, DeviceRGB, DeviceCMYK).
 * The image's bytes are embedded as they are, a CMYK one with pdfkit's Decode (Adobe's JPEGs
 * store CMYK inverted), as pdfkit embeds them.
 */
import type { PdfRef, PdfWriter } from './embedded-face.js';
import type { IccBasedSpace } from './icc-spaces.js';

/** The parts of pdfkit's JPEG image used here (pdfkit 0.17–0.20). */
interface PdfkitJpeg {
  obj: PdfRef | null;
  data: Buffer | null;
  bits: number;
  width: number;
  height: number;
  /** The device space pdfkit gives it by its components. */
  colorSpace: 'DeviceGray' | 'DeviceRGB' | 'DeviceCMYK';
  embed(doc: PdfWriter): void;
}

/** Makes pdfkit's JPEG `image` embed itself in `space` (that of the profile it carries, of as many components). */
export function inItsProfile(image: PDFKit.Mixins.ImageSrc, space: IccBasedSpace): void {
  const jpeg = image as unknown as PdfkitJpeg;
  jpeg.embed = (doc) => {
    if (jpeg.obj) return;
    const decode = jpeg.colorSpace === 'DeviceCMYK' ? { Decode: [1, 0, 1, 0, 1, 0, 1, 0] } : {};
    jpeg.obj = doc.ref({ Type: 'XObject', Subtype: 'Image', BitsPerComponent: jpeg.bits, Width: jpeg.width, Height: jpeg.height, ColorSpace: space, Filter: 'DCTDecode', ...decode });
    jpeg.obj.end(jpeg.data!);
    jpeg.data = null;
  };
}
