/**
 * The bounds a theme's values must keep, as a demanding print shop would: a value outside them
 * is an error at it, saying what is allowed (see `resolveTheme`), never a PDF with text off the
 * paper, overprinted or gone. "Characters" and "lines" are the body style's (its size, its line
 * height). The shipped themes are well inside every bound.
 */

/** A closed range; a side left out is open. */
export interface Bounds {
  min?: number;
  max?: number;
}

export const THEME_LIMITS = {
  /** `orphans`, `widows`: lines of a paragraph kept together, a whole number. */
  keptLines: { min: 1, max: 5 },
  /** The contents leader: one printable character (a letter, digit, mark or symbol; no space). */
  leader: /^[\p{L}\p{N}\p{P}\p{S}]$/u,
} as const satisfies Record<string, Bounds | RegExp>;
