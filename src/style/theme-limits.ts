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
  /** Each page margin, pt: never negative (text off the paper). */
  margin: { min: 0 },
  /** The type area the margins leave: at least this many characters of the body wide … */
  typeAreaChars: 10,
  /** … and this many lines of the body high. */
  typeAreaLines: 5,
  /**
   * `header-offset` and `footer-offset`, pt: never negative (the header or footer would print
   * over the text), and leaving this many lines of the body between it and the paper's edge.
   */
  furnitureOffset: { min: 0 },
  furnitureLines: 1,
  /** A grid's rows at least this many of the body's size high, its cells this many wide (GB/T 9704's: 1.8 and 0.99). */
  gridRowEms: 1,
  gridCellEms: 0.9,
  /** `orphans`, `widows`: lines of a paragraph kept together, a whole number. */
  keptLines: { min: 1, max: 5 },
  /** A style's font size, pt: 八号 is 5 pt; below 4 pt text does not print legibly. */
  fontSize: { min: 4, max: 200 },
  /** A style's line height, times its size: lines never overlap, nor stand 4 lines apart. */
  lineHeight: { min: 1, max: 4 },
  /** A style's `indent` and `indent-right`, pt: never negative (text in the margin) … */
  indent: { min: 0 },
  /** … and together leaving this many characters of the style's size on its first line. */
  firstLineChars: 2,
  /** `space-before`, `space-after` of a style or box, pt. */
  space: { min: 0 },
  /** A table's `pad-x` and `pad-y` and a box's `padding`, in characters of the body. */
  paddingChars: { min: 0, max: 2 },
  /** Rule widths (a table's rules, a box's border), pt: a 0 width prints as the device's thinnest line, thinner than 0.25 pt may not print. */
  rule: { min: 0.25, max: 6 },
  /** A box's `indent` (both sides), pt: never negative … */
  boxIndent: { min: 0 },
  /** … and leaving the box's text (indents, borders and paddings taken off) this many characters of the body. */
  boxTextChars: 5,
  /** `inline.script-size`: sub- and superscripts, a fraction of the text's size. */
  scriptSize: { min: 0.3, max: 1 },
  /** `inline.slant`: Latin emphasis sheared by it (x += slant · y). */
  slant: { min: 0, max: 1 },
  /** `inline.sup-rise`, `sub-drop`, `emphasis-dot`, `emphasis-gap`: em of the text's size. */
  inlineEms: { max: 1 },
  /** The contents leader: one printable character (a letter, digit, mark or symbol; no space). */
  leader: /^[\p{L}\p{N}\p{P}\p{S}]$/u,
} as const satisfies Record<string, Bounds | number | RegExp>;
