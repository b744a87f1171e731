/**
 * Centred text balanced, as CSS's `text-wrap: balance` sets a title: a centred paragraph of two
 * lines or more is broken as at the narrowest measure that gives it no more lines, so its lines
 * are of like length (`立德树人：品牌化引领与沉浸式体验的“双路径”` over a lone `实践` becomes
 * two lines of about half each). The lines are still centred in the whole measure.
 */
import type { BreakInput, Breaks } from './optimal-breaks.js';

/** Steps of the search for the narrowest measure (each halves the interval: 2⁻¹⁰ of the line's width). */
const SEARCH_STEPS = 10;

/**
 * The ends of the lines of `input` balanced, given how `breaker` breaks it at its own measure
 * (`given`: its lines there). Unchanged for one line, or when a narrower measure would force a break.
 */
export function balancedBreaks(input: BreakInput, breaker: (input: BreakInput) => Breaks, given: Breaks): Breaks {
  const lines = given.ends.length;
  if (lines < 2 || given.forced) return given;
  let best = given;
  // the measure taken off every line, pt: 0 keeps the lines as given; a line's share of the whole cannot be kept
  let [keeps, loses] = [0, input.widthOf(1) / lines];
  for (let step = 0; step < SEARCH_STEPS; step++) {
    const less = (keeps + loses) / 2;
    const tried = breaker({ ...input, widthOf: (i) => input.widthOf(i) - less });
    if (!tried.forced && tried.ends.length === lines) [best, keeps] = [tried, less];
    else loses = less;
  }
  return best;
}
