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
 * looser than `NUMBER_KEEP_SHARE` of its stretch. (Whole-paragraph
 * optimisation has nothing to gain where every full line has the same count, and would stretch
 * some earlier line instead.)
 */
import { letterCount, measureLine, optimalBreaks, RAGGED_MAX, type BreakInput, type Breaks, type LineMeasure } from './optimal-breaks.js';
import { partsDesignation, type Atom } from './atoms.js';
import { RUN_BREAK_FILL, urlBreaks } from './host-names.js';
import { partsRun, unitBreakPenalty } from './breakpoints.js';

/** First-fit breaks: the furthest allowed break of each line that fits (marks may hang). */
export function gridBreaks(input: BreakInput): Breaks {
  const n = input.atoms.length;
  let widest = 0;
  for (const item of input.items) widest = Math.max(widest, item.width);
  const { inHost, inRun } = urlBreaks(input.atoms);
  const ends: number[] = [];
  let start = 0;
  while (start < n) {
    const width = input.widthOf(ends.length);
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
    // a chain wider than the line (no allowed break fits): the optimal breaker's fallback decides
    if (best < 0) return optimalBreaks(input);
    // a line left less than RUN_BREAK_FILL full before a URL parts two of its letters or digits
    // instead, where that fits; one left short, its cells not filled, before a standard's
    // designation parts it at its space where that fills the line
    const chosen = whole <= start ? best : fill < RUN_BREAK_FILL * width && run > whole ? run : !filled && designation > whole ? designation : whole;
    // a line that would end inside a word between two of its letters or digits ends at the
    // word's mark before, or before the word, where it then stands no more than RAGGED_MAX short
    const unparted = chosen === whole && word > start && word < whole && width - wordFill <= RAGGED_MAX * width ? word : chosen;
    // a line that would part a number from its unit (or from its 第) ends before the number
    // instead, where it is then spread no looser than NUMBER_KEEP_SHARE of its stretch
    const end = partsNumber(input.atoms, unparted) && kept > start && kept < unparted && width - keptMeasure!.natural <= NUMBER_KEEP_SHARE * keptMeasure!.stretchLimit + 1e-6 ? kept : unparted;
    ends.push(end);
    start = end;
  }
  return { ends: withoutRunt(input, ends), forced: false };
}

/**
 * The share of a line's stretch (¼ em between characters) up to which a line gives up a number
 * rather than part it from its unit or its 第: ⅛ em between characters, no looser than grid lines
 * that give up a mark and its word (`“双师型”`) are spread. 28 cells take so a number of four
 * digits and its gap (`2261|人`), not `3 860.5|万元`; 10 cells, one digit.
 */
const NUMBER_KEEP_SHARE = 0.5;

/** Whether a line break before atom p parts a number from its unit or its 第 (see `unitBreakPenalty`). */
function partsNumber(atoms: readonly Atom[], p: number): boolean {
  return p > 0 && p < atoms.length && unitBreakPenalty(atoms[p - 1], atoms[p]) > 0;
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
