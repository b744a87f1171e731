/**
 * SVG images, read and checked whole when the content is loaded, so that the layout and the PDF
 * writer never meet one they cannot draw: well-formed XML (no DOCTYPE, so no entities), an
 * `<svg>` root with a size (width and height, or a viewBox), at most MAX_SVG_ELEMENTS elements
 * nested at most MAX_SVG_DEPTH deep with at most MAX_SVG_PATH_NUMBERS numbers of path data (its
 * dashes are counted after, see content/image-file.ts) and MAX_SVG_TEXT characters of text, and
 * nothing from outside the file: an `href` or `url(…)`
 * that is not `#…` within the file, and a `<script>`, are refused. What Imprint does not draw
 * (style sheets, gradients, clipping, `<use>` …) is listed, for a warning.
 */
import { SaxesParser } from 'saxes';
import { parseTransform } from '../render/svg-transform.js';

/** Most elements an SVG may have (a chart has hundreds; a map traced from a photo, millions). */
export const MAX_SVG_ELEMENTS = 20_000;

/**
 * Most numbers an SVG's paths may have in all (`d`, and polylines' and polygons' `points`):
 * 50,000 points of lines, 16,000 curves. Drawing a path costs the square of its edges where they
 * cross (a scan converter keeps its edges in order along each row: Skia's for page images,
 * poppler's and other viewers' for the PDF): 100,000 numbers in one path of crossing lines take
 * about 0.6 s more for page images at 144 dpi (3 s at 600), twice as many 6 s (16 s), and the
 * hostile trial's 11.6 MB path took 104 s. A chart has a few thousand; a map traced to the
 * pixel, millions (as a PNG it costs its pixels).
 */
export const MAX_SVG_PATH_NUMBERS = 100_000;

/**
 * Most characters of text an SVG's `<text>` elements may hold in all (a chart's labels, a few
 * hundred; a table drawn as an SVG, some thousands). Each is set as the report's text is, at
 * about 0.7 KB of memory while it is set: 100,000 take about 0.5 s, where the 50 MiB an SVG
 * may be would hold 17 million and take some 12 GB.
 */
export const MAX_SVG_TEXT = 100_000;

/** Deepest nesting of elements an SVG may have. */
export const MAX_SVG_DEPTH = 64;

/** Largest number an SVG may write (a coordinate, a size, a scale), in magnitude: the PDF writer takes up to 1e21. */
export const MAX_SVG_NUMBER = 1e9;

/** Attributes whose numbers are drawn with (`style` too: its declarations' values; a colour's `#1e9e4f` reads as numbers but is only a colour). */
const NUMBERED = new Set(['d', 'points', 'transform', 'viewBox', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'width', 'height', 'stroke-width', 'stroke-dasharray', 'font-size']);

/** A number as SVG writes it. */
const NUMBER = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/g;

/** An SVG element as read: its name, attributes and children (text in order with elements). */
export interface SvgElement {
  name: string;
  attrs: Readonly<Record<string, string>>;
  children: readonly (SvgElement | string)[];
  /** Line of the element's start tag in the SVG file, from 1. */
  line: number;
}

/** An SVG read and checked. Lengths in pt. */
export interface CheckedSvg {
  /** Natural size: the `<svg>`'s width and height (a bare number is CSS px, 0.75 pt), else its viewBox's in px. */
  width: number;
  height: number;
  root: SvgElement;
  /** What is in the file that Imprint does not draw, in words (`<style> sheets (line 3)`), once each. */
  ignored: string[];
}

/** Elements of SVG that paint nothing Imprint draws, or that it leaves out, and why they are listed. */
const IGNORED: Record<string, string> = {
  style: '<style> sheets (use attributes or style="…")',
  foreignObject: '<foreignObject>',
  use: '<use>',
  image: '<image>',
  linearGradient: 'gradients',
  radialGradient: 'gradients',
  pattern: 'patterns',
  clipPath: 'clipping paths',
  mask: 'masks',
  filter: 'filters',
  textPath: 'text on a path',
  marker: 'markers',
};

/** The SVG in `data`, checked, or why it cannot be used. */
export function checkSvg(data: Buffer): CheckedSvg | string {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: { name: string; attrs: Record<string, string>; children: (SvgElement | string)[]; line: number }[] = [];
  let root: SvgElement | undefined;
  let count = 0;
  let pathNumbers = 0;
  let textChars = 0;
  let refused: string | undefined;
  const ignored = new Set<string>();
  const refuse = (why: string) => {
    refused ??= `${why} (line ${parser.line} of the SVG)`;
  };
  parser.on('doctype', () => refuse('SVG with a <!DOCTYPE> (entities) is not accepted'));
  parser.on('opentag', (tag) => {
    if (++count > MAX_SVG_ELEMENTS) return refuse(`SVG too complex: more than ${MAX_SVG_ELEMENTS} elements`);
    if (stack.length >= MAX_SVG_DEPTH) return refuse(`SVG nested too deep: more than ${MAX_SVG_DEPTH} levels`);
    const attrs = tag.attributes as Record<string, string>;
    // (before their numbers are read each: a path of millions is refused at once)
    for (const key of ['d', 'points']) if (attrs[key] !== undefined) pathNumbers += countNumbers(attrs[key]);
    if (pathNumbers > MAX_SVG_PATH_NUMBERS)
      return refuse(`SVG too complex: more than ${MAX_SVG_PATH_NUMBERS} numbers in its paths (d="…", points="…"): simplify them (fewer points), or use a PNG`);
    const problem = refusal(tag.name, attrs);
    if (problem) return refuse(problem);
    const unused = IGNORED[tag.name] ?? ['clip-path', 'mask', 'filter'].find((a) => a in attrs && attrs[a] !== 'none');
    if (unused) ignored.add(IGNORED[tag.name] ? unused : `${unused}="…"`);
    for (const paint of ['fill', 'stroke']) if (/url\(/.test(attrs[paint] ?? '') || new RegExp(`${paint}\\s*:\\s*url\\(`).test(attrs.style ?? '')) ignored.add('gradient or pattern paint (drawn as none)');
    stack.push({ name: tag.name, attrs, children: [], line: parser.line });
  });
  const inText = () => stack.some((e) => e.name === 'text');
  parser.on('text', (t) => {
    if (!stack.length) return;
    if (inText() && (textChars += t.length) > MAX_SVG_TEXT) return refuse(`SVG too complex: more than ${MAX_SVG_TEXT} characters of text (<text>): shorten its labels, or set long text in the report, not in the image`);
    stack[stack.length - 1].children.push(t);
  });
  parser.on('cdata', (t) => stack.length && stack[stack.length - 1].children.push(t));
  parser.on('closetag', () => {
    const done = stack.pop();
    if (!done) return;
    if (stack.length) stack[stack.length - 1].children.push(done);
    else root = done;
  });
  try {
    parser.write(data.toString('utf8')).close();
  } catch (e) {
    // saxes says where as `LINE:COLUMN: what`
    const [, line, column, what] = /^(?:undefined:)?(\d+):(\d+): (.*?)\.?$/s.exec((e as Error).message) ?? [];
    refused ??= line ? `damaged SVG: ${what} (line ${line}, column ${column} of the SVG)` : `damaged SVG: ${(e as Error).message}`;
  }
  if (refused) return refused;
  if (!root || root.name !== 'svg') return `not an SVG image: its root element is <${root?.name ?? ''}>, not <svg>`;
  const size = naturalSize(root.attrs);
  if (typeof size === 'string') return size;
  return { ...size, root, ignored: [...ignored] };
}

/** How many numbers `text` writes. */
function countNumbers(text: string): number {
  const numbers = new RegExp(NUMBER.source, 'g');
  let count = 0;
  while (numbers.exec(text)) count++;
  return count;
}

/** Why an element cannot be drawn as it stands (something from outside the file, a script), or undefined. */
function refusal(name: string, attrs: Record<string, string>): string | undefined {
  if (name === 'script') return 'SVG has a <script>: scripts are not run (remove it)';
  const declared = (attrs.style ?? '').split(';').map((d) => d.split(':')).filter((d) => d.length === 2);
  for (const [key, value] of [...Object.entries(attrs), ...declared.map(([k, v]) => [k.trim(), v] as [string, string])]) {
    if ((key === 'href' || key.endsWith(':href')) && !value.trim().startsWith('#'))
      return `SVG refers to another file or address (<${name} ${key}="${value.slice(0, 60)}">): an SVG must be whole in itself`;
    if (/url\(\s*['"]?\s*[^#'"\s]/.test(value)) return `SVG refers to another file or address (${key}="${value.slice(0, 60)}"): an SVG must be whole in itself`;
    if (/^on[a-z]+$/.test(key)) return `SVG has an event handler (${key}="…"): scripts are not run (remove it)`;
    if (NUMBERED.has(key) && (value.match(NUMBER) ?? []).some((n) => !(Math.abs(Number(n)) <= MAX_SVG_NUMBER)))
      return `SVG number out of range (above ${MAX_SVG_NUMBER}): ${key}="${value.slice(0, 60)}"`;
    if (key === 'transform' && parseTransform(value) === undefined) return `SVG transform is not one: transform="${value.slice(0, 60)}"`;
  }
  return undefined;
}

/** CSS px in pt. */
const PX = 0.75;

const UNITS: Record<string, number> = { '': PX, px: PX, pt: 1, pc: 12, mm: 72 / 25.4, cm: 72 / 2.54, in: 72 };

/** An SVG length (a bare number is in px) in pt; undefined when absent or relative (`%`, `em`). */
export function svgLength(text: string | undefined): number | undefined {
  const m = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(px|pt|pc|mm|cm|in)?\s*$/.exec(text ?? '');
  return m ? Number(m[1]) * UNITS[m[2] ?? ''] : undefined;
}

/** The numbers of a `viewBox="x y w h"`, or undefined when it is not one. */
export function viewBoxOf(text: string | undefined): [number, number, number, number] | undefined {
  const n = (text ?? '').trim().split(/[\s,]+/).map(Number);
  return n.length === 4 && n.every(Number.isFinite) && n[2] > 0 && n[3] > 0 ? [n[0], n[1], n[2], n[3]] : undefined;
}

/** The `<svg>`'s natural size in pt, or why it has none. */
function naturalSize(attrs: Readonly<Record<string, string>>): { width: number; height: number } | string {
  const box = viewBoxOf(attrs.viewBox);
  if (attrs.viewBox !== undefined && !box) return `SVG viewBox is not four numbers with a width and height above 0: viewBox="${attrs.viewBox}"`;
  let width = svgLength(attrs.width);
  let height = svgLength(attrs.height);
  if (box) {
    width ??= height !== undefined ? (height * box[2]) / box[3] : box[2] * PX;
    height ??= (width * box[3]) / box[2];
  }
  if (width === undefined || height === undefined) return 'SVG has no size: give its <svg> a viewBox="0 0 W H", or a width and height';
  if (!(width > 0 && height > 0 && width < 1e5 && height < 1e5)) return `SVG size is not usable: ${width.toFixed(1)} × ${height.toFixed(1)} pt`;
  return { width, height };
}
