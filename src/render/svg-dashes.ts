/**
 * How many dashes an SVG's dashed strokes make: each stroked path's length (at most, see
 * svg-path-length.ts) over its dash pattern's length, in the path's own units (a transform scales
 * both alike). Drawing costs each dash: Skia (`--png`) took about 7 µs a dash at 144 dpi, so
 * 2,000 lines dashed 0.0005 ran for more than 10 minutes, and a PDF viewer dashes them alike.
 */
import type { SvgPath } from './svg-shapes.js';
import { pathLengthAtMost } from './svg-path-length.js';

/** Most dashes an SVG's strokes may make in all (a chart's dashed grid makes a few thousand): about 0.7 s for page images at 144 dpi. */
export const MAX_SVG_DASHES = 100_000;

/** The dashes `paths` make in all, and the path that makes the most. */
export function dashCount(paths: readonly SvgPath[]): { count: number; most?: SvgPath } {
  let count = 0;
  let most: { path: SvgPath; count: number } | undefined;
  for (const path of paths) {
    const dash = path.stroke?.dash ?? [];
    if (!dash.length) continue;
    const period = dash.reduce((sum, n) => sum + n, 0);
    const own = pathLengthAtMost(path.d) / period;
    count += own;
    if (!most || own > most.count) most = { path, count: own };
  }
  return { count, most: most?.path };
}
