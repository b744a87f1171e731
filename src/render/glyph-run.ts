/**
 * Writing a positioned glyph run into the page content: the one place where Imprint goes below
 * pdfkit's public API. pdfkit's own text call lays text out again (and justifies only at
 * spaces); we already know every glyph's place, so we register the glyphs with the embedded
 * font (subset, widths, ToUnicode) and emit `TJ` with per-glyph adjustments.
 */
import type PDFDocument from 'pdfkit';
import type { Font } from 'fontkit';
import type { GlyphRunOp } from '../page/draw.js';
import { pdfNumber } from './pdf-number.js';

/** The parts of pdfkit's EmbeddedFont used here (internal to pdfkit 0.17–0.20). */
export interface EmbeddedFontInternals {
  id: string;
  font: Font;
  /** 1000 / unitsPerEm */
  scale: number;
  subset: { includeGlyph(glyphId: number): number };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
}

type Doc = InstanceType<typeof PDFDocument> & {
  page: { height: number; fonts: Record<string, unknown> };
  addContent(s: string): void;
};

/** Draws the run with `font` (already selected in pdfkit for this key). */
export function writeGlyphRun(doc: Doc, font: EmbeddedFontInternals, run: GlyphRunOp): void {
  if (run.glyphs.length === 0) return;
  doc.page.fonts[font.id] ??= font.ref();
  const parts: string[] = [];
  let pen = 0; // where the PDF's own advance leaves the pen, pt relative to run.x
  let hex = '';
  for (const g of run.glyphs) {
    const gid = font.subset.includeGlyph(g.id);
    const advance = font.font.getGlyph(g.id).advanceWidth * font.scale;
    font.widths[gid] ??= advance;
    font.unicode[gid] ??= g.codePoints;
    const shift = g.x - pen;
    if (Math.abs(shift) > 0.0005) {
      if (hex) parts.push(`<${hex}>`);
      hex = '';
      parts.push(pdfNumber((-shift * 1000) / run.size));
    }
    hex += gid.toString(16).padStart(4, '0');
    pen = g.x + (advance * run.size) / 1000;
  }
  if (hex) parts.push(`<${hex}>`);
  doc.save();
  doc.fillColor(run.color);
  doc.addContent(`1 0 0 -1 0 ${pdfNumber(doc.page.height)} cm`);
  doc.addContent('BT');
  doc.addContent(`1 0 0 1 ${pdfNumber(run.x)} ${pdfNumber(doc.page.height - run.y)} Tm`);
  doc.addContent(`/${font.id} ${pdfNumber(run.size)} Tf`);
  doc.addContent(`[${parts.join(' ')}] TJ`);
  doc.addContent('ET');
  doc.restore();
}
