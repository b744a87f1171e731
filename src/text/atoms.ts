/**
 * Paragraph text → atoms: the smallest pieces the line breaker moves. A Han character or a
 * Chinese punctuation mark is one atom; a Latin word (letters, digits, symbols without spaces)
 * is one atom; `——` and `……` are one atom each; a space is an atom that vanishes at line edges.
 */
import { CJK_PUNCTUATION, DOUBLED_MARKS, isCjk } from './char-class.js';
import type { Inline } from './inline.js';
import type { GlyphInfo, TextFont } from './text-font.js';

export type AtomKind = 'han' | 'punct' | 'latin' | 'space';

/** One drawn glyph of an atom. Lengths in pt. */
export interface AtomGlyph {
  id: number;
  advance: number;
  codePoints: number[];
}

/** A piece of a paragraph. Lengths in pt (font size applied). */
export interface Atom {
  kind: AtomKind;
  text: string;
  /** Offsets of the atom's text in the paragraph's plain text (UTF-16 units). */
  start: number;
  end: number;
  font: TextFont;
  /** Font size, pt. */
  size: number;
  bold: boolean;
  glyphs: AtomGlyph[];
  /** Natural advance, pt, after fixed punctuation compression. */
  width: number;
  /** Blank on the left that may be removed (opening marks), pt. */
  blankLeft: number;
  /** Blank on the right that may be removed (closing and pause marks), pt. */
  blankRight: number;
  /** Where the glyphs start relative to the atom's left edge, pt (negative when a left blank was removed). */
  shift: number;
  /** A piece of a Latin word too wide for the measure: a line may break after it. */
  brokenWord?: boolean;
}

/** The fonts and size of a paragraph's text. */
export interface TextStyle {
  /** Font stacks: the first font that has a character sets it. */
  regular: TextFont[];
  bold: TextFont[];
  /** Font size, pt. */
  size: number;
  /** Punctuation width scheme: `gb` compresses (GB/T 15834), `none` keeps every mark 1 em. */
  punctuation: 'gb' | 'none';
}

/** The atoms of a paragraph, and the characters no font in the stack has. */
export interface AtomizedText {
  text: string;
  atoms: Atom[];
  missing: string[];
}

/**
 * Splits inline runs into atoms, shaping each with the first font of the stack that has it.
 * A Latin word wider than `maxWidth` pt is cut into characters that may break anywhere.
 */
export function atomize(runs: Inline[], style: TextStyle, maxWidth = Infinity): AtomizedText {
  const atoms: Atom[] = [];
  const missing: string[] = [];
  let offset = 0;
  for (const run of runs) {
    const stack = run.bold ? style.bold : style.regular;
    for (const piece of splitPieces(run.text)) {
      const font = stack.find((f) => [...piece.text].every((c) => f.has(c.codePointAt(0)!))) ?? stack[0];
      const glyphs = font.shape(piece.text);
      for (const g of glyphs) if (g.id === 0) missing.push(...g.codePoints.map((c) => String.fromCodePoint(c)));
      const atom = makeAtom(piece.kind, piece.text, offset + piece.start, font, style, run.bold, glyphs);
      if (atom.kind === 'latin' && atom.width > maxWidth) atoms.push(...breakWord(atom, style));
      else atoms.push(atom);
    }
    offset += run.text.length;
  }
  const text = runs.map((r) => r.text).join('');
  const folded = foldSpacesBesideHan(atoms);
  if (style.punctuation === 'gb') compressAdjacentPunctuation(folded);
  return { text, atoms: folded, missing: [...new Set(missing)] };
}

function makeAtom(kind: AtomKind, text: string, start: number, font: TextFont, style: TextStyle, bold: boolean, glyphs: GlyphInfo[]): Atom {
  const size = style.size;
  if (kind === 'space') glyphs = []; // a space is drawn as distance only; its width comes from glue.ts
  const width = glyphs.reduce((w, g) => w + g.advance, 0) * size;
  let blankLeft = 0;
  let blankRight = 0;
  if (kind === 'punct' && style.punctuation === 'gb' && glyphs.length === 1) {
    // the blank half of a full-width mark is where its ink is not (mainland fonts: ，。 left, “（ right)
    const [l, r] = glyphs[0].ink;
    const adv = glyphs[0].advance;
    if (r <= adv * 0.55) blankRight = (adv / 2) * size;
    else if (l >= adv * 0.45) blankLeft = (adv / 2) * size;
  }
  return {
    kind,
    text,
    start,
    end: start + text.length,
    font,
    size,
    bold,
    glyphs: glyphs.map((g) => ({ id: g.id, advance: g.advance * size, codePoints: g.codePoints })),
    width,
    blankLeft,
    blankRight,
    shift: 0,
  };
}

/** A too-wide word as one atom per character (emergency breaking, so nothing overflows). */
function breakWord(word: Atom, style: TextStyle): Atom[] {
  let start = word.start;
  return [...word.text].map((ch) => {
    const a = makeAtom('latin', ch, start, word.font, style, word.bold, word.font.shape(ch));
    start += ch.length;
    return { ...a, brokenWord: true };
  });
}

interface Piece {
  kind: AtomKind;
  text: string;
  start: number;
}

/** Cuts text into pieces: single CJK characters, doubled marks, Latin words, spaces. */
export function splitPieces(text: string): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    const doubled = DOUBLED_MARKS.find((d) => text.startsWith(d, i));
    if (doubled) {
      out.push({ kind: 'punct', text: doubled, start: i });
      i += doubled.length;
    } else if (ch === ' ') {
      out.push({ kind: 'space', text: ch, start: i });
      i += 1;
    } else if (isCjk(ch)) {
      out.push({ kind: CJK_PUNCTUATION.has(ch) ? 'punct' : 'han', text: ch, start: i });
      i += ch.length;
    } else {
      let j = i;
      while (j < text.length) {
        const c = String.fromCodePoint(text.codePointAt(j)!);
        if (c === ' ' || isCjk(c) || DOUBLED_MARKS.some((d) => text.startsWith(d, j))) break;
        j += c.length;
      }
      out.push({ kind: 'latin', text: text.slice(i, j), start: i });
      i = j;
    }
  }
  return out;
}

/**
 * A space typed between Chinese and Latin text is the typesetter's gap, not the author's:
 * drop it, so `2025 年` and `2025年` set alike (the gap comes from the joint, see glue.ts).
 */
function foldSpacesBesideHan(atoms: Atom[]): Atom[] {
  return atoms.filter((a, i) => {
    if (a.kind !== 'space') return true;
    const prev = atoms[i - 1];
    const next = atoms[i + 1];
    if (!prev || !next) return false;
    const cjk = (x: Atom) => x.kind === 'han' || x.kind === 'punct';
    return !(cjk(prev) !== cjk(next) || (cjk(prev) && cjk(next) && (prev.kind === 'punct' || next.kind === 'punct')));
  });
}

/**
 * GB compression of two adjacent marks: the blank between them collapses, so a pair such as
 * `”。`, `）、` or `。“` takes 1.5 em instead of 2.
 */
function compressAdjacentPunctuation(atoms: Atom[]): void {
  for (let i = 0; i + 1 < atoms.length; i++) {
    const a = atoms[i];
    const b = atoms[i + 1];
    if (a.kind !== 'punct' || b.kind !== 'punct') continue;
    if (a.blankRight > 0) {
      a.width -= a.blankRight;
      a.blankRight = 0;
    } else if (b.blankLeft > 0) {
      b.width -= b.blankLeft;
      b.shift -= b.blankLeft;
      b.blankLeft = 0;
    }
  }
}
