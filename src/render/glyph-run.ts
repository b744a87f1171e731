/**
 * Writing a positioned glyph run into the page content, below pdfkit's text API: pdfkit's own
 * text call lays text out again (and justifies only at spaces); we already know every glyph's
 * place, so we register the glyphs with the embedded font (subset, widths, ToUnicode) and emit
 * `TJ` with per-glyph adjustments.
 */
import type PDFDocument from 'pdfkit';
import type { GlyphRunOp, PlacedGlyphs } from '../page/draw.js';
import type { EmbeddedFace } from './embedded-face.js';
import { pdfNumber } from './pdf-number.js';

type Doc = InstanceType<typeof PDFDocument> & {
  page: { height: number; fonts: Record<string, unknown> };
  addContent(s: string): void;
  /** pdfkit's colour parser: a name or #hex to RGB (0–1) or CMYK components; null if unknown. */
  _normalizeColor(color: string): number[] | null;
};

/**
 * The text operators last written for a glyph array, and what they depend on besides it: a set
 * line's glyph array is kept as long as its paragraph is (watch), and its glyphs usually keep
 * their CIDs, so a rebuild writes the same strings again without making them anew.
 */
interface WrittenRun {
  face: string;
  size: number;
  cids: number[];
  operators: string[];
}

const writtenRuns = new WeakMap<PlacedGlyphs, WrittenRun>();

/** Draws the run in `font`, whose subset collects the glyphs it uses. */
export function writeGlyphRun(doc: Doc, font: EmbeddedFace, run: GlyphRunOp): void {
  const { ids, codePoints } = run.glyphs;
  if (ids.length === 0) return;
  doc.page.fonts[font.id] ??= font.dictionary;
  const cids = new Array<number>(ids.length);
  for (let i = 0; i < ids.length; i++) cids[i] = font.cid(ids[i], codePoints[i]);
  let written = writtenRuns.get(run.glyphs);
  if (!written || written.face !== font.face.key || written.size !== run.size || !sameNumbers(written.cids, cids)) {
    written = { face: font.face.key, size: run.size, cids, operators: textOperators(font, run, cids) };
    writtenRuns.set(run.glyphs, written);
  }
  // one addContent for the whole run: the operators pdfkit's save, fillColor and restore would
  // write, each on its own line (the same bytes, without a Buffer per operator)
  const h = doc.page.height;
  const ops = ['q', ...fillColorOps(doc, run.color), `1 0 0 -1 0 ${pdfNumber(h)} cm`, 'BT', `1 0 ${run.slant ? pdfNumber(run.slant) : 0} 1 ${pdfNumber(run.x)} ${pdfNumber(h - run.y)} Tm`, `/${font.id} ${pdfNumber(run.size)} Tf`, ...written.operators, 'ET', 'Q'];
  doc.addContent(ops.join('\n'));
}

/**
 * The `TJ` arrays of a run whose glyphs have CIDs `cids`; a glyph the font lacks (.notdef, id 0)
 * gets one of its own inside an ActualText span, so text extraction still gives back the
 * character it stands for.
 */
function textOperators(font: EmbeddedFace, run: GlyphRunOp, cids: number[]): string[] {
  const arrays: { parts: string[]; actual?: number[] }[] = [{ parts: [] }];
  let pen = 0; // where the PDF's own advance leaves the pen, pt relative to run.x
  const { ids, xs, codePoints } = run.glyphs;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    const gid = cids[i];
    const advance = font.width(gid); // measured once per glyph of the subset, not per use
    if (id === 0) arrays.push({ parts: [], actual: codePoints[i] });
    const current = arrays[arrays.length - 1];
    const shift = xs[i] - pen;
    if (Math.abs(shift) > 0.0005) current.parts.push(pdfNumber((-shift * 1000) / run.size));
    current.parts.push(`<${gid.toString(16).padStart(4, '0')}>`);
    if (id === 0) arrays.push({ parts: [] });
    pen = xs[i] + (advance * run.size) / 1000;
  }
  const ops: string[] = [];
  for (const { parts, actual } of arrays) {
    if (!parts.length) continue;
    if (actual) ops.push(`/Span <</ActualText <FEFF${utf16Hex(actual)}>>> BDC`);
    ops.push(`[${parts.join(' ')}] TJ`);
    if (actual) ops.push('EMC');
  }
  return ops;
}

function sameNumbers(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const colorOps = new Map<string, string[]>();

/** The operators that set the fill colour, as pdfkit writes them (its colour parser, RGB or CMYK). */
function fillColorOps(doc: Doc, color: string): string[] {
  let ops = colorOps.get(color);
  if (!ops) {
    const c = doc._normalizeColor(color);
    if (!c) throw new Error(`not a colour: ${color}`);
    colorOps.set(color, (ops = [`/${c.length === 4 ? 'DeviceCMYK' : 'DeviceRGB'} cs`, `${c.join(' ')} scn`]));
  }
  return ops;
}

/** Code points as UTF-16BE hex, for a PDF text string. */
function utf16Hex(codePoints: number[]): string {
  return Buffer.from(String.fromCodePoint(...codePoints), 'utf16le').swap16().toString('hex').toUpperCase();
}
