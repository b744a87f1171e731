/**
 * Drawing operations: what a page holds after layout, in absolute or block-relative
 * coordinates. Lengths in pt; x to the right, y downwards from the top edge (the renderer
 * converts to PDF space). The only input of the renderer.
 */
import type { LinkTarget } from '../text/inline.js';
import type { SvgPath } from '../render/svg-shapes.js';

/**
 * The structure element (tagged PDF) that drawn content belongs to: a paragraph, a heading, a
 * table cell … Elements nest through `parent`; content without a tag is an artifact (running
 * heads, page numbers, rules, fills).
 */
export interface StructTag {
  /** Unique within one layout. */
  id: string;
  /** Standard structure type: Document, H1–H3, H, P, Table, TR, TH, TD, Caption, Div, Figure, L, LI, TOC, TOCI, Note, Link. */
  role: string;
  parent?: StructTag;
  /** Alternative text (figures). */
  alt?: string;
  /** Table attributes of a TH or TD (PDF 32000-1 14.8.5.7): the rows and columns it spans; Scope of a header cell. */
  table?: { colSpan: number; rowSpan: number; scope?: 'Column' | 'Row' };
}

/**
 * The glyphs of a run, as parallel lists (a report draws some 20,000 glyphs: an object for
 * each, held to the end of the build, cost more to collect than to draw). Read only.
 */
export interface PlacedGlyphs {
  /** Glyph ids in the font (0 = .notdef). */
  ids: number[];
  /** Where each glyph starts, pt from the run's x. */
  xs: number[];
  /** The characters each glyph stands for (ToUnicode, so text extraction gives them back). */
  codePoints: number[][];
}

/** Glyphs of one font and size on one baseline. */
export interface GlyphRunOp {
  kind: 'glyphs';
  x: number;
  /** Baseline, pt from the top. */
  y: number;
  /** Font file (the face's key). */
  font: string;
  /** pt */
  size: number;
  color: string;
  glyphs: PlacedGlyphs;
  /** Shear of the glyphs (x += slant · height above the baseline): a slanted Latin emphasis. */
  slant?: number;
  tag?: StructTag;
}

export interface LineOp {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Stroke width, pt. */
  width: number;
  color: string;
}

export interface RectOp {
  kind: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  fill: string;
}

export interface ImageOp {
  kind: 'image';
  x: number;
  y: number;
  w: number;
  h: number;
  /** The bytes of a PNG or JPEG file, checked to be embeddable (see content/image-file.ts). */
  data: Buffer;
  /** The ICC profile the image carries, checked (see content/icc-profile.ts): the PDF draws the image in it (ICCBased); a CMYK JPEG only in a PDF/A, where DeviceCMYK is not allowed (see render/pdf.ts). */
  profile?: Buffer;
  tag?: StructTag;
}

/** The paths of an SVG image, drawn as vectors (its text is set as glyph runs beside it). */
export interface SvgOp {
  kind: 'svg';
  /** The image's top left, pt. */
  x: number;
  y: number;
  /** The image's size on the page, pt: nothing is drawn outside it (an SVG's viewport clips what it draws, as a browser shows it). */
  w: number;
  h: number;
  /** From the image's natural pt to the page's. */
  scale: number;
  paths: readonly SvgPath[];
  tag?: StructTag;
}

/** A filled round dot (an emphasis dot, 着重号), centred at (x, y). */
export interface DotOp {
  kind: 'dot';
  x: number;
  y: number;
  /** Radius, pt. */
  r: number;
  color: string;
}

/** A clickable area that jumps to a named destination (an anchor id) or opens a URL. */
export interface LinkOp {
  kind: 'link';
  x: number;
  y: number;
  w: number;
  h: number;
  target: LinkTarget;
  /** The words linked: the annotation's description (Contents) for assistive technology. */
  text: string;
  /** The `Link` element holding the linked text (tagged PDF): the annotation is its object. */
  tag?: StructTag;
}

/**
 * Ops set turned a quarter counter-clockwise (a 横排表's page, see block/turned-table.ts: the
 * table's top toward the page's left edge). `ops` are laid out in the turned frame (x along the
 * table's width, y down its height, pt from the frame's top-left corner), which stands with that
 * corner at (x, y) on the page, the type area's bottom-left: a point (u, v) of the frame is
 * (x + v, y − u) on the page (a link's rectangle: `turnedRect`).
 */
export interface TurnedOp {
  kind: 'turned';
  x: number;
  y: number;
  ops: DrawOp[];
}

export type DrawOp = GlyphRunOp | LineOp | RectOp | ImageOp | SvgOp | DotOp | LinkOp | TurnedOp;

/** Where a rectangle of a turned frame whose top-left corner stands at (x, y) lands on the page (see TurnedOp): its width up the page, its height across. */
export function turnedRect<R extends { x: number; y: number; w: number; h: number }>(turn: { x: number; y: number }, r: R): R {
  return { ...r, x: turn.x + r.y, y: turn.y - r.x - r.w, w: r.h, h: r.w };
}

/** Moves ops by (dx, dy). */
export function translateOps(ops: DrawOp[], dx: number, dy: number): DrawOp[] {
  return ops.map((op) => {
    switch (op.kind) {
      case 'line':
        return { ...op, x1: op.x1 + dx, x2: op.x2 + dx, y1: op.y1 + dy, y2: op.y2 + dy };
      default:
        return { ...op, x: op.x + dx, y: op.y + dy };
    }
  });
}

/** A bookmark (outline entry) placed on a page. */
export interface OutlineEntry {
  title: string;
  /** 1 = chapter or preface, 2 = section, 3 = third level. */
  level: number;
  /** Anchor id of the heading. */
  id: string;
}

/** An anchor (heading, table, case, figure) where it landed. */
export interface AnchorPlace {
  id: string;
  /** Page index from 0. */
  pageIndex: number;
  /** Printed page label (`1`, `ii`, or empty). */
  label: string;
  /** Top of the anchored block, pt from the page top. */
  y: number;
}

/** One finished page. */
export interface DrawPage {
  width: number;
  height: number;
  /** Printed page label (empty when unnumbered). */
  label: string;
  ops: DrawOp[];
  anchors: AnchorPlace[];
  outline: OutlineEntry[];
  /** The footnotes whose notes start at this page's foot, by number in the report, in order. */
  notes: number[];
  /** Shown turned a quarter clockwise (PDF's /Rotate 90), so a page holding a turned table (TurnedOp) reads upright on screen; absent: 0. */
  rotate?: 90;
}
