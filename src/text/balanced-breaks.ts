/**
 * Centred text balanced, as CSS's `text-wrap: balance` sets a title: a centred paragraph of two
 * lines or more is broken as at the narrowest measure that gives it no more lines, so its lines
 * are of like length (`立德树人：品牌化引领与沉浸式体验的“双路径”` over a lone `实践` becomes
 * two lines of about half each). The lines are still centred in the whole measure. A title of
 * two lines breaks after a pause or stop mark (`区域协同，精准造血：|职业教育…`) rather than inside
 * a phrase when its longer line is then not much longer (`PHRASE_SLACK`); else each break that
 * falls inside a word (`职业|教育`) moves to the nearest edge of the word when the lines still fit.
 */
import { letterCount, measureLine, type BreakInput, type Breaks } from './optimal-breaks.js';
import { wordStarts } from './word-starts.js';

/** How much longer (a ratio) the longer of two lines may be than balanced, to end the first at a mark. */
const PHRASE_SLACK = 1.3;

/** Marks that end a phrase: a title's line may end after them. */
const PHRASE_ENDS = new Set(['，', '、', '：', '；', '。', '！', '？']);

/** Centred text of more lines is not a title: it is left as broken (as browsers limit `text-wrap: balance`; each balancing breaks it `SEARCH_STEPS` times more). */
const MAX_BALANCED_LINES = 6;

/** Steps of the search for the narrowest measure (each halves the interval: 2⁻¹⁰ of the line's width). */
const SEARCH_STEPS = 10;

/**
 * The ends of the lines of `input` balanced, given how `breaker` breaks it at its own measure
 * (`given`: its lines there). Unchanged for one line or more than `MAX_BALANCED_LINES`, and
 * where a narrower measure would force a break.
 */
export function balancedBreaks(input: BreakInput, breaker: (input: BreakInput) => Breaks, given: Breaks): Breaks {
  const lines = given.ends.length;
  if (lines < 2 || lines > MAX_BALANCED_LINES || given.forced) return given;
  let best = given;
  // the measure taken off every line, pt: 0 keeps the lines as given; a line's share of the whole cannot be kept
  let [keeps, loses] = [0, input.widthOf(1) / lines];
  for (let step = 0; step < SEARCH_STEPS; step++) {
    const less = (keeps + loses) / 2;
    const tried = breaker({ ...input, widthOf: (i) => input.widthOf(i) - less });
    if (!tried.forced && tried.ends.length === lines) [best, keeps] = [tried, less];
    else loses = less;
  }
  return (lines === 2 && afterPhrase(input, best)) || betweenWords(input, best);
}

/** How far (atoms) a break inside a word may move to the word's edge. */
const WORD_REACH = 4;

/**
 * `broken` with each break that falls inside a word (see word-starts.ts: `职业|教育`) moved to
 * the nearest edge of a word, up to `WORD_REACH` atoms either way, where the two lines it ends
 * and begins still fit their measures (the last keeping two characters or more) and the longer
 * of them is shortest; a break with no such place stays.
 */
function betweenWords(input: BreakInput, broken: Breaks): Breaks {
  const starts = wordStarts(input.atoms);
  const ends = [...broken.ends];
  const n = input.atoms.length;
  for (let line = 0; line < ends.length - 1; line++) {
    if (starts[ends[line]]) continue;
    const from = line === 0 ? 0 : ends[line - 1];
    const to = ends[line + 1];
    const isLast = to === n;
    let best: { end: number; longer: number } | undefined;
    for (let p = Math.max(from + 1, ends[line] - WORD_REACH); p <= Math.min(to - 1, ends[line] + WORD_REACH); p++) {
      if (!starts[p] || !input.allowed[p]) continue;
      const first = measureLine(input, from, p);
      const second = measureLine(input, p, to);
      if (first.natural - first.shrink > input.widthOf(line) + 1e-6 || second.natural - second.shrink > input.widthOf(line + 1) + 1e-6) continue;
      if (isLast && !input.allowRunt && letterCount(input.atoms, second.start, second.end) < 2) continue;
      const longer = Math.max(first.natural, second.natural);
      if (!best || longer < best.longer) best = { end: p, longer };
    }
    if (best) ends[line] = best.end;
  }
  return { ends, forced: broken.forced };
}

/** Two lines of `input` whose first ends after a phrase's mark, the longer at most `PHRASE_SLACK` times the longer of `balanced`'s. */
function afterPhrase(input: BreakInput, balanced: Breaks): Breaks | undefined {
  const n = input.atoms.length;
  /** The natural widths of the two lines when the first ends before atom p, pt. */
  const widths = (p: number) => [measureLine(input, 0, p).natural, measureLine(input, p, n).natural];
  const limit = Math.max(...widths(balanced.ends[0])) * PHRASE_SLACK;
  let best: { end: number; longer: number } | undefined;
  for (let p = 1; p < n; p++) {
    const before = input.atoms[p - 1];
    if (!input.allowed[p] || !PHRASE_ENDS.has(before.text[before.text.length - 1])) continue;
    const [first, second] = widths(p);
    const longer = Math.max(first, second);
    if (first > input.widthOf(0) || second > input.widthOf(1) || longer > limit) continue;
    if (!best || longer < best.longer) best = { end: p, longer };
  }
  return best && { ends: [best.end, n], forced: false };
}
