/**
 * How long SVG path data is, in its own units, at most: lines and closes as they are, a curve as
 * its control polygon (never shorter than the curve), an arc as the half or whole ellipse its
 * radii make (its large-arc flag; radii too small for its ends grown as SVG grows them). An
 * estimate for what drawing the path costs (see svg-dashes.ts), not a measure of it.
 */

/** The parameters each command takes. */
const PARAMETERS: Record<string, number> = { M: 2, L: 2, H: 1, V: 1, C: 6, S: 4, Q: 4, T: 2, A: 7, Z: 0 };

/** A command letter or a number, as path data writes them. */
const TOKEN = /([MLHVCSQTAZmlhvcsqtaz])|([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)/g;

/** The length of path data `d`, at most (up to its first error, as it is drawn). */
export function pathLengthAtMost(d: string): number {
  const tokens = [...d.matchAll(TOKEN)];
  let length = 0;
  let [x, y, startX, startY] = [0, 0, 0, 0];
  let command = '';
  for (let i = 0; i < tokens.length; ) {
    if (tokens[i][1]) command = tokens[i++][1];
    else if (!command) return length;
    const upper = command.toUpperCase();
    const relative = command !== upper;
    if (upper === 'Z') {
      length += Math.hypot(startX - x, startY - y);
      [x, y] = [startX, startY];
      continue;
    }
    const count = PARAMETERS[upper];
    const p = tokens.slice(i, i + count).map((t) => Number(t[2]));
    if (p.length < count || p.some((n) => Number.isNaN(n))) return length;
    i += count;
    const [dx, dy] = relative ? [x, y] : [0, 0];
    // the point a segment ends at, and the points it passes by
    let points: number[][];
    if (upper === 'H') points = [[p[0] + (relative ? x : 0), y]];
    else if (upper === 'V') points = [[x, p[0] + (relative ? y : 0)]];
    else if (upper === 'A') points = [];
    else points = Array.from({ length: count / 2 }, (_, k) => [p[2 * k] + dx, p[2 * k + 1] + dy]);
    if (upper === 'A') {
      const [ex, ey] = [p[5] + dx, p[6] + dy];
      const radius = Math.max(Math.abs(p[0]), Math.abs(p[1]), Math.hypot(ex - x, ey - y) / 2);
      length += (p[3] ? 2 : 1) * Math.PI * radius;
      [x, y] = [ex, ey];
    } else if (upper === 'M') {
      [x, y] = points[0];
      [startX, startY] = [x, y];
      command = relative ? 'l' : 'L'; // pairs after a move are lines
    } else {
      for (const [px, py] of points) {
        length += Math.hypot(px - x, py - y);
        [x, y] = [px, py];
      }
    }
  }
  return length;
}
