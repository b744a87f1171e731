/**
 * One font face embedded in the PDF: a Type0 font with Identity-H encoding over a subset of the
 * face (CIDFontType2 for TrueType outlines, written by `TrueTypeSubset`; CIDFontType0C for CFF
 * outlines, written by fontkit), its widths and a ToUnicode CMap so text can be copied and
 * searched. A glyph's CID is its id in the subset.
 *
 * Widths in PDF glyph space (1/1000 em).
 */
import { createHash } from 'node:crypto';
import { deflate } from 'node:zlib';
import { promisify } from 'node:util';
import type { Font } from 'fontkit';
import type { FaceSummary } from '../font/face-summary.js';
import { advanceOf, readingFace, type Face } from '../font/face.js';
import { TrueTypeSubset } from './truetype-subset.js';
import { isAddedHyphen } from '../text/hyphenation.js';

/** The text of a hyphen glyph a line ends with, in the ToUnicode map: a hyphen-minus. */
const HYPHEN = [0x2d];

/** The parts of pdfkit's document and object references used here. */
export interface PdfWriter {
  ref(data?: Record<string, unknown>): PdfRef;
}
export interface PdfRef {
  data: Record<string, unknown>;
  end(chunk?: Buffer | string): void;
}

/** A compressed font program kept between builds (watch mode): same face and glyphs, same bytes. */
export interface EncodedProgram {
  /** The font program, deflated. */
  deflated: Buffer;
  /** Its length before deflating (the stream's /Length1), bytes. */
  length: number;
  /** The glyph of each CID, composite glyphs' components included. */
  glyphs: number[];
}

/** Glyphs added to a subset, in CID order: each glyph's id in the face, advance (1/1000 em) and the characters it stands for. */
export interface AddedGlyphs {
  glyphs: number[];
  widths: number[];
  unicode: number[][];
}

/** Encoded font programs by face and glyph list. */
export type ProgramCache = Map<string, EncodedProgram>;

interface Subsetter {
  include(glyphId: number): number;
  encode(): Buffer;
  readonly glyphs: number[];
}

/** fontkit's subset (CFF outlines, or a font read whole such as WOFF), seen through the same interface as ours. */
function fontkitSubset(font: Font): Subsetter {
  const s = font.createSubset() as unknown as { includeGlyph(id: number): number; encode(): Uint8Array; glyphs: number[] };
  return { include: (id) => s.includeGlyph(id), encode: () => Buffer.from(s.encode()), glyphs: s.glyphs };
}

export class EmbeddedFace {
  /** The Type0 font dictionary; its contents are written by `embed`. */
  readonly dictionary: PdfRef;
  /** Advance of each CID, 1/1000 em. */
  private readonly widths: number[] = [];
  /** The characters each CID stands for. */
  private readonly unicode: number[][] = [];
  private readonly subset: Subsetter;
  private readonly cff: boolean;
  private readonly scale: number;

  /** `id`: the font's resource name on the pages (F1, F2, …). */
  constructor(
    private readonly doc: PdfWriter,
    readonly face: Face,
    readonly id: string,
  ) {
    this.dictionary = doc.ref();
    this.cff = face.outlines === 'cff';
    this.subset = !this.cff && face.file && TrueTypeSubset.canSubset(face.file) ? new TrueTypeSubset(face.file) : readingFace(face, () => fontkitSubset(face.font));
    this.scale = 1000 / face.unitsPerEm;
    this.widths[0] = this.advance(0);
    this.unicode[0] = [0];
  }

  /** The CID of glyph `glyphId` of the face, for text standing for `codePoints`. */
  cid(glyphId: number, codePoints: number[]): number {
    const cid = this.subset.include(glyphId);
    this.widths[cid] ??= this.advance(glyphId);
    // (a hyphen a line ends with is its glyph, a hyphen: its soft hyphen is the ActualText's, see glyph-run.ts)
    if (glyphId !== 0) this.unicode[cid] ??= isAddedHyphen(codePoints) ? HYPHEN : codePoints;
    return cid;
  }

  /** How many glyphs the subset holds so far (the next new glyph's CID). */
  get glyphCount(): number {
    return this.subset.glyphs.length;
  }

  /** The glyphs added since the subset held `from` (CIDs `from` on), as `addAgain` takes them. */
  addedSince(from: number): AddedGlyphs {
    return { glyphs: this.subset.glyphs.slice(from), widths: this.widths.slice(from), unicode: this.unicode.slice(from) };
  }

  /**
   * Adds `added` (what `addedSince` gave in an earlier build of the same document) to a subset
   * holding what that build's held then: they get the CIDs they had, as drawing the same runs
   * again would give them.
   */
  addAgain(added: AddedGlyphs): void {
    added.glyphs.forEach((g, k) => {
      const cid = this.subset.include(g);
      this.widths[cid] ??= added.widths[k];
      this.unicode[cid] ??= added.unicode[k];
    });
  }

  /** The advance of a CID returned by `cid`, 1/1000 em. */
  width(cid: number): number {
    return this.widths[cid];
  }

  /** The advance of glyph `glyphId`, 1/1000 em. */
  private advance(glyphId: number): number {
    return advanceOf(this.face, glyphId) * this.scale;
  }

  /**
   * The subset encoded and deflated, once every page is drawn: from `programs` when there, else
   * made and put there; with its key there (the face and the glyphs drawn). The encoding runs at
   * the call, the deflating off the main thread (zlib's thread pool): a caller that asks every
   * face in turn encodes one subset while the one before deflates.
   */
  async encodedProgram(programs: ProgramCache): Promise<{ key: string; program: EncodedProgram }> {
    const key = `${this.face.key}\n${this.subset.glyphs.join(',')}`;
    const kept = programs.get(key);
    if (kept) return { key, program: kept };
    const bytes = readingFace(this.face, () => this.subset.encode()); // adds the components of composite glyphs to the subset
    const glyphs = [...this.subset.glyphs];
    const program = { deflated: await deflateOffThread(bytes), length: bytes.length, glyphs };
    programs.set(key, program);
    return { key, program };
  }

  /**
   * Writes the subset (`program`, from `encodedProgram`), descriptor, CID font, ToUnicode CMap
   * and the Type0 dictionary. `deflate` compresses the CMap (through the render cache: a
   * rebuild has the same one).
   */
  embed(program: EncodedProgram, deflate: (content: string) => Buffer): void {
    const { doc, face } = this;
    const font = face.summary;
    // components of composite glyphs: in the subset, never drawn on their own
    program.glyphs.forEach((g, cid) => {
      this.widths[cid] ??= this.advance(g);
      this.unicode[cid] ??= [0];
    });
    const fontFile = doc.ref({ Filter: 'FlateDecode', Length1: program.length, ...(this.cff ? { Subtype: 'CIDFontType0C' } : {}) });
    fontFile.end(program.deflated);
    const psName = (font.postscriptName ?? 'Font').replaceAll(' ', '_');
    const name = `${subsetTag(`${psName}\n${program.glyphs.join(',')}`)}+${psName}`;
    const bbox = font.bbox;
    const descriptor = doc.ref({
      Type: 'FontDescriptor',
      FontName: name,
      Flags: descriptorFlags(font),
      FontBBox: [bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map((v) => v * this.scale),
      ItalicAngle: font.italicAngle,
      Ascent: font.ascent * this.scale,
      Descent: font.descent * this.scale,
      CapHeight: (font.capHeight || font.ascent) * this.scale,
      XHeight: (font.xHeight || 0) * this.scale,
      StemV: 0,
      [this.cff ? 'FontFile3' : 'FontFile2']: fontFile,
    });
    descriptor.end();
    const cidFont = doc.ref({
      Type: 'Font',
      Subtype: this.cff ? 'CIDFontType0' : 'CIDFontType2',
      BaseFont: name,
      CIDSystemInfo: { Registry: new String('Adobe'), Ordering: new String('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      W: [0, this.widths],
      ...(this.cff ? {} : { CIDToGIDMap: 'Identity' }),
    });
    cidFont.end();
    // as pdfkit writes a stream it compresses (a newline after the text, /Length before /Filter)
    const toUnicode = doc.ref({ Length: 0, Filter: 'FlateDecode' });
    toUnicode.end(deflate(`${toUnicodeCMap(this.unicode)}\n`));
    this.dictionary.data = { Type: 'Font', Subtype: 'Type0', BaseFont: name, Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: toUnicode };
    this.dictionary.end();
  }
}

/** zlib's `deflate` (the bytes `deflateSync` gives), on its thread pool. */
const deflateOffThread = promisify(deflate);

/** FontDescriptor flags (PDF 32000-1 table 123): fixed pitch, serif, symbolic, script, italic. */
function descriptorFlags(font: FaceSummary): number {
  let flags = 1 << 2; // symbolic: glyphs outside the standard Latin set
  if (font.fixedPitch) flags |= 1 << 0;
  if (font.familyClass >= 1 && font.familyClass <= 7) flags |= 1 << 1;
  if (font.familyClass === 10) flags |= 1 << 3;
  if (font.italic) flags |= 1 << 6;
  return flags;
}

/**
 * Six capital letters from a hash of the face's name and its glyph list (PDF 32000-1 9.6.4): the same
 * subset always gets the same tag, different subsets different tags.
 */
function subsetTag(key: string): string {
  return [...createHash('sha256').update(key).digest().subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
}

/** A ToUnicode CMap mapping each CID to the characters its glyph stands for. */
function toUnicodeCMap(unicode: number[][]): string {
  const hex = (v: number) => v.toString(16).padStart(4, '0');
  const entries = unicode.map((cps) => {
    const s = String.fromCodePoint(...cps); // UTF-16 code units, as the CMap wants them
    let out = '';
    for (let i = 0; i < s.length; i++) out += hex(s.charCodeAt(i));
    return `<${out}>`;
  });
  const ranges: string[] = [];
  for (let start = 0; start < entries.length; start += 256) {
    const end = Math.min(start + 256, entries.length);
    ranges.push(`<${hex(start)}> <${hex(end - 1)}> [${entries.slice(start, end).join(' ')}]`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <ffff>',
    'endcodespacerange',
    `${ranges.length} beginbfrange`,
    ...ranges,
    'endbfrange',
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}
