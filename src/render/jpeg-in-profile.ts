/**
 * A CMYK JPEG in a PDF/A, drawn in the colour space of the ICC profile it carries (an ICCBased
 * space of four components, the profile embedded as its stream): PDF/A-2 (ISO 19005-2 6.2.4)
 * allows it under any output intent, where DeviceCMYK needs a CMYK intent and Imprint's is sRGB.
 * The image's bytes are embedded as they are, with pdfkit's Decode for CMYK (Adobe's JPEGs
 * store CMYK inverted), as without PDF/A.
 */
import type { PdfRef, PdfWriter } from './embedded-face.js';

/** The parts of pdfkit's JPEG image used here (pdfkit 0.17–0.20). */
interface PdfkitJpeg {
  obj: PdfRef | null;
  data: Buffer | null;
  bits: number;
  width: number;
  height: number;
  embed(doc: PdfWriter): void;
}

/** Makes pdfkit's JPEG `image` embed itself in the colour space of `profile` (a CMYK ICC profile). */
export function inItsProfile(image: PDFKit.Mixins.ImageSrc, profile: Buffer): void {
  const jpeg = image as unknown as PdfkitJpeg;
  jpeg.embed = (doc) => {
    if (jpeg.obj) return;
    const icc = doc.ref({ N: 4 });
    icc.end(profile);
    jpeg.obj = doc.ref({ Type: 'XObject', Subtype: 'Image', BitsPerComponent: jpeg.bits, Width: jpeg.width, Height: jpeg.height, ColorSpace: ['ICCBased', icc], Filter: 'DCTDecode', Decode: [1, 0, 1, 0, 1, 0, 1, 0] });
    jpeg.obj.end(jpeg.data!);
    jpeg.data = null;
  };
}
