/**
 * Set paragraphs (see block/text-lines.ts `setText`) as the build cache stores them on disk: a
 * paragraph's lines and atoms flattened into a stream of whole numbers, one of fractional
 * numbers and one of text, the objects atoms share (a run's marks, the look of its marks) in a
 * table, each glyph list once, and each atom's font as the key of its face. A number that is
 * most often 0 (an atom's blanks, shift, raise) or the same as the atom's before (its size) is
 * stored only when it is not, a flag saying so. Read back, the atoms are bound to the text fonts
 * of the build that reads them. A build that read paragraphs from the cache stores those it kept
 * by copying their numbers and text as read (see `Placed`): an edit costs the paragraphs it
 * changed. A structured clone of the paragraphs as they are was ten times
 * larger (8.6 MB for the 29-page sample) and took 40–120 ms to read; every number as a 64-bit
 * float, 2.8 MB.
 */
import type { Atom, AtomGlyph, AtomKind, InlineLook } from '../text/atoms.js';
import type { Marks } from '../text/inline.js';
import type { Line } from '../text/justify.js';
import type { SetParagraph } from '../text/paragraph.js';
import type { TextFont } from '../text/text-font.js';

/** Whole and fractional numbers, in the order they are read. */
export interface NumberStreams {
  /** Counts, offsets, indexes, flags, glyph ids and code points. */
  ints: Int32Array;
  /** Lengths, pt. */
  floats: Float64Array;
}

/** Set paragraphs by their cache key, flattened (see `storeParagraphs`); a structured clone. */
export interface StoredParagraphs extends NumberStreams {
  /** How many paragraphs. */
  count: number;
  /** Every string (keys, atom texts, missing characters), joined; their lengths are among `ints`. */
  text: string;
  /** The face keys atoms name, by index. */
  fonts: string[];
  /** The marks and looks atoms share, by index (a structured clone keeps which are the same object). */
  shared: (Marks | InlineLook)[];
  /** The glyph lists atoms name, by index. */
  glyphLists: NumberStreams;
  /** How many stores in a row copied paragraphs from the one before (0: all flattened anew; see `MAX_COPIES`). */
  copies: number;
}

/** Where one paragraph lies in stored paragraphs: its whole numbers, fractional numbers and text, [from, to). */
interface Extent {
  i: [number, number];
  f: [number, number];
  t: [number, number];
}

/**
 * Stored paragraphs and where each paragraph object lies in them, with the objects their
 * indexes name: what the next store copies from (the paragraphs it still holds) and numbers on.
 */
export interface Placed {
  stored: StoredParagraphs;
  extents: WeakMap<SetParagraph, Extent>;
  /** The glyph lists, by the index the stored atoms name them by. */
  glyphLists: AtomGlyph[][];
}

/**
 * Stores in a row that copy paragraphs from the one before: then one flattens them all anew,
 * leaving out the glyph lists, marks and looks only paragraphs gone since used (each edit of a
 * paragraph leaves its old ones in the tables).
 */
const MAX_COPIES = 16;

const KINDS: AtomKind[] = ['han', 'punct', 'latin', 'space'];
const KIND_NUMBER: Record<AtomKind, number> = { han: 0, punct: 1, latin: 2, space: 3 };

/** An atom's flags (its kind in the two lowest bits), and which of its numbers are stored. */
const CONTINUES_WORD = 1 << 2;
const SPACED_BEFORE = 1 << 3;
const HAS_LOOK = 1 << 4;
const SIZE = 1 << 5;
const BLANK_LEFT = 1 << 6;
const BLANK_RIGHT = 1 << 7;
const SHIFT = 1 << 8;
const RAISE = 1 << 9;

/** A glyph moved from its pen position (a combining mark): its dx and dy are stored. */
const MOVED = 1;

/** Numbers written in place into arrays sized for the most they can take (see `storeParagraphs`). */
class Streams {
  ints: Int32Array;
  floats: Float64Array;
  i = 0;
  f = 0;

  constructor(ints: number, floats: number) {
    this.ints = new Int32Array(ints);
    this.floats = new Float64Array(floats);
  }

  /** The numbers written (copies: a view would carry the unused rest into the clone). */
  written(): NumberStreams {
    return { ints: this.ints.slice(0, this.i), floats: this.floats.slice(0, this.f) };
  }
}

/**
 * Flattens `paragraphs` (only plain data is kept: fonts by their keys). Those that lie in
 * `earlier` (what the cache file held, or the last store) are copied from it as they lie, the
 * tables it numbered kept in their order, unless too many of its paragraphs are gone or it was
 * itself copied `MAX_COPIES` times.
 */
export function storeParagraphs(paragraphs: Map<string, SetParagraph>, earlier?: Placed): Placed {
  const from = earlier && copiable(paragraphs, earlier) ? earlier : undefined;
  // written in place, as `readParagraphs` reads (once per process, mostly before V8 optimises it)
  let ints = 0;
  let floats = 0;
  for (const set of paragraphs.values()) {
    const extent = from?.extents.get(set);
    if (extent) {
      ints += extent.i[1] - extent.i[0];
      floats += extent.f[1] - extent.f[0];
      continue;
    }
    ints += 4 + set.missing.length;
    for (const line of set.lines) {
      ints += 3 + 8 * line.atoms.length;
      floats += 4 + 7 * line.atoms.length;
    }
  }
  const out = new Streams(ints, floats);
  const n = out.ints;
  const x = out.floats;
  let text = ''; // (a rope: joined once, when serialized)
  const fonts = new Indexed<string>(from?.stored.fonts);
  const shared = new Indexed<Marks | InlineLook>(from?.stored.shared);
  const glyphLists = new Indexed<AtomGlyph[]>(from?.glyphLists);
  const extents = new WeakMap<SetParagraph, Extent>();
  for (const [key, set] of paragraphs) {
    const start = { i: out.i, f: out.f, t: text.length };
    const extent = from?.extents.get(set);
    if (extent) {
      n.set(from!.stored.ints.subarray(...extent.i), out.i);
      x.set(from!.stored.floats.subarray(...extent.f), out.f);
      out.i += extent.i[1] - extent.i[0];
      out.f += extent.f[1] - extent.f[0];
      text += from!.stored.text.slice(...extent.t);
    } else {
      text += flatten(key, set, out, fonts, shared, glyphLists);
    }
    extents.set(set, { i: [start.i, out.i], f: [start.f, out.f], t: [start.t, text.length] });
  }
  const stored: StoredParagraphs = {
    count: paragraphs.size,
    ...out.written(),
    text,
    fonts: fonts.items,
    shared: shared.items,
    glyphLists: storeGlyphLists(glyphLists.items),
    copies: from ? from.stored.copies + 1 : 0,
  };
  return { stored, extents, glyphLists: glyphLists.items };
}

/** Whether a store of `paragraphs` may copy from `earlier`: it was not copied too often, and three in four of its paragraphs are still there. */
function copiable(paragraphs: Map<string, SetParagraph>, earlier: Placed): boolean {
  if (earlier.stored.copies >= MAX_COPIES) return false;
  let kept = 0;
  for (const set of paragraphs.values()) if (earlier.extents.has(set)) kept++;
  return kept > 0 && kept * 4 >= earlier.stored.count * 3;
}

/** Writes one paragraph's numbers into `out` and returns its text (its key first). */
function flatten(key: string, set: SetParagraph, out: Streams, fonts: Indexed<string>, shared: Indexed<Marks | InlineLook>, glyphLists: Indexed<AtomGlyph[]>): string {
  const n = out.ints;
  const x = out.floats;
  let text = key;
  n[out.i++] = key.length;
  n[out.i++] = set.forced ? 1 : 0;
  n[out.i++] = set.missing.length;
  for (const ch of set.missing) {
    text += ch;
    n[out.i++] = ch.length;
  }
  n[out.i++] = set.lines.length;
  let size = NaN; // the atom before's
  for (const line of set.lines) {
    n[out.i++] = line.atoms.length;
    n[out.i++] = line.start;
    n[out.i++] = line.end;
    x[out.f++] = line.width;
    x[out.f++] = line.used;
    x[out.f++] = line.natural;
    x[out.f++] = line.lastResortWidth;
    for (let k = 0; k < line.atoms.length; k++) {
      const a = line.atoms[k];
      const flags =
        KIND_NUMBER[a.kind] |
        (a.continuesWord ? CONTINUES_WORD : 0) |
        (a.spacedBefore ? SPACED_BEFORE : 0) |
        (a.look ? HAS_LOOK : 0) |
        (Object.is(a.size, size) ? 0 : SIZE) |
        (Object.is(a.blankLeft, 0) ? 0 : BLANK_LEFT) |
        (Object.is(a.blankRight, 0) ? 0 : BLANK_RIGHT) |
        (Object.is(a.shift, 0) ? 0 : SHIFT) |
        (Object.is(a.raise, 0) ? 0 : RAISE);
      n[out.i++] = flags;
      n[out.i++] = a.start;
      n[out.i++] = a.end;
      n[out.i++] = fonts.of(a.font.key);
      n[out.i++] = shared.of(a.marks);
      n[out.i++] = glyphLists.of(a.glyphs);
      n[out.i++] = a.text.length;
      if (a.look) n[out.i++] = shared.of(a.look);
      text += a.text;
      x[out.f++] = line.xs[k];
      x[out.f++] = a.width;
      if (flags & SIZE) x[out.f++] = size = a.size;
      if (flags & BLANK_LEFT) x[out.f++] = a.blankLeft;
      if (flags & BLANK_RIGHT) x[out.f++] = a.blankRight;
      if (flags & SHIFT) x[out.f++] = a.shift;
      if (flags & RAISE) x[out.f++] = a.raise;
    }
  }
  return text;
}

/** The glyph lists flattened: their count, then each as its length and its glyphs. */
function storeGlyphLists(lists: AtomGlyph[][]): NumberStreams {
  let ints = 1;
  let floats = 0;
  for (const glyphs of lists) {
    ints += 1;
    for (const g of glyphs) {
      ints += 3 + g.codePoints.length;
      floats += 3;
    }
  }
  const out = new Streams(ints, floats);
  out.ints[out.i++] = lists.length;
  for (const glyphs of lists) {
    out.ints[out.i++] = glyphs.length;
    for (const g of glyphs) {
      const moved = !!(g.dx || g.dy);
      out.ints[out.i++] = g.id;
      out.ints[out.i++] = moved ? MOVED : 0;
      out.ints[out.i++] = g.codePoints.length;
      for (const cp of g.codePoints) out.ints[out.i++] = cp;
      out.floats[out.f++] = g.advance;
      if (moved) {
        out.floats[out.f++] = g.dx ?? 0;
        out.floats[out.f++] = g.dy ?? 0;
      }
    }
  }
  return out.written();
}

/**
 * The paragraphs of `stored`, their atoms set in the text fonts `fontOf` gives for each face
 * key. Throws when `stored` is not what `storeParagraphs` made (the caller drops it).
 */
export function readParagraphs(stored: StoredParagraphs, fontOf: (key: string) => TextFont): { paragraphs: Map<string, SetParagraph>; placed: Placed } {
  // one loop over the numbers, read in place (this runs once per process, mostly before V8 has
  // optimised it: a function call per number cost twice as much); a read past the end gives
  // undefined, found by the checks at the end
  const { ints: n, floats: x, text, shared } = stored;
  const fonts = stored.fonts.map(fontOf);
  const glyphLists = readGlyphLists(stored.glyphLists);
  let i = 0;
  let f = 0;
  let textAt = 0;
  const out = new Map<string, SetParagraph>();
  const extents = new WeakMap<SetParagraph, Extent>();
  for (let p = stored.count; p > 0; p--) {
    const start = { i, f, t: textAt };
    const key = text.slice(textAt, (textAt += n[i++]));
    const forced = n[i++] === 1;
    const missing: string[] = [];
    for (let m = n[i++]; m > 0; m--) missing.push(text.slice(textAt, (textAt += n[i++])));
    const lines: Line[] = [];
    let size = NaN;
    for (let l = n[i++]; l > 0; l--) {
      const count = n[i++];
      const atoms: Atom[] = [];
      const xs: number[] = [];
      lines.push({ atoms, xs, width: x[f++], used: x[f++], natural: x[f++], lastResortWidth: x[f++], start: n[i++], end: n[i++] });
      for (let k = 0; k < count; k++) {
        const flags = n[i];
        const look = flags & HAS_LOOK ? n[i + 7] : -1;
        xs.push(x[f++]);
        const atom: Atom = {
          kind: KINDS[flags & 3],
          text: text.slice(textAt, (textAt += n[i + 6])),
          start: n[i + 1],
          end: n[i + 2],
          font: fonts[n[i + 3]],
          size: 0,
          marks: shared[n[i + 4]] as Marks,
          glyphs: glyphLists[n[i + 5]],
          width: x[f++],
          blankLeft: 0,
          blankRight: 0,
          shift: 0,
          raise: 0,
          continuesWord: (flags & CONTINUES_WORD) !== 0,
          spacedBefore: (flags & SPACED_BEFORE) !== 0,
        };
        i += look >= 0 ? 8 : 7;
        if (flags & SIZE) size = x[f++];
        atom.size = size;
        if (flags & BLANK_LEFT) atom.blankLeft = x[f++];
        if (flags & BLANK_RIGHT) atom.blankRight = x[f++];
        if (flags & SHIFT) atom.shift = x[f++];
        if (flags & RAISE) atom.raise = x[f++];
        if (look >= 0) atom.look = shared[look] as InlineLook;
        if (!atom.font || !atom.marks || !atom.glyphs || (look >= 0 && !atom.look)) throw new Error('stored paragraphs name no such font, object or glyph list');
        atoms.push(atom);
      }
    }
    const set: SetParagraph = { lines, missing, forced };
    out.set(key, set);
    extents.set(set, { i: [start.i, i], f: [start.f, f], t: [start.t, textAt] });
  }
  if (i !== n.length || f !== x.length || textAt !== text.length || !Number.isSafeInteger(stored.copies)) throw new Error('stored paragraphs do not end where they should');
  return { paragraphs: out, placed: { stored, extents, glyphLists } };
}

/** The glyph lists of `stored` (see `storeGlyphLists`). */
function readGlyphLists(stored: NumberStreams): AtomGlyph[][] {
  const { ints: n, floats: x } = stored;
  let i = 0;
  let f = 0;
  const lists: AtomGlyph[][] = [];
  for (let count = n[i++]; count > 0; count--) {
    const glyphs: AtomGlyph[] = [];
    for (let g = n[i++]; g > 0; g--) {
      const id = n[i++];
      const moved = n[i++] === MOVED;
      const codePoints: number[] = [];
      for (let c = n[i++]; c > 0; c--) codePoints.push(n[i++]);
      const advance = x[f++];
      glyphs.push(moved ? { id, advance, codePoints, dx: x[f++], dy: x[f++] } : { id, advance, codePoints });
    }
    lists.push(glyphs);
  }
  if (i !== n.length || f !== x.length) throw new Error('stored glyph lists do not end where they should');
  return lists;
}

/** Items numbered in the order first met, by identity. */
class Indexed<T> {
  readonly items: T[];
  private readonly index = new Map<T, number>();

  /** `first`: items numbered 0, 1, … in their order. */
  constructor(first: readonly T[] = []) {
    this.items = [...first];
    first.forEach((item, i) => this.index.set(item, i));
  }

  of(item: T): number {
    let i = this.index.get(item);
    if (i === undefined) {
      this.index.set(item, (i = this.items.length));
      this.items.push(item);
    }
    return i;
  }
}
