/**
 * How much each part of a line may stretch or shrink (Typst calls it adjustability). One
 * mechanism serves justification, punctuation squeezing and line-edge trimming.
 *
 * Lengths in pt. Between two atoms sits a joint (a gap of its own width, e.g. ¼ em between
 * Han and Latin); a space atom is itself adjustable; a punctuation mark may lose its blank half.
 */
import { isAlnum, PAUSE_MARKS } from './char-class.js';
import type { Atom } from './atoms.js';

/** Em fractions of the clreq rules. */
export const GLUE = {
  /**
   * Han–Latin gap: natural, least, most (em). It never stretches by itself (most = natural):
   * a justified line widens it only by the last stage's even spread, as it widens the joints
   * between Han characters, so `2025 年` keeps its ¼ em while the line around it loosens.
   */
  gap: { natural: 0.25, min: 0.125, max: 0.25 },
  /** A space between Latin words (em). */
  latinSpace: { natural: 1 / 3, min: 0.25, max: 0.5 },
  /** A space typed between Chinese characters (em). */
  cjkSpace: { natural: 0.5, min: 0.25, max: 1 },
  /** Stretch counted per joint for badness only; the last stage spreads without limit (em). */
  interCharacter: 0.1,
  /** The same on a character grid, where every line should fill its cells exactly (em). */
  interCharacterOnGrid: 0.02,
} as const;

/** What a line may do at one place. Lengths in pt. */
export interface Adjustability {
  /** Natural width. */
  width: number;
  /** Largest increase, in the priority class `stretchClass` (0 first). */
  stretch: number;
  /** Largest decrease, in the priority class `shrinkClass` (0 first). */
  shrink: number;
  stretchClass: 0 | 1;
  shrinkClass: 0 | 1 | 2;
  /** Whether the last stretch stage may add space here (not inside a word). Joints only. */
  spreads: boolean;
}

const NONE: Adjustability = { width: 0, stretch: 0, shrink: 0, stretchClass: 1, shrinkClass: 2, spreads: true };
/** The joint inside a long word cut for breaking: nothing, not even the last stretch stage. */
const INSIDE_WORD: Adjustability = { ...NONE, spreads: false };
/**
 * The joints beside a space between Latin words: the space stretches to its cap (`latinSpace.max`)
 * and no further; the last stage's even spread goes between Han characters instead.
 */
const BESIDE_LATIN_SPACE: Adjustability = { ...NONE, spreads: false };

/**
 * The adjustability of each atom (spaces and squeezable marks). Read only: atoms that cannot
 * change width share one object while their widths are equal (a run of Han characters).
 */
export function atomAdjustability(atoms: Atom[]): Adjustability[] {
  const out = new Array<Adjustability>(atoms.length);
  let fixed: Adjustability | undefined; // the last fixed-width atom's
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i];
    if (a.kind === 'space' && a.width > 0) out[i] = { width: a.width, stretch: 0, shrink: 0, stretchClass: 1, shrinkClass: 0, spreads: true }; // a grid cell: fixed
    else if (a.kind === 'space') {
      const cjk = isCjkAtom(atoms[i - 1]) && isCjkAtom(atoms[i + 1]);
      const g = cjk ? GLUE.cjkSpace : GLUE.latinSpace;
      out[i] = { width: g.natural * a.size, stretch: (g.max - g.natural) * a.size, shrink: (g.natural - g.min) * a.size, stretchClass: 0, shrinkClass: 0, spreads: true };
    } else {
      // squeeze order (clreq): brackets' outer sides, then pause marks; both to ½ em
      const squeezable = a.kind === 'punct' && (a.blankLeft > 0 || PAUSE_MARKS.has(a.text) || a.blankRight > 0);
      if (squeezable) out[i] = { width: a.width, stretch: 0, shrink: a.blankLeft + a.blankRight, stretchClass: 1, shrinkClass: 1, spreads: true };
      else out[i] = fixed?.width === a.width ? fixed : (fixed = { width: a.width, stretch: 0, shrink: 0, stretchClass: 1, shrinkClass: 1, spreads: true });
    }
  }
  return out;
}

/** The joint after each atom (the last one is unused). */
export function jointAdjustability(atoms: Atom[]): Adjustability[] {
  return atoms.map((a, i) => {
    const b = atoms[i + 1];
    if (!b) return NONE;
    if (b.continuesWord || b.marks.footnote) return INSIDE_WORD;
    if (isLatinSpace(atoms, i) || isLatinSpace(atoms, i + 1)) return BESIDE_LATIN_SPACE;
    if (hasGap(a, b)) {
      const size = Math.min(a.size, b.size);
      const g = GLUE.gap;
      return { width: g.natural * size, stretch: (g.max - g.natural) * size, shrink: (g.natural - g.min) * size, stretchClass: 0, shrinkClass: 2, spreads: true };
    }
    return NONE;
  });
}

/**
 * ¼ em between a Han character and a Latin letter or digit; none beside Chinese punctuation.
 * Beside a symbol (`+`, `/`) only where the author typed a space: 思政+实践 stays tight,
 * 日志见 /var/log keeps its gap.
 */
function hasGap(a: Atom, b: Atom): boolean {
  if (a.kind === 'han' && b.kind === 'latin') return isAlnum(b.text[0]) || !!b.spacedBefore;
  if (a.kind === 'latin' && b.kind === 'han') return isAlnum(a.text[a.text.length - 1]) || !!b.spacedBefore;
  return false;
}

/** Whether atom `k` is a space between Latin words (not one typed between Chinese characters). */
function isLatinSpace(atoms: Atom[], k: number): boolean {
  return atoms[k]?.kind === 'space' && !(isCjkAtom(atoms[k - 1]) && isCjkAtom(atoms[k + 1]));
}

function isCjkAtom(a: Atom | undefined): boolean {
  return !!a && (a.kind === 'han' || a.kind === 'punct');
}
