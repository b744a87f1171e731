/**
 * A checked SVG (content/svg-check.ts) as what it paints: filled and stroked paths, and text,
 * each with the matrix from its own units to pt from the image's top left. SVG's own painting
 * rules, in the part Imprint draws: presentation attributes and `style="…"` declarations,
 * inherited down the tree; `transform`s; the root's viewBox fitted into its natural size
 * (`preserveAspectRatio` none, else centred, as "xMidYMid meet"); shapes (rect, circle,
 * ellipse, line, polyline, polygon, path) and text (`<text>`, `<tspan>` with its own x, y).
 */
import type { CheckedSvg, SvgElement } from '../content/svg-check.js';
import { MAX_SVG_NUMBER, svgLength, viewBoxOf } from '../content/svg-check.js';
import { IDENTITY, multiply, parseTransform, type Matrix } from './svg-transform.js';

/** A colour and its opacity (0–1). */
export interface SvgPaint {
  /** `#rrggbb` or a CSS colour name. */
  color: string;
  opacity: number;
}

/** A path to fill or stroke. Lengths in the path's own units (its matrix takes them to pt). */
export interface SvgPath {
  /** SVG path data (pdfkit draws it as SVG does, up to its first error). */
  d: string;
  matrix: Matrix;
  fill?: SvgPaint;
  fillRule: 'nonzero' | 'evenodd';
  stroke?: SvgPaint & { width: number; cap: 'butt' | 'round' | 'square'; join: 'miter' | 'round' | 'bevel'; dash: number[] };
  /** The line of its element in the SVG file, from 1 (for messages). */
  line: number;
}

/** A line of text at its anchor point. Lengths in its own units. */
export interface SvgText {
  text: string;
  x: number;
  /** Baseline. */
  y: number;
  matrix: Matrix;
  size: number;
  bold: boolean;
  color: string;
  /** Where the text stands from its anchor point. */
  anchor: 'start' | 'middle' | 'end';
}

/** What an SVG paints: paths in document order, then its text. */
export interface SvgShapes {
  paths: SvgPath[];
  texts: SvgText[];
}

/** The style properties read, as written (inherited ones passed down). */
type Props = Record<string, string>;

const INHERITED = ['fill', 'stroke', 'stroke-width', 'fill-opacity', 'stroke-opacity', 'fill-rule', 'stroke-linecap', 'stroke-linejoin', 'stroke-dasharray', 'font-size', 'font-weight', 'text-anchor', 'visibility', 'color'];
const PROPS = new Set([...INHERITED, 'opacity', 'display']);

const INITIAL: Props = { fill: 'black', stroke: 'none', 'stroke-width': '1', 'font-size': '16', color: 'black' };

/** The shapes of each SVG, found once for every layout round. */
const found = new WeakMap<CheckedSvg, SvgShapes>();

/** The paths and text of a checked SVG. */
export function svgShapes(svg: CheckedSvg): SvgShapes {
  let out = found.get(svg);
  if (!out) {
    found.set(svg, (out = { paths: [], texts: [] }));
    walk(svg.root, rootMatrix(svg), { ...INITIAL, opacity: '1' }, out);
  }
  return out;
}

/** From the root's user units to pt from the image's top left. */
function rootMatrix(svg: CheckedSvg): Matrix {
  const box = viewBoxOf(svg.root.attrs.viewBox);
  if (!box) return [0.75, 0, 0, 0.75, 0, 0]; // user units are CSS px
  const [vx, vy, vw, vh] = box;
  let [sx, sy] = [svg.width / vw, svg.height / vh];
  if (!/^\s*none/.test(svg.root.attrs.preserveAspectRatio ?? '')) sx = sy = Math.min(sx, sy);
  return [sx, 0, 0, sy, (svg.width - vw * sx) / 2 - vx * sx, (svg.height - vh * sy) / 2 - vy * sy];
}

function propsOf(el: SvgElement, parent: Props): Props {
  const own: Props = {};
  for (const [k, v] of Object.entries(el.attrs)) if (PROPS.has(k)) own[k] = v.trim();
  for (const decl of (el.attrs.style ?? '').split(';')) {
    const i = decl.indexOf(':');
    const k = decl.slice(0, i).trim();
    if (i > 0 && PROPS.has(k)) own[k] = decl.slice(i + 1).replace(/!important/, '').trim();
  }
  const props: Props = {};
  for (const k of INHERITED) props[k] = own[k] === undefined || own[k] === 'inherit' ? parent[k] : own[k];
  // group opacity is approximated by multiplying it down to what the group paints
  props.opacity = String(num(parent.opacity, 1) * num(own.opacity, 1));
  props.display = own.display ?? 'inline';
  return props;
}

/** Elements whose content is not painted where it stands. */
const NOT_PAINTED = new Set(['defs', 'symbol', 'clipPath', 'mask', 'marker', 'pattern', 'linearGradient', 'radialGradient', 'filter', 'title', 'desc', 'metadata', 'style', 'script', 'foreignObject', 'use', 'image', 'switch']);

function walk(el: SvgElement, parentMatrix: Matrix, parentProps: Props, out: SvgShapes): void {
  if (NOT_PAINTED.has(el.name) || el.name.includes(':')) return;
  const props = propsOf(el, parentProps);
  if (props.display === 'none') return;
  const own = el.attrs.transform === undefined ? IDENTITY : (parseTransform(el.attrs.transform) ?? IDENTITY);
  const matrix = multiply(parentMatrix, own);
  // scales nested on scales may pass what the PDF can write: such a part is not drawn
  if (!matrix.every((v) => Math.abs(v) <= MAX_SVG_NUMBER)) return;
  if (el.name === 'text') return textsOf(el, matrix, props, out.texts);
  const d = pathData(el);
  if (d && props.visibility !== 'hidden' && props.visibility !== 'collapse') {
    const path = painted(d, matrix, props, el);
    if (path.fill || path.stroke) out.paths.push(path);
  }
  for (const c of el.children) if (typeof c !== 'string') walk(c, matrix, props, out);
}

/** A number attribute in user units (`px` allowed), or `fallback`. */
function num(text: string | undefined, fallback = 0): number {
  const n = parseFloat(text ?? '');
  return Number.isFinite(n) ? n : fallback;
}

/** The outline of a shape element as path data, or undefined for an element that is not a shape. */
function pathData(el: SvgElement): string | undefined {
  const a = (k: string) => num(el.attrs[k]);
  switch (el.name) {
    case 'path':
      return el.attrs.d ?? '';
    case 'rect': {
      const [x, y, w, h] = [a('x'), a('y'), a('width'), a('height')];
      if (!(w > 0 && h > 0)) return '';
      let rx = el.attrs.rx !== undefined ? a('rx') : a('ry');
      let ry = el.attrs.ry !== undefined ? a('ry') : rx;
      [rx, ry] = [Math.min(Math.max(rx, 0), w / 2), Math.min(Math.max(ry, 0), h / 2)];
      if (!rx || !ry) return `M${x} ${y}H${x + w}V${y + h}H${x}Z`;
      const arc = (dx: number, dy: number) => `A${rx} ${ry} 0 0 1 ${dx} ${dy}`;
      return `M${x + rx} ${y}H${x + w - rx}${arc(x + w, y + ry)}V${y + h - ry}${arc(x + w - rx, y + h)}H${x + rx}${arc(x, y + h - ry)}V${y + ry}${arc(x + rx, y)}Z`;
    }
    case 'circle':
    case 'ellipse': {
      const [cx, cy] = [a('cx'), a('cy')];
      const [rx, ry] = el.name === 'circle' ? [a('r'), a('r')] : [a('rx'), a('ry')];
      if (!(rx > 0 && ry > 0)) return '';
      return `M${cx + rx} ${cy}A${rx} ${ry} 0 0 1 ${cx} ${cy + ry}A${rx} ${ry} 0 0 1 ${cx - rx} ${cy}A${rx} ${ry} 0 0 1 ${cx} ${cy - ry}A${rx} ${ry} 0 0 1 ${cx + rx} ${cy}Z`;
    }
    case 'line':
      return `M${a('x1')} ${a('y1')}L${a('x2')} ${a('y2')}`;
    case 'polyline':
    case 'polygon': {
      const n = (el.attrs.points ?? '').trim().split(/[\s,]+/).map(Number);
      if (n.length < 4 || !n.every(Number.isFinite)) return '';
      return `M${n.slice(0, 2).join(' ')}L${n.slice(2, n.length - (n.length % 2)).join(' ')}${el.name === 'polygon' ? 'Z' : ''}`;
    }
  }
  return undefined;
}

function painted(d: string, matrix: Matrix, props: Props, el: SvgElement): SvgPath {
  const opacity = num(props.opacity, 1);
  const fill = el.name === 'line' ? undefined : paint(props.fill, props.color, opacity * num(props['fill-opacity'], 1));
  const strokePaint = paint(props.stroke, props.color, opacity * num(props['stroke-opacity'], 1));
  const width = num(props['stroke-width'], 1);
  const dash = (props['stroke-dasharray'] ?? 'none').split(/[\s,]+/).map(Number).filter((n) => Number.isFinite(n));
  return {
    d,
    matrix,
    fill,
    fillRule: props['fill-rule'] === 'evenodd' ? 'evenodd' : 'nonzero',
    line: el.line,
    stroke: strokePaint && width > 0 ? { ...strokePaint, width, cap: oneOf(props['stroke-linecap'], ['butt', 'round', 'square']), join: oneOf(props['stroke-linejoin'], ['miter', 'round', 'bevel']), dash: dash.every((n) => n > 0) ? (dash.length % 2 ? [...dash, ...dash] : dash) : [] } : undefined,
  };
}

function oneOf<T extends string>(value: string | undefined, choices: readonly T[]): T {
  return (choices as readonly string[]).includes(value ?? '') ? (value as T) : choices[0];
}

/** A paint as drawn, or undefined for none (a gradient or pattern, which Imprint does not draw, included). */
function paint(value: string | undefined, currentColor: string | undefined, opacity: number): SvgPaint | undefined {
  const v = (value ?? 'none').trim();
  if (v === 'none' || v === 'transparent' || v.startsWith('url(') || opacity <= 0) return undefined;
  const color = v.toLowerCase() === 'currentcolor' ? (currentColor ?? 'black') : v; // (CSS keywords: any case)
  const rgb = /^rgba?\(\s*([\d.]+)%?\s*[, ]\s*([\d.]+)%?\s*[, ]\s*([\d.]+)%?\s*(?:[,/]\s*([\d.]+)\s*)?\)$/.exec(color);
  if (rgb) {
    const hex = rgb.slice(1, 4).map((c) => Math.min(255, Math.round(Number(c))).toString(16).padStart(2, '0')).join('');
    return { color: `#${hex}`, opacity: opacity * (rgb[4] !== undefined ? Number(rgb[4]) : 1) };
  }
  return { color: /^#[0-9a-fA-F]{3}$|^#[0-9a-fA-F]{6}$|^[a-zA-Z]+$/.test(color) ? color.toLowerCase() : 'black', opacity };
}

/** A `<text>`'s lines: its text from its x, y, and each `<tspan>` with its own x or y from there. */
function textsOf(el: SvgElement, matrix: Matrix, props: Props, out: SvgText[]): void {
  const first = (k: string) => num((el.attrs[k] ?? '').trim().split(/[\s,]+/)[0]);
  let current: (SvgText & { painted: boolean }) | undefined;
  // text with fill="none" is not painted
  const flush = () => {
    if (current?.painted && current.text.trim()) out.push({ text: current.text.trim(), x: current.x, y: current.y, matrix, size: current.size, bold: current.bold, color: current.color, anchor: current.anchor });
  };
  const add = (text: string, p: Props, x: number, y: number, fresh: boolean) => {
    const t = text.replace(/\s+/g, ' ');
    if (fresh || !current) {
      flush();
      current = { text: '', x, y, matrix, size: svgLength(p['font-size']) !== undefined ? svgLength(p['font-size'])! / 0.75 : 16, bold: /^(bold|bolder|[6-9]00)$/.test(p['font-weight'] ?? ''), color: paint(p.fill, p.color, 1)?.color ?? '', painted: !!paint(p.fill, p.color, 1), anchor: oneOf(p['text-anchor'], ['start', 'middle', 'end']) };
    }
    current.text += t;
  };
  const visit = (e: SvgElement, p: Props, x: number, y: number, fresh: boolean) => {
    for (const c of e.children) {
      if (typeof c === 'string') {
        add(c, p, x, y, fresh);
        fresh = false;
      } else if (c.name === 'tspan') {
        const cp = propsOf(c, p);
        if (cp.display === 'none') continue;
        const own = c.attrs.x !== undefined || c.attrs.y !== undefined;
        const at = (k: 'x' | 'y', base: number) => (c.attrs[k] !== undefined ? num(c.attrs[k].trim().split(/[\s,]+/)[0]) : base);
        visit(c, cp, at('x', x), at('y', y), own);
      }
    }
  };
  visit(el, props, first('x'), first('y'), true);
  flush();
}
