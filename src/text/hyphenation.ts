/**
 * Hyphenation of English words (Liang's patterns, TeX's `hyphen.tex` for US English, from the
 * `hyphen` package), for a paragraph whose lines would otherwise be spaced out: a line holding a
 * long English phrase (`（Digital Literacy, Computational Thinking, …）`) may end inside a word,
 * `Com-|pu-|ta-|tional`, with a hyphen drawn at its end, as TeX and ctex set it.
 *
 * Lazy, as TeX's first pass is: a paragraph is hyphenated only when its lines set without
 * hyphenation hold one looser than `PRETOLERANCE` (see `needsHyphenation`), and set with it only
 * when the breaker then ends a line at a hyphenation point; any other paragraph sets exactly as
 * it did (its atoms untouched). The patterns are loaded at the first paragraph that needs them.
 *
 * Only words of English letters in an English phrase of running text are hyphenated (see
 * `atomPoints`): never Chinese, inline code, URLs, e-mail addresses, links, words with digits,
 * camelCase or ALL CAPS, a word with a typed hyphen (it breaks there, as before: atoms.ts), a
 * word alone between Chinese characters (a name, an identifier), nor words shorter than
 * `MIN_WORD_LETTERS`.
 *
 * The hyphen drawn is the word's font's own hyphen glyph; its character is a soft hyphen
 * (U+00AD), the PDF's mark of a hyphen the line breaking added (ISO 32000 tagged PDF): the PDF
 * draws the glyph in an ActualText span holding U+00AD, so a reader that copies text
 * (Acrobat, poppler) gets the word back whole, while its ToUnicode maps the glyph to `-` as
 * for a typed hyphen (see render/glyph-run.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRoot } from '../package-root.js';
import type { Atom, AtomGlyph } from './atoms.js';
import type { BreakInput } from './optimal-breaks.js';
import { atomAdjustability, jointAdjustability } from './glue.js';

/** TeX's `\lefthyphenmin`: at least this many letters of a word stand before a hyphen. */
export const LEFT_HYPHEN_MIN = 2;
/** TeX's `\righthyphenmin` (US English): at least this many letters go to the next line. */
export const RIGHT_HYPHEN_MIN = 3;
/** Words of fewer letters are never hyphenated (a short word gains little, and reads badly parted). */
export const MIN_WORD_LETTERS = 6;

/**
 * Demerits of a line ending at a hyphenation point, before squaring: TeX's `\hyphenpenalty` 50.
 * The breaker squares penalties as TeX does (`(10 + badness)² + penalty²`): 2500, as much as a
 * line of badness 40 (stretched to r ≈ 0.74) costs more than a line at its natural spacing.
 */
export const HYPHEN_PENALTY = 50;
/** Demerits added when two lines in a row end hyphenated: TeX's (and LaTeX's) `\doublehyphendemerits` 10000. */
export const DOUBLE_HYPHEN_DEMERITS = 10_000;
/**
 * Demerits added when the paragraph's last full line (the one before its last) ends hyphenated:
 * the word would end on a short last line. TeX's `\finalhyphendemerits` is 5000; here more,
 * 12100 = (10 + 100)², as much again as a whole line at the first pass's limit (`PRETOLERANCE`),
 * so that a last full line ends hyphenated only when every other way leaves a line loose.
 */
export const FINAL_HYPHEN_DEMERITS = (10 + 100) ** 2;

/**
 * The looseness (adjustment ratio, see optimal-breaks.ts) up to which a paragraph's lines set
 * without hyphenation are kept: TeX's `\pretolerance` 100 (badness 100·r³ = 100 at r = 1, the
 * stretch of an ordinary line: 0.1 em between Han characters, Latin word spaces at ½ em). A
 * paragraph with a line looser than this is tried with hyphenation.
 */
export const PRETOLERANCE = 1;

/**
 * A word that may be hyphenated: an optional capital and lower-case English letters, with
 * opening marks before it and closing marks after it (`(Computational`, `Literacy,`).
 */
const HYPHENATABLE = /^([("'‘“[]*)([A-Za-z][a-z]+)([)"'’”\].,;:!?]*)$/;

/** The text of the hyphen glyph a line ends with: a soft hyphen (U+00AD; see the module's comment). */
export const ADDED_HYPHEN = 0xad;

/** Whether the glyph is a hyphen the breaker added at a line end (its text a soft hyphen). */
export function isAddedHyphen(codePoints: readonly number[]): boolean {
  return codePoints.length === 1 && codePoints[0] === ADDED_HYPHEN;
}

/** Whether a set atom ends with a hyphen the breaker added (its line ends inside its word). */
export function endsHyphenated(atom: Atom): boolean {
  const last = atom.glyphs[atom.glyphs.length - 1];
  return !!last && isAddedHyphen(last.codePoints);
}

/** Marks the hyphenation points of the words of `text` with `hyphenChar` (the `hyphen` package's function). */
type Hyphenate = (text: string, options: { hyphenChar: string; minWordLength: number }) => string;

/** The package's US English patterns as JSON, written by `npm run prepare` (write-hyphen-patterns.ts). */
export const PATTERNS_FILE = path.join(packageRoot(), 'dist', 'hyphen-en-us.json');

let hyphenator: Hyphenate | undefined;

/**
 * The package's hyphenator over its US English patterns: read from `PATTERNS_FILE` (~6 ms), or
 * where it was not written (tests run from the sources) from the package's module (~25 ms).
 */
function loadHyphenator(): Hyphenate {
  const require = createRequire(import.meta.url);
  if (!existsSync(PATTERNS_FILE)) return (require('hyphen/en-us') as { hyphenateSync: Hyphenate }).hyphenateSync;
  const createHyphenator = require('hyphen/hyphen.js') as (patterns: unknown) => Hyphenate;
  return createHyphenator(JSON.parse(readFileSync(PATTERNS_FILE, 'utf8')));
}

/** Hyphenation points found, by word (a report repeats its English words); emptied when it holds `KEPT_WORDS` (a watch session goes on for hours). */
const pointsByWord = new Map<string, number[]>();

/** The most words whose hyphenation points are kept (a report's English vocabulary is a few thousand). */
const KEPT_WORDS = 50_000;

/**
 * Where `word` (English letters only) may take a hyphen: offsets (UTF-16 units, here letters)
 * from its start, at least `LEFT_HYPHEN_MIN` from the start and `RIGHT_HYPHEN_MIN` from the end.
 * Empty for a word shorter than `MIN_WORD_LETTERS`.
 */
export function hyphenationPoints(word: string): number[] {
  if (word.length < MIN_WORD_LETTERS) return [];
  let points = pointsByWord.get(word);
  if (points) return points;
  // (loaded when first needed: most builds need not pay for reading the patterns)
  hyphenator ??= loadHyphenator();
  const marked = hyphenator(word, { hyphenChar: '\u00ad', minWordLength: MIN_WORD_LETTERS });
  points = [];
  let at = 0;
  for (const ch of marked) {
    if (ch === '\u00ad') {
      if (at >= LEFT_HYPHEN_MIN && word.length - at >= RIGHT_HYPHEN_MIN) points.push(at);
    } else at += ch.length;
  }
  if (pointsByWord.size >= KEPT_WORDS) pointsByWord.clear();
  pointsByWord.set(word, points);
  return points;
}

/**
 * Where atom `i` may take a hyphen: offsets in its text, each at a glyph boundary (never inside a
 * ligature); none for an atom that is not an English word of running text (see the module's
 * comment) or whose font has no hyphen.
 */
function atomPoints(atoms: readonly Atom[], i: number): number[] {
  const m = hyphenatableWord(atoms, i);
  if (!m) return [];
  const a = atoms[i];
  const boundaries = new Set<number>();
  let at = 0;
  for (const g of a.glyphs) {
    for (const cp of g.codePoints) at += cp > 0xffff ? 2 : 1;
    boundaries.add(at);
  }
  return hyphenationPoints(m[2])
    .map((p) => m[1].length + p)
    .filter((p) => boundaries.has(p));
}

/**
 * Atom `i` as an English word of running text that may be hyphenated (see the module's comment):
 * its opening marks, letters and closing marks; undefined for any other atom.
 */
function hyphenatableWord(atoms: readonly Atom[], i: number): RegExpExecArray | undefined {
  const a = atoms[i];
  // (told first without a regular expression: asked of every atom of a paragraph that may need it)
  if (a.kind !== 'latin' || a.text.length < MIN_WORD_LETTERS || a.continuesWord || atoms[i + 1]?.continuesWord) return undefined;
  const { marks } = a;
  if (marks.code || marks.url || marks.link || marks.script || marks.footnote) return undefined;
  const m = HYPHENATABLE.exec(a.text);
  return m && m[2].length >= MIN_WORD_LETTERS && inLatinPhrase(atoms, i) ? m : undefined;
}

/** Whether a paragraph holds a word that may be hyphenated (before its lines are looked at: most hold none). */
export function holdsHyphenatableWord(atoms: readonly Atom[]): boolean {
  for (let i = 0; i < atoms.length; i++) if (atoms[i].kind === 'latin' && hyphenatableWord(atoms, i)) return true;
  return false;
}

/**
 * Whether Latin atom `i` stands in a phrase: a space and another Latin word before or after it
 * (`Computational Thinking`). A word alone between Chinese characters is a name, a term or an
 * identifier (`函数calculateoptimallinebreaks与`), never English prose to hyphenate.
 */
function inLatinPhrase(atoms: readonly Atom[], i: number): boolean {
  const word = (a: Atom | undefined) => a?.kind === 'latin';
  const space = (a: Atom | undefined) => a?.kind === 'space';
  return (space(atoms[i - 1]) && word(atoms[i - 2])) || (space(atoms[i + 1]) && word(atoms[i + 2]));
}

/** The hyphen glyph of an atom's font at its size, or undefined when the font has none. */
function hyphenGlyph(a: Atom): AtomGlyph | undefined {
  const glyphs = a.font.shape('-');
  if (glyphs.length !== 1 || glyphs[0].id === 0) return undefined;
  return { id: glyphs[0].id, advance: glyphs[0].advance * a.size, codePoints: [ADDED_HYPHEN] };
}

/**
 * Atom `a` cut at offsets `cuts` of its text (ascending, at glyph boundaries): its glyphs as the
 * whole word was shaped, shared out (so the pieces are as wide together as the word), each piece
 * a Latin atom of its own (the joints between pieces are inside a word: nothing is added there).
 * With `hyphen`, every piece but the last ends with it (a line ends after each).
 */
function cutAtom(a: Atom, cuts: readonly number[], hyphen?: AtomGlyph): Atom[] {
  const pieces: Atom[] = [];
  let from = 0; // text offset of the piece
  let g = 0; // its first glyph
  for (const cut of [...cuts, a.text.length]) {
    const glyphs: AtomGlyph[] = [];
    for (let at = from; at < cut && g < a.glyphs.length; g++) {
      glyphs.push(a.glyphs[g]);
      for (const cp of a.glyphs[g].codePoints) at += cp > 0xffff ? 2 : 1;
    }
    if (hyphen && cut < a.text.length) glyphs.push(hyphen);
    let width = 0;
    for (const x of glyphs) width += x.advance;
    pieces.push({ ...a, text: a.text.slice(from, cut), start: a.start + from, end: a.start + cut, glyphs, width, spacedBefore: from === 0 && a.spacedBefore });
    from = cut;
  }
  return pieces;
}

/**
 * Whether lines set at `ends` (see optimal-breaks.ts) hold one, not the last, looser than
 * `PRETOLERANCE`: the paragraph is then tried with hyphenation. `ratioOf` gives line i's
 * adjustment ratio.
 */
export function needsHyphenation(ends: readonly number[], ratioOf: (i: number, start: number, end: number) => number): boolean {
  let start = 0;
  for (let i = 0; i < ends.length - 1; i++) {
    if (ratioOf(i, start, ends[i]) > PRETOLERANCE) return true;
    start = ends[i];
  }
  return false;
}

/** A paragraph's breaker input with its words cut at their hyphenation points. */
export interface Hyphenated {
  input: BreakInput;
  /** For each atom of `input`, the atom of the paragraph it is (a piece of). */
  origin: Int32Array;
  /** For each atom of `input`, the offset of its text in its origin's text. */
  offset: Int32Array;
}

/**
 * `input` with every English word that may be hyphenated (see `atomPoints`) cut into pieces at
 * its hyphenation points, where a line may now end at the cost of `HYPHEN_PENALTY` and with a
 * hyphen (`BreakInput.hyphens`); undefined when the paragraph has no such word. Off a character
 * grid only (the adjustability is the running text's).
 */
export function hyphenatedInput(input: BreakInput): Hyphenated | undefined {
  const { atoms, allowed } = input;
  const out: Atom[] = [];
  const outAllowed: boolean[] = [];
  const hyphenAt: number[] = [];
  const origin: number[] = [];
  const offset: number[] = [];
  let any = false;
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i];
    const points = atomPoints(atoms, i);
    const hyphen = points.length ? hyphenGlyph(a) : undefined;
    const pieces = hyphen ? cutAtom(a, points) : [a];
    pieces.forEach((piece, k) => {
      outAllowed.push(k === 0 ? (allowed[i] ?? false) : true);
      hyphenAt.push(k === 0 ? 0 : hyphen!.advance);
      origin.push(i);
      offset.push(k === 0 ? 0 : points[k - 1]);
      out.push(piece);
    });
    any ||= pieces.length > 1;
  }
  if (!any) return undefined;
  const hyphens = new Float64Array(out.length + 1);
  hyphenAt.forEach((w, p) => (hyphens[p] = w));
  return {
    input: { ...input, atoms: out, items: atomAdjustability(out), joints: jointAdjustability(out), allowed: outAllowed, hyphens },
    origin: Int32Array.from(origin),
    offset: Int32Array.from(offset),
  };
}

/** Whether lines ending at `ends` end a line at a hyphenation point of `h`. */
export function usesHyphenation(h: Hyphenated, ends: readonly number[]): boolean {
  return ends.some((p) => (h.input.hyphens?.[p] ?? 0) > 0);
}

/**
 * The paragraph's atoms for lines that end at `ends` (breaks of `h.input`): its own atoms, but
 * a word a line ends inside cut there only, the piece before each cut ending with the hyphen
 * drawn (its glyph a soft hyphen: see `isAddedHyphen`); and the line ends as indices into them.
 */
export function hyphenatedAtoms(h: Hyphenated, paragraph: readonly Atom[], ends: readonly number[]): { atoms: Atom[]; ends: number[] } {
  const hyphens = h.input.hyphens!;
  // the cuts taken, by the paragraph's atom
  const cuts = new Map<number, number[]>();
  for (const p of ends) if (hyphens[p] > 0) cuts.set(h.origin[p], [...(cuts.get(h.origin[p]) ?? []), h.offset[p]]);
  const atoms: Atom[] = [];
  const index = new Int32Array(paragraph.length + 1); // the new index of each paragraph atom
  for (let i = 0; i < paragraph.length; i++) {
    index[i] = atoms.length;
    const at = cuts.get(i);
    if (at) atoms.push(...cutAtom(paragraph[i], at, hyphenGlyph(paragraph[i])));
    else atoms.push(paragraph[i]);
  }
  index[paragraph.length] = atoms.length;
  // a line end at a cut: after the pieces of the cuts before it in its word
  const newEnds = ends.map((p) => {
    if (p >= h.origin.length) return atoms.length;
    const i = h.origin[p];
    return hyphens[p] > 0 ? index[i] + cuts.get(i)!.indexOf(h.offset[p]) + 1 : index[i];
  });
  return { atoms, ends: newEnds };
}
