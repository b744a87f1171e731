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
 * - `none` (全角式, strict character grids): every mark 1 em, nothing removed.
 */
import type { Atom } from './atoms.js';

export type PunctuationScheme = 'gb' | 'kaiming' | 'banjiao' | 'none';
export const PUNCTUATION_SCHEMES: readonly PunctuationScheme[] = ['gb', 'kaiming', 'banjiao', 'none'];

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
 * (the first mark's right blank goes, else the second's left one).
 */
export function compressAdjacentMarks(atoms: Atom[]): void {
  for (let i = 0; i + 1 < atoms.length; i++) {
    const [a, b] = [atoms[i], atoms[i + 1]];
    if (a.kind !== 'punct' || b.kind !== 'punct') continue;
    if (a.blankRight > 0) dropRightBlank(a);
    else if (b.blankLeft > 0) dropLeftBlank(b);
  }
}
