/**
 * Draws an SVG's paths (see svg-shapes.ts) as PDF path operators through pdfkit: vectors, never
 * pixels. Its text is not drawn here: the layout sets it in Imprint's fonts as glyph runs.
 */
import type { SvgOp } from '../page/draw.js';
import { colorOperators, type ColorParser } from './device-color.js';

/** Draws `op`'s paths, scaled by `op.scale` from the image's top left at (op.x, op.y), clipped to the image's box. */
export function drawSvg(doc: PDFKit.PDFDocument, op: SvgOp): void {
  const parser = doc as unknown as ColorParser;
  doc.save();
  doc.rect(op.x, op.y, op.w, op.h).clip();
  doc.transform(op.scale, 0, 0, op.scale, op.x, op.y);
  for (const p of op.paths) {
    doc.save();
    doc.transform(...p.matrix);
    doc.path(p.d);
    // (the colour as text and rules are set: a grey in DeviceGray, see device-color.ts)
    if (p.fill) doc.addContent(colorOperators(parser, known(parser, p.fill.color))).fillOpacity(p.fill.opacity);
    if (p.stroke) {
      doc.addContent(colorOperators(parser, known(parser, p.stroke.color), true)).strokeOpacity(p.stroke.opacity).lineWidth(p.stroke.width).lineCap(p.stroke.cap).lineJoin(p.stroke.join);
      if (p.stroke.dash.length) doc.dash(p.stroke.dash as unknown as number, {}); // pdfkit takes a dash array too
    }
    if (p.fill && p.stroke) doc.fillAndStroke(p.fillRule);
    else if (p.fill) doc.fill(p.fillRule);
    else doc.stroke();
    doc.restore();
  }
  doc.restore();
}

/**
 * `color` when pdfkit can write it, else black: for a name it does not know (`rebeccapurple`, a
 * typo) pdfkit writes nothing, and the path would take the fill a glyph run before it left set
 * (SVG paints an invalid colour as if none were given: black).
 */
function known(parser: ColorParser, color: string): string {
  return parser._normalizeColor(color) ? color : 'black';
}
