/**
 * A text set on one line at the largest size that fits it, up to its style's (`<p fit="line">`:
 * a 发文机关标志, GB/T 9704 7.2.4, whose size the standard leaves to what fits the type area).
 */
import type { TextStyleSpec } from '../style/theme.js';
import type { Inline } from '../text/inline.js';
import { measureLines, paragraphStyle } from './text-lines.js';
import type { LayoutContext } from './context.js';

/** Sizes are tried to this step, pt. */
const SIZE_STEP = 0.5;

/**
 * `style` at the largest size, in steps of SIZE_STEP pt, at which `runs` take one line `width` pt
 * wide (its leading scaled with it), set off the grid; `style` itself, off the grid, when they fit
 * at its size, or when they fit at no size its theme allows (then they wrap).
 */
export function fittedStyle(ctx: LayoutContext, runs: Inline[], style: TextStyleSpec, width: number, least: number): TextStyleSpec {
  const at = (size: number): TextStyleSpec => ({ ...style, onGrid: false, size, lineHeight: (style.lineHeight * size) / style.size });
  const fits = (s: TextStyleSpec) => measureLines(ctx, runs, paragraphStyle(ctx, s, width - s.indentRight)).length <= 1;
  const whole = at(style.size);
  if (fits(whole) || !fits(at(least))) return whole;
  // the largest step that fits (fewer characters a line never fit at a larger size)
  let [fitting, failing] = [Math.ceil(least / SIZE_STEP), Math.floor(style.size / SIZE_STEP)];
  while (failing - fitting > 1) {
    const mid = (fitting + failing) >> 1;
    if (fits(at(mid * SIZE_STEP))) fitting = mid;
    else failing = mid;
  }
  return at(fitting * SIZE_STEP);
}
