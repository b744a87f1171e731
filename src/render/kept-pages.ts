/**
 * Pages written again as the last build in the same process wrote them (a watch session): after
 * a one-paragraph edit most pages draw what they drew before, and a page's content stream is
 * then the same, glyph code for glyph code, when the font subsets hold the same glyphs at the
 * same CIDs as they did when the page was written. Such a page takes its stream as it was; what
 * the document keeps besides the stream (the structure marks, the fonts in the page's resources,
 * its links, the glyphs it adds to the subsets) is done as ever. Same bytes as writing it afresh.
 */
import type { DrawOp, DrawPage } from '../page/draw.js';
import type { AddedGlyphs, EmbeddedFace } from './embedded-face.js';

/** A page as a build wrote it, for the next build to write again. */
export interface WrittenPage {
  /** pt */
  width: number;
  height: number;
  ops: readonly DrawOp[];
  /** Its content stream before deflating (latin1), pdfkit's start of the page included. */
  content: string;
  /** What drawing it added to the embedded faces, in the order they were embedded (a face first drawn on it last). */
  added: FaceAddition[];
}

/** The glyphs one page added to one embedded face. */
export interface FaceAddition {
  /** The face's key and its resource name (F1, F2, …). */
  key: string;
  id: string;
  glyphs: AddedGlyphs;
}

/** How many glyphs each embedded face holds, by face key: taken before a page is drawn. */
export type SubsetSizes = Map<string, number>;

export function subsetSizes(embedded: ReadonlyMap<string, EmbeddedFace>): SubsetSizes {
  return new Map([...embedded].map(([key, face]) => [key, face.glyphCount]));
}

/** What a page added to the faces in `embedded`, which held `before` when it began. */
export function addedSince(embedded: ReadonlyMap<string, EmbeddedFace>, before: SubsetSizes): FaceAddition[] {
  const added: FaceAddition[] = [];
  for (const [key, face] of embedded) {
    const from = before.get(key) ?? 0;
    if (face.glyphCount > from) added.push({ key, id: face.id, glyphs: face.addedSince(from) });
  }
  return added;
}

/** Whether two pages added the same glyphs, at the same CIDs, to the same faces under the same names. */
export function sameAdditions(a: readonly FaceAddition[], b: readonly FaceAddition[]): boolean {
  return a.length === b.length && a.every((x, i) => x.key === b[i].key && x.id === b[i].id && sameGlyphs(x.glyphs, b[i].glyphs));
}

function sameGlyphs(a: AddedGlyphs, b: AddedGlyphs): boolean {
  return sameNumbers(a.glyphs, b.glyphs) && sameNumbers(a.widths, b.widths) && a.unicode.length === b.unicode.length && a.unicode.every((cps, i) => sameNumbers(cps, b.unicode[i]));
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Whether `page` draws what `last` drew, into the same content stream: the same size, and op for
 * op the same glyph runs (the same glyph lists, kept with their set paragraphs), rules, fills and
 * dots in the same places, colours and structure roles. Links are not in the stream (they are
 * drawn again in any case); a page with an image, an SVG or a turned table is never taken as it was.
 */
export function drawsAsBefore(page: DrawPage, last: WrittenPage): boolean {
  return page.width === last.width && page.height === last.height && page.ops.length === last.ops.length && page.ops.every((op, i) => sameDrawing(op, last.ops[i]));
}

function sameDrawing(a: DrawOp, b: DrawOp): boolean {
  switch (a.kind) {
    case 'glyphs':
      return b.kind === 'glyphs' && a.glyphs === b.glyphs && a.x === b.x && a.y === b.y && a.font === b.font && a.size === b.size && a.color === b.color && a.slant === b.slant && a.tag?.role === b.tag?.role;
    case 'line':
      return b.kind === 'line' && a.x1 === b.x1 && a.y1 === b.y1 && a.x2 === b.x2 && a.y2 === b.y2 && a.width === b.width && a.color === b.color;
    case 'rect':
      return b.kind === 'rect' && a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h && a.fill === b.fill;
    case 'dot':
      return b.kind === 'dot' && a.x === b.x && a.y === b.y && a.r === b.r && a.color === b.color;
    case 'link':
      return b.kind === 'link';
    case 'image':
    case 'svg':
    case 'turned':
      return false;
  }
}
