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
 * The content last written for a glyph array, and what it depends on besides it: a set line's
 * glyph array is kept as long as its paragraph is (watch), and its glyphs usually keep their
 * CIDs and its place, so a rebuild writes the same string again without making it anew (joining
 * the operators again was a tenth of a rebuild's rendering).
 */
interface WrittenRun {
  face: string;
  /** The font's resource name (F1, F2, …). */
  font: string;
  size: number;
  cids: number[];
  /** The `TJ` operators (and ActualText spans) of the glyphs. */
  operators: string[];
  /** Where and how the run was drawn: page height, x, y (pt), colour, slant. */
  height: number;
  x: number;
  y: number;
  color: string;
  slant: number | undefined;
  /** The whole run as written into the page content: its operators, one a line. */
  content: string;
}

const writtenRuns = new WeakMap<PlacedGlyphs, WrittenRun>();

/** Draws the run in `font`, whose subset collects the glyphs it uses. */
export function writeGlyphRun(doc: Doc, font: EmbeddedFace, run: GlyphRunOp): void {
  const { ids, codePoints } = run.glyphs;
  if (ids.length === 0) return;
  doc.page.fonts[font.id] ??= font.dictionary;
  const last = writtenRuns.get(run.glyphs);
  const cids = cidsOf(font, ids, codePoints, last?.face === font.face.key ? last.cids : undefined);
  const place = { font: font.id, height: doc.page.height, x: run.x, y: run.y, color: run.color, slant: run.slant };
  let written = last;
  if (!written || cids !== written.cids || written.size !== run.size) written = { face: font.face.key, size: run.size, cids, operators: textOperators(font, run, cids), ...place, content: '' };
  else if (!samePlace(written, place)) written = { ...written, ...place };
  if (written !== last) {
    written.content = runContent(doc, written);
    writtenRuns.set(run.glyphs, written);
  }
  doc.addContent(written.content);
}

type RunPlace = Pick<WrittenRun, 'font' | 'height' | 'x' | 'y' | 'color' | 'slant'>;

function samePlace(a: RunPlace, b: RunPlace): boolean {
  return a.font === b.font && a.height === b.height && a.x === b.x && a.y === b.y && a.color === b.color && a.slant === b.slant;
}

/**
 * The CIDs of the glyphs `ids` (each added to the font's subset on first use): `last` itself
 * when they are those, else a new array.
 */
function cidsOf(font: EmbeddedFace, ids: number[], codePoints: number[][], last: number[] | undefined): number[] {
  let same = 0; // glyphs from the first whose CIDs are those of `last`
  let cid = -1;
  if (last?.length === ids.length) while (same < ids.length && (cid = font.cid(ids[same], codePoints[same])) === last[same]) same++;
  if (last && same === ids.length) return last;
  const cids = new Array<number>(ids.length);
  for (let k = 0; k < same; k++) cids[k] = last![k];
  for (let k = same; k < ids.length; k++) cids[k] = k === same && cid >= 0 ? cid : font.cid(ids[k], codePoints[k]);
  return cids;
}

/**
 * The run as one string for one addContent: the operators pdfkit's save, fillColor and restore
 * would write, each on its own line (the same bytes, without a Buffer per operator).
 */
function runContent(doc: Doc, w: WrittenRun): string {
  const h = w.height;
  const ops = ['q', ...fillColorOps(doc, w.color), `1 0 0 -1 0 ${pdfNumber(h)} cm`, 'BT', `1 0 ${w.slant ? pdfNumber(w.slant) : 0} 1 ${pdfNumber(w.x)} ${pdfNumber(h - w.y)} Tm`, `/${w.font} ${pdfNumber(w.size)} Tf`, ...w.operators, 'ET', 'Q'];
  return ops.join('\n');
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
