/**
 * Stage ④ for one paragraph: inline runs → atoms → break opportunities → optimal breaks →
 * placed lines. Pure given its fonts.
 */
import { atomize, type Atom, type TextStyle } from './atoms.js';
import { breakOpportunities, insideTitles } from './breakpoints.js';
import { atomAdjustability, jointAdjustability, type Adjustability } from './glue.js';
import { foldWhitespace, type Inline } from './inline.js';
import { placeLine, type Align, type Line } from './justify.js';
import { adjustmentRatio, besideLongWord, letterCount, measureLine, optimalBreaks, standsShort, type BreakInput, type Breaks } from './optimal-breaks.js';
import { gridBreaks } from './grid-breaks.js';
import { balancedBreaks } from './balanced-breaks.js';
import { endsPhrase, padMarkRunsToCells } from './punctuation.js';
import { withNumbersBound, wordStarts } from './word-starts.js';
import { unitStart, unitApart } from './unit-apart.js';
import { afterTypedSpaces } from './typed-spaces.js';
import { listLabelLength } from './list-labels.js';
import { holdsHyphenatableWord, hyphenatedAtoms, hyphenatedInput, needsHyphenation, usesHyphenation } from './hyphenation.js';

/** How to set a paragraph. Lengths in pt. */
export interface ParagraphStyle extends TextStyle {
  /** Full measure. */
  width: number;
  /** First-line indent. */
  indent: number;
  /** Where the lines after the first start, from the left edge (none: 0; a verse line's runover). */
  runover?: number;
  align: Align;
  /** On a grid, how far past the measure a line-end mark may hang, pt (default: no limit; see `BreakInput.hangRoom`). */
  hangRoom?: number;
  /**
   * Break only between words (`words`, see word-starts.ts: `建筑|面积`, never `建筑面|积`: a
   * table's header) or only between phrases (`phrases`: after a mark, or where Chinese and Latin
   * meet: `技艺：|区域`, a contents entry's title; no dictionary to load) where the text so broken
   * fits the measure; elsewhere as any text. `spaces`: only after a space typed between Chinese
   * words (`〔美〕埃德加·斯诺 著|董乐山 译`, a table cell's names) or after a mark that ends a
   * phrase (`4 月 1 日—|4 月 23 日`, never inside a date), where that fits; else as `words`.
   */
  between?: 'words' | 'phrases' | 'spaces';
  /**
   * With `between`: where the text so broken fits, its marks keep their blanks, none squeezed to
   * make a line fit (a contents entry's title breaks rather than squeeze onto one line).
   */
  unsqueezed?: boolean;
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
  /**
   * The widest piece no break may split: from one place a line may break to the next (a Han
   * character with the marks that cling to it, a Latin word, `（m²）`).
   */
  widest: number;
  /** Each such piece's width, in order (spaces at its ends left out). */
  pieces: number[];
}

/**
 * How wide text is on one line, and its widest unbreakable piece, without breaking lines. A word
 * wider than `maxWidth` pt counts as the pieces it would be cut into (see `atomize`).
 */
export function measureText(runs: Inline[], style: TextStyle, maxWidth = Infinity): TextExtent {
  const input = unbrokenInput(runs, style, maxWidth);
  if (!input.atoms.length) return { natural: 0, widest: 0, pieces: [] };
  const pieces: number[] = [];
  for (let start = 0, p = 1; p <= input.atoms.length; p++) {
    if (p < input.atoms.length && !input.allowed[p]) continue;
    pieces.push(measureLine(input, start, p).natural);
    start = p;
  }
  return { natural: measureLine(input, 0, input.atoms.length).natural, widest: pieces.reduce((a, b) => Math.max(a, b), 0), pieces };
}

/**
 * The narrowest measure, pt, at which text breaks only between words (see word-starts.ts) where
 * a line may break, into `lines` lines at most, with no line of a single character:
 * `建筑|面积（m²）`, and `教学用` whole, as neither `教学|用` nor `教|学用` will do. The text's
 * natural width when it has no such breaks (and, for a line limit, when it has more than
 * `MAX_WORD_BREAKS`: a table's header is short).
 */
export function wordsWidth(runs: Inline[], style: TextStyle, maxWidth = Infinity, lines = Infinity): number {
  const input = unbrokenInput(runs, style, maxWidth);
  const n = input.atoms.length;
  if (!n) return 0;
  const natural = measureLine(input, 0, n).natural;
  // letters[p]: the letters of atoms [0, p)
  const letters = [0];
  for (let p = 0; p < n; p++) letters.push(letters[p] + letterCount(input.atoms, p, p + 1));
  // three characters and nothing else break nowhere without one alone on a line: no words to look up
  if (letters[n] <= 3 && n === letters[n]) return natural;
  const starts = wordStarts(input.atoms);
  const at = [0, ...input.allowed.flatMap((ok, p) => (ok && starts[p] ? [p] : [])), n];
  if (lines !== Infinity && at.length > MAX_WORD_BREAKS) return natural;
  /** The narrowest measure that sets atoms [0, end) (an entry of `at`) in `lines` lines at most. */
  const narrowest = (end: number, lines: number) => {
    const upTo = at.slice(0, at.indexOf(end) + 1);
    // least[k]: the narrowest measure that sets atoms [0, upTo[k]) (in the lines so far, with a
    // line limit: a round a line). A line [upTo[j], upTo[k]) only widens as j falls, so the scan
    // back from k stops where it passes the best found: linear in the breaks a line holds.
    const rounds = lines === Infinity ? 1 : Math.min(lines, upTo.length - 1);
    let least = upTo.map((_, k) => (k === 0 ? 0 : Infinity));
    let best = Infinity;
    for (let round = 0; round < rounds; round++) {
      // (without a line limit one pass does: least[j] for j < k is final when k is reached)
      const more = lines === Infinity ? least : upTo.map(() => Infinity);
      for (let k = 1; k < upTo.length; k++)
        for (let j = k - 1; j >= 0; j--) {
          const line = measureLine(input, upTo[j], upTo[k]).natural;
          if (line >= more[k]) break;
          if (least[j] === Infinity || letters[upTo[k]] - letters[upTo[j]] === 1) continue;
          more[k] = Math.min(more[k], Math.max(least[j], line));
        }
      least = more;
      best = Math.min(best, least[upTo.length - 1]);
    }
    return best;
  };
  // a header's bracketed unit on a line of its own, when the words before it so break (see unit-apart.ts)
  const unit = unitStart(input.atoms, input.allowed);
  const apart = unit !== undefined && at.includes(unit) && lines >= 2 ? Math.max(narrowest(unit, lines - 1), measureLine(input, unit, n).natural) : Infinity;
  return apart < Infinity ? apart : Math.min(natural, narrowest(n, lines));
}

/** The most places between words a text may have for `wordsWidth` to break it into a few lines. */
const MAX_WORD_BREAKS = 1000;

/** What the breaker knows of text, with no measure to break it to (`widthOf` infinite). */
function unbrokenInput(runs: Inline[], style: TextStyle, maxWidth: number): BreakInput {
  const { text, atoms } = atomize(foldWhitespace(runs), style, maxWidth);
  return { atoms, items: atomAdjustability(atoms), joints: jointAdjustability(atoms), allowed: breakOpportunities(text, atoms), widthOf: () => Infinity };
}

/** `starts[p]`: atom p starts a phrase: the atom before it is another kind (a mark, a space, Latin beside Chinese; not a number before its measure word: see withNumbersBound). */
function phraseStarts(atoms: readonly Atom[]): boolean[] {
  return withNumbersBound(atoms, atoms.map((a, p) => p === 0 || atoms[p - 1].kind !== a.kind));
}

/**
 * `starts[p]`: atom p follows a space typed between Chinese words (see typed-spaces.ts; `text`:
 * the atoms' text), or a mark that ends a phrase (not an opening one; a dash; not the mark of
 * the list number the text starts with, `二、`: see list-labels.ts).
 */
function typedSpaceStarts(text: string, atoms: readonly Atom[]): boolean[] {
  const spaced = new Set(afterTypedSpaces(text));
  const label = listLabelLength(text);
  const ends = (a: Atom) => a.end !== label && ((a.kind === 'punct' && endsPhrase(a.text)) || /^[—–]+$/.test(a.text));
  return atoms.map((a, p) => p > 0 && (spaced.has(a.start) || ends(atoms[p - 1])));
}

/**
 * `items` with the marks of the list number `text` starts with (`一、`, `（三）`: see
 * list-labels.ts) given nothing to squeeze: the labels of a table's column stand alike, the words
 * after them aligned (a line one character too long for its cell broke there, not squeezed to
 * `一、` ½ em narrower than the `二、` under it).
 */
function labelUnsqueezed(text: string, atoms: readonly Atom[], items: Adjustability[]): Adjustability[] {
  const label = listLabelLength(text);
  if (!label) return items;
  return items.map((a, p) => (atoms[p].end <= label && a.shrink > 0 ? { ...a, shrink: 0 } : a));
}

/** The places with nothing to give when a line is short of room. */
function unsqueezed(places: Adjustability[]): Adjustability[] {
  return places.map((a) => (a.shrink > 0 ? { ...a, shrink: 0 } : a));
}

/**
 * Ragged text's breaks (`broken`, of `input`) with no line ending inside a book title (see
 * insideTitles), where the text so broken fits in no more lines: `学习|《义务教育课程方案》`, not
 * `学习《义务教育课程|方案》` in a narrow cell. The breaker prices lines as if justified, so a short
 * line before a title costs it more than the break inside (TITLE_BREAK_PENALTY); a ragged line
 * may be short. A title wider than the measure still breaks. With the breaks' input.
 */
function titlesWhole(input: BreakInput, broken: Breaks, breaker: (input: BreakInput) => Breaks): [BreakInput, Breaks] {
  const inside = insideTitles(input.atoms);
  if (!broken.ends.some((end) => inside[end] && end < input.atoms.length)) return [input, broken];
  const outside = { ...input, allowed: input.allowed.map((ok, p) => ok && !inside[p]) };
  const tried = breaker(outside);
  return !tried.forced && tried.ends.length <= broken.ends.length ? [outside, tried] : [input, broken];
}

/** Breaks and places a paragraph's lines. */
export function setParagraph(runs: Inline[], style: ParagraphStyle): SetParagraph {
  const runover = style.runover ?? 0;
  const narrowest = Math.min(style.width - style.indent, style.width - runover);
  const { text, atoms, missing } = atomize(foldWhitespace(runs), style, narrowest);
  if (atoms.length === 0) return { lines: [], missing, forced: false };
  if (style.cell) padMarkRunsToCells(atoms, style.cell);
  // on a grid a line is full or it is wrong: no mark squeezed inside it, stretching costs far more
  const items = labelUnsqueezed(text, atoms, atomAdjustability(atoms, !!style.cell));
  const joints = jointAdjustability(atoms, !!style.cell);
  const widthOf = (i: number) => style.width - (i === 0 ? style.indent : runover);
  // text whose natural width fits its first line is that line, as the optimal breaker sets it (a
  // break would add a line's demerits), found without looking up where it may break: most table
  // cells, headings, short paragraphs (not on a grid, whose breaker is another)
  if (!style.cell && !style.unsqueezed) {
    const whole = measureLine({ atoms, items, joints, allowed: [], widthOf }, 0, atoms.length);
    if (widthOf(0) - whole.natural >= -1e-6) return { lines: [placeLine(atoms, items, joints, whole, style.indent, widthOf(0), style.align, true)], missing, forced: false };
  }
  const allowed = breakOpportunities(text, atoms);
  let anywhere: BreakInput = {
    atoms,
    items,
    joints,
    allowed,
    widthOf,
    hangMarks: !!style.cell,
    hangRoom: style.hangRoom,
    // on a grid the first-fit breaker keeps a character off the last line itself (see
    // grid-breaks.ts); the optimal breaker, its fallback for chains wider than a line, need not
    allowRunt: !!style.cell,
  };
  const breaker = style.cell ? gridBreaks : optimalBreaks;
  // between words where that fits the measure, else wherever the text may break (text on one
  // line breaks nowhere: no words to look up)
  let plain = breaker(anywhere);
  // English words hyphenated where the lines set without it hold a loose one (see hyphenation.ts)
  if (!style.cell && !style.between && style.align === 'justify' && !plain.forced && holdsHyphenatableWord(atoms)) [anywhere, plain] = hyphenatedIfLoose(anywhere, plain);
  // (between typed spaces first, where that fits)
  const spaced = style.between === 'spaces' && plain.ends.length > 1 ? typedSpaceStarts(text, atoms) : undefined;
  const bySpaces = spaced && { ...anywhere, allowed: allowed.map((ok, p) => ok && spaced[p]) };
  const triedSpaces = bySpaces && breaker(bySpaces);
  const words = (style.between === 'words' || (style.between === 'spaces' && triedSpaces?.forced !== false)) && plain.ends.length > 1;
  // (one line squeezed to fit is broken too when the text may not be squeezed)
  const phrases = style.between === 'phrases' && (plain.ends.length > 1 || style.unsqueezed);
  const starts = words ? wordStarts(atoms) : phrases ? phraseStarts(atoms) : undefined;
  const byWords = starts && { ...anywhere, allowed: allowed.map((ok, p) => ok && starts[p]), ...(style.unsqueezed && { items: unsqueezed(anywhere.items), joints: unsqueezed(anywhere.joints) }) };
  const tried = byWords && breaker(byWords);
  const [chosen, found] = triedSpaces && !triedSpaces.forced ? [bySpaces!, triedSpaces] : tried && !tried.forced ? [byWords!, tried] : [anywhere, plain];
  // ragged text keeps its book titles whole where that takes no more lines (学习|《义务教育课程方案》)
  const [input, broken] = style.align === 'justify' ? [chosen, found] : titlesWhole(chosen, found, breaker);
  const balanced = style.align === 'center' ? balancedBreaks(input, breaker, broken) : broken;
  // a header's bracketed unit on a line of its own (see unit-apart.ts)
  const { ends: breaks, forced } = style.between === 'words' ? unitApart(anywhere, balanced) : balanced;
  const lines: Line[] = [];
  let start = 0;
  breaks.forEach((end, i) => {
    const m = measureLine(input, start, end);
    const indent = i === 0 ? style.indent : runover;
    const isLast = i === breaks.length - 1;
    // a justified line beside a long word that justifying would space out stands short, flush left (see optimal-breaks.ts),
    // however short the breaker left it (shorter than RAGGED_MAX only where it had no other way: before a URL it may not part)
    const align = style.align === 'justify' && !style.cell && standsShort(m, input.widthOf(i), isLast, besideLongWord(input.atoms, end), 1) ? 'left' : style.align;
    lines.push(placeLine(input.atoms, input.items, input.joints, m, indent, input.widthOf(i), align, isLast));
    start = end;
  });
  return { lines, missing, forced };
}

/**
 * The paragraph's input and breaks, hyphenated when its lines set at `plain` hold one looser than
 * hyphenation.ts's `PRETOLERANCE` and the breaker then ends a line inside a word; else `input`
 * and `plain` themselves (the paragraph sets as it did). The atoms returned hold a word cut only
 * where a line ends in it, with the hyphen drawn.
 */
function hyphenatedIfLoose(input: BreakInput, plain: Breaks): [BreakInput, Breaks] {
  const { atoms } = input;
  const loose = needsHyphenation(plain.ends, (i, start, end) => adjustmentRatio(measureLine(input, start, end), input.widthOf(i), false, besideLongWord(atoms, end)));
  const h = loose ? hyphenatedInput(input) : undefined;
  if (!h) return [input, plain];
  const tried = optimalBreaks(h.input);
  if (tried.forced || !usesHyphenation(h, tried.ends)) return [input, plain];
  const set = hyphenatedAtoms(h, atoms, tried.ends);
  // (the lines are chosen: what follows only measures and places them, and asks no break opportunity)
  return [{ ...input, atoms: set.atoms, items: atomAdjustability(set.atoms), joints: jointAdjustability(set.atoms), allowed: [] }, { ends: set.ends, forced: false }];
}
