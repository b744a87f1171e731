/**
 * Paragraph text → atoms: the smallest pieces the line breaker moves. A Han character or a
 * Chinese punctuation mark is one atom; a Latin word (letters, digits, symbols without spaces)
 * is one atom; `——` and `……` are one atom each; a space is an atom that vanishes at line edges.
 * A number is one word with the spaces that hold it together (`3 860.5`, `20 Gbps`: see spaces.ts).
 */
import { CJK_PUNCTUATION, CLOSING_MARKS, DOUBLED_MARKS, INTERPUNCT, isAlnum, isCjk, PAUSE_MARKS } from './char-class.js';
import type { Inline, Marks } from './inline.js';
import type { GlyphInfo, TextFont } from './text-font.js';
import { alwaysHalfWidth, blankHalves, centresMarks, CENTRED_MARKS, compressAdjacentMarks, dropLeftBlank, dropRightBlank, keepsFullWidth, LOCAL_FORMS, ownWidth, OWN_WIDTH_MARKS, type PunctuationScheme } from './punctuation.js';
import { breaksAfter, isSpaceCharacter, numberSpaces, spaceWidth } from './spaces.js';

export type AtomKind = 'han' | 'punct' | 'latin' | 'space';

/** One drawn glyph of an atom. Lengths in pt. */
export interface AtomGlyph {
  id: number;
  advance: number;
  codePoints: number[];
  /** Where the glyph is drawn from its pen position, pt (right, up): a combining mark over its base. Absent: 0. */
  dx?: number;
  dy?: number;
}

/** A piece of a paragraph. Lengths in pt (font size applied). */
export interface Atom {
  kind: AtomKind;
  text: string;
  /** Offsets of the atom's text in the paragraph's plain text (UTF-16 units). */
  start: number;
  end: number;
  font: TextFont;
  /** Font size, pt (a superscript's or subscript's smaller size). */
  size: number;
  /** The marks of the run the atom comes from (shared by its atoms; see inline.ts). */
  marks: Marks;
  /** The look of the marks (see `InlineLook`), for atoms with marks other than bold. */
  look?: InlineLook;
  glyphs: AtomGlyph[];
  /** Natural advance, pt, after fixed punctuation compression. */
  width: number;
  /** Blank on the left that may be removed (opening marks), pt. */
  blankLeft: number;
  /** Blank on the right that may be removed (closing and pause marks), pt. */
  blankRight: number;
  /** Where the glyphs start relative to the atom's left edge, pt (negative when a left blank was removed). */
  shift: number;
  /** How far the glyphs stand above the baseline, pt: a mark centred in its cell (see `centreInk`); 0 for the rest. */
  raise: number;
  /**
   * This atom continues the Latin word of the atom before it: a long URL or path cut after
   * one of `/ \ . - _ ? & = ;` (see `WORD_BREAK`), or a word too wide for the measure cut into characters. A line may break
   * before it (at a cost); justification adds no space there.
   */
  continuesWord: boolean;
  /** A space was typed before this atom and folded into the Han–Latin gap (see glue.ts). */
  spacedBefore: boolean;
}

/**
 * How inline marks look (the theme's `inline:`; lengths in em of the text's size), and the
 * fonts of inline code.
 */
export interface InlineLook {
  /** Superscript and subscript size, a fraction of the text's. */
  scriptSize: number;
  /** Baseline raised for a superscript, lowered for a subscript, em. */
  supRise: number;
  subDrop: number;
  /** Emphasis dot's diameter, and its gap below the em box, em. */
  dotSize: number;
  dotGap: number;
  /** Shear of Latin emphasis (x += slant · y). */
  slant: number;
  /** Colour of link text (`#rrggbb`), or undefined for the text's own. */
  linkColor?: string;
  /** Font stacks of inline code (the theme's `code-inline` style), else the text's own; found when first read. */
  code?: { regular: TextFont[]; bold: TextFont[] };
  /** The roles of inline code's fonts, for cache keys (reading `code` would find the fonts). */
  codeKey?: string;
  /** Font stacks of article labels (the theme's `article-label` style: its bold face when it is bold), else the text's own; found when first read. */
  label?: { regular: TextFont[]; bold: TextFont[] };
  /** The roles of the article labels' fonts, for cache keys. */
  labelKey?: string;
}

/** The look when a style gives none: that of Imprint's default theme. */
export const DEFAULT_LOOK: InlineLook = { scriptSize: 0.7, supRise: 0.36, subDrop: 0.14, dotSize: 0.14, dotGap: 0.12, slant: 0.2 };

/** The fonts and size of a paragraph's text. */
export interface TextStyle {
  /** Font stacks: the first font that has a character sets it. */
  regular: TextFont[];
  bold: TextFont[];
  /** Stacks for Latin words, when the style names a Latin font (else the stacks above). */
  latin?: { regular: TextFont[]; bold: TextFont[] };
  /** Font size, pt. */
  size: number;
  /** Punctuation width scheme (see punctuation.ts). */
  punctuation: PunctuationScheme;
  /** Width of a grid cell, pt: each Chinese character takes one cell, centred in it (GB/T 9704). */
  cell?: number;
  /** How inline marks look (DEFAULT_LOOK when absent). */
  look?: InlineLook;
}

/** The atoms of a paragraph, and the characters no font in the stack has. */
export interface AtomizedText {
  text: string;
  atoms: Atom[];
  missing: string[];
}

/**
 * Splits inline runs into atoms, shaping each with the first font of the stack that has it.
 * A Latin word wider than `maxWidth` pt is cut into pieces that fit it (see `pushWord`).
 */
export function atomize(runs: Inline[], style: TextStyle, maxWidth = Infinity): AtomizedText {
  const atoms: Atom[] = [];
  const missing = new Set<string>();
  let offset = 0;
  for (const run of runs) {
    const runStyle = styleOfRun(style, run);
    const shapes = shapesOf(runStyle);
    const known = run.bold ? shapes.bold : shapes.regular;
    const marks: Marks = run;
    const look = marked(run) ? (style.look ?? DEFAULT_LOOK) : undefined;
    const first = atoms.length;
    // inline code: its words as typed, never stretched, a line may break at its spaces (which keep
    // their width: see codeSpace); a URL breaks only at its marks
    const pieces = run.code ? codePieces(run.text) : splitPieces(run.text);
    for (const piece of pieces) {
      const start = offset + piece.start;
      if (run.code && piece.kind === 'space') {
        atoms.push(codeSpace(piece.text, start, runStyle, marks));
        continue;
      }
      if (piece.kind === 'latin') {
        const kind = run.code ? 'text' : run.url || URL_WRITTEN.test(piece.text) ? 'url' : DESIGNATION.test(piece.text) ? 'designation' : 'text';
        // on a character grid a designation's space is an atom of its own, where a line may end
        // as a last resort (see partsDesignation, grid-breaks.ts)
        const space = kind === 'designation' && runStyle.cell ? piece.text.indexOf(' ') : -1;
        if (space < 0) pushWord(atoms, missing, known, piece.text, start, marks, runStyle, maxWidth, kind);
        else {
          pushWord(atoms, missing, known, piece.text.slice(0, space), start, marks, runStyle, maxWidth, kind);
          atoms.push(codeSpace(' ', start + space, runStyle, marks));
          pushWord(atoms, missing, known, piece.text.slice(space + 1), start + space + 1, marks, runStyle, maxWidth, kind);
        }
        continue;
      }
      const shape = knownShape(known, piece.kind, piece.text, runStyle, run.bold);
      if (shape.missing.length) for (const ch of shape.missing) missing.add(ch);
      atoms.push(atomOf(shape, piece.text, start, runStyle.size, marks));
    }
    if (look) for (let k = first; k < atoms.length; k++) atoms[k].look = look;
    offset += run.text.length;
  }
  const text = runs.map((r) => r.text).join('');
  const folded = foldSpacesBesideHan(atoms);
  if (style.cell) spacesBetweenHanTakeACell(folded, style.cell);
  if (style.punctuation === 'gb') compressAdjacentMarks(folded);
  return { text, atoms: folded, missing: [...missing] };
}

/** Whether a run has marks other than bold (its atoms then carry the look). */
function marked(run: Marks): boolean {
  return !!(run.emphasis || run.code || run.script || run.link);
}

/**
 * The style a run's text is shaped in: a superscript or subscript smaller (and off the grid),
 * inline code in the code fonts, an article's label in its own. The same object for the same style and marks.
 */
function styleOfRun(style: TextStyle, run: Marks): TextStyle {
  if (!run.script && !(run.code && style.look?.code) && !(run.label && style.look?.label)) return style;
  let derived = derivedStyles.get(style);
  if (!derived) derivedStyles.set(style, (derived = {}));
  const look = style.look ?? DEFAULT_LOOK;
  if (run.code && look.code) return (derived.code ??= { ...style, regular: look.code.regular, bold: look.code.bold, latin: undefined });
  if (run.script) return (derived.script ??= { ...style, size: style.size * look.scriptSize, cell: undefined });
  // (what is left: an article's label, with label fonts)
  return (derived.label ??= { ...style, regular: look.label!.regular, bold: look.label!.bold, latin: undefined });
}

/** Styles made from a style for runs with marks (see `styleOfRun`). */
const derivedStyles = new WeakMap<TextStyle, { code?: TextStyle; label?: TextStyle; script?: TextStyle }>();

/**
 * What all atoms of one text in one style share: the font chosen, the glyphs at the size (read
 * only, shared by the atoms), the width and blanks before any compression between neighbours.
 */
interface AtomShape extends Pick<Atom, 'kind' | 'font' | 'glyphs' | 'width' | 'blankLeft' | 'blankRight' | 'shift' | 'raise'> {
  /** Characters of the text no font in the stack has. */
  missing: string[];
}

/** Shapes made, per text, for each style: a paragraph repeats its characters, a report its styles. */
interface ShapeTables {
  regular: Map<string, AtomShape>;
  bold: Map<string, AtomShape>;
}

/** Tables by style setting, kept with the style's first font (so they go when the fonts go). */
const shapeTables = new WeakMap<TextFont, Map<string, ShapeTables>>();
/** A number for each font object: a style's setting names its fonts by identity. */
const fontIds = new WeakMap<TextFont, number>();
let nextFontId = 0;

function fontId(f: TextFont): number {
  let id = fontIds.get(f);
  if (id === undefined) fontIds.set(f, (id = nextFontId++));
  return id;
}

function shapesOf(style: TextStyle): ShapeTables {
  const ids = (stack: TextFont[]) => stack.map(fontId).join(',');
  const setting = [ids(style.regular), ids(style.bold), style.latin ? `${ids(style.latin.regular)};${ids(style.latin.bold)}` : '', style.size, style.punctuation, style.cell].join('|');
  let bySetting = shapeTables.get(style.regular[0]);
  if (!bySetting) shapeTables.set(style.regular[0], (bySetting = new Map()));
  let tables = bySetting.get(setting);
  if (!tables) bySetting.set(setting, (tables = { regular: new Map(), bold: new Map() }));
  return tables;
}

/** The shape of a piece's text in the style (made once: the table keeps it for the next). */
function knownShape(known: Map<string, AtomShape>, kind: AtomKind, text: string, style: TextStyle, bold: boolean): AtomShape {
  // (a mark of its own width is a Latin word elsewhere, `kW·h`: a key of each)
  const key = kind === 'punct' && OWN_WIDTH_MARKS.has(text) ? `punct:${text}` : text;
  let shape = known.get(key);
  if (!shape) known.set(key, (shape = makeShape(kind, text, chooseFont(kind, text, style, bold), style)));
  return shape;
}

/** The font of the stack for a piece: the first that has all its characters, else the first. */
function chooseFont(kind: AtomKind, text: string, style: TextStyle, bold: boolean): TextFont {
  const stacks = kind === 'latin' && style.latin ? style.latin : style;
  const stack = bold ? stacks.bold : stacks.regular;
  // (a word's spaces are set with the font's space glyph: see shapeWord)
  const codePoints = [...text].map((c) => (isSpaceCharacter(c) ? 0x20 : c.codePointAt(0)!));
  for (const f of stack) if (codePoints.every((cp) => f.has(cp))) return f;
  return stack[0];
}

function makeShape(kind: AtomKind, text: string, font: TextFont, style: TextStyle): AtomShape {
  const size = style.size;
  // a space of its own width (thin, em …) is written; a typed space is drawn as distance only, its width from glue.ts
  if (kind === 'space' && text !== ' ') return writtenSpace(font, size, spaceWidth(text, (c) => advanceIn(font, c)));
  const glyphs = kind === 'space' ? [] : kind === 'latin' ? shapeWord(font, text) : font.shape(text, kind === 'punct' ? LOCAL_FORMS[style.punctuation] : undefined);
  const own = kind === 'punct' && glyphs.length === 1 ? ownWidth(text, style.punctuation) : undefined;
  const [blankLeft, blankRight] =
    kind === 'punct' && own === undefined && !keepsFullWidth(style.punctuation) && glyphs.length === 1 ? blankHalves(glyphs[0].ink, glyphs[0].advance, size) : [0, 0];
  const shape: AtomShape = {
    kind,
    font,
    glyphs: glyphs.map((g) => (g.dx || g.dy ? { id: g.id, advance: g.advance * size, codePoints: g.codePoints, dx: (g.dx ?? 0) * size, dy: (g.dy ?? 0) * size } : { id: g.id, advance: g.advance * size, codePoints: g.codePoints })),
    width: glyphs.reduce((w, g) => w + g.advance, 0) * size,
    blankLeft,
    blankRight,
    shift: 0,
    raise: 0,
    missing: glyphs.filter((g) => g.id === 0).flatMap((g) => g.codePoints.map((c) => String.fromCodePoint(c))),
  };
  if (own !== undefined) {
    // its own place (see OWN_WIDTH_MARKS), the ink in the middle across (up, the interpunct's
    // dots stand at the em box's middle already, Noto Serif SC's 0.02 em below it: left on the
    // baseline, as the text copied keeps it)
    shape.width = own * size;
    shape.shift += (shape.width - (glyphs[0].ink[0] + glyphs[0].ink[1]) * size) / 2;
  }
  if (kind === 'punct' && centresMarks(style.punctuation) && CENTRED_MARKS.has(text) && glyphs.length === 1) centreInk(shape, glyphs[0], size);
  // (a mark of its own width keeps it on a grid too: the line is spread over the rest of the cell, as beside a Latin run)
  if (style.cell && (kind === 'han' || (kind === 'punct' && own === undefined))) fitToCells(shape, size, style.cell);
  if (kind === 'punct' && alwaysHalfWidth(text, style.punctuation)) {
    dropLeftBlank(shape);
    dropRightBlank(shape);
  }
  return shape;
}

/**
 * A Latin word's glyphs. Its spaces (those inside a number, and those of their own width: see
 * spaces.ts) are the font's space glyph (fonts lack the thin and no-break spaces, and the text
 * copied from the PDF keeps a space) at the space's width.
 */
function shapeWord(font: TextFont, text: string): GlyphInfo[] {
  let spaced = '';
  for (const c of text) spaced += isSpaceCharacter(c) ? ' ' : c;
  const glyphs = font.shape(spaced);
  if (spaced === text && !text.includes(' ') && !text.includes(INTERPUNCT)) return glyphs;
  let at = 0; // the offset in `text` of the glyph's first character (the spaces replaced are one UTF-16 unit each)
  return glyphs.map((g) => {
    const [before, ch] = [text[at - 1], text[at]];
    for (const cp of g.codePoints) at += cp > 0xffff ? 2 : 1;
    if (g.codePoints.length === 1 && g.codePoints[0] === 0x20) return { ...g, advance: spaceWidth(ch, (c) => advanceIn(font, c)), codePoints: [0x20] };
    return ch === INTERPUNCT && g.codePoints.length === 1 && before !== undefined && isAlnum(before) && at < text.length && isAlnum(text[at]) ? latinMiddleDot(font, g) : g;
  });
}

/**
 * A middle dot inside a Latin word (`kW·h`, `3·15`) as a Latin font draws it: no wider than the
 * font's full stop (Noto Serif SC's are 0.327 em each, JetBrains Mono's 0.6). Where the font
 * draws it wider (Noto Sans SC: a full-width mark, 1 em, which set `kW · h` apart in a 黑体
 * heading), it keeps its ink with the full stop's side bearings on each side, the ink in the middle.
 */
function latinMiddleDot(font: TextFont, dot: GlyphInfo): GlyphInfo {
  const [stop] = font.shape('.');
  if (dot.advance <= stop.advance + 1e-6) return dot;
  const [{ ink }] = font.shape(INTERPUNCT);
  const advance = ink[1] - ink[0] + stop.advance - (stop.ink[1] - stop.ink[0]);
  return { ...dot, advance, dx: (dot.dx ?? 0) + (advance - ink[0] - ink[1]) / 2 };
}

/** The advance of a character in a font, em. */
function advanceIn(font: TextFont, ch: string): number {
  return font.shape(ch).reduce((w, g) => w + g.advance, 0);
}

/**
 * A space written as the font's space glyph (the text copied from the PDF keeps it), `advance`
 * em wide (the glyph's own when absent), never stretched or shrunk (see glue.ts).
 */
function writtenSpace(font: TextFont, size: number, advance?: number): AtomShape {
  const [g] = font.shape(' ');
  const width = (advance ?? g.advance) * size;
  return { kind: 'space', font, glyphs: [{ id: g.id, advance: width, codePoints: [0x20] }], width, blankLeft: 0, blankRight: 0, shift: 0, raise: 0, missing: [] };
}

/**
 * A mark's ink moved to the middle of its cell, across and up (Taiwan and Hong Kong practice:
 * ，。、；： stand in the centre of the character's square): nothing moves where the font's
 * form is centred already (its Traditional form), a mainland form moves from its corner.
 */
function centreInk(shape: AtomShape, { ink, inkHeight }: GlyphInfo, size: number): void {
  shape.shift += (shape.width - (ink[0] + ink[1]) * size) / 2;
  shape.raise += (EM_BOX_ASCENT - 1 / 2 - (inkHeight[0] + inkHeight[1]) / 2) * size;
}

/** Height of the ideographic em box above the baseline, em (the box is 1 em tall, from −0.12 em). */
export const EM_BOX_ASCENT = 0.88;

/** A new atom of a shape at an offset. */
function atomOf(shape: AtomShape, text: string, start: number, size: number, marks: Marks): Atom {
  return {
    kind: shape.kind,
    text,
    start,
    end: start + text.length,
    font: shape.font,
    size,
    marks,
    glyphs: shape.glyphs,
    width: shape.width,
    blankLeft: shape.blankLeft,
    blankRight: shape.blankRight,
    shift: shape.shift,
    raise: shape.raise,
    continuesWord: false,
    spacedBefore: false,
  };
}

/**
 * Where a long word (path, URL, dotted name, query string, `a=1;b=2`, identifier) may break, as
 * a URL is broken (UAX #14 tailored), after a mark: after a `/` or `\` (Windows paths) that does
 * not start the word, and not inside `//` or `\\` nor right after a scheme's `://` (`https://`
 * never ends a line alone, as in a URL printed whole: see URL_BREAK);
 * after `.`, `-`, `_` that follow two letters or digits and come before a letter (never inside
 * a number: 10.0.19045, never after `--`, never after a one-letter prefix: X-Request-Id; never
 * after the `.` of a file's extension or domain that ends the word: report.|pdf, example.|com,
 * pujiang.|gov.cn, see WORD_END), and after a `.` that follows a subscript or a call
 * (`data.records[].|enrollment.total`, `getUser().|name`);
 * after the `:` of a namespace, a URN or a scope, or the `::` of one, that follows two letters
 * and comes before a letter or digit (`ns:|element`, `urn:|isbn:|0451450523`, `Config::|load`;
 * never inside `://`, `::`, a time or a ratio, `T09:30`, `1:2`, nor after a drive letter `C:\`);
 * after `?`, `&`, `=`, `;`, `@` that follow a letter or digit and come before a letter, digit, `$`,
 * `-` or `@` (never before a mark that may not start a line); after a `-` that follows a word
 * with a letter in it and comes before three digits (CVE-|2024-3094, ISO-|8859-1; never in a
 * date or a telephone number, which have no letter); after the dash of a range (RANGE_BREAK).
 * And inside a run of letters and digits, where its parts meet, each side at least three
 * characters of the run (the breaker charges more here, see breakpoints.ts): at a camelCase hump
 * (calculate|Optimal|Line|Breaks, XML|Http), before a run of two or more digits after three
 * letters, not all of them hex digits (release|2026; never inside a number, hexadecimal too:
 * 0xABCD1234, a hash; not utf8mb4). No hyphen is added.
 */
/**
 * After the dash of a range between numbers of two digits or more (`2025—|2027`, `9:00—|17:00`;
 * GB/T 15834: a connecting dash never starts a line), in a word of any length; and after a dash
 * that begins a word before a number, the range's second date (`4 月 1 日—|4 月 23 日`: the word
 * is `—4`, which held the only break after the dash).
 */
const RANGE_BREAK = String.raw`(?<=\p{N}{2}[\u2014\u2013])(?=\p{N}{2})|(?<=^[\u2014\u2013])(?=\p{N})`; // \u2014 \u2013: — –
const RANGE = new RegExp(RANGE_BREAK, 'u');
/** A word that holds such a range (told first without a regular expression: asked of every short word). */
const holdsRange = (text: string) => (text.includes('—') || text.includes('–')) && RANGE.test(text);

/**
 * What follows the `.` of a word's last extension or domain, to the end of the word: a label of
 * one to five letters or digits, or two labels the second of two or three letters (`gov.cn`,
 * `com.cn`), and up to two closing marks (`report.pdf),`).
 */
const WORD_END = String.raw`[\p{L}\p{N}]{1,5}(?:\.\p{L}{2,3})?[^\p{L}\p{N}]{0,2}$`;
const WORD_BREAK = new RegExp(
  [
    String.raw`(?<=.[/\\])(?<!:\/\/)(?=[^/\\])`,
    // (a lookbehind of one mark first: it fails at once at most places, as a word's letters)
    String.raw`(?<=[.\-_])(?<=[\p{L}\p{N}]{2}[.\-_]|[\])]\.)(?=\p{L})(?<!\.(?=${WORD_END}))`,
    String.raw`(?<=:)(?<=\p{L}{2}::?)(?=[\p{L}\p{N}_$])`,
    String.raw`(?<=[\p{L}\p{N}][?&=;@])(?=[\p{L}\p{N}$@-])`,
    String.raw`(?<=\p{L}[\p{L}\p{N}]{0,10}-)(?=\p{N}{3})`,
    RANGE_BREAK,
    // (the lookahead first: it fails at once at most places, and the lookbehinds run only where it holds)
    String.raw`(?=\p{Lu}[\p{L}\p{N}]{2})(?<=[\p{L}\p{N}]{2}\p{Ll})`,
    String.raw`(?=\p{Lu}\p{Ll}[\p{L}\p{N}])(?<=[\p{L}\p{N}]{2}\p{Lu})`,
    String.raw`(?=\p{N}{2}[\p{L}\p{N}])(?<=\p{L}{3})(?<![A-Fa-f]{3})`,
  ].join('|'),
  'u',
);
/**
 * Where a URL printed whole (`<https://…>`) may break, whatever its length: after `/ . - _ ? & = # @`
 * (not inside `//` nor right after it: `https://` never ends a line alone; never before the
 * extension or domain that ends it, see WORD_END). A `mailto:…` printed whole (a template's
 * `<a kind="url">`; the content's `<mailto:…>` prints the address alone, see inline-markup.ts)
 * breaks after its `mailto:` and its `@` (not inside its mailbox or host: see host-names.ts).
 */
const URL_BREAK = new RegExp(String.raw`(?<=[.\-_?&=#@]|(?<![:/])\/(?!\/)|^(?:mailto|MAILTO):)(?=.)(?<!\.(?=${WORD_END}))`, 'u');

/** Words shorter than this (characters) are never cut at `/ . -` (15.7%, e-mail, 1+X). */
const LONG_WORD = 12;
/**
 * How a Latin word may be cut: a word of text (inline code's too), a URL (printed whole, or
 * written in the text: see URL_WRITTEN), or a standard's designation (see DESIGNATION: never,
 * unless wider than the line; on a character grid at its space as a last resort, see
 * partsDesignation).
 */
type WordKind = 'text' | 'url' | 'designation';

/**
 * A URL written in the text, not printed whole (`mailto:zhang.san@example.org`,
 * `https://example.org/a`): a word that starts with a scheme and `://`, or with `mailto:`. It
 * breaks where a URL printed whole does (see URL_BREAK: after its `mailto:`, never only inside
 * its mailbox).
 */
const URL_WRITTEN = /^(?:[a-z][a-z\d+.-]*:\/\/|mailto:)[^\s]/i;

/**
 * A standard's code (capitals, a province's digits, a `/` and the kind's capitals) before the
 * space and the number after it: `GB/T 9704—2012`, `GB 50099—2011`, `DG/TJ 08-12—2020`, `DB31/T
 * 1234—2020`, `ISO 9001:2015`, `ISO/IEC 27001` (also a name's year, `PISA 2022`). The space is
 * the designation's (a word, as a number's spaces are: see splitPieces), and neither it nor the
 * dash before the year, which is no range's, is a place to break: a line never ends at `GB/T`
 * nor at `9704—`.
 */
const CODE = String.raw`[A-Z]{2,5}\d{0,2}(?:\/[A-Z]{1,5})?`;
const DESIGNATION_SPACE = new RegExp(String.raw`(?<![\p{L}\p{N}/.\-])${CODE} (?=\p{N})`, 'gu');
const DESIGNATION = new RegExp(String.raw`^${CODE} \p{N}`, 'u');

/**
 * Whether a line break before atom `p` parts a standard's designation at its space (`GB/T|9704—2012`,
 * `ISO|9001:2015`): on a character grid, where the space is an atom of its own (see `atomize`).
 */
export function partsDesignation(atoms: readonly Atom[], p: number): boolean {
  const [code, space, number] = [atoms[p - 2], atoms[p - 1], atoms[p]];
  return !!code && !!number && space.kind === 'space' && code.end === space.start && space.end === number.start && DESIGNATION.test(`${code.text} ${number.text}`);
}

/** A word's parts, cut where it may break: a word of text at `WORD_BREAK`, a URL printed whole at `URL_BREAK`, a standard's designation nowhere; long runs of letters and digits (see `LONG_RUN`) anywhere. */
function wordParts(text: string, kind: WordKind): string[] {
  if (kind === 'url') return text.split(URL_BREAK).flatMap(cutLongRuns);
  if (kind === 'designation') return [text];
  // an e-mail address: its name breaks as a word, then after its @; its domain is whole (jaedu.|sh.gov.cn, never)
  if (text.includes('@') && EMAIL.test(text)) {
    const at = text.indexOf('@') + 1;
    return [...text.slice(0, at).split(WORD_BREAK), text.slice(at)].flatMap(cutLongRuns);
  }
  return text.split(WORD_BREAK).flatMap(cutLongRuns);
}

/** An e-mail address as a word of text holds it (with up to two marks after it: `…gov.cn），`). */
const EMAIL = /^[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+[^\p{L}\p{N}]{0,2}$/u;

/**
 * Runs of letters and digits mixed, at least this long (characters), may break between any two
 * of their characters, three or more on each side: a hash, a key, base64 (`3f9a2b7c…`), which
 * has no parts to break between, would otherwise go whole to a line of its own and leave the line
 * before it letter-spaced. The breaker charges these breaks as inside a run (see breakpoints.ts).
 * A word of letters alone (an identifier) or a number is not such a run.
 */
const LONG_RUN = 20;
/** A letter or digit (one character). */
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/**
 * Where the run of letters and digits that starts at `at` ends (`at` when none starts there),
 * found character by character: a regular expression's `{20,}` over the run kept a backtrack
 * entry a character and ran out of stack on a run of millions (7 MB of `aaaa…` in a paragraph).
 */
function runEnd(text: string, at: number): number {
  let end = at;
  while (end < text.length) {
    const ch = String.fromCodePoint(text.codePointAt(end)!);
    if (!LETTER_OR_DIGIT.test(ch)) break;
    end += ch.length;
  }
  return end;
}

/** A part with its long mixed runs of letters and digits cut before each character but their first and last three. */
function cutLongRuns(part: string): string[] {
  if (part.length < LONG_RUN) return [part];
  const out: string[] = [];
  let from = 0;
  for (let start = 0; start < part.length; ) {
    const end = runEnd(part, start);
    if (end === start) {
      start += String.fromCodePoint(part.codePointAt(start)!).length;
      continue;
    }
    const run = part.slice(start, end);
    const chars = [...run];
    if (chars.length >= LONG_RUN && /\p{L}/u.test(run) && /\p{N}/u.test(run)) {
      const cut = start + chars.slice(0, 3).join('').length; // the first piece ends after the run's third character
      out.push(part.slice(from, cut));
      let at = cut;
      for (const ch of chars.slice(3, -3)) {
        out.push(ch);
        at += ch.length;
      }
      from = at;
    }
    start = end;
  }
  out.push(part.slice(from));
  return out;
}

/**
 * How far past `maxWidth` a word still fits it, pt: as far as the breakers let a line pass its
 * measure (sums of widths, a table column's among them, differ from the text's in their last bits:
 * `256 GB` in a column summed to 34.712999999999994 pt for its 34.713 was cut into `256 | GB`).
 */
const FITS = 1e-6;

/**
 * A Latin word's atoms, pushed to `out`: the word whole when it is short, or a standard's
 * designation, and fits `maxWidth` pt (a URL printed whole is always cut); else its parts, cut where it may break (see `wordParts`),
 * and a part still wider than `maxWidth` one atom per character (an emergency: nothing may
 * overflow). Every atom after the first continues the word.
 *
 * Linear in the word's length, whatever it is: each distinct character is shaped alone once,
 * and a part is shaped whole only when it may fit, its characters at their own advances less
 * than twice `maxWidth` wide (kerning and ligatures never take off half a word). A longer
 * part is cut unshaped: shaping a long text costs more than its length (each ligature
 * moves the glyphs after it) and its glyphs would stay in the font's cache.
 */
function pushWord(out: Atom[], missing: Set<string>, known: Map<string, AtomShape>, text: string, start: number, marks: Marks, style: TextStyle, maxWidth: number, kind: WordKind): void {
  const bold = marks.bold;
  // the word's parts and characters, all in the font that has the whole word
  const shapes = new Map<string, AtomShape>();
  if (kind === 'designation' || (kind !== 'url' && text.length < LONG_WORD && !holdsRange(text))) {
    const shape = knownShape(known, 'latin', text, style, bold);
    if (shape.width <= maxWidth + FITS) {
      if (shape.missing.length) for (const ch of shape.missing) missing.add(ch);
      out.push(atomOf(shape, text, start, style.size, marks));
      return;
    }
    shapes.set(text, shape);
  }
  const font = chooseFont('latin', text, style, bold);
  const shapeOf = (t: string) => {
    let shape = shapes.get(t);
    if (!shape) shapes.set(t, (shape = makeShape('latin', t, font, style)));
    return shape;
  };
  const first = out.length;
  const push = (shape: AtomShape, t: string, at: number) => {
    if (shape.missing.length) for (const ch of shape.missing) missing.add(ch);
    const atom = atomOf(shape, t, at, style.size, marks);
    atom.continuesWord = out.length > first;
    out.push(atom);
  };
  let at = start;
  // a part too wide: cut at the marks of a word where it has them (an e-mail address's domain,
  // kept whole in running text), else into characters
  const place = (part: string, from: number, atMarks: boolean) => {
    let alone = 0;
    for (const ch of part.match(CLUSTER) ?? []) alone += shapeOf(ch).width;
    const whole = alone <= 2 * maxWidth ? shapeOf(part) : undefined;
    const fits = whole !== undefined && whole.width <= maxWidth + FITS;
    const pieces = fits ? [] : atMarks ? part.split(WORD_BREAK) : [];
    if (fits) push(whole, part, from);
    else if (pieces.length > 1)
      for (const piece of pieces) {
        place(piece, from, false);
        from += piece.length;
      }
    else
      for (const ch of part.match(CLUSTER) ?? []) {
        push(shapeOf(ch), ch, from);
        from += ch.length;
      }
  };
  for (const part of wordParts(text, kind)) {
    place(part, at, kind !== 'url');
    at += part.length;
  }
}

/** A character with the combining marks after it (a word cut into characters keeps x̄ whole). */
export const CLUSTER = /\P{M}\p{M}*|\p{M}+/gsu;

/** A Chinese character (or a 2 em mark) of `size` pt as whole grid cells, its glyph centred in them. */
function fitToCells(atom: AtomShape, size: number, cell: number): void {
  const cells = Math.max(1, Math.round(atom.width / size));
  const scale = (cells * cell) / atom.width;
  atom.shift += (cells * cell - atom.width) / 2;
  atom.blankLeft *= scale;
  atom.blankRight *= scale;
  atom.width = cells * cell;
}

interface Piece {
  kind: AtomKind;
  text: string;
  start: number;
}

/** Cuts inline code into its words (each one Latin piece, whatever its script) and its runs of spaces (one piece a run). */
function codePieces(text: string): Piece[] {
  const out: Piece[] = [];
  for (const m of text.matchAll(/ +|[^ ]+/g)) out.push({ kind: m[0][0] === ' ' ? 'space' : 'latin', text: m[0], start: m.index });
  return out;
}

/**
 * A run of spaces of inline code (or a designation's space on a grid: see `atomize`): as wide as
 * the font's spaces and never stretched or shrunk (a width of its own, as a grid cell's space
 * has: see glue.ts), its space glyphs written (the text copied from the PDF keeps them); a line
 * may end there (the run then goes, as a space of text does).
 */
function codeSpace(text: string, start: number, style: TextStyle, marks: Marks): Atom {
  let shapes = codeSpaces.get(style);
  if (!shapes) codeSpaces.set(style, (shapes = new Map()));
  let shape = shapes.get(marks.bold);
  if (!shape) shapes.set(marks.bold, (shape = writtenSpace(chooseFont('latin', ' ', style, marks.bold), style.size)));
  const atom = atomOf(shape, text, start, style.size, marks);
  const glyphs = text.length === 1 ? shape.glyphs : Array.from({ length: text.length }, () => shape.glyphs).flat();
  return { ...atom, width: shape.width * text.length, glyphs };
}

/** The space of inline code in each style, regular and bold, shaped once (not among a style's known shapes: a typed space there is one of width 0). */
const codeSpaces = new WeakMap<TextStyle, Map<boolean, AtomShape>>();

/**
 * Cuts text into pieces: single CJK characters, doubled marks, Latin words, spaces (a typed one,
 * or one of its own width where a line may end). A number's word holds the spaces that hold it
 * together (`3 860.5`, `20 Gbps`), and a word the no-break spaces (see spaces.ts).
 */
export function splitPieces(text: string): Piece[] {
  const out: Piece[] = [];
  // the spaces of a number and of a standard's designation are the word's
  const inNumber = numberSpaces(text);
  if (text.includes(' ')) for (const m of text.matchAll(DESIGNATION_SPACE)) inNumber.add(m.index + m[0].length - 1);
  const isSpaceAt = (c: string, at: number) => (c === ' ' || breaksAfter(c)) && !inNumber.has(at);
  let i = 0;
  while (i < text.length) {
    const doubled = doubledMarkAt(text, i);
    const ch = characterAt(text, i);
    if (doubled) {
      out.push({ kind: 'punct', text: doubled, start: i });
      i += doubled.length;
    } else if (isSpaceAt(ch, i)) {
      out.push({ kind: 'space', text: ch, start: i });
      i += 1;
    } else if (ch === INTERPUNCT && isCjk(characterBefore(text, i)) && isCjk(characterAt(text, i + 1))) {
      out.push({ kind: 'punct', text: ch, start: i });
      i += 1;
    } else if (isCjk(ch)) {
      // (a combining mark after a Han character is its: one atom, one font)
      let j = i + ch.length;
      if (!CJK_PUNCTUATION.has(ch)) while (j < text.length && COMBINING_MARK.test(characterAt(text, j))) j += characterAt(text, j).length;
      out.push({ kind: CJK_PUNCTUATION.has(ch) ? 'punct' : 'han', text: text.slice(i, j), start: i });
      i = j;
    } else {
      let j = i + ch.length;
      while (j < text.length) {
        const c = characterAt(text, j);
        if (isSpaceAt(c, j) || isCjk(c) || doubledMarkAt(text, j)) break;
        j += c.length;
      }
      out.push({ kind: 'latin', text: text.slice(i, j), start: i });
      i = j;
    }
  }
  return out;
}

/** A combining mark (general category M): it belongs to the character before it. */
const COMBINING_MARK = /^\p{M}$/u;

/** The character (one code point: one or two UTF-16 units) at offset i. */
function characterAt(text: string, i: number): string {
  const high = text.charCodeAt(i);
  const low = text.charCodeAt(i + 1); // NaN past the end
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? text.slice(i, i + 2) : text[i];
}

/** The character (one code point) that ends before offset i; '' at the start. */
function characterBefore(text: string, i: number): string {
  if (i === 0) return '';
  const low = text.charCodeAt(i - 1);
  return i >= 2 && low >= 0xdc00 && low <= 0xdfff ? characterAt(text, i - 2) : text[i - 1];
}

/** The doubled mark (`——`, `……`) starting at offset i, if one does. */
function doubledMarkAt(text: string, i: number): string | undefined {
  const unit = text.charCodeAt(i);
  if (unit !== 0x2014 && unit !== 0x2026) return undefined; // — …
  return DOUBLED_MARKS.find((d) => text.startsWith(d, i));
}

/**
 * Whether a signed whole number, atom `b`, is a count by what follows it, atom `c` (see
 * startsAsWord): a Han character directly after it, its measure word (增加+420个, 减少-2人); for
 * a plus sign also a closing or pause mark directly after it, or nothing (增加+420。), where a
 * hyphen-minus stays a hyphen (号-1。).
 */
export function countBefore(b: Atom, c: Atom | undefined): boolean {
  if (c && b.end !== c.start) return false;
  return c?.kind === 'han' || (b.text[0] === '+' && (!c || (c.kind === 'punct' && (CLOSING_MARKS.has(c.text) || PAUSE_MARKS.has(c.text)))));
}

/** A space written as a glyph, of its own width, never adjusted: inline code's, a thin space … (see `writtenSpace`). */
export function isWrittenSpace(a: Atom): boolean {
  return a.kind === 'space' && a.glyphs.length > 0;
}

/**
 * On a character grid a space typed between Chinese characters (青春筑梦 挺膺担当) is one
 * whole cell, as a full-width space is in an official document: the line keeps its count of
 * cells instead of stretching around a half-width gap.
 */
function spacesBetweenHanTakeACell(atoms: Atom[], cell: number): void {
  atoms.forEach((a, i) => {
    if (a.kind === 'space' && !isWrittenSpace(a) && atoms[i - 1]?.kind === 'han' && atoms[i + 1]?.kind === 'han') a.width = cell;
  });
}

/**
 * A space typed between Chinese and Latin text is the typesetter's gap, not the author's:
 * drop it, so `2025 年` and `2025年` set alike (the gap comes from the joint, see glue.ts),
 * and mark the next atom `spacedBefore`. A space beside a Chinese mark goes too; one between
 * Han characters (青春筑梦 挺膺担当) stays. A written space (inline code's, a thin space) is the
 * author's own: never folded.
 */
function foldSpacesBesideHan(atoms: Atom[]): Atom[] {
  const cjk = (x: Atom) => x.kind === 'han' || x.kind === 'punct';
  const out: Atom[] = [];
  let folded = false;
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i];
    if (a.kind !== 'space' || isWrittenSpace(a)) {
      a.spacedBefore = folded;
      out.push(a);
      folded = false;
      continue;
    }
    const prev = atoms[i - 1];
    const next = atoms[i + 1];
    if (!prev || !next) continue;
    if (cjk(prev) !== cjk(next)) folded = true; // Han | Latin: the gap takes its place
    else if (!(cjk(prev) && (prev.kind === 'punct' || next.kind === 'punct'))) out.push(a); // none beside a mark
  }
  return out;
}
