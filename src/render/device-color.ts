/**
 * The operators that set a colour. A grey (r = g = b, black included) is set in DeviceGray: text
 * and rules in RGB black reach the printer as four inks (a rich black), whose plates, a hair out
 * of register, blur small text and hairlines; in grey they print in black ink alone, as a print
 * shop's preflight asks. Any other colour is set as pdfkit sets it (RGB, or CMYK where given so).
 */

import { pdfNumber } from './pdf-number.js';

/** pdfkit's colour parser: a name or #hex to RGB (0–1) or CMYK (0–1) components; null if unknown. */
export interface ColorParser {
  _normalizeColor(color: string): number[] | null;
}

const fills = new Map<string, string>();
const strokes = new Map<string, string>();

/** The operators that set the fill (or, with `stroke`, the stroke) colour `color` (`#rrggbb` or a name); throws for no colour. */
export function colorOperators(doc: ColorParser, color: string, stroke = false): string {
  const made = stroke ? strokes : fills;
  let ops = made.get(color);
  if (ops === undefined) {
    const c = doc._normalizeColor(color);
    if (!c) throw new Error(`not a colour: ${color}`);
    const [space, components] = c.length === 3 && c[0] === c[1] && c[1] === c[2] ? ['DeviceGray', [c[0]]] : [c.length === 4 ? 'DeviceCMYK' : 'DeviceRGB', c];
    const values = components.map(pdfNumber).join(' ');
    ops = stroke ? `/${space} CS\n${values} SCN` : `/${space} cs\n${values} scn`;
    made.set(color, ops);
  }
  return ops;
}
