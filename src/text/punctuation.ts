/**
 * Punctuation width schemes (标点挤压; clreq "punctuation width adjustment"; ctex's `punct`
 * option). A full-width mark is a 1 em box with its ink at one side; the other half is a
 * blank that a scheme may remove always, between two marks, or at a line edge.
 *
 * - `gb` (default, GB/T 15834): full width; two adjacent marks share one blank (1.5 em);
 *   a mark at a line end, or an opening mark at a line start, loses its blank; pause marks may
 *   be squeezed to ½ em to make a line fit.
 * - `kaiming` (开明式): the end marks 。？！ full width, every other mark ½ em everywhere.
 * - `banjiao` (半角式): every mark ½ em everywhere.
 * - `none` (全角式, 不压缩): every mark 1 em, nothing removed, neither between two marks nor at a
 *   line end nor to fit a line: full width without compression, as Word sets it; for strict
 *   character grids.
 * - `taiwan`, `hongkong` (Taiwan and Hong Kong practice): as `none`, and the marks ，。、；：！？
 *   centred in their cell: the font's own forms for the language (its `locl` feature for
 *   Traditional Chinese, Taiwan `ZHT` or Hong Kong `ZHH`) where it has them, else the mark's
 *   glyph moved to the middle of its cell, across and up (see `centreInk` in atoms.ts).
 */
import type { Atom } from './atoms.js';
import { INTERPUNCT, NO_LINE_START, OPENING_MARKS } from './char-class.js';

export type PunctuationScheme = 'gb' | 'kaiming' | 'banjiao' | 'none' | 'taiwan' | 'hongkong';
export const PUNCTUATION_SCHEMES: readonly PunctuationScheme[] = ['gb', 'kaiming', 'banjiao', 'none', 'taiwan', 'hongkong'];

/** The language a scheme is the practice of (BCP 47): a theme's default for the PDF's language. */
export const SCHEME_LANGUAGE: Readonly<Record<PunctuationScheme, string>> = {
  gb: 'zh-CN',
  kaiming: 'zh-CN',
  banjiao: 'zh-CN',
  none: 'zh-CN',
  taiwan: 'zh-TW',
  hongkong: 'zh-HK',
};

/** The marks a centred scheme sets in the middle of their cell. */
export const CENTRED_MARKS: ReadonlySet<string> = new Set('，。、；：！？'.split(''));

/**
 * The OpenType language systems whose `locl` forms a scheme's marks take, the first the font
 * has (Hong Kong falls back on Taiwan's); none for the mainland schemes (the font's default forms).
 */
export const LOCAL_FORMS: Readonly<Record<PunctuationScheme, readonly string[] | undefined>> = {
  gb: undefined,
  kaiming: undefined,
  banjiao: undefined,
  none: undefined,
  taiwan: ['ZHT '],
  hongkong: ['ZHH ', 'ZHT '],
};

/** Whether the scheme keeps every mark full width (no blank ever removed). */
export function keepsFullWidth(scheme: PunctuationScheme): boolean {
  return scheme === 'none' || scheme === 'taiwan' || scheme === 'hongkong';
}

/** Whether the scheme centres the marks of `CENTRED_MARKS` in their cell. */
export function centresMarks(scheme: PunctuationScheme): boolean {
  return LOCAL_FORMS[scheme] !== undefined;
}

/**
 * A mark set in a place of a width of its own with its ink in the middle, not in a full-width
 * box with its ink at one side and a blank half the schemes remove (see `blankHalves`).
 */
export interface OwnWidthMark {
  /**
   * Its width, em: where the scheme removes blanks, and where it keeps every mark full width
   * (`keepsFullWidth`). On a character grid too (it is not fitted to whole cells: the line is
   * spread over the rest of the cell, as beside a Latin run).
   */
  width: { compressed: number; full: number };
  /** Whether it may hang past a line's measure at the line's end, as a closing or pause mark may (see optimal-breaks.ts). */
  hangs: boolean;
  /** Whether a phrase ends after it, where a table cell breaks between phrases (see paragraph.ts). */
  endsPhrase: boolean;
}

/**
 * The marks of their own width. The interpunct (间隔号, see `INTERPUNCT`): half a character
 * (GB/T 15834-2011 5.1.7; clreq: on the mainland), a whole one in full-width practice; it never
 * hangs (its dot in the middle of a cell would stand a whole cell out) and joins the parts of a
 * name (埃德加·斯诺), so no phrase ends after it.
 */
export const OWN_WIDTH_MARKS: ReadonlyMap<string, OwnWidthMark> = new Map([[INTERPUNCT, { width: { compressed: 1 / 2, full: 1 }, hangs: false, endsPhrase: false }]]);

/** The width of a mark of its own width in the scheme, em; undefined for other marks. */
export function ownWidth(mark: string, scheme: PunctuationScheme): number | undefined {
  const own = OWN_WIDTH_MARKS.get(mark);
  return own && (keepsFullWidth(scheme) ? own.width.full : own.width.compressed);
}

/** Whether a mark may hang past a line's measure at its end: a mark no line starts with, unless the table says otherwise. */
export function hangsAtLineEnd(mark: string): boolean {
  return NO_LINE_START.has(mark) && (OWN_WIDTH_MARKS.get(mark)?.hangs ?? true);
}

/** Whether a phrase ends after a mark: any but an opening one, unless the table says otherwise. */
export function endsPhrase(mark: string): boolean {
  return !OPENING_MARKS.has(mark[0]) && (OWN_WIDTH_MARKS.get(mark)?.endsPhrase ?? true);
}

/** End-of-sentence marks that keep their full width in the kaiming scheme. */
const KAIMING_FULL = new Set('。？！'.split(''));

/**
 * The blanks of a single full-width mark, pt: where its ink is not. `ink` and `advance` in em.
 * Returns [left, right]; at most one is non-zero.
 */
export function blankHalves(ink: [number, number], advance: number, size: number): [number, number] {
  const [l, r] = ink;
  if (r <= advance * 0.55) return [0, (advance / 2) * size];
  if (l >= advance * 0.45) return [(advance / 2) * size, 0];
  return [0, 0];
}

/** Whether the scheme sets this mark half width everywhere (its blank is removed for good). */
export function alwaysHalfWidth(mark: string, scheme: PunctuationScheme): boolean {
  return scheme === 'banjiao' || (scheme === 'kaiming' && !KAIMING_FULL.has(mark));
}

/** What blank removal changes of an atom (or of the shape atoms are made from). Lengths in pt. */
type Blanks = Pick<Atom, 'width' | 'shift' | 'blankLeft' | 'blankRight'>;

/** Removes an atom's left blank for good: narrower, glyph drawn further left. */
export function dropLeftBlank(a: Blanks): void {
  a.width -= a.blankLeft;
  a.shift -= a.blankLeft;
  a.blankLeft = 0;
}

/** Removes an atom's right blank for good. */
export function dropRightBlank(a: Blanks): void {
  a.width -= a.blankRight;
  a.blankRight = 0;
}

/**
 * Two adjacent marks share one blank: `”。`, `）、`, `。“`, `》《` take 1.5 em instead of 2
 * (the first mark's right blank goes, else the second's left one). A footnote marker between
 * them does not part them (`）②。`: the marker stands against the bracket's ink).
 */
export function compressAdjacentMarks(atoms: Atom[]): void {
  for (let i = 0; i + 1 < atoms.length; i++) {
    let next = i + 1;
    while (next + 1 < atoms.length && atoms[next].marks.footnote !== undefined) next++;
    const [a, b] = [atoms[i], atoms[next]];
    if (a.kind !== 'punct' || b.kind !== 'punct') continue;
    if (a.blankRight > 0) dropRightBlank(a);
    else if (b.blankLeft > 0) dropLeftBlank(b);
  }
}

/**
 * On a character grid (GB/T 9704) compression must leave every later character on its cell. A
 * run of adjacent marks keeps its GB compression where that is whole cells (`）。”`: 2 cells for
 * 3 marks). Where it is not (two marks: 1.5 cells), the run takes the next whole cell count: the
 * half cell compression took goes back between two of its marks, never to the run's edge, so
 * each mark of a pair has a cell of its own with its ink where the mark has it, as Word's
 * document grid sets them, and no blank beside the run is wider than a mark's own half cell
 * (at the edge, the half cell and the mark's blank made a whole empty cell that read as a
 * dropped character: `），__得分率`). Where it goes back (`padJoint`):
 * - `），`, `”，`, `。”`, `”）` (marks whose ink is at the left): before the last, `）_，_`. No
 *   line starts with it, so it stays the last mark's left blank, which a line end trims with its
 *   right one: a pair that ends a line closes up into one cell (`measureLine`);
 * - `”“`, `，“`, `——“`, `（“` (an opening mark after another mark): before the opening mark,
 *   `”__“`, `_（_“`, each mark against its word. A line may break there, so the edge between
 *   the two is put on a cell edge and both lines stay on the grid.
 * `cell` in pt; atoms are changed in place, as `compressAdjacentMarks` changes them.
 */
export function padMarkRunsToCells(atoms: Atom[], cell: number): void {
  for (let i = 0; i < atoms.length; ) {
    let j = i;
    while (j < atoms.length && atoms[j].kind === 'punct') j++;
    if (j - i >= 2) padToCells(atoms.slice(i, j), cell);
    i = Math.max(j, i + 1);
  }
}

/**
 * Where a run of two or more marks gets back the half cell compression took: the index of the
 * mark it goes before (at least 1, so never before the run). Before the first opening mark that
 * follows another mark, else before the last mark.
 */
function padJoint(run: Atom[]): number {
  const opening = run.findIndex((a, k) => k > 0 && OPENING_MARKS.has(a.text));
  return opening > 0 ? opening : run.length - 1;
}

/** A run of marks whose compressed width is not whole cells, padded where `padMarkRunsToCells` says. */
function padToCells(run: Atom[], cell: number): void {
  const width = run.reduce((w, a) => w + a.width, 0);
  const pad = Math.ceil(width / cell - 1e-6) * cell - width;
  if (pad < 1e-6) return;
  const at = padJoint(run);
  // the atoms' edges and glyph origins from the run's left edge, as compressed
  const edges = [0];
  for (const a of run) edges.push(edges[edges.length - 1] + a.width);
  const glyphs = run.map((a, k) => edges[k] + a.shift + (k >= at ? pad : 0));
  // the glyphs from `at` move right by the pad. The edge at `at`: on a cell where a line may
  // break (before a mark that may start a line), else where it was (the pad the left blank of
  // the mark at `at`)
  const mayBreak = !NO_LINE_START.has(run[at].text);
  const edgeAt = mayBreak ? Math.min(Math.ceil(edges[at] / cell - 1e-6) * cell, edges[at] + pad) : edges[at];
  const padded = edges.map((e, k) => (k < at ? e : k > at ? e + pad : edgeAt));
  run.forEach((a, k) => {
    const width = padded[k + 1] - padded[k];
    const shift = glyphs[k] - padded[k];
    // a blank grows on the side the glyph moves away from
    a.blankLeft = Math.max(0, a.blankLeft + shift - a.shift);
    a.blankRight = Math.max(0, a.blankRight + width - a.width - (shift - a.shift));
    a.width = width;
    a.shift = shift;
  });
}
