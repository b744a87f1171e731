/**
 * Line breaking on a character grid (GB/T 9704): each line takes as many cells as fit, as a
 * document set in Word does. A closing or pause mark that would start the next line hangs past
 * the last cell; a line ends early only where the line-start/line-end rules forbid the break
 * after its last cell, or where it gives its last character to a one-character last line, so a
 * stretched line always stands right before the mark, the unbreakable pair or the character it
 * had to give up; or before a URL whose host name (or two of whose letters or digits) it would
 * part, standing short as a line before a long word does (a line ends there only when nothing
 * else of the URL fits, see host-names.ts; inside a run of letters and digits also where what
 * does fit leaves the line less than RUN_BREAK_FILL full); or before a standard's designation,
 * whose space it takes as a last resort where the line would stand short before it and ending
 * there fills it (`符合 ISO|9001:2015`); or after or before a mark of a word it would part
 * between two letters or digits (`authService.|getUserInfoByIdAsync`, not `getUserInfoBy|IdAsync`),
 * where the line stands short by no more than `RAGGED_MAX` of the measure; or before a number
 * it would part from its unit or its 第 (`共 2|所`, `第|2 页`), where the line is then spread no
 * looser than `NUMBER_KEEP_SHARE` of its stretch; where it would be looser, the line before may
 * end earlier to keep the number whole (see numberKeptByLineBefore). (Whole-paragraph
 * optimisation has nothing to gain where every full line has the same count, and would stretch
 * some earlier line instead.)
 */
import { letterCount, measureLine, optimalBreaks, RAGGED_MAX, type BreakInput, type Breaks, type LineMeasure } from './optimal-breaks.js';
import { partsDesignation, type Atom } from './atoms.js';
import { RUN_BREAK_FILL, urlBreaks } from './host-names.js';
import { partsRun, unitBreakPenalty } from './breakpoints.js';

/** Where a URL's host names and its runs of letters and digits are (see host-names.ts). */
type UrlBreaks = ReturnType<typeof urlBreaks>;

/** First-fit breaks: the furthest allowed break of each line that fits (marks may hang). */
export function gridBreaks(input: BreakInput): Breaks {
  const n = input.atoms.length;
  let widest = 0;
  for (const item of input.items) widest = Math.max(widest, item.width);
  const hosts = urlBreaks(input.atoms);
  const ends: number[] = [];
  let start = 0;
  while (start < n) {
    let end = lineEnd(input, start, ends.length, hosts, widest);
    // a chain wider than the line (no allowed break fits): the optimal breaker's fallback decides
    if (end < 0) return optimalBreaks(input);
    // a line that still parts a number from its unit takes it whole where the line before, ending
    // earlier, makes room for it (see numberKeptByLineBefore)
    if (partsNumber(input.atoms, end) && ends.length > 0) {
      const kept = numberKeptByLineBefore(input, ends, hosts, widest);
      if (kept) [ends[ends.length - 1], end] = kept;
    }
    ends.push(end);
    start = end;
  }
  return { ends: withoutRunt(input, ends), forced: false };
}

/**
 * Where line `k`, starting at atom `start`, ends (-1 where no allowed break fits): see the
 * module's comment. `hosts`: the URLs' host names and runs (see urlBreaks); `widest`: the widest
 * item, pt.
 */
function lineEnd(input: BreakInput, start: number, k: number, { inHost, inRun }: UrlBreaks, widest: number): number {
  const n = input.atoms.length;
  const width = input.widthOf(k);
  // the furthest end that fits; of those, the furthest that parts no host name, run or
  // designation; that parts no host name or designation; that parts a designation and fills its line
  let [best, whole, run, designation] = [-1, -1, -1, -1];
  let [fill, filled] = [0, false];
  // (and of the whole ones, the furthest that parts no word between two letters or digits, and its natural width;
  // of those, the furthest that parts no number from its unit or its 第, and its measure)
  let [word, wordFill] = [-1, 0];
  let [kept, keptMeasure] = [-1, undefined as LineMeasure | undefined];
  for (let end = start + 1; end <= n; end++) {
    const m = measureLine(input, start, end);
    if ((end === n || input.allowed[end]) && m.natural - m.shrink <= width + 1e-6) {
      best = end;
      const inDesignation = end < n && partsDesignation(input.atoms, end);
      if (!inHost[end] && !inDesignation) run = end;
      if (inDesignation && fills(m, width)) designation = end;
      if (!inHost[end] && !inRun[end] && !inDesignation) [whole, fill, filled] = [end, m.natural, end === n || fills(m, width)];
      if (!inHost[end] && !inRun[end] && !inDesignation && !partsRun(input.atoms, end)) {
        [word, wordFill] = [end, m.natural];
        if (!partsNumber(input.atoms, end)) [kept, keptMeasure] = [end, m];
      }
    }
    // past the measure by more than a hanging mark: no later end can fit
    if (m.natural + m.hang - m.shrink > width + 2 * widest) break;
  }
  if (best < 0) return -1;
  // a line left less than RUN_BREAK_FILL full before a URL parts two of its letters or digits
  // instead, where that fits; one left short, its cells not filled, before a standard's
  // designation parts it at its space where that fills the line
  const chosen = whole <= start ? best : fill < RUN_BREAK_FILL * width && run > whole ? run : !filled && designation > whole ? designation : whole;
  // a line that would end inside a word between two of its letters or digits ends at the
  // word's mark before, or before the word, where it then stands no more than RAGGED_MAX short
  const unparted = chosen === whole && word > start && word < whole && width - wordFill <= RAGGED_MAX * width ? word : chosen;
  // a line that would part a number from its unit (or from its 第) ends before the number
  // instead, where it is then spread no looser than NUMBER_KEEP_SHARE of its stretch
  return partsNumber(input.atoms, unparted) && kept > start && kept < unparted && closeEnough(keptMeasure!, width) ? kept : unparted;
}

/**
 * Where the last line of `ends` ends instead, and the next line with it, when the next line (from
 * the last end) would part a number from its unit even so: the last line ends at an earlier break
 * that parts nothing, spread no looser than NUMBER_KEEP_SHARE of its stretch, where the lines
 * from there, up to where they meet the lines as they were (LOOK_AHEAD lines at most), are no
 * more, part fewer numbers and are spread no looser than that share or the loosest as they were
 * (`投入|3 860.5 万元` rather than `投入 3 860.5|万元`: the lines before each spread a little
 * rather than the number parted, or its line spread by four cells; not where a later line would
 * then be spread wide). Undefined where none does.
 */
function numberKeptByLineBefore(input: BreakInput, ends: readonly number[], hosts: UrlBreaks, widest: number): [number, number] | undefined {
  const k = ends.length - 1;
  const from = k > 0 ? ends[k - 1] : 0;
  const width = input.widthOf(k);
  const was = [...ends, ...firstFit(input, ends[k], k + 1, hosts, widest)];
  for (let p = ends[k] - 1; p > from; p--) {
    if (!input.allowed[p] || partsNumber(input.atoms, p) || partsRun(input.atoms, p) || partsDesignation(input.atoms, p) || hosts.inHost[p] || hosts.inRun[p]) continue;
    // (earlier ends leave the line shorter still)
    if (!closeEnough(measureLine(input, from, p), width)) return undefined;
    const tried = [...ends.slice(0, k), p, ...firstFit(input, p, k + 1, hosts, widest)];
    if (better(input, k, tried, was)) return [p, tried[k + 1]];
  }
  return undefined;
}

/** Lines a look-back compares (see numberKeptByLineBefore). */
const LOOK_AHEAD = 6;

/** The ends of up to LOOK_AHEAD lines set first-fit from atom `start` (line `k`), with no look-back. */
function firstFit(input: BreakInput, start: number, k: number, hosts: UrlBreaks, widest: number): number[] {
  const ends: number[] = [];
  for (let at = start; at < input.atoms.length && ends.length < LOOK_AHEAD; ) {
    const end = lineEnd(input, at, k + ends.length, hosts, widest);
    if (end <= at) break;
    ends.push((at = end));
  }
  return ends;
}

/**
 * Whether the lines `tried` sets from line `k`, up to where they meet those `was` sets (or the
 * paragraph's end, each with its last line of one character mended: see withoutRunt), are no
 * more, part fewer numbers, and none of them is spread looser than NUMBER_KEEP_SHARE or the
 * loosest of `was`; or part as many, none spread looser than that share where one of `was` is
 * (the line a number was given up to, or whose last character was taken for a last line of
 * one, spread wide). A paragraph is not made a line longer to keep a number whole.
 */
function better(input: BreakInput, k: number, tried: number[], was: number[]): boolean {
  const n = input.atoms.length;
  const meet = tried.findIndex((e, i) => i > k && e < n && was.includes(e));
  const ends = (all: number[]) => (meet < 0 ? (all[all.length - 1] === n ? withoutRunt(input, all) : undefined) : all.slice(0, all.indexOf(tried[meet]) + 1));
  const [a, b] = [ends(tried), ends(was)];
  if (!a || !b) return false;
  const score = (all: number[]) => {
    let [parted, loosest] = [0, 0];
    for (let i = k; i < all.length; i++) {
      if (partsNumber(input.atoms, all[i])) parted++;
      // (a paragraph's last line is not spread)
      if (all[i] < n) loosest = Math.max(loosest, looseness(measureLine(input, i > 0 ? all[i - 1] : 0, all[i]), input.widthOf(i)));
    }
    return { parted, loosest };
  };
  const [t, w] = [score(a), score(b)];
  const close = t.loosest <= NUMBER_KEEP_SHARE + 1e-6;
  return a.length <= b.length && ((t.parted < w.parted && (close || t.loosest <= w.loosest + 1e-6)) || (t.parted === w.parted && close && w.loosest > NUMBER_KEEP_SHARE + 1e-6));
}

/** How much of its stretch a line (as measured) takes to fill its `width` pt (0 for a full line; Infinity where it has none to take). */
function looseness(m: LineMeasure, width: number): number {
  const short = width - m.natural;
  return short <= 1e-6 ? 0 : m.stretchLimit > 0 ? short / m.stretchLimit : Infinity;
}

/** Whether a line (as measured) spread to its `width` pt is no looser than NUMBER_KEEP_SHARE of its stretch. */
function closeEnough(m: LineMeasure, width: number): boolean {
  return width - m.natural <= NUMBER_KEEP_SHARE * m.stretchLimit + 1e-6;
}

/**
 * The share of a line's stretch (¼ em between characters) up to which a line gives up a number
 * rather than part it from its unit or its 第: ⅛ em between characters, no looser than grid lines
 * that give up a mark and its word (`“双师型”`) are spread. 28 cells take so a number of four
 * digits and its gap (`2261|人`), not `3 860.5|万元` (which the line before may take: see
 * numberKeptByLineBefore); 10 cells, one digit.
 */
const NUMBER_KEEP_SHARE = 0.5;

/** Whether a line break before atom p parts a number from its unit or its 第 (see `unitBreakPenalty`). */
function partsNumber(atoms: readonly Atom[], p: number): boolean {
  return p > 0 && p < atoms.length && unitBreakPenalty(atoms, p) > 0;
}

/** Whether a line (as measured) fills its `width` pt: what it lacks, its places can take (see justify.ts). */
function fills(m: LineMeasure, width: number): boolean {
  return width - m.natural <= m.stretchLimit + 1e-6;
}

/**
 * 孤字不成行: a last line of one character (and its marks) takes one more from the line before,
 * which is then stretched over its cells, as a line that gives up a mark is. Unchanged when the
 * line before cannot give one (a single line, or no allowed break that leaves both lines fitting).
 */
function withoutRunt(input: BreakInput, ends: number[]): number[] {
  const k = ends.length - 1;
  if (k < 1 || letterCount(input.atoms, ends[k - 1], ends[k]) >= 2) return ends;
  const from = k >= 2 ? ends[k - 2] : 0;
  for (let p = ends[k - 1] - 1; p > from; p--) {
    if (!input.allowed[p]) continue;
    if (letterCount(input.atoms, from, p) === 0) break;
    if (letterCount(input.atoms, p, ends[k]) < 2) continue;
    const last = measureLine(input, p, ends[k]);
    if (last.natural - last.shrink > input.widthOf(k) + 1e-6) break;
    return [...ends.slice(0, k - 1), p, ends[k]];
  }
  return ends;
}
