/**
 * Set paragraphs (see block/text-lines.ts `setText`) as the build cache stores them on disk: a
 * paragraph's lines and atoms flattened into one stream of numbers and one of text, the objects
 * atoms share (a run's marks, the look of its marks) in a table, each glyph list once, and each
 * atom's font as the key of its face. Read back, the atoms are bound to the text fonts of the
 * build that reads them. A structured clone of the paragraphs as they are was ten times larger
 * (8.6 MB for the 29-page sample) and took 40–120 ms to read.
 */
import type { Atom, AtomGlyph, AtomKind, InlineLook } from '../text/atoms.js';
import type { Marks } from '../text/inline.js';
import type { Line } from '../text/justify.js';
import type { SetParagraph } from '../text/paragraph.js';
import type { TextFont } from '../text/text-font.js';

/** Set paragraphs by their cache key, flattened (see `storeParagraphs`); a structured clone. */
export interface StoredParagraphs {
  /** How many paragraphs. */
  count: number;
  /** Every number, in the order `readParagraphs` reads them. */
  numbers: Float64Array;
  /** Every string (keys, atom texts, missing characters), joined; their lengths are among `numbers`. */
  text: string;
  /** The face keys atoms name, by index. */
  fonts: string[];
  /** The marks and looks atoms share, by index (a structured clone keeps which are the same object). */
  shared: (Marks | InlineLook)[];
}

const KINDS: AtomKind[] = ['han', 'punct', 'latin', 'space'];
const KIND_NUMBER: Record<AtomKind, number> = { han: 0, punct: 1, latin: 2, space: 3 };

/** Flattens `paragraphs` (only plain data is kept: fonts by their keys). */
export function storeParagraphs(paragraphs: Map<string, SetParagraph>): StoredParagraphs {
  // written in place, as `readParagraphs` reads (once per process, mostly before V8 optimises it)
  let size = 1;
  for (const set of paragraphs.values()) {
    size += 4 + set.missing.length;
    for (const line of set.lines) size += 7 + 16 * line.atoms.length;
  }
  const n = new Float64Array(size);
  let text = ''; // (a rope: joined once, when serialized)
  const fonts = new Indexed<string>();
  const shared = new Indexed<Marks | InlineLook>();
  const glyphLists = new Indexed<AtomGlyph[]>();
  let at = 0;
  n[at++] = paragraphs.size;
  for (const [key, set] of paragraphs) {
    text += key;
    n[at++] = key.length;
    n[at++] = set.forced ? 1 : 0;
    n[at++] = set.missing.length;
    for (const ch of set.missing) {
      text += ch;
      n[at++] = ch.length;
    }
    n[at++] = set.lines.length;
    for (const line of set.lines) {
      n[at++] = line.atoms.length;
      n[at++] = line.width;
      n[at++] = line.used;
      n[at++] = line.natural;
      n[at++] = line.lastResortWidth;
      n[at++] = line.start;
      n[at++] = line.end;
      for (let k = 0; k < line.atoms.length; k++) {
        const a = line.atoms[k];
        n[at++] = line.xs[k];
        n[at++] = KIND_NUMBER[a.kind];
        n[at++] = a.start;
        n[at++] = a.end;
        n[at++] = fonts.of(a.font.key);
        n[at++] = a.size;
        n[at++] = shared.of(a.marks);
        n[at++] = a.look ? shared.of(a.look) : -1;
        n[at++] = glyphLists.of(a.glyphs);
        n[at++] = a.width;
        n[at++] = a.blankLeft;
        n[at++] = a.blankRight;
        n[at++] = a.shift;
        n[at++] = a.raise;
        n[at++] = (a.continuesWord ? 1 : 0) | (a.spacedBefore ? 2 : 0);
        n[at++] = a.text.length;
        text += a.text;
      }
    }
  }
  return { count: paragraphs.size, numbers: concat(n, storeGlyphLists(glyphLists.items)), text, fonts: fonts.items, shared: shared.items };
}

/** The glyph lists flattened: their count, then each as its length and its glyphs. */
function storeGlyphLists(lists: AtomGlyph[][]): number[] {
  const out: number[] = [lists.length];
  for (const glyphs of lists) {
    out.push(glyphs.length);
    for (const g of glyphs) out.push(g.id, g.advance, g.dx ?? 0, g.dy ?? 0, g.codePoints.length, ...g.codePoints);
  }
  return out;
}

/** `head`, then `tail`, then where `tail` began. */
function concat(head: Float64Array, tail: number[]): Float64Array {
  const all = new Float64Array(head.length + tail.length + 1);
  all.set(head);
  all.set(tail, head.length);
  all[all.length - 1] = head.length;
  return all;
}

/**
 * The paragraphs of `stored`, their atoms set in the text fonts `fontOf` gives for each face
 * key. Throws when `stored` is not what `storeParagraphs` made (the caller drops it).
 */
export function readParagraphs(stored: StoredParagraphs, fontOf: (key: string) => TextFont): Map<string, SetParagraph> {
  // one loop over the numbers, read in place (this runs once per process, mostly before V8 has
  // optimised it: a function call per number cost twice as much); a read past the end gives
  // undefined, found by the checks at the end
  const { numbers: n, text, shared } = stored;
  const fonts = stored.fonts.map(fontOf);
  let at = 0;
  let textAt = 0;
  const glyphsAt = n[n.length - 1]; // where the glyph lists begin (see storeParagraphs)
  const glyphLists = readGlyphLists(n, glyphsAt);
  const out = new Map<string, SetParagraph>();
  for (let p = n[at++]; p > 0; p--) {
    const key = text.slice(textAt, (textAt += n[at++]));
    const forced = n[at++] === 1;
    const missing: string[] = [];
    for (let m = n[at++]; m > 0; m--) missing.push(text.slice(textAt, (textAt += n[at++])));
    const lines: Line[] = [];
    for (let l = n[at++]; l > 0; l--) {
      const count = n[at++];
      const atoms: Atom[] = [];
      const xs: number[] = [];
      lines.push({ atoms, xs, width: n[at++], used: n[at++], natural: n[at++], lastResortWidth: n[at++], start: n[at++], end: n[at++] });
      for (let k = 0; k < count; k++) {
        xs.push(n[at++]);
        const atom: Atom = {
          kind: KINDS[n[at++]],
          text: '',
          start: n[at++],
          end: n[at++],
          font: fonts[n[at++]],
          size: n[at++],
          marks: shared[n[at++]] as Marks,
          glyphs: glyphLists[n[at + 1]],
          width: n[at + 2],
          blankLeft: n[at + 3],
          blankRight: n[at + 4],
          shift: n[at + 5],
          raise: n[at + 6],
          continuesWord: (n[at + 7] & 1) !== 0,
          spacedBefore: (n[at + 7] & 2) !== 0,
        };
        const look = n[at];
        at += 8;
        atom.text = text.slice(textAt, (textAt += n[at++]));
        if (look >= 0) atom.look = shared[look] as InlineLook;
        if (!atom.kind || !atom.font || !atom.marks || !atom.glyphs || (look >= 0 && !atom.look)) throw new Error('stored paragraphs name no such kind, font, object or glyph list');
        atoms.push(atom);
      }
    }
    out.set(key, { lines, missing, forced });
  }
  if (at !== glyphsAt || textAt !== text.length) throw new Error('stored paragraphs do not end where they should');
  return out;
}

/** The glyph lists stored from `at` on (see `storeParagraphs`). */
function readGlyphLists(n: Float64Array, at: number): AtomGlyph[][] {
  const lists: AtomGlyph[][] = [];
  for (let count = n[at++]; count > 0; count--) {
    const glyphs: AtomGlyph[] = [];
    for (let g = n[at++]; g > 0; g--) {
      const id = n[at++];
      const advance = n[at++];
      const [dx, dy] = [n[at++], n[at++]];
      const codePoints: number[] = [];
      for (let c = n[at++]; c > 0; c--) codePoints.push(n[at++]);
      glyphs.push(dx || dy ? { id, advance, codePoints, dx, dy } : { id, advance, codePoints });
    }
    lists.push(glyphs);
  }
  if (at !== n.length - 1) throw new Error('stored glyph lists do not end where they should');
  return lists;
}

/** Items numbered in the order first met, by identity. */
class Indexed<T> {
  readonly items: T[] = [];
  private readonly index = new Map<T, number>();

  of(item: T): number {
    let i = this.index.get(item);
    if (i === undefined) {
      this.index.set(item, (i = this.items.length));
      this.items.push(item);
    }
    return i;
  }
}
