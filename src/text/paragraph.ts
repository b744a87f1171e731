/**
 * Stage ④ for one paragraph: inline runs → atoms → break opportunities → optimal breaks →
 * placed lines. Pure given its fonts.
 */
import { atomize, type TextStyle } from './atoms.js';
import { breakOpportunities } from './breakpoints.js';
import { atomAdjustability, jointAdjustability } from './glue.js';
import { foldWhitespace, type Inline } from './inline.js';
import { placeLine, type Align, type Line } from './justify.js';
import { measureLine, optimalBreaks } from './optimal-breaks.js';
import { gridBreaks } from './grid-breaks.js';
import { balancedBreaks } from './balanced-breaks.js';
import { padMarkRunsToCells } from './punctuation.js';

/** How to set a paragraph. Lengths in pt. */
export interface ParagraphStyle extends TextStyle {
  /** Full measure. */
  width: number;
  /** First-line indent. */
  indent: number;
  align: Align;
  /** On a grid, how far past the measure a line-end mark may hang, pt (default: no limit; see `BreakInput.hangRoom`). */
  hangRoom?: number;
}

/** A set paragraph. */
export interface SetParagraph {
  lines: Line[];
  /** True when the line-edge rules had to give way (see optimal-breaks.ts). */
  forced: boolean;
  /** Characters no font in the stack has (drawn as the font's .notdef box). */
  missing: string[];
}

/** Widths of text set on one line, unbroken. Lengths in pt. */
export interface TextExtent {
  /** The whole text's natural width. */
  natural: number;
  /** The widest piece no break may split (a Han character, a Latin word). */
  widest: number;
}

/**
 * How wide text is on one line, and its widest unbreakable piece, without breaking lines. A word
 * wider than `maxWidth` pt counts as the pieces it would be cut into (see `atomize`).
 */
export function measureText(runs: Inline[], style: TextStyle, maxWidth = Infinity): TextExtent {
  const { atoms } = atomize(foldWhitespace(runs), style, maxWidth);
  if (!atoms.length) return { natural: 0, widest: 0 };
  const m = measureLine({ atoms, items: atomAdjustability(atoms), joints: jointAdjustability(atoms), allowed: [], widthOf: () => Infinity }, 0, atoms.length);
  let widest = 0;
  for (const a of atoms) widest = Math.max(widest, a.width);
  return { natural: m.natural, widest };
}

/** Breaks and places a paragraph's lines. */
export function setParagraph(runs: Inline[], style: ParagraphStyle): SetParagraph {
  const narrowest = Math.min(style.width - style.indent, style.width);
  const { text, atoms, missing } = atomize(foldWhitespace(runs), style, narrowest);
  if (atoms.length === 0) return { lines: [], missing, forced: false };
  if (style.cell) padMarkRunsToCells(atoms, style.cell);
  const input = {
    atoms,
    // on a grid a line is full or it is wrong: no mark squeezed inside it, stretching costs far more
    items: atomAdjustability(atoms, !!style.cell),
    joints: jointAdjustability(atoms, !!style.cell),
    allowed: breakOpportunities(text, atoms),
    widthOf: (i: number) => (i === 0 ? style.width - style.indent : style.width),
    hangMarks: !!style.cell,
    hangRoom: style.hangRoom,
    // on a grid the first-fit breaker keeps a character off the last line itself (see
    // grid-breaks.ts); the optimal breaker, its fallback for chains wider than a line, need not
    allowRunt: !!style.cell,
  };
  const breaker = style.cell ? gridBreaks : optimalBreaks;
  const broken = breaker(input);
  const { ends: breaks, forced } = style.align === 'center' ? balancedBreaks(input, breaker, broken) : broken;
  const lines: Line[] = [];
  let start = 0;
  breaks.forEach((end, i) => {
    const m = measureLine(input, start, end);
    const indent = i === 0 ? style.indent : 0;
    lines.push(placeLine(atoms, input.items, input.joints, m, indent, input.widthOf(i), style.align, i === breaks.length - 1));
    start = end;
  });
  return { lines, missing, forced };
}
