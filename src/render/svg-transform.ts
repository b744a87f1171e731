/**
 * 2-D affine matrices as SVG and PDF write them, `[a, b, c, d, e, f]`: a point (x, y) goes to
 * (a·x + c·y + e, b·x + d·y + f). And the SVG `transform="…"` attribute read into one.
 */

/** An affine matrix `[a, b, c, d, e, f]`. */
export type Matrix = readonly [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `m` then `n` applied after it: the matrix of n(m(p)). */
export function multiply(n: Matrix, m: Matrix): Matrix {
  return [
    n[0] * m[0] + n[2] * m[1],
    n[1] * m[0] + n[3] * m[1],
    n[0] * m[2] + n[2] * m[3],
    n[1] * m[2] + n[3] * m[3],
    n[0] * m[4] + n[2] * m[5] + n[4],
    n[1] * m[4] + n[3] * m[5] + n[5],
  ];
}

/** Where `m` takes the point (x, y). */
export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** True when `m` only moves and scales, the same both ways (no turn, slant or mirror). */
export function isUprightScale(m: Matrix): boolean {
  return Math.abs(m[1]) < 1e-9 && Math.abs(m[2]) < 1e-9 && m[0] > 0 && Math.abs(m[0] - m[3]) < 1e-9 * Math.max(1, m[0]);
}

/** The factor by which `m` scales areas, square-rooted: its scale of lengths on average. */
export function lengthScale(m: Matrix): number {
  return Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
}

const NUMBER = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/g;

/** The matrix of an SVG `transform` list (`translate(10 20) rotate(-45)`), or undefined when it is not one. */
export function parseTransform(text: string): Matrix | undefined {
  let m: Matrix = IDENTITY;
  const rest = text.replace(/\s*([a-zA-Z]+)\s*\(([^)]*)\)\s*,?/g, (_, name: string, args: string) => {
    const n = (args.match(NUMBER) ?? []).map(Number);
    const t = transformOf(name, n);
    if (!t) return '\u0000';
    m = multiply(m, t);
    return '';
  });
  return rest.trim() === '' ? m : undefined;
}

function transformOf(name: string, n: number[]): Matrix | undefined {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  switch (name) {
    case 'matrix':
      return n.length === 6 ? [n[0], n[1], n[2], n[3], n[4], n[5]] : undefined;
    case 'translate':
      return n.length === 1 || n.length === 2 ? [1, 0, 0, 1, n[0], n[1] ?? 0] : undefined;
    case 'scale':
      return n.length === 1 || n.length === 2 ? [n[0], 0, 0, n[1] ?? n[0], 0, 0] : undefined;
    case 'rotate': {
      if (n.length !== 1 && n.length !== 3) return undefined;
      const [cos, sin] = [Math.cos(rad(n[0])), Math.sin(rad(n[0]))];
      const r: Matrix = [cos, sin, -sin, cos, 0, 0];
      if (n.length === 1) return r;
      return multiply(multiply([1, 0, 0, 1, n[1], n[2]], r), [1, 0, 0, 1, -n[1], -n[2]]);
    }
    case 'skewX':
      return n.length === 1 ? [1, 0, Math.tan(rad(n[0])), 1, 0, 0] : undefined;
    case 'skewY':
      return n.length === 1 ? [1, Math.tan(rad(n[0])), 0, 1, 0, 0] : undefined;
  }
  return undefined;
}
