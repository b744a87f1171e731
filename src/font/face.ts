/**
 * Font faces opened once per build and shared by measuring (cmap, advances and shaping) and
 * drawing (the renderer subsets the same file). Imprint's own readers answer what a report
 * mostly asks (see glyph-metrics.ts, opentype-layout.ts, render/truetype-subset.ts); fontkit
 * is opened only for what they do not do.
 */
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { InputError, shownFile } from '../problems.js';
import { readRegularFile, RefusedFile } from '../input-file.js';
import type { FaceRef, FontRegistry } from './registry.js';
import { DamagedFont, MAX_FONT_BYTES, SfntFile } from './sfnt-file.js';
import { GlyphMetrics } from './glyph-metrics.js';
import { checkLayoutTables } from './layout-table-check.js';
import { fontkitFaceSummary, readFaceSummary, type FaceSummary } from './face-summary.js';

/** One font file, opened. Metrics in font units; `unitsPerEm` converts them to em. */
export interface Face {
  /** Absolute path of the file. */
  path: string;
  /** Which font of a collection (0 for a file of one font). */
  index: number;
  /** The face's name in a build (see `faceKey`): text fonts and the renderer know it by this. */
  key: string;
  /**
   * fontkit's face, opened on first use: shaping Imprint's readers leave to it, CFF subsets,
   * outlines as paths. For a file read on demand it holds a buffer of the file's size, filled
   * as fontkit asks (a table when first asked for, an outline when first decoded).
   */
  readonly font: Font;
  /** Its names and overall metrics (see face-summary.ts), read on first use. */
  readonly summary: FaceSummary;
  unitsPerEm: number;
  /** The file read on demand (a WOFF or WOFF2 unpacked in memory); absent for formats fontkit reads whole (dfont). */
  file?: SfntFile;
  /** Its cmap and advances read directly, where they can be (see glyph-metrics.ts). */
  metrics?: GlyphMetrics;
  /** How its glyphs are drawn: TrueType quadratic outlines (`glyf`) or CFF. */
  outlines: 'truetype' | 'cff';
  /**
   * The problem to throw for `e`, an error met reading the file (a table or an outline not
   * where the file says, bytes that do not parse: the file is damaged): at the registry line
   * that names the file.
   */
  damaged(e: unknown): InputError;
}

/** The glyph of a code point in a face (0: the face lacks it). */
export function glyphOf(face: Face, codePoint: number): number {
  // (readingFace written out: this and advanceOf run for every character set, and a closure a call costs)
  try {
    return face.metrics ? face.metrics.glyphOf(codePoint) : face.font.glyphForCodePoint(codePoint).id;
  } catch (e) {
    throw face.damaged(e);
  }
}

/** The advance width of a glyph, font units. */
export function advanceOf(face: Face, glyph: number): number {
  try {
    return face.metrics ? face.metrics.advanceOf(glyph) : face.font.getGlyph(glyph).advanceWidth;
  } catch (e) {
    throw face.damaged(e);
  }
}

/** What `read` gives, reading `face`'s file: an error on the way is the face's problem (see `Face.damaged`). */
export function readingFace<T>(face: Face, read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw face.damaged(e);
  }
}

export type Weight = 'regular' | 'bold';

/** Opens each font file at most once and hands out faces by role and weight. */
export class FaceSet {
  private readonly open = new Map<string, Face>();
  /** The faces the registry names, by key. */
  private readonly refs = new Map<string, FaceRef>();
  /** Font files whose layout tables need no walk when opened (see `layoutChecked`). */
  private readonly checkedFiles = new Set<string>();

  constructor(readonly registry: FontRegistry) {
    for (const role of registry.roles.values()) for (const ref of [role.regular, role.bold]) this.refs.set(ref.key, ref);
  }

  /** The face of a role (`serif`, `宋体`, …) in a weight. Throws `InputError` for an unknown or a broken role. */
  face(role: string, weight: Weight = 'regular'): Face {
    return this.byKey(this.keyOf(role, weight));
  }

  /** The face key of a role in a weight, without opening it. */
  keyOf(role: string, weight: Weight = 'regular'): string {
    const r = this.registry.roles.get(role);
    const broken = this.registry.broken.get(role);
    if (broken) throw new InputError(broken);
    if (!r) {
      throw new InputError([
        {
          pos: { file: this.registry.file, line: 1, col: 1 },
          message: `no font role "${role}" in the font registry (roles: ${[...this.registry.roles.keys()].join(', ')})`,
          severity: 'error',
        },
      ]);
    }
    return (weight === 'bold' ? r.bold : r.regular).key;
  }

  /** The file of a face key the registry gave (`keyOf`). */
  fileOfKey(key: string): string {
    return this.refs.get(key)?.file ?? key;
  }

  /**
   * Font files (absolute) whose layout tables were checked by an earlier good build, as they are
   * now: those its build cache was made from, by size, times and inode (see build-cache/). Their
   * tables are not walked again when opened (see layout-table-check.ts: ~1–5 ms a face).
   */
  layoutChecked(files: Iterable<string>): void {
    for (const file of files) this.checkedFiles.add(file);
  }

  /** The font files opened so far, absolute, each once, sorted (a kept cache's: those of its earlier builds too). */
  get files(): string[] {
    return [...new Set([...this.open.values()].map((f) => f.path))].sort();
  }

  /** Closes the files of the faces opened (a build that keeps no cache; a worker's next build). */
  close(): void {
    for (const face of this.open.values()) face.file?.close();
    this.open.clear();
  }

  /** The face of a key the registry gave (`keyOf`), opened on first use. */
  byKey(key: string): Face {
    return this.byRef(this.refs.get(key) ?? { file: key, index: 0, key });
  }

  /** A face of a font file (any of a collection's, named or not in the registry), opened on first use. */
  byRef(ref: FaceRef): Face {
    const { key } = ref;
    let face = this.open.get(key);
    if (!face) {
      try {
        face = openFace(ref, this.checkedFiles.has(ref.file));
      } catch (e) {
        throw fontProblem(ref, e);
      }
      this.open.set(key, face);
    }
    return face;
  }
}

/**
 * The box of glyph `id`'s outline, font units; undefined for a glyph without
 * one. Read from the glyph's header where the file is TrueType (fontkit would decode the whole
 * `loca` table for the first glyph it measures).
 */
export function glyphInkBox(face: Face, id: number): InkBox | undefined {
  const outline = readingFace(face, () => face.file?.outline(id));
  if (!outline) {
    const { minX, maxX, minY, maxY } = readingFace(face, () => face.font.getGlyph(id).bbox);
    return Number.isFinite(minX) ? { minX, maxX, minY, maxY } : undefined;
  }
  if (outline.length < 10) return undefined;
  // the glyph header: numberOfContours, xMin, yMin, xMax, yMax
  return { minX: outline.readInt16BE(2), minY: outline.readInt16BE(4), maxX: outline.readInt16BE(6), maxY: outline.readInt16BE(8) };
}

/**
 * The problem of a face's file, at the registry line that names it (at the file's start for a
 * face no line names): `e`, what opening or reading the file threw (a file refused, one that is
 * no font, else a damaged one).
 */
function fontProblem({ file, namedAt }: FaceRef, e: unknown): InputError {
  if (e instanceof InputError) return e;
  if (!(e instanceof RefusedFile || e instanceof NotAFontFile || isDamage(e))) throw e; // a bug of Imprint's, not the font's (exit 3)
  const what = e instanceof RefusedFile ? `cannot be opened: ${e.message}` : e instanceof NotAFontFile ? e.message : `is damaged: ${e instanceof Error ? e.message : String(e)}`;
  return new InputError([
    namedAt
      ? { pos: namedAt.pos, message: `font file of role "${namedAt.role}" ${what}: ${shownFile(file)}`, severity: 'error', about: file }
      : { pos: { file, line: 1, col: 1 }, message: `font file ${what}`, severity: 'error' },
  ]);
}

/**
 * Whether `e` is what reading damaged bytes throws: our readers' `DamagedFont`, a read past a
 * buffer's end (RangeError), or a plain Error (fontkit and its decoder throw those for bytes
 * that do not parse). A TypeError or any other kind is a bug, not the font's problem.
 */
function isDamage(e: unknown): boolean {
  return e instanceof DamagedFont || e instanceof RangeError || (e instanceof Error && e.constructor === Error);
}

/** A file of no font format fontkit reads: its message follows "font file of role "x" ". */
class NotAFontFile extends Error {
  constructor(bytes: Buffer) {
    super(isType1(bytes) ? 'is a PostScript Type 1 font, which Imprint does not read: use the OpenType (.otf) or TrueType (.ttf) version of the font' : 'is not a font file (TrueType, OpenType, WOFF or a collection)');
  }
}

/** Whether the bytes begin as a PostScript Type 1 font does: binary (.pfb, segment marker 80 01) or text (.pfa, .t1). */
function isType1(bytes: Buffer): boolean {
  return (bytes[0] === 0x80 && bytes[1] === 0x01) || /^%!(PS-AdobeFont|FontType1)/.test(bytes.toString('latin1', 0, 20));
}

/** fontkit's error for bytes no font format it knows begins with. */
const UNKNOWN_FORMAT = 'Unknown font format';

/** A glyph's ink box, font units (y up from the baseline). */
export interface InkBox {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** fontkit's internals used to read tables and glyphs on demand (fontkit 2.0). */
interface FontInternals {
  directory: { tables: Record<string, { offset: number; length: number }> };
  _getTableStream(tag: string): unknown;
  _getBaseGlyph(id: number, codePoints?: number[]): GlyphInternals | null;
  layout: Font['layout'];
}

/** What of a fontkit glyph is replaced to read only what is needed, or to report damage (fontkit 2.0). */
interface GlyphInternals {
  _decode(): unknown;
  _getCBox(internal?: boolean): unknown;
  _getBBox(): unknown;
  _getPath(): unknown;
  _getMetrics(): unknown;
  _getTableMetrics(table: unknown): { advance: number };
  _font: { hmtx: unknown; directory: FontInternals['directory'] };
}

/**
 * Opens a face of a font file: read on demand when it is a TrueType/OpenType file or collection
 * (or a WOFF, WOFF2 of one), else whole by fontkit. `layoutChecked`: its layout tables were
 * checked before, as they are (see `FaceSet.layoutChecked`).
 */
function openFace(ref: FaceRef, layoutChecked: boolean): Face {
  const { file: path, index, key } = ref;
  const damaged = (e: unknown) => fontProblem(ref, e);
  const file = SfntFile.open(path, index);
  if (!file) {
    const font = fontkitOf(readRegularFile(path, MAX_FONT_BYTES), index);
    reportingDamage(font, damaged);
    const { tables } = (font as unknown as FontInternals).directory;
    return { path, index, key, font, summary: fontkitFaceSummary(font), unitsPerEm: font.unitsPerEm, outlines: tables['CFF '] || tables.CFF2 ? 'cff' : 'truetype', damaged };
  }
  let metrics: GlyphMetrics | undefined;
  try {
    if (!file.tables.has('cmap')) throw new DamagedFont('it has no table "cmap"'); // no character has a glyph
    metrics = GlyphMetrics.of(file) ?? undefined;
    if (!layoutChecked) checkLayoutTables((tag) => file.table(tag));
  } catch (e) {
    file.close();
    throw e;
  }
  let font: Font | undefined;
  let summary: FaceSummary | undefined;
  return {
    path,
    index,
    key,
    get font() {
      return (font ??= readingFace(this, () => fontkitOnDemand(file, metrics, damaged)));
    },
    get summary() {
      return (summary ??= readingFace(this, () => readFaceSummary((tag) => file.table(tag)) ?? fontkitFaceSummary(this.font)));
    },
    unitsPerEm: file.table('head')!.readUInt16BE(18),
    file,
    metrics,
    outlines: file.tables.has('CFF ') || file.tables.has('CFF2') ? 'cff' : 'truetype',
    damaged,
  };
}

/** fontkit's face of a font file's bytes (of a collection's font `index`); `NotAFontFile` for bytes of no font format. */
function fontkitOf(bytes: Buffer, index = 0): Font {
  let opened: ReturnType<typeof fontkit.create>;
  try {
    opened = fontkit.create(bytes);
  } catch (e) {
    throw e instanceof Error && e.message === UNKNOWN_FORMAT ? new NotAFontFile(bytes) : e;
  }
  if (!('fonts' in opened)) {
    if (index !== 0) throw new Error('the file holds one font, not a collection: only face 0');
    return opened;
  }
  const font = opened.fonts[index] as Font | undefined;
  if (!font) throw new Error(`the collection has ${opened.fonts.length} faces (0 to ${opened.fonts.length - 1}), not a face ${index}`);
  return font;
}

/**
 * fontkit's face of a file read on demand: fontkit sees a buffer of the file's size in which a
 * table is copied when fontkit first asks for it, and a glyph's outline when fontkit first
 * decodes that glyph (never the whole `glyf` table). A glyph's advance is read from `hmtx`
 * alone: fontkit would decode the outline for vertical metrics nobody asked for.
 */
function fontkitOnDemand(file: SfntFile, metrics: GlyphMetrics | undefined, damaged: (e: unknown) => InputError): Font {
  const image = Buffer.alloc(file.size);
  for (const { offset, bytes } of file.directories) image.set(bytes, offset);
  const font = fontkitOf(image, file.index);
  const f = font as unknown as FontInternals;
  const copied = new Set<string>();
  const tableStream = f._getTableStream.bind(f);
  f._getTableStream = (tag) => {
    const t = f.directory.tables[tag];
    if (t && tag !== 'glyf' && !copied.has(tag)) {
      copied.add(tag);
      image.set(file.table(tag)!, t.offset);
    }
    return tableStream(tag);
  };
  const baseGlyph = f._getBaseGlyph.bind(f);
  const wrapped = new WeakSet<GlyphInternals>();
  const outlinesCopied = new Set<number>();
  const copyOutline = (id: number) => {
    if (outlinesCopied.has(id)) return;
    outlinesCopied.add(id);
    const piece = file.outlinePiece(id);
    if (piece) image.set(piece.bytes, piece.offset);
  };
  const { glyf, fvar } = f.directory.tables;
  f._getBaseGlyph = (id, codePoints) => {
    const g = baseGlyph(id, codePoints);
    if (g && !wrapped.has(g)) {
      wrapped.add(g);
      if (glyf) {
        const decode = g._decode.bind(g);
        const cbox = g._getCBox.bind(g);
        g._decode = () => (copyOutline(id), decode());
        g._getCBox = (internal) => (copyOutline(id), cbox(internal));
      }
      // a variable font's advances depend on its instance: fontkit's own path for those
      if (!fvar) Object.defineProperty(g, 'advanceWidth', { value: metrics ? metrics.advanceOf(id) : g._getTableMetrics(g._font.hmtx).advance });
    }
    return g;
  };
  reportingDamage(font, damaged);
  return font;
}

/**
 * Makes an error met in what fontkit reads of `font` later the face's problem, `damaged(e)`:
 * in a layout, and in a glyph's outline, box and metrics, decoded when first asked for (the
 * tables they need with them).
 */
function reportingDamage(font: Font, damaged: (e: unknown) => InputError): void {
  const f = font as unknown as FontInternals;
  const guarded = <A extends unknown[], R>(read: (...args: A) => R) => (...args: A): R => {
    try {
      return read(...args);
    } catch (e) {
      throw damaged(e);
    }
  };
  f.layout = guarded(f.layout.bind(f));
  const baseGlyph = guarded(f._getBaseGlyph.bind(f));
  const wrapped = new WeakSet<GlyphInternals>();
  f._getBaseGlyph = (id, codePoints) => {
    const g = baseGlyph(id, codePoints);
    if (g && !wrapped.has(g)) {
      wrapped.add(g);
      for (const read of ['_getPath', '_getCBox', '_getBBox', '_getMetrics'] as const) g[read] = guarded(g[read].bind(g));
    }
    return g;
  };
}
