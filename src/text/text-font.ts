/**
 * What the text stage needs of a font: glyphs and advances for a cluster of text. The real
 * implementation wraps a fontkit face; unit tests use a fake fixed-advance font.
 */
import { advanceOf, glyphInkBox, glyphOf, readingFace, type Face, type InkBox } from '../font/face.js';
import { OpenTypeLayout } from '../font/opentype-layout.js';
import { CJK_PUNCTUATION } from './char-class.js';

/** One glyph of shaped text. Lengths in em. */
export interface GlyphInfo {
  /** Glyph id in the font (0 = .notdef: the font lacks the character). */
  id: number;
  /** Advance width, em. */
  advance: number;
  /** The characters this glyph stands for (several for a ligature), for text extraction. */
  codePoints: number[];
  /** Horizontal extent of the ink, em: [left, right] (the whole advance where it does not matter: all but punctuation). */
  ink: [number, number];
  /** Vertical extent of the ink above the baseline, em: [bottom, top] (for punctuation only; [0, 0] for the rest). */
  inkHeight: [number, number];
  /**
   * Where the glyph is drawn from its pen position, em (right, up): a combining mark moved over
   * its base (the font's mark attachment, else centred on the base's ink). Absent: 0.
   */
  dx?: number;
  dy?: number;
}

/** A font as the text stage sees it. */
export interface TextFont {
  /** Identifies the face when drawing (the file path of a real font). */
  readonly key: string;
  /** True when the font has a glyph for this code point. */
  has(codePoint: number): boolean;
  /**
   * Glyphs for a cluster: one CJK character, a doubled mark (`——`, `……`, set full width),
   * or a run of Latin text (kerned). `languages`: OpenType language systems (e.g. `ZHT `) whose
   * `locl` forms one CJK character takes, the first the font has (see punctuation.ts).
   */
  shape(text: string, languages?: readonly string[]): GlyphInfo[];
}

/** A punctuation character (general category P). */
const PUNCTUATION = /^\p{P}$/u;
/** A combining mark (general category M). */
const MARK = /^\p{M}$/u;
/** Text with a combining mark. */
const COMBINING = /\p{M}/u;
/** The least space between a mark placed by fallback and its base's ink, em. */
const MARK_GAP = 0.05;

/** The features that join characters into one glyph or change them by their neighbours: off in a monospaced face. */
const LIGATURES: readonly string[] = ['liga', 'clig', 'calt', 'dlig', 'rlig'];

/**
 * A fontkit face as a `TextFont`, with shaping cached per text. The face is opened on first
 * use: a fallback or bold face that no text needs is never read.
 */
export class FaceTextFont implements TextFont {
  private readonly cache = new Map<string, GlyphInfo[]>();
  private readonly covered = new Map<number, boolean>();
  private opened: Face | undefined;
  private latin: OpenTypeLayout | null | undefined;

  /** `key`: the font file; `open` returns its face (opened once per build by the FaceSet). */
  constructor(
    readonly key: string,
    private readonly open: (key: string) => Face,
  ) {}

  private get face(): Face {
    return (this.opened ??= this.open(this.key));
  }

  /** The face's GSUB and GPOS read directly, for Latin runs (null: fontkit lays them out). */
  private get layout(): OpenTypeLayout | null {
    if (this.latin === undefined) {
      const { file, metrics } = this.face;
      this.latin = file && metrics ? readingFace(this.face, () => OpenTypeLayout.of(file, metrics)) : null;
    }
    return this.latin;
  }

  has(codePoint: number): boolean {
    let has = this.covered.get(codePoint);
    if (has === undefined) this.covered.set(codePoint, (has = glyphOf(this.face, codePoint) !== 0));
    return has;
  }

  shape(text: string, languages?: readonly string[]): GlyphInfo[] {
    const key = languages ? `${languages.join('')}|${text}` : text;
    let glyphs = this.cache.get(key);
    if (glyphs) return glyphs;
    const single = [...text].length === 1;
    if (single) {
      // one character: the cmap and the advance are all there is to it (no GSUB/GPOS needed),
      // and the language's own form where one is asked for
      const cp = text.codePointAt(0)!;
      const id = languages ? this.localForm(glyphOf(this.face, cp), languages) : glyphOf(this.face, cp);
      // the ink's extent (which decodes the outline) matters only for punctuation: a Chinese
      // mark's, and the interpunct's, the full stop's and the middle dot's (atoms.ts)
      glyphs = [this.info(id, advanceOf(this.face, id), [cp], CJK_PUNCTUATION.has(text) || PUNCTUATION.test(text) ? glyphInkBox(this.face, id) : undefined)];
    } else if (COMBINING.test(text)) {
      glyphs = this.shapeWithMarks(text);
    } else if (this.lacksSome(text)) {
      glyphs = this.shapeAroundMissing(text);
    } else {
      const features = text === '——' || text === '……' ? ['fwid'] : [];
      // a monospaced face (code) as typed: no ligature makes `==` one long bar nor `->` an arrow
      const without = this.face.summary.fixedPitch ? LIGATURES : undefined;
      const laidOut = readingFace(this.face, () => this.layout?.layout(text, features, without));
      if (laidOut) glyphs = laidOut.map((g) => this.info(g.id, g.advance, g.codePoints, undefined));
      else {
        const run = this.face.font.layout(text, without ? Object.fromEntries([...features.map((f) => [f, true]), ...without.map((f) => [f, false])]) : features.length ? features : undefined);
        glyphs = run.glyphs.map((g, i) => this.info(g.id, run.positions[i].xAdvance, g.codePoints, undefined));
      }
    }
    this.cache.set(key, glyphs);
    return glyphs;
  }

  /**
   * Glyphs for a text with combining marks (x̄, ȳ, a letter and U+0301): its composed form where
   * the face has it (a + U+0304: ā), else laid out by fontkit with the mark attachment's offsets
   * (GPOS `mark`), and a mark the face does not attach to its base (Noto Serif SC has no anchors on
   * its Latin letters: its macron stood after the x) centred on the base's ink, and raised clear
   * of it (lowered, a mark below), as HarfBuzz's fallback positioning does.
   */
  private shapeWithMarks(text: string): GlyphInfo[] {
    const composed = text.normalize('NFC');
    if (composed !== text && !this.lacksSome(composed)) return this.shape(composed);
    if (this.lacksSome(text)) return this.shapeAroundMissing(text);
    const face = this.face;
    const em = face.unitsPerEm;
    const run = face.font.layout(text);
    const glyphs = run.glyphs.map((g, i) => {
      const { xAdvance, xOffset, yOffset } = run.positions[i];
      const info = this.info(g.id, xAdvance, g.codePoints, undefined);
      if (xOffset) info.dx = xOffset / em;
      if (yOffset) info.dy = yOffset / em;
      return info;
    });
    // marks the font left where the pen stood: over the last glyph with an advance (their base)
    let base = -1;
    let pen = 0; // em from the base's origin
    for (let i = 0; i < glyphs.length; i++) {
      const g = glyphs[i];
      const isMark = g.advance === 0 && g.codePoints.length > 0 && g.codePoints.every((cp) => MARK.test(String.fromCodePoint(cp)));
      if (!isMark || base < 0) {
        if (g.advance > 0) [base, pen] = [i, 0];
        pen += g.advance;
        continue;
      }
      if (g.dx || g.dy) continue;
      const b = glyphInkBox(face, glyphs[base].id);
      const m = glyphInkBox(face, g.id);
      if (!b || !m) continue;
      g.dx = ((b.minX + b.maxX) / 2 - (m.minX + m.maxX) / 2) / em - pen;
      const gap = MARK_GAP * em;
      if (m.minY > (b.minY + b.maxY) / 2 && m.minY < b.maxY + gap) g.dy = (b.maxY + gap - m.minY) / em;
      else if (m.maxY < (b.minY + b.maxY) / 2 && m.maxY > b.minY - gap) g.dy = (b.minY - gap - m.maxY) / em;
    }
    return glyphs;
  }

  /** Whether the face lacks a character of `text`. */
  private lacksSome(text: string): boolean {
    for (const ch of text) if (!this.has(ch.codePointAt(0)!)) return true;
    return false;
  }

  /**
   * Glyphs for a text with characters the face lacks: the stretches it has laid out as text,
   * each character it lacks a .notdef glyph of its own that stands for that character (fontkit
   * gives every .notdef the characters of the first it made, so copying the text gave the first
   * missing character back for every one, and only it was reported).
   */
  private shapeAroundMissing(text: string): GlyphInfo[] {
    const glyphs: GlyphInfo[] = [];
    let had = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (this.has(cp)) {
        had += ch;
        continue;
      }
      if (had) glyphs.push(...this.shape(had));
      had = '';
      glyphs.push(this.info(0, advanceOf(this.face, 0), [cp], undefined));
    }
    if (had) glyphs.push(...this.shape(had));
    return glyphs;
  }

  /** A Han script glyph in the `locl` form of the first of `languages` the font has; itself where none. */
  private localForm(id: number, languages: readonly string[]): number {
    for (const language of languages) {
      const local = readingFace(this.face, () => this.layout?.localForm(id, 'hani', language));
      if (local !== undefined) return local;
    }
    return id;
  }

  private info(id: number, advance: number, codePoints: number[], bbox: InkBox | undefined): GlyphInfo {
    const em = this.face.unitsPerEm;
    const ink: [number, number] = bbox ? [bbox.minX / em, bbox.maxX / em] : [0, advance / em];
    const inkHeight: [number, number] = bbox ? [bbox.minY / em, bbox.maxY / em] : [0, 0];
    return { id, advance: advance / em, codePoints, ink, inkHeight };
  }
}
