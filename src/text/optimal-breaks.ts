/**
 * Whole-paragraph optimal line breaking: a Knuth–Plass-style total fit (Knuth & Plass,
 * "Breaking paragraphs into lines", 1981), as a dynamic program over break opportunities,
 * with fitness classes so that a loose line does not sit next to a tight one.
 *
 * Pure: atoms' widths and adjustability in, break positions out. No fonts, no drawing.
 */
import { isWrittenSpace, type Atom } from './atoms.js';
import type { Adjustability } from './glue.js';
import { insideTitles, partsRun, partsValue, titleBreakPenalty, unitBreakPenalty, wordBreakPenalty } from './breakpoints.js';
import { RUN_BREAK_FILL, urlBreaks } from './host-names.js';
import { NO_LINE_END, NO_LINE_START } from './char-class.js';
import { hangsAtLineEnd } from './punctuation.js';
import { DOUBLE_HYPHEN_DEMERITS, FINAL_HYPHEN_DEMERITS, HYPHEN_PENALTY } from './hyphenation.js';

/** What the breaker needs to know of a paragraph. Lengths in pt. */
export interface BreakInput {
  atoms: Atom[];
  /** Adjustability of each atom. */
  items: Adjustability[];
  /** Adjustability of the joint after each atom. */
  joints: Adjustability[];
  /** `allowed[p]`: a line may end before atom p. */
  allowed: boolean[];
  /** Width of line n (the first line may be shorter by its indent), pt. */
  widthOf: (lineIndex: number) => number;
  /** Whether the last line may hold a single character (孤字). Default false. */
  allowRunt?: boolean;
  /**
   * A closing or pause mark at a line end hangs outside the measure (标点悬挂), as on a
   * character grid: the line keeps its full count of characters.
   */
  hangMarks?: boolean;
  /**
   * How far past the measure's right edge a hanging mark may reach, pt (default: no limit, the
   * page margin takes it). A mark that would hang further (into a box's frame, over a table
   * rule) is set inside the measure: its line ends before it or takes it in its last cell.
   */
  hangRoom?: number;
  /**
   * `hyphens[p]`: where a line may end before atom p inside a word at a hyphenation point (see
   * hyphenation.ts), the width of the hyphen the line then ends with, pt; 0 elsewhere. Such a
   * line is measured with it and costs `HYPHEN_PENALTY`. Absent: no hyphenation points.
   */
  hyphens?: Float64Array;
  /**
   * How short a line beside a long word may stand, a share of the measure (default
   * `RAGGED_MAX`; see `adjustmentRatio`): any (1) where the breaks may not part a URL between
   * two letters or digits, so that a line before such a URL stands short rather than be spaced
   * out.
   */
  raggedMax?: number;
}

/** Running sums over atoms and joints, so a candidate line is measured in constant time. */
interface PrefixSums {
  /**
   * [i] = sum over atoms < i: widths, badness units (`unit`), stretch before the last resort,
   * badness units in the last resort, shrink.
   */
  itemWidth: Float64Array;
  itemStretch: Float64Array;
  itemLimit: Float64Array;
  itemLastResort: Float64Array;
  itemShrink: Float64Array;
  /** [i] = sum over joints < i (joint k follows atom k). */
  jointWidth: Float64Array;
  jointStretch: Float64Array;
  jointLimit: Float64Array;
  jointLastResort: Float64Array;
  jointShrink: Float64Array;
}

const prefixCache = new WeakMap<BreakInput, PrefixSums>();

function prefixSums(input: BreakInput): PrefixSums {
  let p = prefixCache.get(input);
  if (p) return p;
  const n = input.atoms.length;
  const { items, joints } = input;
  p = {
    itemWidth: new Float64Array(n + 1),
    itemStretch: new Float64Array(n + 1),
    itemLimit: new Float64Array(n + 1),
    itemLastResort: new Float64Array(n + 1),
    itemShrink: new Float64Array(n + 1),
    jointWidth: new Float64Array(n + 1),
    jointStretch: new Float64Array(n + 1),
    jointLimit: new Float64Array(n + 1),
    jointLastResort: new Float64Array(n + 1),
    jointShrink: new Float64Array(n + 1),
  };
  for (let i = 0; i < n; i++) {
    const item = items[i];
    const joint = joints[i];
    p.itemWidth[i + 1] = p.itemWidth[i] + item.width;
    p.itemStretch[i + 1] = p.itemStretch[i] + item.unit;
    p.itemLimit[i + 1] = p.itemLimit[i] + item.stretch;
    p.itemLastResort[i + 1] = p.itemLastResort[i] + item.lastResortUnit;
    p.itemShrink[i + 1] = p.itemShrink[i] + item.shrink;
    p.jointWidth[i + 1] = p.jointWidth[i] + joint.width;
    p.jointStretch[i + 1] = p.jointStretch[i] + joint.unit;
    p.jointLimit[i + 1] = p.jointLimit[i] + joint.stretch;
    p.jointLastResort[i + 1] = p.jointLastResort[i] + joint.lastResortUnit;
    p.jointShrink[i + 1] = p.jointShrink[i] + joint.shrink;
  }
  prefixCache.set(input, p);
  return p;
}

/** The measure of one candidate line [start, end). Lengths in pt. */
export interface LineMeasure {
  start: number;
  end: number;
  natural: number;
  /** Stretch counted in the badness (the places' `unit`s): adjustment ratio 1 at this much. */
  stretch: number;
  /** How far the stages of the policy widen the line before its last resort. */
  stretchLimit: number;
  /** Badness units of the places the last resort widens (their `lastResortUnit`s). */
  lastResort: number;
  shrink: number;
  /** Trimmed blank of an opening mark at the line start, pt. */
  trimStart: number;
  /** Trimmed blank of a mark at the line end, pt (both its blanks on a grid: see `trimEndLeft`). */
  trimEnd: number;
  /**
   * Of `trimEnd`, the part left of the mark's glyph, pt: on a grid the half cell a run of marks
   * got back before its last mark (`padMarkRunsToCells`), taken back at a line end so that the
   * run closes up into its last cell; the glyph moves left by it. 0 off the grid.
   */
  trimEndLeft: number;
  /** Width of a mark hanging past the line end (not counted in `natural`), pt. */
  hang: number;
}

/** Largest badness accepted before the fallback pass (r ≈ 2.2). */
const TOLERANCE = 1000;
const FITNESS_PENALTY = 3000;
const INFEASIBLE = Number.POSITIVE_INFINITY;

/** The chosen breaks, and whether the rules had to give way. */
export interface Breaks {
  /** The end (exclusive atom index) of each line; the last is atoms.length. */
  ends: number[];
  /**
   * True when no set of allowed breaks fits the measure (e.g. a chain of marks that may not be
   * separated is wider than the line): the greedy fallback then breaks where it must.
   */
  forced: boolean;
}

/**
 * Optimal breaks: first within the tolerance, then at any looseness, then allowing a
 * one-character last line, and only then greedily, ignoring the prohibitions. A URL is parted
 * between two of its letters or digits (see host-names.ts) only when the breaks without that
 * find no lines at all, or leave a line less than RUN_BREAK_FILL full: then in the runs of the
 * words such lines end in or before, where that leaves fewer lines so short. Any other word is
 * so parted only when the breaks without that find no lines within the tolerance (see
 * `wordsWhole`).
 */
export function optimalBreaks(input: BreakInput): Breaks {
  if (input.atoms.length === 0) return { ends: [], forced: false };
  const url = urlBreaks(input.atoms);
  const inside = { titles: insideTitles(input.atoms), hosts: url.inHost, runs: url.inRun };
  const withoutRuns = url.inRun.includes(true) ? { ...input, allowed: input.allowed.map((a, p) => a && !url.inRun[p]), raggedMax: 1 } : undefined;
  const whole = withoutRuns && solveAtAnyCost(withoutRuns, inside);
  if (!whole) {
    const ends = solveAtAnyCost(input, inside);
    return ends ? { ends, forced: false } : { ends: greedyFallback(input), forced: true };
  }
  // the runs of the words a line left short ends in or before, parted where that leaves fewer lines short
  const short = shortLines(input, whole);
  if (!short.length) return { ends: whole, forced: false };
  const words = new Set(short.map((end) => wordStartOf(input.atoms, end)));
  const allowed = withoutRuns.allowed.map((a, p) => a || (input.allowed[p] && url.inRun[p] && words.has(wordStartOf(input.atoms, p))));
  const parted = solveAtAnyCost({ ...withoutRuns, allowed }, inside);
  return { ends: parted && shortLines(input, parted).length < short.length ? parted : whole, forced: false };
}

/** The ends of the lines of `ends` but the last that stand less than RUN_BREAK_FILL of their measure full. */
function shortLines(input: BreakInput, ends: number[]): number[] {
  return ends.filter((end, k) => k < ends.length - 1 && measureLine(input, k === 0 ? 0 : ends[k - 1], end).natural < RUN_BREAK_FILL * input.widthOf(k));
}

/** The first atom of the word atom `p` is in (a word's atoms after its first continue it), or that starts at `p`. */
function wordStartOf(atoms: readonly Atom[], p: number): number {
  let k = Math.min(p, atoms.length - 1);
  while (k > 0 && atoms[k].continuesWord) k--;
  return k;
}

/** Where a break falls inside a book title (see insideTitles), a URL's host name or two of its letters or digits (see urlBreaks). */
interface Inside {
  titles: boolean[];
  hosts: boolean[];
  runs: boolean[];
}

/**
 * The breaks of least demerits that part no word between two of its letters or digits nor a
 * value (9.86|万, 2024—|2025: see partsValue), within
 * the tolerance, a line beside a long word standing short up to `RAGGED_MAX` (see `wordsWhole`);
 * else of least demerits within the tolerance, else at any looseness, else allowing a
 * one-character last line; null when none fit.
 */
function solveAtAnyCost(input: BreakInput, inside: Inside): number[] | null {
  const whole = wordsWhole(input, inside.runs);
  const wordsSet = whole && solve(whole, TOLERANCE, inside, true);
  if (wordsSet) return wordsSet;
  // the values kept whole at any looseness (made only now: a paragraph whose words fit never asks)
  const values = whole && withoutBreaks(input, (p) => partsValue(input.atoms, p));
  return (values && solve(values, INFEASIBLE, inside)) ?? solve(input, TOLERANCE, inside) ?? solve(input, INFEASIBLE, inside) ?? (input.allowRunt ? null : solve({ ...input, allowRunt: true }, INFEASIBLE, inside));
}

/**
 * `input` without its breaks that part a word between two of its letters or digits (a camelCase
 * hump: `authService.getUserInfoBy|IdAsync`, before digits, inside a hash; see partsRun), which
 * read as two words, or a value (9.86|万人, 312.46万|m², 2024—|2025: see partsValue), which reads
 * as two numbers; undefined when it has none. A URL's such breaks (`runs`, see urlBreaks) are
 * left to optimalBreaks. Such a break is a last resort: the breaks
 * without it are taken where their lines are within the tolerance, and a line that ends after a
 * mark of the word or before it may then stand short, flush left, up to `RAGGED_MAX` of the
 * measure (`authService.|getUserInfoByIdAsync`, the line a third short), not only up to the sixth
 * or so that the tolerance lets it weigh.
 */
function wordsWhole(input: BreakInput, runs: readonly boolean[]): BreakInput | undefined {
  return withoutBreaks(input, (p) => (partsRun(input.atoms, p) && !runs[p]) || partsValue(input.atoms, p));
}

/** `input` without the breaks `parts` says of; undefined when it allows none of them. */
function withoutBreaks(input: BreakInput, parts: (p: number) => boolean): BreakInput | undefined {
  const { allowed } = input;
  if (!allowed.some((ok, p) => ok && parts(p))) return undefined;
  return { ...input, allowed: allowed.map((ok, p) => ok && !parts(p)) };
}

/** Measures atoms [start, end) as one line: trims edge spaces and edge punctuation blanks. */
export function measureLine(input: BreakInput, start: number, end: number): LineMeasure {
  return measureInto({ start, end, natural: 0, stretch: 0, stretchLimit: 0, lastResort: 0, shrink: 0, trimStart: 0, trimEnd: 0, trimEndLeft: 0, hang: 0 }, input, prefixSums(input), start, end);
}

/** `measureLine` writing into `m` (the breaker's inner loop allocates nothing). */
function measureInto(m: LineMeasure, input: BreakInput, p: PrefixSums, start: number, end: number): LineMeasure {
  const { atoms } = input;
  // a line that ends at a hyphenation point ends with the hyphen (no space is trimmed there)
  const hyphen = input.hyphens ? input.hyphens[end] : 0;
  // (a space of its own width that opens the paragraph, `\u2003\u2003` typed as its indent, stays)
  while (start < end && atoms[start].kind === 'space' && !(start === 0 && isWrittenSpace(atoms[0]))) start++;
  while (end > start && atoms[end - 1].kind === 'space') end--;
  const lastJoint = Math.max(start, end - 1); // joints start … end−2 lie inside the line
  const first = atoms[start];
  const last = atoms[end - 1];
  const untrimmed = p.itemWidth[end] - p.itemWidth[start] + p.jointWidth[lastJoint] - p.jointWidth[start];
  // on a grid (hangMarks) a line keeps its edge blanks unless it would not fit with them: a
  // mark in the last cell or an opening mark in the first stays a whole cell, on the grid
  const width = input.hangMarks ? input.widthOf(start === 0 ? 0 : 1) : 0;
  const gridFits = input.hangMarks && untrimmed <= width + 1e-6;
  const trimStart = first && !input.hangMarks ? first.blankLeft : 0;
  const trimsEnd = last && end - 1 > start && !gridFits;
  // (a mark that never starts a line has a left blank only on a grid, given back inside its run)
  const trimEndLeft = trimsEnd && input.hangMarks && NO_LINE_START.has(last.text) ? last.blankLeft : 0;
  const trimEnd = trimsEnd ? last.blankRight + trimEndLeft : 0;
  // a trimmed blank is no longer there to squeeze (on a grid marks are not squeezed at all)
  const lastShrink = last ? input.items[end - 1].shrink : 0;
  m.start = start;
  m.end = end;
  m.natural = untrimmed - trimStart - trimEnd + hyphen;
  m.stretch = p.itemStretch[end] - p.itemStretch[start] + p.jointStretch[lastJoint] - p.jointStretch[start];
  m.stretchLimit = p.itemLimit[end] - p.itemLimit[start] + p.jointLimit[lastJoint] - p.jointLimit[start];
  m.lastResort = p.itemLastResort[end] - p.itemLastResort[start] + p.jointLastResort[lastJoint] - p.jointLastResort[start];
  m.shrink = Math.max(0, p.itemShrink[end] - p.itemShrink[start] + p.jointShrink[lastJoint] - p.jointShrink[start] - Math.min(trimStart, first ? input.items[start].shrink : 0) - Math.min(trimEnd, lastShrink));
  m.trimStart = trimStart;
  m.trimEnd = trimEnd;
  m.trimEndLeft = trimEndLeft;
  m.hang = 0;
  // a closing or pause mark hangs only when the line would not fit with it (a line that ends with
  // a mark in its last cell is full), and only where the room past the measure takes it. What
  // hangs is its ink side (½ cell where the scheme has blanks, GB/T 9704 practice; a whole cell
  // with `none`); the mark, the joint before it and its blank leave the line's measure. (Not a
  // mark the punctuation table keeps from hanging: see `hangsAtLineEnd`)
  const hang = last ? input.items[end - 1].width - trimEnd : 0;
  if (input.hangMarks && last && end - 1 > start && last.kind === 'punct' && hangsAtLineEnd(last.text) && m.natural > width + 1e-6 && hang <= (input.hangRoom ?? Infinity) + 1e-6) {
    m.hang = hang;
    m.natural -= m.hang + input.joints[end - 2].width;
    m.shrink = Math.max(0, m.shrink - (lastShrink - Math.min(trimEnd, lastShrink)));
  }
  return m;
}

/** Fitness classes (tight, decent, loose, very loose): the nodes kept per break. */
const CLASSES = 4;

/**
 * The breaker's table, flat (the inner loop allocates nothing): slot `p · CLASSES + f` is the
 * cheapest way found to end a line before atom p with fitness class f.
 */
class BreakTable {
  /** Total demerits; Infinity where no way is known. */
  readonly demerits: Float64Array;
  /** Where the line ending here starts, and that start's fitness class (valid where demerits are finite). */
  readonly prev: Int32Array;
  readonly prevFitness: Int8Array;
  /** Lines up to here. */
  readonly lines: Int32Array;

  constructor(readonly breaks: number) {
    this.demerits = new Float64Array(breaks * CLASSES);
    this.prev = new Int32Array(breaks * CLASSES);
    this.prevFitness = new Int8Array(breaks * CLASSES);
    this.lines = new Int32Array(breaks * CLASSES);
  }
}

/** One table for every paragraph (a solve ends before the next starts): cheaper to clear than to make. */
let table = new BreakTable(0);

/** The table, cleared for `breaks` break positions. */
function tableFor(breaks: number): BreakTable {
  if (table.breaks < breaks) table = new BreakTable(Math.max(breaks, 2 * table.breaks));
  table.demerits.fill(Infinity, 0, breaks * CLASSES);
  return table;
}

/**
 * The breaks of least demerits within `tolerance` (see TOLERANCE); `inside`: see Inside.
 * `shortToRaggedMax`: a line that stands short (see standsShort) is usable up to `RAGGED_MAX` of
 * the measure short, however far past the tolerance it weighs.
 */
function solve(input: BreakInput, tolerance: number, inside: Inside, shortToRaggedMax = false): number[] | null {
  const { titles, hosts, runs } = inside;
  const n = input.atoms.length;
  const candidates = [0];
  for (let p = 1; p < n; p++) if (input.allowed[p]) candidates.push(p);
  candidates.push(n);
  const t = tableFor(n + 1);
  t.demerits[0] = 0;
  t.prev[0] = -1;
  t.prevFitness[0] = -1;
  t.lines[0] = 0;
  const sums = prefixSums(input);
  const widthFirst = input.widthOf(0);
  const widthRest = input.widthOf(1);
  const widest = Math.max(widthFirst, widthRest);
  const narrowest = Math.min(widthFirst, widthRest);
  const m: LineMeasure = { start: 0, end: 0, natural: 0, stretch: 0, stretchLimit: 0, lastResort: 0, shrink: 0, trimStart: 0, trimEnd: 0, trimEndLeft: 0, hang: 0 };
  // badness 100·|r|³ ≤ tolerance  ⇔  |r| ≤ ∛(tolerance / 100)
  const maxRatio = Math.cbrt(tolerance / 100);
  const usable = (r: number, isLast: boolean) => r >= -1 && (isLast ? r >= 0 || -r <= maxRatio : Math.abs(r) <= maxRatio);
  // the candidates (indices, ascending) some way ends a line before: only there can a line
  // start. A start is final once the ends before it are done. Scanning these alone, a long
  // stretch of breaks no line can end at (a word too wide for the measure, cut into
  // characters) costs nothing: scanning every earlier candidate made it quadratic.
  const reached = [0];
  for (let ci = 1; ci < candidates.length; ci++) {
    const end = candidates[ci];
    const isLast = end === n;
    // a line ending inside a word, between a number and its unit, or inside a book title costs
    // demerits (the same for every start)
    const inWord = !isLast && input.atoms[end].continuesWord;
    const hyphenated = !isLast && !!input.hyphens && input.hyphens[end] > 0;
    const cut = isLast ? 0 : (hyphenated ? HYPHEN_PENALTY : inWord ? wordBreakPenalty(input.atoms[end - 1], input.atoms[end], hosts[end], runs[end]) : unitBreakPenalty(input.atoms, end) + titleBreakPenalty(titles[end])) ** 2;
    // a line that ends inside or right before a long word (a URL, an e-mail address, a path) may
    // stand short rather than be spaced out (see adjustmentRatio)
    const beside = !isLast && besideLongWord(input.atoms, end);
    // lines that start after `first` are too short to reach even the narrower measure at the
    // largest stretch allowed: skip them (the bound only overestimates, so nothing usable is lost)
    const first = isLast ? ci - 1 : lastLongEnough(candidates, ci, sums, maxRatio, narrowest - 0.01 - (hyphenated ? input.hyphens![end] : 0), beside, shortToRaggedMax);
    for (let r = lastAtOrBefore(reached, first); r >= 0; r--) {
      const start = candidates[reached[r]];
      measureInto(m, input, sums, start, end);
      // after a line that ended hyphenated: another (TeX's \doublehyphendemerits), or the last full line before the paragraph's last (\finalhyphendemerits)
      const afterHyphen = !!input.hyphens && input.hyphens[start] > 0;
      const hyphenDemerits = !afterHyphen ? 0 : hyphenated ? DOUBLE_HYPHEN_DEMERITS : isLast ? FINAL_HYPHEN_DEMERITS : 0;
      // the ratio depends on the node only through the width of its next line (first or not)
      const ratioFirst = adjustmentRatio(m, widthFirst, isLast, beside, input.raggedMax);
      const ratioRest = adjustmentRatio(m, widthRest, isLast, beside, input.raggedMax);
      // (a line set flush left is no loose line beside a tight one)
      const shortFirst = standsShort(m, widthFirst, isLast, beside, input.raggedMax);
      const shortRest = standsShort(m, widthRest, isLast, beside, input.raggedMax);
      // (standing short up to RAGGED_MAX, whatever input.raggedMax lets stand)
      const shortUsableFirst = shortToRaggedMax && standsShort(m, widthFirst, isLast, beside);
      const shortUsableRest = shortToRaggedMax && standsShort(m, widthRest, isLast, beside);
      if (usable(ratioFirst, isLast) || usable(ratioRest, isLast) || shortUsableFirst || shortUsableRest) {
        for (let f = 0; f < CLASSES; f++) {
          const from = start * CLASSES + f;
          if (t.demerits[from] === Infinity) continue;
          const lines = t.lines[from];
          const ratio = lines === 0 ? ratioFirst : ratioRest;
          if (!usable(ratio, isLast) && !(lines === 0 ? shortUsableFirst : shortUsableRest)) continue;
          const badness = isLast && ratio >= 0 ? 0 : badnessOf(ratio);
          if (isLast && !input.allowRunt && lines > 0 && letterCount(input.atoms, m.start, m.end) < 2) continue;
          const fitness = isLast ? f : (lines === 0 ? shortFirst : shortRest) ? 1 : fitnessClass(ratio);
          let demerits = t.demerits[from] + (10 + badness) * (10 + badness) + cut + hyphenDemerits;
          if (lines > 0 && !isLast && Math.abs(fitness - f) > 1) demerits += FITNESS_PENALTY;
          const to = end * CLASSES + fitness;
          if (demerits < t.demerits[to]) {
            t.demerits[to] = demerits;
            t.prev[to] = start;
            t.prevFitness[to] = f;
            t.lines[to] = lines + 1;
          }
        }
      }
      // no line can start earlier once even full shrinking overflows
      if (m.natural - m.shrink > widest) break;
    }
    if (reachable(t, end)) reached.push(ci);
  }
  let bestF = -1;
  for (let f = 0; f < CLASSES; f++) if (t.demerits[n * CLASSES + f] < (bestF < 0 ? Infinity : t.demerits[n * CLASSES + bestF])) bestF = f;
  if (bestF < 0) return null;
  const breaks: number[] = [];
  let p = n;
  let f = bestF;
  while (p > 0) {
    breaks.push(p);
    const slot = p * CLASSES + f;
    [p, f] = [t.prev[slot], t.prevFitness[slot]];
  }
  return breaks.reverse();
}

/** Whether some way ends a line before atom `p` (in any fitness class). */
function reachable(t: BreakTable, p: number): boolean {
  const d = t.demerits;
  const at = p * CLASSES;
  return d[at] !== Infinity || d[at + 1] !== Infinity || d[at + 2] !== Infinity || d[at + 3] !== Infinity;
}

/** The index of the last value of `ascending` that is at most `limit`; −1 when none is. */
function lastAtOrBefore(ascending: number[], limit: number): number {
  let lo = 0;
  let hi = ascending.length; // answer + 1 in [lo, hi]
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ascending[mid] <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The last candidate index cj < ci whose line [candidates[cj], candidates[ci]) could reach
 * `width` at stretch ratio `maxRatio`, by an upper bound (widths and stretch of all its atoms and
 * inner joints, before any trimming): later starts give shorter lines, so the bound falls as cj
 * grows and a binary search finds the place. `beside`: the lines end inside or before a long
 * word, where one may stand short (see adjustmentRatio); `shortToRaggedMax`: up to `RAGGED_MAX`
 * of the measure (see solve).
 */
function lastLongEnough(candidates: number[], ci: number, p: PrefixSums, maxRatio: number, width: number, beside: boolean, shortToRaggedMax: boolean): number {
  if (!Number.isFinite(maxRatio)) return ci - 1;
  const end = candidates[ci];
  const reach = (start: number) => {
    const lastJoint = Math.max(start, end - 1);
    const natural = p.itemWidth[end] - p.itemWidth[start] + p.jointWidth[lastJoint] - p.jointWidth[start];
    const stretch = p.itemStretch[end] - p.itemStretch[start] + p.jointStretch[lastJoint] - p.jointStretch[start];
    const limit = p.itemLimit[end] - p.itemLimit[start] + p.jointLimit[lastJoint] - p.jointLimit[start];
    const lastResort = p.itemLastResort[end] - p.itemLastResort[start] + p.jointLastResort[lastJoint] - p.jointLastResort[start];
    // (see adjustmentRatio): within the stages' limit a usable line widens by at most
    // maxRatio · stretch; past it only when that limit is below maxRatio · stretch, and then by
    // at most maxRatio · lastResort more. Sums of sums: the bound falls as the line shortens.
    const staged = maxRatio * stretch;
    return natural + Math.max(staged, Math.min(limit, staged) + maxRatio * lastResort, beside ? Math.max(maxRatio * RAGGED_STRETCH, shortToRaggedMax ? RAGGED_MAX : 0) * width : 0);
  };
  // invariant: reach(candidates[lo]) ≥ width or lo = 0; answer in [lo, hi]
  let lo = 0;
  let hi = ci - 1;
  if (reach(candidates[hi]) >= width) return hi;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (reach(candidates[mid]) >= width) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * r > 0 stretches, r < 0 shrinks; −1 is fully shrunk. A last line only shrinks. A line that
 * needs the policy's last resort (excess past its stages' limit) has the ratio at that limit
 * plus the rest over the last resort's badness units: it grows faster there. `beside`: the line
 * ends inside or right before a long word (see `besideLongWord`); when the stages would leave
 * it looser than `FLUSH_FROM` (or nothing on it can widen: a piece of a URL), it is set flush
 * left at its natural spacing (`standsShort`), up to `raggedMax` of the measure short, and
 * weighed as though `RAGGED_STRETCH` of the measure could widen it, and when it has places to
 * widen never as better than a line stretched to `FLUSH_FROM` (else such a line could not be
 * used, or the Han text before the word was letter-spaced to fill the line).
 */
export function adjustmentRatio(m: LineMeasure, width: number, isLast: boolean, beside = false, raggedMax = RAGGED_MAX): number {
  const excess = width - m.natural;
  if (excess >= -1e-6) {
    // (a line of whole grid cells fills the measure up to rounding)
    if (isLast) return 0;
    const stretched = stretchedRatio(m, excess);
    // (a line that could have been justified no better than one at FLUSH_FROM; a piece of a URL
    // alone by how short it is)
    if (beside && stretched > FLUSH_FROM && excess <= raggedMax * width)
      return stretched === INFEASIBLE ? excess / (RAGGED_STRETCH * width) : Math.max(FLUSH_FROM, excess / (FLUSH_STRETCH * width));
    return stretched;
  }
  return m.shrink > 0 ? excess / m.shrink : -INFEASIBLE;
}

/** The ratio at which the stages (and the last resort) widen a line `excess` pt short. */
function stretchedRatio(m: LineMeasure, excess: number): number {
  if (excess > m.stretchLimit + 1e-6 && m.lastResort > 0) return (m.stretch > 0 ? m.stretchLimit / m.stretch : 0) + (excess - m.stretchLimit) / m.lastResort;
  if (m.stretch > 0) return excess / m.stretch;
  return excess < 0.01 ? 0 : INFEASIBLE;
}

/**
 * Whether a line beside a long word (`beside`, see `adjustmentRatio`) is set flush left, its
 * spacing natural, rather than justified: when justifying it would space it out past
 * `FLUSH_FROM` and it is at most `raggedMax` of the measure short.
 */
export function standsShort(m: LineMeasure, width: number, isLast: boolean, beside: boolean, raggedMax = RAGGED_MAX): boolean {
  const excess = width - m.natural;
  return beside && !isLast && excess >= 0.01 && excess <= raggedMax * width && stretchedRatio(m, excess) > FLUSH_FROM;
}

/**
 * Whether the line that ends before atom `end` ends inside a long word or right before one (after
 * any opening marks): a word cut where it may break (a URL, an e-mail address, a path, a long
 * identifier or inline code: see atoms.ts), or a URL printed whole.
 */
export function besideLongWord(atoms: readonly Atom[], end: number): boolean {
  if (end >= atoms.length) return false;
  if (atoms[end].continuesWord) return true;
  let k = end;
  while (k < atoms.length && atoms[k].kind === 'punct' && NO_LINE_END.has(atoms[k].text)) k++;
  return k < atoms.length && (!!atoms[k].marks.url || !!atoms[k + 1]?.continuesWord);
}

/**
 * The ratio past which a line beside a long word is set flush left rather than justified: the
 * stretch of an ordinary line (0.1 em between Han characters, the Latin word spaces to ½ em).
 */
const FLUSH_FROM = 1;

/**
 * The stretch, as a share of the measure, by which a line beside a long word that has nothing to
 * widen (a piece of a URL) is measured: left short by a sixth of the measure, it is as bad
 * (badness 100) as Han text spaced 0.1 em a character.
 */
const RAGGED_STRETCH = 1 / 6;

/**
 * The same for a line that could have been justified but stands short: a twelfth of the measure
 * short (3 em of a 36 em line) is as bad as Han text spaced 0.1 em, a sixth as bad as 0.2 em
 * (a hole that long at a line's end reads as a paragraph's end): it is taken where the other
 * breaks would space text out further or part a word that need not be parted.
 */
const FLUSH_STRETCH = 1 / 12;

/** The most such a line may stand short, as a share of the measure (a line of one short word piece is never used). */
export const RAGGED_MAX = 1 / 3;

/**
 * TeX's badness 100·|r|³, capped (products, not `**`: V8's pow is many times slower); a line
 * that nothing can widen (a lone word left short, past what `RAGGED_MAX` lets stand) is worse
 * than any line that stretches: only the second pass, at any looseness, takes it.
 */
function badnessOf(ratio: number): number {
  const r = Math.abs(ratio);
  return r === INFEASIBLE ? UNSTRETCHABLE : Math.min(100 * r * r * r, 1e9);
}

/** The badness of a short line with no place to widen (see badnessOf). */
const UNSTRETCHABLE = 1e10;

function fitnessClass(ratio: number): number {
  if (ratio < -0.5) return 0;
  if (ratio <= 0.5) return 1;
  if (ratio <= 1) return 2;
  return 3;
}

/** Han characters and Latin letters/digits in atoms [start, end); a footnote marker (①, 2) is none of the text's. */
export function letterCount(atoms: Atom[], start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const a = atoms[i];
    if (a.marks.footnote) continue;
    if (a.kind === 'han') n++;
    else if (a.kind === 'latin') n += [...a.text].filter((c) => /[\p{L}\p{N}]/u.test(c)).length;
  }
  return n;
}

/**
 * Last resort when no set of allowed breaks fits: fill each line greedily, breaking at the
 * last allowed place that fits; else at the last place that fits where the line does not end
 * with an opening mark nor the next start with a closing one (`度（|m²）` is not taken while
 * `度|（m²）` fits); else after the last atom that fits (at least one per line).
 */
function greedyFallback(input: BreakInput): number[] {
  const { atoms, allowed } = input;
  const n = atoms.length;
  /** Whether a line may end before atom p without breaking the rules of line edges. */
  const clean = (p: number) => !NO_LINE_END.has(atoms[p - 1].text.slice(-1)) && !NO_LINE_START.has(atoms[p].text[0]);
  const breaks: number[] = [];
  let start = 0;
  while (start < n) {
    const width = input.widthOf(breaks.length);
    let end = start + 1;
    while (end < n) {
      const m = measureLine(input, start, end + 1);
      if (m.natural - m.shrink > width) break;
      end++;
    }
    if (end < n) {
      let [lastAllowed, lastClean] = [-1, -1];
      for (let p = start + 1; p <= end; p++) {
        if (allowed[p]) lastAllowed = p;
        if (clean(p)) lastClean = p;
      }
      end = lastAllowed > 0 ? lastAllowed : lastClean > 0 ? lastClean : end;
    }
    breaks.push(end);
    start = end;
  }
  return breaks;
}
