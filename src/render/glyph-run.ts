/**
 * Writing a positioned glyph run into the page content, below pdfkit's text API: pdfkit's own
 * text call lays text out again (and justifies only at spaces); we already know every glyph's
 * place, so we register the glyphs with the embedded font (subset, widths, ToUnicode) and emit
 * `TJ` with the adjustments the glyphs' places need.
 *
 * The page content stays small (it is built, deflated and stored for every page): a run sets
 * only the text state it changes (fill colour, font and size, character spacing) and leaves
 * them set for the next, and needs no saved state or transform of its own: its text matrix
 * flips the glyphs upright in pdfkit's top-down page space. This holds while everything else
 * drawn on a page (rules, fills, images, SVG paths: render/pdf.ts) changes the graphics state
 * only between `q` and `Q`, and writes no text.
 */
import type PDFDocument from 'pdfkit';
import type { GlyphRunOp, PlacedGlyphs, TurnedOp } from '../page/draw.js';
import type { EmbeddedFace } from './embedded-face.js';
import { pdfNumber } from './pdf-number.js';
import { colorOperators, type ColorParser } from './device-color.js';
import { isAddedHyphen } from '../text/hyphenation.js';

type Doc = InstanceType<typeof PDFDocument> &
  ColorParser & {
    page: { fonts: Record<string, unknown> };
    addContent(s: string): void;
  };

/**
 * The text object last written for a glyph array, and what it depends on besides it: a set
 * line's glyph array is kept as long as its paragraph is (watch), and its glyphs usually keep
 * their CIDs and its place, so a rebuild writes the same string again without making it anew
 * (joining the operators again was a tenth of a rebuild's rendering).
 */
interface WrittenRun {
  face: string;
  size: number;
  cids: number[];
  /** The character spacing its `TJ` arrays are written for (`Tc`, pt). */
  spacing: number;
  /** The `TJ` operators (and ActualText spans) of the glyphs. */
  operators: string[];
  /** Where and how the run was drawn: x, baseline y from the top (pt), slant. */
  x: number;
  y: number;
  slant: number | undefined;
  /** The turned frame the run stands in (a turned table's, see TurnedOp), or none. */
  turn: Turn | undefined;
  /** The run's text object (`BT` … `ET`) as written into the page content, one operator a line. */
  content: string;
}

const writtenRuns = new WeakMap<PlacedGlyphs, WrittenRun>();

/** The text state of a page's content as its runs so far left it (nothing set: a new page's). */
interface TextState {
  /** The fill colour as a run names it (`#rrggbb` or a colour name, see device-color.ts). */
  color?: string;
  /** The font's resource name (F1, F2, …) and size, pt. */
  font?: string;
  size?: number;
  /** Character spacing, pt (0 on a new page; to 10⁻⁵ pt, see characterSpacing). */
  spacing: number;
}

/** By pdfkit's page object: the page being written. */
const textStates = new WeakMap<object, TextState>();

/** Where a turned frame's top-left corner stands on the page, pt (see TurnedOp). */
type Turn = Pick<TurnedOp, 'x' | 'y'>;

/** Draws the run in `font`, whose subset collects the glyphs it uses; `turn`: in that turned frame (its text matrix turned, no saved state: see above). */
export function writeGlyphRun(doc: Doc, font: EmbeddedFace, run: GlyphRunOp, turn?: Turn): void {
  if (!addRunFont(doc, font, run)) return;
  const { ids, codePoints } = run.glyphs;
  const last = writtenRuns.get(run.glyphs);
  const cids = cidsOf(font, ids, codePoints, last?.face === font.face.key ? last.cids : undefined);
  const place = { x: run.x, y: run.y, slant: run.slant, turn };
  let written = last;
  if (!written || cids !== written.cids || written.size !== run.size) written = { face: font.face.key, size: run.size, cids, ...textOperators(font, run, cids), ...place, content: '' };
  else if (!samePlace(written, place)) written = { ...written, ...place };
  if (written !== last) {
    written.content = textObject(written);
    writtenRuns.set(run.glyphs, written);
  }
  let state = textStates.get(doc.page);
  if (!state) textStates.set(doc.page, (state = { spacing: 0 }));
  const changes = stateChanges(doc, state, run.color, font.id, run.size, written.spacing);
  doc.addContent(changes ? `${changes}\n${written.content}` : written.content);
}

/**
 * What drawing the run does to the page besides writing its text object: its font in the page's
 * resources (all there is to do for a page whose content an earlier build wrote, see
 * kept-pages.ts). False for a run of no glyphs, which draws nothing.
 */
export function addRunFont(doc: Doc, font: EmbeddedFace, run: GlyphRunOp): boolean {
  if (run.glyphs.ids.length === 0) return false;
  doc.page.fonts[font.id] ??= font.dictionary;
  return true;
}

type RunPlace = Pick<WrittenRun, 'x' | 'y' | 'slant' | 'turn'>;

function samePlace(a: RunPlace, b: RunPlace): boolean {
  return a.x === b.x && a.y === b.y && a.slant === b.slant && a.turn?.x === b.turn?.x && a.turn?.y === b.turn?.y;
}

/** The operators that set what the run needs and `state` does not hold (one a line, or ''); `state` then holds it. */
function stateChanges(doc: Doc, state: TextState, color: string, font: string, size: number, spacing: number): string {
  const ops: string[] = [];
  if (state.color !== color) ops.push(colorOperators(doc, color));
  if (state.font !== font || state.size !== size) ops.push(`/${font} ${pdfNumber(size)} Tf`);
  if (state.spacing !== spacing) ops.push(`${spacing} Tc`);
  Object.assign(state, { color, font, size, spacing });
  return ops.join('\n');
}

/**
 * The run's text object: its text matrix (x, y from the page's top: pdfkit's page space is
 * flipped, so the matrix flips back, and shears a slanted run; in a turned frame, that matrix
 * times the frame's quarter turn, `0 −1 1 0 X Y`) and its `TJ` arrays.
 */
function textObject(w: WrittenRun): string {
  const slant = w.slant ? pdfNumber(w.slant) : 0;
  const matrix = w.turn ? `0 -1 -1 ${w.slant ? pdfNumber(-w.slant) : 0} ${pdfNumber(w.turn.x + w.y)} ${pdfNumber(w.turn.y - w.x)}` : `1 0 ${slant} -1 ${pdfNumber(w.x)} ${pdfNumber(w.y)}`;
  return ['BT', `${matrix} Tm`, ...w.operators, 'ET'].join('\n');
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
 * The `TJ` arrays of a run whose glyphs have CIDs `cids`, after the character spacing (`Tc`)
 * most of its glyphs leave between them: a justified Chinese line then needs a number only
 * where its spacing differs (a compressed mark, a Latin word), not one a glyph (its page
 * content was two thirds numbers, and deflating it a tenth of a long document's build). A glyph
 * the font lacks (.notdef, id 0) gets a `TJ` of its own inside an ActualText span, so text
 * extraction still gives back the character it stands for; so does the hyphen a line ends with
 * inside a word (its text a soft hyphen, U+00AD, while its glyph's ToUnicode is a hyphen's: see
 * text/hyphenation.ts).
 */
function textOperators(font: EmbeddedFace, run: GlyphRunOp, cids: number[]): { spacing: number; operators: string[] } {
  const arrays: TextArray[] = [{ parts: [], codes: '' }];
  const size = writtenSize(run);
  const spacing = characterSpacing(font, run.glyphs.xs, cids, size);
  let pen = 0; // where a reader's pen is, pt from the run's origin as written (within 0.0005 pt of each glyph's place)
  const { ids, xs, codePoints } = run.glyphs;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    const gid = cids[i];
    const actual = id === 0 || isAddedHyphen(codePoints[i]);
    if (actual) arrays.push({ parts: [], codes: '', actual: codePoints[i] });
    const current = arrays[arrays.length - 1];
    const shift = xs[i] - pen;
    if (Math.abs(shift) > 0.0005) {
      const adjustment = pdfNumber((-shift * 1000) / size);
      endString(current);
      current.parts.push(adjustment);
      pen -= (Number(adjustment) * size) / 1000; // as a reader moves: by the number written
    }
    current.codes += gid.toString(16).padStart(4, '0');
    if (actual) arrays.push({ parts: [], codes: '' });
    pen += (font.width(gid) * size) / 1000 + spacing;
  }
  const operators: string[] = [];
  for (const array of arrays) {
    endString(array);
    if (!array.parts.length) continue;
    if (array.actual) operators.push(`/Span <</ActualText <FEFF${utf16Hex(array.actual)}>>> BDC`);
    operators.push(`[${array.parts.join(' ')}] TJ`);
    if (array.actual) operators.push('EMC');
  }
  return { spacing, operators };
}

/** A `TJ` array being written: its parts (strings and numbers), the glyph codes (hex) of the string not yet ended, and the text of a .notdef glyph. */
interface TextArray {
  parts: string[];
  codes: string;
  actual?: number[];
}

/** Ends the array's current string: the glyphs between two numbers are one string. */
function endString(array: TextArray): void {
  if (array.codes) array.parts.push(`<${array.codes}>`);
  array.codes = '';
}

/** The run's font size as `Tf` writes it (to 0.001 pt): the size a reader advances its glyphs by. */
function writtenSize(run: GlyphRunOp): number {
  return Number(pdfNumber(run.size));
}

/**
 * The gap (pt) that more of a run's glyphs (at `xs`, with CIDs `cids`, at `size` pt as written)
 * leave after the glyph before them than any other, beyond a glyph's own advance (gaps within
 * 0.001 pt of each other counted as one: a justified line's differ in their last digits); their mean to 10⁻⁵ pt, or 0 when no gap recurs or most
 * glyphs leave none.
 */
function characterSpacing(font: EmbeddedFace, xs: number[], cids: number[], size: number): number {
  const gaps = new Map<number, { count: number; sum: number }>();
  let most: { count: number; sum: number } | undefined;
  for (let i = 1; i < xs.length; i++) {
    const gap = xs[i] - xs[i - 1] - (font.width(cids[i - 1]) * size) / 1000;
    const key = Math.round(gap * 1000);
    let g = gaps.get(key);
    if (!g) gaps.set(key, (g = { count: 0, sum: 0 }));
    g.count++;
    g.sum += gap;
    if (g.count > 1 && g.count > (most?.count ?? 0)) most = g;
  }
  return most && most !== gaps.get(0) ? Math.round((most.sum / most.count) * 1e5) / 1e5 : 0;
}

/** Code points as UTF-16BE hex, for a PDF text string. */
function utf16Hex(codePoints: number[]): string {
  return Buffer.from(String.fromCodePoint(...codePoints), 'utf16le').swap16().toString('hex').toUpperCase();
}
